"""Places: the gazetteer's identity wins over the surface form.

- A state named by an abbreviation or a form extraction did not key by the gazetteer ("Minn.", "Tenn.") is
  the gazetteer's state.
- A city, county or jurisdiction extraction left unkeyed ("Salem", "Carson City"), or keyed to a namesake in
  another state than the one the document is about ("Columbus" in a story about New Mexico), is the
  gazetteer's place in the document's state when there is exactly one (in a document about several states, the
  one in any state it names); never a guess between two.
- "The City" or "the County" is the one city or county the document names, else the document's own.

The document's state (`home_state`) is the one state it names, else the one state all the cities and
counties it names lie in: among the places its facts name, else among all the places its text names (a story
that names "the Michigan Department of Environmental Quality" and Detroit in no fact is still about Michigan);
the people, bodies and orders stages use it too.
"""

from __future__ import annotations

import re

from kg import gazetteer
from kg.facts import Entity
from kg.resolve.identities import Identities

PLACE_CLASSES = {"Jurisdiction", "City", "County", "State", "Country"}
_LOCAL = (gazetteer.COUNTY_PREFIX, gazetteer.CITY_PREFIX)  # a county's or a city's key
_KEYED = (gazetteer.STATE_PREFIX, *_LOCAL, "country/")
_STATE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.")  # a state's abbreviation: "Neb.", "Minn.", "Calif."


def resolve_places(book: Identities) -> None:
    for key, entity in book.of_class({"State", "Jurisdiction"}):
        if key.startswith(_KEYED) or (entity.cls == "Jurisdiction" and not _STATE_ABBREVIATION.fullmatch(entity.label)):
            continue  # a jurisdiction "Washington" may be the city or the government; "Neb." is the state
        place = next((p for n in (entity.label, *sorted(entity.aliases)) if (p := gazetteer.state_named(n))), None)
        if place is not None:
            _to_place(book, key, place, f"the gazetteer's state for {entity.label!r}")
    _namesakes_joined(book)
    state = home_state(book)
    # a document about several states places a bare name it left unkeyed ("DULUTH" of a dateline) in one of them
    states = [state] if state else sorted(_named_states(book))
    for key, entity in book.of_class({"Jurisdiction", "City", "County"}):
        if _is_a_group(entity.label):
            continue
        known = gazetteer.get(key)
        if key.startswith(_KEYED) and (state is None or known is None or known.state in (None, state)
                                       or _state_named_with(entity)):
            continue  # keyed, and in the document's state or placed by the text ("Columbus, Ohio")
        candidates = [p for s in states for p in gazetteer.lookup(entity.label, state=s) if p.cls in ("City", "County")]
        if entity.cls in ("City", "County"):
            candidates = [p for p in candidates if p.cls == entity.cls]
        if len(candidates) == 1:
            where = state or " or ".join(states)
            _to_place(book, key, candidates[0], f"the gazetteer's place for {entity.label!r} in {where}")
    _described_places(book)


def _described_places(book: Identities) -> None:
    """"The City", "the County" or "the State" is the one city, county or state the document names; else that
    document's own, never one node of every document's "City"."""
    for key, entity in book.of_class({"Jurisdiction", "City", "County", "State"}):
        kind = entity.label.lower().removeprefix("the ").strip()
        if kind not in _KINDS_OF_PLACE or key.startswith(_KEYED):
            continue
        cls = _KINDS_OF_PLACE[kind]
        prefix = _PREFIXES[cls]
        named = {k for k, place in book.of_class({cls}) if k != key and place.label.lower() != kind}
        named |= {k for k in book.places if k.startswith(prefix)}  # named in the text, in no fact
        if len(named) == 1:
            (found,) = named
            if (place := gazetteer.get(found)) is not None:
                _to_place(book, key, place, f"{entity.label!r} is the one {kind} the document names")
            else:  # a city the gazetteer does not know, named in a fact
                book.merge(key, found, reason=f"{entity.label!r} is the one {kind} the document names")
        else:
            book.rename(key, f"jurisdiction/{book.document.content_hash[:8]}-{kind}",
                        reason=f"{entity.label!r} names a kind of place: this document's")


_KINDS_OF_PLACE = {"city": "City", "county": "County", "town": "City", "village": "City", "parish": "County",
                   "borough": "City", "state": "State", "commonwealth": "State"}
_PREFIXES = {"City": gazetteer.CITY_PREFIX, "County": gazetteer.COUNTY_PREFIX, "State": gazetteer.STATE_PREFIX}


def _namesakes_joined(book: Identities) -> None:
    """One name, one place in a document: "Sedgwick County, Kansas" and a later bare "Sedgwick County" (which the
    gazetteer alone takes for Colorado's) are the one in a state the document names, when exactly one is."""
    named_states = _named_states(book)
    by_name: dict[tuple[str, str], list[str]] = {}
    for key, entity in book.of_class({"City", "County"}):
        if key.startswith(_LOCAL):
            by_name.setdefault((entity.cls, gazetteer.normalize(entity.label)), []).append(key)
    for keys in by_name.values():
        stated = [k for k in keys if getattr(gazetteer.get(k), "state", None) in named_states]
        if len(keys) > 1 and len(stated) == 1:
            for key in keys:
                if key != stated[0]:
                    book.merge(key, stated[0], reason=f"the {book.entities[key].label} of a state the document names")


def _named_states(book: Identities) -> set[str]:
    """The keys of the states the document names, in a fact or not."""
    return {k for k in (*book.entities, *book.places) if k.startswith(gazetteer.STATE_PREFIX)}


def home_state(book: Identities) -> str | None:
    """The state key of the one state the document is about, if it is about one: of the places its entities
    are, else of every place its text names."""
    for places in (set(book.entities), book.places):
        states = {k for k in places if k.startswith(gazetteer.STATE_PREFIX)}
        if len(states) == 1:
            return next(iter(states))
        if states:
            return None
        within = {p.state for k in places if k.startswith(_LOCAL) and (p := gazetteer.get(k)) and p.state}
        if within:
            return next(iter(within)) if len(within) == 1 else None
    return None


def _state_named_with(entity: Entity) -> bool:
    """Whether one of the place's names says its state ("Columbus, Ohio", "Portland, Maine")."""
    names = entity.aliases | {entity.label}
    return any("," in name and gazetteer.state_named(name.rsplit(",", 1)[1]) for name in names)


def _is_a_group(label: str) -> bool:
    """'cities', 'local jurisdictions', 'three counties': a kind of place, not one."""
    return label[:1].islower() or label.split()[-1].lower() in {"cities", "counties", "states", "jurisdictions"}


def _to_place(book: Identities, key: str, place: gazetteer.Place, reason: str) -> None:
    book.rename(key, place.key, reason=reason, label=place.name, cls=place.cls, identifiers=dict(place.identifiers),
                aliases=place.aliases)
