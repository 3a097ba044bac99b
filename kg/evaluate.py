"""Score predicted facts against hand-written gold facts: the engine behind ``kg eval GOLD_DIR``.

The gold format and the matching rules are those of ``data/gold/README.md``. In short: a predicted
fact is a true positive when it is in a gold document, has the gold fact's type, its subject and
object match the gold ones (label and class), and its ``date`` / ``status``, when given, agree. Each
gold fact is matched at most once, by a maximum one-to-one matching.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from kg.errors import GoldError
from kg.facts import FACT_TYPES, FUNDING_STATUSES, STANCES
from kg.vocab import SUBCLASSES

# Qualifiers a gold fact may carry; only these two are compared, the others are informative.
QUALIFIERS = ("role", "date", "status", "stance", "instrument", "imposed_by")
CHECKED_QUALIFIERS = ("date", "status")

# Function words that cannot on their own make a whole-word containment match ("of the" must not
# match every alias). Pronouns are deliberately absent: "us" is the normalised form of "U.S.".
STOPWORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as"})

# libyaml's loader where PyYAML was built with it: the same documents, read ten times faster (477 gold files: 1.4 s)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_FACT_KEYS = {"fact", "subject", "object", "alt_subject", "alt_object", *QUALIFIERS}


@dataclass(frozen=True)
class GoldEntity:
    """A gold node: its local key, ontology class (local name) and surface names."""

    key: str
    cls: str
    aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        """The first alias, used when a gold fact is printed."""
        return self.aliases[0]


@dataclass(frozen=True)
class GoldFact:
    """One gold fact with its entities resolved; `subjects` / `objects` hold the main reading first."""

    document: str
    fact: str
    subjects: tuple[GoldEntity, ...]
    objects: tuple[GoldEntity, ...]
    qualifiers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The fact as plain data, for JSON output."""
        return {
            "document": self.document,
            "fact": self.fact,
            "subject": self.subjects[0].key,
            "object": self.objects[0].key,
            "alt_subject": [e.key for e in self.subjects[1:]],
            "alt_object": [e.key for e in self.objects[1:]],
            **self.qualifiers,
        }


