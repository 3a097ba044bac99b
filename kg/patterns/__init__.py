"""Surface patterns as data: what the entity ruler in front of NER tags, and the trigger words a user adds.

The shipped files beside this module are spaCy EntityRuler patterns, one JSON object a line
(``{"label": ..., "pattern": ..., "id": ...}``): ``orders.jsonl`` (order numbers in any style: "EO 2025-014",
"Executive Order D 2025-014", "Order No. 7", "H.B. 1234", "SB 22-180", "Proclamation 9645", "Public Health
Order 20-38", and an agency's numbered reports, notices and agreements as plain orders: "Report No. 25-04",
"Violation Notice L-2024-0041"), ``courts.jsonl`` (court names NER splits) and ``money.jsonl`` (sums: "$3.2M",
"$412,000", "1.5 billion dollars"). For a ``LAW`` pattern, ``id`` is the ontology class of the order it names
(``ExecutiveOrder``, ``Legislation``, ...); without one the class comes from the order noun.

A user adds a domain's own with a folder of the same (`read_folder`, ``kg build --patterns DIR``): every
``*.jsonl`` in it is more ruler patterns, and ``triggers.json`` adds trigger words to the lists of
`kg.lexicon` (`kg.lexicon.extend`). docs/patterns.md describes both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import PatternError
from kg.lexicon import check_additions
from kg.vocab import SUBCLASSES

if TYPE_CHECKING:
    from spacy.matcher import Matcher

# The labels of the English model's NER, which the rules downstream read.
LABELS = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)
ORDER_CLASSES = frozenset(SUBCLASSES["Order"])
TRIGGERS_FILE = "triggers.json"


@dataclass(frozen=True)
class Patterns:
    """Entity-ruler patterns and trigger words (lexicon name -> words to add), from one folder."""

    ruler: tuple[dict[str, Any], ...] = ()
    triggers: dict[str, Any] = field(default_factory=dict)


def shipped() -> list[dict[str, Any]]:
    """The ruler patterns shipped with kg, file by file in name order."""
    folder = resources.files("kg.patterns")
    found: list[dict[str, Any]] = []
    for entry in sorted((e for e in folder.iterdir() if e.name.endswith(".jsonl")), key=lambda e: e.name):
        found.extend(_patterns(entry.read_text(encoding="utf-8"), f"kg/patterns/{entry.name}"))
    return found


def read_folder(folder: str | Path) -> Patterns:
    """A user's patterns: the ``*.jsonl`` ruler patterns and ``triggers.json`` of `folder`. Raises `PatternError`,
    naming the file and line, for anything the ruler or the lexicon could not take."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PatternError(f"{folder}: no such folder (--patterns takes a folder of *.jsonl and {TRIGGERS_FILE})")
    files = sorted(folder.glob("*.jsonl"))
    triggers_path = folder / TRIGGERS_FILE
    if not files and not triggers_path.is_file():
        raise PatternError(f"{folder}: no *.jsonl pattern file and no {TRIGGERS_FILE}; see docs/patterns.md")
    ruler: list[dict[str, Any]] = []
    for path in files:
        ruler.extend(_patterns(path.read_text(encoding="utf-8"), str(path)))
    triggers: dict[str, Any] = {}
    if triggers_path.is_file():
        try:
            triggers = json.loads(triggers_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise PatternError(f"{triggers_path}:{error.lineno}: not JSON ({error.msg})") from None
        try:
            check_additions(triggers)
        except ValueError as error:
            raise PatternError(f"{triggers_path}: {error}") from None
    return Patterns(tuple(ruler), triggers)


def _patterns(text: str, where: str) -> list[dict[str, Any]]:
    """The patterns of one JSONL text, each checked as the ruler will read it."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(f"{where}:{number}: not JSON ({error.msg})") from None
        problem = _problem(entry)
        if problem:
            raise PatternError(f"{where}:{number}: {problem}")
        found.append(entry)
    return found


def _problem(entry: Any) -> str | None:
    """What is wrong with one pattern entry, if anything."""
    if not isinstance(entry, dict) or "label" not in entry or "pattern" not in entry:
        return 'a pattern is an object with "label" and "pattern" (and optionally "id")'
    if unknown := sorted(set(entry) - {"label", "pattern", "id"}):
        return f"unknown field(s) {', '.join(unknown)}; a pattern has label, pattern and optionally id"
    if entry["label"] not in LABELS:
        return f"label {entry['label']!r} is not one kg reads; use one of {', '.join(LABELS)}"
    pattern = entry["pattern"]
    tokens_ok = isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)
    if not (isinstance(pattern, str) and pattern.strip()) and not tokens_ok:
        return "pattern is a phrase (a string) or a list of token objects (spaCy Matcher format)"
    if entry["label"] == "LAW" and "id" in entry and entry["id"] not in ORDER_CLASSES:
        return f"id {entry['id']!r} of a LAW pattern is an order class: one of {', '.join(sorted(ORDER_CLASSES))}"
    if tokens_ok:
        try:  # the Matcher's own check of token attributes and operators
            _validating_matcher().add("pattern", [pattern])
        except ValueError as error:
            return f"not a spaCy Matcher pattern: {' '.join(str(error).split())[:300]}"
    return None


def _validating_matcher() -> Matcher:
    from spacy.matcher import Matcher  # imported when a pattern is checked, not with kg.patterns
    from spacy.vocab import Vocab

    return Matcher(Vocab(), validate=True)
