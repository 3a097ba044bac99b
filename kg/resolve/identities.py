"""The bookkeeping of resolution: a document's entities under the keys they end with, and why.

Resolution rules only ask `Identities` to give an entity another key (`rename`) or to make two entities one
(`merge`); it keeps every key an entity ever had, so that a curated "these two are distinct" refuses any merge
that would join them, whatever keys the rules gave them on the way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.facts import STANCE_STRENGTH, Entity, Extraction, Fact
from kg.vocab import SUBCLASSES

# A class that a more specific one replaces when two entities become one.
_GENERIC = {"Organization", "Order", "Jurisdiction", "Actor"}


class Identities:
    """One document's entities while resolution runs: current key -> entity, and every earlier key of each."""

    def __init__(self, extraction: Extraction, distinct: Iterable[frozenset[str]] = ()) -> None:
        self.document = extraction.document
        self.places = extraction.places
        self.entities: dict[str, Entity] = {key: _own_copy(e) for key, e in extraction.entities.items()}
        self._facts = list(extraction.facts)
        # named in the text but in no fact: joined in when a description is found to be one of them
        self.unused = dict(extraction.unused)
        self._current = {key: key for key in self.entities}  # any key ever held -> the key it is under now
        self._names = {key: {key} for key in self.entities}  # current key -> every key it has held
        self._distinct = set(distinct)

    def find(self, key: str | None) -> str | None:
        """The key an entity known by `key` (current or earlier) is under now."""
        return None if key is None else self._current.get(key, key)

    def keys_of(self, key: str) -> set[str]:
        """Every key the entity now under `key` has held."""
        return set(self._names.get(self.find(key) or key, {key}))

    def of_class(self, classes: set[str], *, unused: bool = False) -> list[tuple[str, Entity]]:
        """The entities of these classes (and, `unused`, those the text names in no fact), by key."""
        found = [(k, e) for k, e in self.entities.items() if e.cls in classes]
        if unused:
            found += [(k, e) for k, e in self.unused.items() if e.cls in classes and k not in self.entities]
        return sorted(found, key=lambda pair: pair[0])

    def may_merge(self, a: str, b: str) -> bool:
        """False when a curated 'distinct' names one key of each."""
        left, right = self.keys_of(a), self.keys_of(b)
        return not any(frozenset((x, y)) in self._distinct for x in left for y in right)

    def rename(
        self,
        key: str,
        new_key: str,
        *,
        reason: str,
        label: str | None = None,
        cls: str | None = None,
        identifiers: dict[str, str] | None = None,
        aliases: Iterable[str] = (),
        date: str | None = None,
    ) -> str:
        """Give the entity under `key` the key `new_key` (joining the entity already there, if any) and, when
        given, an authority's label, class, identifiers and names. Returns the key it is under after."""
        key = self.find(key) or key
        if new_key != key and new_key in self.entities:
            if not self.merge(key, new_key, reason=reason):
                return key
            key = new_key
        elif new_key != key:
            entity = self.entities.pop(key)
            entity.key = new_key
            self.entities[new_key] = entity
            self._names[new_key] = self._names.pop(key) | {new_key}
            for old in self._names[new_key]:
                self._current[old] = new_key
            entity.reasons.append(reason)
            key = new_key
        entity = self.entities[key]
        if label and label != entity.label:
            entity.aliases.add(entity.label)
            entity.label = label
        entity.aliases.update(a for a in aliases if a)
        if cls:
            entity.cls = cls
        if identifiers:
            entity.identifiers.update(identifiers)
        if date and not entity.date:
            entity.date = date
        return key

    def merge(self, key: str, into: str, *, reason: str) -> bool:
        """Make the entity under `key` part of the one under `into`; False (and nothing done) when curation
        says they are distinct."""
        key, into = self.find(key) or key, self.find(into) or into
        if into in self.unused and into not in self.entities:
            # a description is a name the text gives once and no fact uses ("Tennessee Department of Health" ...
            # "the Department"): the name joins the document's entities
            self.entities[into] = _own_copy(self.unused.pop(into))
            self._current[into], self._names[into] = into, {into}
        if key == into or key not in self.entities or into not in self.entities:
            return key == into
        if not self.may_merge(key, into):
            return False
        gone, kept = self.entities.pop(key), self.entities[into]
        kept.aliases |= gone.aliases | {gone.label}
        for scheme, value in gone.identifiers.items():
            kept.identifiers.setdefault(scheme, value)
        if kept.cls in _GENERIC and gone.cls in SUBCLASSES.get(kept.cls, ()):
            kept.cls = gone.cls
        kept.date = kept.date or gone.date
        kept.requires = kept.requires or gone.requires
        kept.within = kept.within or gone.within
        kept.reasons.extend([*gone.reasons, f"{reason}: {gone.label!r}"])
        self._names[into] |= self._names.pop(key)
        for old in self._names[into]:
            self._current[old] = into
        return True

    def extraction(self) -> Extraction:
        """The document's extraction under the resolved keys: each fact once, none from an entity to itself."""
        kept: dict[tuple, Fact] = {}
        for fact in self._facts:
            fact = replace(
                fact,
                subject=self.find(fact.subject) or fact.subject,
                object=self.find(fact.object) or fact.object,
                imposed_by=self.find(fact.imposed_by),
            )
            if fact.subject == fact.object:
                continue
            key = (fact.type, fact.subject, fact.object, fact.status)
            current = kept.get(key)
            if current is None or STANCE_STRENGTH[fact.stance] > STANCE_STRENGTH[current.stance]:
                kept[key] = fact if current is None else replace(fact, date=fact.date or current.date)
        entities = {}
        for key, entity in self.entities.items():
            entity.aliases.discard(entity.label)
            if entity.within:
                entity.within = self.find(entity.within)
            entities[key] = entity
        return Extraction(document=self.document, entities=entities, facts=list(kept.values()), places=self.places)


def _own_copy(entity: Entity) -> Entity:
    """A copy whose names, identifiers and reasons resolution may change without changing the extraction's."""
    return replace(entity, aliases=set(entity.aliases), identifiers=dict(entity.identifiers),
                   reasons=list(entity.reasons))