@dataclass(frozen=True)
class GoldDocument:
    """The gold facts of one document."""

    path: Path
    document: str
    date: str | None
    entities: dict[str, GoldEntity]
    facts: list[GoldFact]


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the figures derived from them.

    A ratio with a zero denominator is 0.0: no predictions (or no gold) earn no credit.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and figures as plain data."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class EvalReport:
    """Per-type counts, micro-averaged figures and the errors behind them."""

    counts: dict[str, Counts]
    false_positives: list[dict[str, Any]]
    false_negatives: list[GoldFact]

    @property
    def micro(self) -> Counts:
        """Counts summed over all fact types."""
        return Counts(
            tp=sum(c.tp for c in self.counts.values()),
            fp=sum(c.fp for c in self.counts.values()),
            fn=sum(c.fn for c in self.counts.values()),
        )

    @property
    def precision(self) -> float:
        """Micro-averaged precision."""
        return self.micro.precision

    @property
    def recall(self) -> float:
        """Micro-averaged recall."""
        return self.micro.recall

    @property
    def f1(self) -> float:
        """Micro-averaged F1."""
        return self.micro.f1

    def format(self, verbose: bool = False) -> str:
        """A fixed-width table, one row per fact type and a micro row; `verbose` adds the FP/FN lists."""
        header = f"{'fact':<14} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"
        rows = [_row(name, c) for name, c in self.counts.items()]
        lines = [header, "-" * len(header), *rows, "-" * len(header), _row("micro", self.micro)]
        if verbose:
            lines += ["", f"False positives ({len(self.false_positives)}):"]
            lines += [f"  {_describe_prediction(p)}" for p in self.false_positives]
            lines += ["", f"False negatives ({len(self.false_negatives)}):"]
            lines += [f"  {_describe_gold(g)}" for g in self.false_negatives]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data, for JSON output."""
        return {
            "types": {name: c.to_dict() for name, c in self.counts.items()},
            "micro": self.micro.to_dict(),
            "false_positives": self.false_positives,
            "false_negatives": [g.to_dict() for g in self.false_negatives],
        }


def _row(name: str, c: Counts) -> str:
    return f"{name:<14} {c.tp:>5} {c.fp:>5} {c.fn:>5} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"


def _qualifier_text(qualifiers: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in qualifiers.items())


def _describe_prediction(p: dict[str, Any]) -> str:
    qualifiers = {k: p[k] for k in QUALIFIERS if p.get(k) is not None}
    line = f"{p['document']}  {p['fact']}  {p['subject']['label']} → {p['object']['label']}"
    return f"{line}  {_qualifier_text(qualifiers)}".rstrip()


def _describe_gold(g: GoldFact) -> str:
    line = f"{g.document}  {g.fact}  {g.subjects[0].label} → {g.objects[0].label}"
    return f"{line}  {_qualifier_text(g.qualifiers)}".rstrip()


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------


def normalise(label: str) -> str:
    """Case fold, strip accents, drop punctuation and a leading "the", collapse white space.

    Punctuation is deleted, not replaced by a space, so "U.S." becomes "us" and "Miami-Dade" one
    word "miamidade"; "Miami Dade" (two words) is therefore a different name, as the gold's
    separate aliases for both spellings expect.
    """
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    kept = "".join(
        ch for ch in decomposed if not unicodedata.combining(ch) and not unicodedata.category(ch).startswith("P")
    )
    words = kept.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@cache
def words(label: str) -> tuple[str, ...]:
    # Cached: the same aliases and labels are compared against each other many times.
    return tuple(normalise(label).split())


def contains_words(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether `shorter` occurs in `longer` as a run of whole words."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def labels_match(a: str, b: str) -> bool:
    """Whether two names match: equal once normalised, or one contains the other as whole words.

    The contained side must have a content word, so "of the" or "and" never match by containment.
    """
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    return any(w not in STOPWORDS for w in shorter) and contains_words(longer, shorter)


# ---------------------------------------------------------------------------------------------
# Classes
# ---------------------------------------------------------------------------------------------


def classes_compatible(a: str, b: str) -> bool:
    """Whether class `a` may stand where `b` is asked: the same class, a subclass or a superclass."""
    return a == b or a in SUBCLASSES.get(b, ()) or b in SUBCLASSES.get(a, ())


def _node_matches(node: dict[str, Any], entity: GoldEntity) -> bool:
    if not classes_compatible(node["class"], entity.cls):
        return False
    names = [node["label"], *node.get("aliases", ())]
    return any(labels_match(name, alias) for name in names for alias in entity.aliases)


def fact_matches(predicted: dict[str, Any], gold: GoldFact) -> bool:
    """Whether a predicted fact matches a gold fact (document, type, subject, object, date, status)."""
    if predicted["document"] != gold.document or predicted["fact"] != gold.fact:
        return False
    for key in CHECKED_QUALIFIERS:
        # Checked only when both sides give the qualifier: gold silence is not a claim of absence.
        if predicted.get(key) is not None and key in gold.qualifiers and str(predicted[key]) != gold.qualifiers[key]:
            return False
    return any(_node_matches(predicted["subject"], e) for e in gold.subjects) and any(
        _node_matches(predicted["object"], e) for e in gold.objects
    )


# ---------------------------------------------------------------------------------------------
# Gold files
# ---------------------------------------------------------------------------------------------


def _iso_date(value: Any, where: str) -> str:
    # YAML reads 2017-01-26 as a date and 2013 as an int; "2017-01" stays a string.
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not _DATE.fullmatch(text):
        raise GoldError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _entity(key: str, raw: Any, where: str) -> GoldEntity:
    if not isinstance(raw, dict) or "class" not in raw or "aliases" not in raw:
        raise GoldError(f"{where}: entity {key!r} needs a mapping with 'class' and 'aliases'")
    if raw["class"] not in SUBCLASSES:
        raise GoldError(f"{where}: entity {key!r} has class {raw['class']!r}, which is not an ontology class")
    aliases = raw["aliases"]
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) for a in aliases):
        raise GoldError(f"{where}: entity {key!r} needs a non-empty list of string aliases (quote numbers)")
    return GoldEntity(key=key, cls=raw["class"], aliases=tuple(aliases))


def _key(raw: Any, where: str, name: str) -> str:
    if not isinstance(raw, str):
        raise GoldError(f"{where}: {name} must be an entity key, not {raw!r}")
    return raw


def _key_list(raw: Any, where: str, name: str) -> list[str]:
    if not isinstance(raw, list):
        raise GoldError(f"{where}: {name} must be a list of entity keys, not {raw!r}")
    return [_key(k, where, name) for k in raw]


def _resolve(keys: list[str], entities: dict[str, GoldEntity], where: str, name: str) -> tuple[GoldEntity, ...]:
    missing = [k for k in keys if k not in entities]
    if missing:
        raise GoldError(f"{where}: {name} refers to undefined entity {', '.join(map(repr, missing))}")
    return tuple(entities[k] for k in keys)


def _qualifiers(row: dict[str, Any], entities: dict[str, GoldEntity], where: str) -> dict[str, str]:
    qualifiers = {k: row[k] for k in QUALIFIERS if k in row}
    if "date" in qualifiers:
        qualifiers["date"] = _iso_date(qualifiers["date"], where)
    for name, allowed in (("status", FUNDING_STATUSES), ("stance", STANCES)):
        if name in qualifiers and qualifiers[name] not in allowed:
            raise GoldError(f"{where}: {name} {qualifiers[name]!r} is not one of {', '.join(allowed)}")
    if "imposed_by" in qualifiers:
        _resolve([_key(qualifiers["imposed_by"], where, "imposed_by")], entities, where, "imposed_by")
    return {k: str(v) for k, v in qualifiers.items()}


def _fact(row: Any, document: str, entities: dict[str, GoldEntity], where: str) -> GoldFact:
    if not isinstance(row, dict) or not {"fact", "subject", "object"} <= row.keys():
        raise GoldError(f"{where}: a fact needs 'fact', 'subject' and 'object'")
    unknown = sorted(row.keys() - _FACT_KEYS)
    if unknown:
        raise GoldError(
            f"{where}: unknown key {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(_FACT_KEYS))}"
        )
    if row["fact"] not in FACT_TYPES:
        raise GoldError(f"{where}: unknown fact type {row['fact']!r}; expected one of {', '.join(FACT_TYPES)}")
    subject_keys = [
        _key(row["subject"], where, "subject"),
        *_key_list(row.get("alt_subject", []), where, "alt_subject"),
    ]
    object_keys = [_key(row["object"], where, "object"), *_key_list(row.get("alt_object", []), where, "alt_object")]
    return GoldFact(
        document=document,
        fact=row["fact"],
        subjects=_resolve(subject_keys, entities, where, "subject"),
        objects=_resolve(object_keys, entities, where, "object"),
        qualifiers=_qualifiers(row, entities, where),
    )


def load_gold_file(path: Path) -> GoldDocument:
    """Read and check one gold YAML file; raise `GoldError` naming the file and the problem."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    if not isinstance(raw, dict):
        raise GoldError(f"{path}: expected a mapping with 'document', 'entities' and 'facts'")
    missing = [k for k in ("document", "entities", "facts") if k not in raw]
    if missing:
        raise GoldError(f"{path}: missing key {', '.join(map(repr, missing))}")
    if (
        not isinstance(raw["document"], str)
        or not isinstance(raw["entities"], dict)
        or not isinstance(raw["facts"], list)
    ):
        raise GoldError(f"{path}: 'document' must be a string, 'entities' a mapping and 'facts' a list")
    entities = {key: _entity(key, value, str(path)) for key, value in raw["entities"].items()}
    facts = [_fact(row, raw["document"], entities, f"{path}: fact {i + 1}") for i, row in enumerate(raw["facts"])]
    date = _iso_date(raw["date"], str(path)) if raw.get("date") is not None else None
    return GoldDocument(path=path, document=raw["document"], date=date, entities=entities, facts=facts)


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Read every ``*.yaml`` under `gold_dir`, recursively, in path order.

    Raise `GoldError` when the folder holds no gold file, a file is malformed, or two files claim
    the same document (its facts would be counted twice).
    """
    # linking.yaml beside the gold files is the linking gold of kg.linking, not a document's
    paths = sorted(p for p in gold_dir.rglob("*.yaml") if p.stem.upper() != "README" and p.name != "linking.yaml")
    if not paths:
        raise GoldError(f"{gold_dir}: no gold *.yaml files found; give the folder that holds them")
    documents: dict[str, GoldDocument] = {}
    for path in paths:
        gold = load_gold_file(path)
        if gold.document in documents:
            raise GoldError(f"{path}: document {gold.document!r} already has gold in {documents[gold.document].path}")
        documents[gold.document] = gold
    return list(documents.values())


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _matching(predicted: list[dict[str, Any]], gold: list[GoldFact]) -> dict[int, int]:
    """Maximum one-to-one matching: predicted index -> gold index."""
    # Integer nodes (gold j is node n + j): their hashes, unlike strings', are the same in every process, so the
    # matching found, and the false positives listed, are too.
    n = len(predicted)
    graph = nx.Graph()
    graph.add_nodes_from(range(n + len(gold)))
    graph.add_edges_from((i, n + j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if fact_matches(p, g))
    pairs = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=range(n))
    return {i: pairs[i] - n for i in range(n) if i in pairs}


def _scored(predicted: Iterable[dict[str, Any]], documents: set[str]) -> Iterator[dict[str, Any]]:
    # Predictions outside the gold documents, or of types the gold does not annotate, are not judged.
    return (p for p in predicted if p["document"] in documents and p["fact"] in FACT_TYPES)


def evaluate(predicted: Iterable[dict[str, Any]], gold_dir: Path) -> EvalReport:
    """Score predicted facts (dicts as printed by ``kg facts --format jsonl``) against the gold in `gold_dir`."""
    return score(predicted, load_gold(gold_dir))


def agreement(gold_dir: Path, second_dir: Path) -> EvalReport:
    """Score a second annotation of some of the same documents against the gold in `gold_dir`, as `kg eval` scores
    the store's facts: how far two careful readers agree, the ceiling a tool can be held to under these rules.

    Each fact of the second annotation stands as one prediction, read as its main subject and object (its
    alternative readings are not offered); only the documents both annotate are scored.
    """
    second = load_gold(second_dir)
    annotated = {g.document for g in second}
    golds = [g for g in load_gold(gold_dir) if g.document in annotated]
    if not golds:
        raise GoldError(f"{second_dir}: annotates none of the documents of {gold_dir}")
    return score((_as_prediction(fact) for document in second for fact in document.facts), golds)


def _as_prediction(fact: GoldFact) -> dict[str, Any]:
    """A gold fact in the form of a predicted one (`kg facts --format jsonl`), with its main reading."""

    def node(entity: GoldEntity) -> dict[str, Any]:
        return {"iri": entity.key, "label": entity.label, "class": entity.cls, "aliases": list(entity.aliases)}

    return {
        "document": fact.document,
        "fact": fact.fact,
        "subject": node(fact.subjects[0]),
        "object": node(fact.objects[0]),
        **fact.qualifiers,
    }


def score(predicted: Iterable[dict[str, Any]], golds: list[GoldDocument]) -> EvalReport:
    """Score predicted facts against loaded gold documents (predictions outside them are not judged)."""
    by_document: dict[str, list[dict[str, Any]]] = {g.document: [] for g in golds}
    for p in _scored(predicted, set(by_document)):
        by_document[p["document"]].append(p)

    counts = {t: Counts() for t in FACT_TYPES}
    false_positives: list[dict[str, Any]] = []
    false_negatives: list[GoldFact] = []
    for gold in golds:
        # in one canonical order: a store returns rows in no fixed order, and among equally large matchings the
        # one found (so the false positives listed) depends on it
        predictions = sorted(by_document[gold.document], key=lambda p: json.dumps(p, sort_keys=True, default=str))
        matched = _matching(predictions, gold.facts)
        for i, p in enumerate(predictions):
            if i in matched:
                counts[p["fact"]].tp += 1
            else:
                counts[p["fact"]].fp += 1
                false_positives.append(p)
        hit = set(matched.values())
        for j, g in enumerate(gold.facts):
            if j not in hit:
                counts[g.fact].fn += 1
                false_negatives.append(g)
    # Types neither annotated nor predicted would only add rows of zeros.
    return EvalReport(
        counts={t: c for t, c in counts.items() if c.tp or c.fp or c.fn},
        false_positives=false_positives,
        false_negatives=false_negatives,
    )
