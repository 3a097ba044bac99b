"""Places: the gazetteer's identity wins over the surface form.

- A state named by an abbreviation or a form extraction did not key by the gazetteer ("Minn.", "Tenn.") is
  the gazetteer's state.
- A city, county or jurisdiction extraction left unkeyed ("Salem", "Carson City"), or keyed to a namesake in
  another state than the one the document is about ("Columbus" in a story about New Mexico), is the
  gazetteer's place in the document's state when there is exactly one; never a guess between two.

The document's state (`home_state`) is the one state it names, else the one state all the cities and
counties it names lie in: among the places its facts name, else among all the places its text names (a story
that names "the Michigan Department of Environmental Quality" and Detroit in no fact is still about Michigan);
the people, bodies and orders stages use it too.
"""

from __future__ import annotations

from kg import gazetteer
from kg.facts import Entity
from kg.resolve.identities import Identities

PLACE_CLASSES = {"Jurisdiction", "City", "County", "State", "Country"}
_LOCAL = (gazetteer.COUNTY_PREFIX, gazetteer.CITY_PREFIX)  # a county's or a city's key
_KEYED = (gazetteer.STATE_PREFIX, *_LOCAL, "country/")


def resolve_places(book: Identities) -> None:
    for key, entity in book.of_class({"State"}):
        if key.startswith(_KEYED):
            continue
        place = next((p for n in (entity.label, *sorted(entity.aliases)) if (p := gazetteer.state_named(n))), None)
        if place is not None:
            _to_place(book, key, place, f"the gazetteer's state for {entity.label!r}")
    _namesakes_joined(book)
    state = home_state(book)
    if state is None:
        return
    for key, entity in book.of_class({"Jurisdiction", "City", "County"}):
        if _is_a_group(entity.label):
            continue
        known = gazetteer.get(key)
        if key.startswith(_KEYED) and (known is None or known.state in (None, state) or _state_named_with(entity)):
            continue  # keyed, and in the document's state or placed by the text ("Columbus, Ohio")
        candidates = [p for p in gazetteer.lookup(entity.label, state=state) if p.cls in ("City", "County")]
        if entity.cls in ("City", "County"):
            candidates = [p for p in candidates if p.cls == entity.cls]
        if len({p.cls for p in candidates}) == 1 and len(candidates) == 1:
            _to_place(book, key, candidates[0], f"the gazetteer's place for {entity.label!r} in {state}")


def _namesakes_joined(book: Identities) -> None:
    """One name, one place in a document: "Sedgwick County, Kansas" and a later bare "Sedgwick County" (which the
    gazetteer alone takes for Colorado's) are the one in a state the document names, when exactly one is."""
    named_states = {k for k in (*book.entities, *book.places) if k.startswith(gazetteer.STATE_PREFIX)}
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
