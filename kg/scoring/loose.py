"""Mentions the rules leave out, for the candidate stage only: names the parser found that no rule claimed.

The rules register an entity only when they are sure of it; on text in a new policy domain that leaves many a
name unseen, and a fact about it cannot even be proposed. Here such names become entities of a plain class (an
order class by the pattern that tagged it, a body by its words, a person, a place) so that the scorer can weigh
them; the feature ``loose`` tells it they came this way. Numbered orders in any style ("Public Health Order
20-38", "SB 22-180") are tagged by the patterns of `kg.patterns`, which are data, not rules about any one domain.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg import gazetteer
from kg.facts import Entity
from kg.lexicon.names import COURT_WORDS, GOVERNMENT_WORDS
from kg.text import slug
from kg.vocab import SUBCLASSES

_ORDERS = SUBCLASSES["Order"]
_BODY_WORDS = GOVERNMENT_WORDS | {"authority", "district", "commission", "committee", "division", "court"}


def loose_mentions(doc: Doc, token_keys: dict[int, str]) -> tuple[dict[str, Entity], dict[int, str]]:
    """Entities for the parser's names on tokens no rule marked, and the tokens that mention them: (key -> entity,
    token index -> key)."""
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

    for ent in doc.ents:
        cls = _class_of(ent.label_, ent.text, ent.ent_id_)
        if cls:
            claim(ent.start, ent.end, cls, ent.text.removeprefix("the ").removeprefix("The "))
    return entities, marks


def _class_of(label: str, text: str, pattern_id: str) -> str | None:
    words = {w.lower().strip(".,'") for w in text.split()}
    if label == "PERSON" and len(words) >= 2:
        return "Person"
    if label == "ORG":
        if words & COURT_WORDS:
            return "Court"
        return "GovernmentBody" if words & _BODY_WORDS else "Organization"
    if label == "GPE":
        return "State" if gazetteer.state_named(text) else "Jurisdiction"
    if label == "LAW":  # an order class where a pattern of kg.patterns tagged it
        return pattern_id if pattern_id in _ORDERS else "Legislation"
    return None
