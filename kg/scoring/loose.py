"""Mentions the rules leave out, for the candidate stage only: numbered orders in any style and names the
parser found that no rule claimed.

The rules register an entity only when they are sure of it; on text in a new policy domain that leaves many
a "Public Health Order 20-38" or "Resolution 2019-114" unseen, and a fact about it cannot even be proposed.
Here such names become entities of a plain class (an order class by its noun, a body by its words, a person,
a place) so that the scorer can weigh them; the feature ``loose`` tells it they came this way. The patterns
are data (`ORDER_NUMBER` and the noun table of `kg.lexicon.names`), not rules about any one domain.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg import gazetteer
from kg.extract.context import slug
from kg.facts import Entity
from kg.lexicon.names import COURT_WORDS, GOVERNMENT_WORDS

# An order noun, optionally with its kind in front, then a number in any style: "Executive Order D 2025-014",
# "Public Health Order 20-38", "Order No. 7", "Resolution 2019-114", "Proclamation 9645", "Directive 2024-19".
ORDER_NUMBER = re.compile(
    r"\b(?:(?:[A-Z][a-z]+ ){0,3})"
    r"(Order|Directive|Resolution|Ordinance|Proclamation|Instruction|Decision|Opinion|Permit|Policy|Memorandum|"
    r"Rule|Decree|Declaration|Bill|Act|Law)"
    r"(?: (?:No\.|Number|#))? ?(?:[A-Z]{1,4}[ -]?)?\d[\w./-]*\d?"
)
# Bills by chamber and number: "H.B. 1234", "SB 22-180", "HF 1874", "LB412", "AB 387", "Senate File 2340".
BILL_NUMBER = re.compile(
    r"\b(?:[HS]\.? ?[BFR]\.?|[HSAL]B|HF|SF|(?:House|Senate|Assembly) (?:Bill|File|Joint Resolution))"
    r"(?: No\.)? ?\d{1,5}(?:-\d{1,5})?\b"
)
_NOUN_CLASSES = {
    "order": "Order",
    "directive": "Directive",
    "memorandum": "Directive",
    "instruction": "Directive",
    "rule": "Directive",
    "resolution": "LocalPolicy",
    "ordinance": "LocalPolicy",
    "policy": "LocalPolicy",
    "proclamation": "ExecutiveOrder",
    "decision": "CourtRuling",
    "opinion": "CourtRuling",
    "decree": "CourtRuling",
    "permit": "Order",
    "declaration": "Order",
    "bill": "Legislation",
    "act": "Legislation",
    "law": "Legislation",
}
_BODY_WORDS = GOVERNMENT_WORDS | {"authority", "district", "commission", "committee", "division", "court"}


def loose_mentions(doc: Doc, token_keys: dict[int, str]) -> tuple[dict[str, Entity], dict[int, str]]:
    """Entities for numbered orders and parser names on tokens no rule marked, and the tokens that mention
    them: (key -> entity, token index -> key)."""
    entities: dict[str, Entity] = {}
    marks: dict[int, str] = {}

    def claim(start: int, end: int, cls: str, label: str) -> None:
        if any(i in token_keys or i in marks for i in range(start, end)):
            return
        key = f"{cls.lower()}/{slug(label)}"
        entity = entities.setdefault(key, Entity(key=key, cls=cls, label=label))
        entity.aliases.add(label)
        for i in range(start, end):
            marks[i] = key

    for pattern in (ORDER_NUMBER, BILL_NUMBER):
        for match in pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            label = match.group(0).strip()
            if pattern is BILL_NUMBER:
                cls = "Legislation"
            elif "executive order" in label.lower():
                cls = "ExecutiveOrder"
            else:
                cls = _NOUN_CLASSES[match.group(1).lower()]
            claim(span.start, span.end, cls, label)
    for ent in doc.ents:
        cls = _class_of(ent.label_, ent.text)
        if cls:
            claim(ent.start, ent.end, cls, ent.text.removeprefix("the ").removeprefix("The "))
    return entities, marks


def _class_of(label: str, text: str) -> str | None:
    words = {w.lower().strip(".,'") for w in text.split()}
    if label == "PERSON" and len(words) >= 2:
        return "Person"
    if label == "ORG":
        if words & COURT_WORDS:
            return "Court"
        return "GovernmentBody" if words & _BODY_WORDS else "Organization"
    if label == "GPE":
        return "State" if gazetteer.state_named(text) else "Jurisdiction"
    if label == "LAW":
        return "Legislation"
    return None
