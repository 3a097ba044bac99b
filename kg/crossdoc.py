"""Cross-document resolution: what no single document can decide, decided over the merged graph after a build.

A wire brief that names "Okafor" and a local story that names "Maria Okafor", both about Arizona, are one person to
a reader, but resolution reads one document at a time (`kg.resolve`), so the brief's "Okafor" is keyed
`person/us-az-okafor` and the story's `person/us-az-maria-okafor`. After the build's documents are merged,
`link_across` joins each shorter form of a name to the one fuller name it can be (the surname alone within a state;
a nickname or a name without its middle initial within a state, or from a document about no one state; a name from a
document about no one state to the one person so named in a state that document names), when there is exactly one,
and never across a curated "distinct"; `link_placed_bodies` joins a body a document could not place to the one body
of that name other documents place where that document names, and `link_placed_orders` a numbered order keyed by its
state to the one of that number made in a county or city the document names, and `link_reported_rulings` a ruling a
statement or story only reports to the court's ruling of those days (and the report's unnamed judge to that court's
one judge); `link_body_variants` joins bodies of one place named with and without the kind of place ("the state
board of regents", "the Board of Regents"); `link_acronyms` joins a state body's acronym to the one body of that
state it abbreviates, `link_code_sections` a bare "Section 1373" to the one U.S. Code section of that number, and
`link_office_holders` a document's unnamed office holder ("the Governor", in a state's letter, or a radio
transcript's bare "the governor") to the one person other documents name in that office at the time; first of all,
`link_misplaced_stories` joins the people and bodies of a document that took its story for another state's (two or
more of the same people named in full, each keyed by another state) to the story's. A join rewrites the document
graphs that name the joined node (as `kg same` does) and says why on the node; a rebuilt document is linked again by
the next build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Container

from rdflib import URIRef

from kg import gazetteer
from kg.authority import names
from kg.curate import join_all
from kg.dates import parse_iso
from kg.lexicon.offices import SHARED_ROLES
from kg.mapping import ID
from kg.queries import load_query
from kg.resolve import Curation
from kg.resolve.bodies import acronyms_of
from kg.resolve.orders import written_number
from kg.resolve.people import familiar_form, same_name
from kg.store import Store
from kg.vocab import POL

_FEW_FORMAL_NAMES = 7
# How far from the dates other documents name a person in an office an unnamed holder may be to be them: half a
# governor's or a mayor's term.
_TENURE = dt.timedelta(days=730)
_STATE_KEY = re.compile(r"person/(us-[a-z]{2})-")
# An unnamed office holder keyed by its office and state alone (kg.resolve.people): 'person/office-governor-us-wa-…'.
_OFFICE_KEY = re.compile(r"person/office-(?P<role>[a-z]+(?:-[a-z]+)*?)-(?P<state>us-[a-z]{2})-[0-9a-f]{8}")


def link(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Every cross-document join, in order (names, unplaced bodies, numbered orders, reported rulings, acronyms,
    unnamed office holders, code sections); returns the (kept, joined) keys."""
    # read once: each step reads the places of its own kind of entity, which no step before it renames
    places = places_by_document(store)
    misplaced = link_misplaced_stories(store, curation, places)
    if misplaced:
        places = places_by_document(store)  # the joined keys are gone
    return [*misplaced, *link_across(store, curation, places), *link_placed_bodies(store, curation, places),
            *link_body_variants(store, curation), *link_placed_orders(store, curation, places),
            *link_described_orders(store, curation, places), *link_reported_rulings(store, curation, places),
            *link_acronyms(store, curation), *link_office_holders(store, curation),
            *link_code_sections(store, curation)]


def link_misplaced_stories(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join the people and bodies of two documents of one story that one of them placed in the wrong state: when
    the two name two or more of the same people in full, each keyed by one state in the first and by another in the
    second ("Denise Arroyo" and "Luis Ferrante" of Springfield, Massachusetts, in a hearing's transcript that took
    Springfield for Missouri's), every person and body keyed by that other state joins the one the story's other
    documents (the most) key by the first; returns the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    places = places if places is not None else places_by_document(store)
    documents = {key: set(graphs) for key, graphs in places.items()}
    by_name: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)  # (folder, name) -> state -> key
    for key in documents:
        folder, _, tail = key.partition("/")
        if folder in _STORY_FOLDERS and (placed := _IN_STATE.fullmatch(tail)):
            by_name[(folder, placed["name"])][placed["state"]] = key
    # (document, document, state of the first, state of the second) -> the people named in both
    shared: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for (folder, name), keyed in by_name.items():
        if folder != "person" or len(keyed) < 2 or "-" not in name:  # a full name: given name and surname
            continue
        for first, second in ((a, b) for a in keyed for b in keyed if a < b):
            for one in documents[keyed[first]] - documents[keyed[second]]:
                for other in documents[keyed[second]] - documents[keyed[first]]:
                    shared[(one, other, first, second)].add(name)
    joined: dict[str, str] = {}
    for (one, other, first, second), people in shared.items():
        if len(people) < 2:
            continue
        for keyed in by_name.values():
            a, b = keyed.get(first), keyed.get(second)
            if a is None or b is None or one not in documents[a] or other not in documents[b]:
                continue
            kept, gone = (a, b) if len(documents[a]) >= len(documents[b]) else (b, a)
            if gone not in joined and kept not in joined and frozenset((kept, gone)) not in distinct:
                joined[gone] = kept
    return _join(store, joined, "across documents: {gone} is {kept}, of a story that names the same people in "
                                "another state")


_STORY_FOLDERS = {"person", "governmentbody", "organization"}
_IN_STATE = re.compile(r"(?P<state>us-[a-z]{2})-(?P<name>.+)")


def link_office_holders(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Join a document's unnamed office holder ("the Governor of Tennessee", in a letter of August 2024) to the one
    person other documents name in that role and place within two years of its document's date, or, when nobody is
    named in it, the other documents' unnamed holders of it within two years of each other; an office that several
    hold at once (a court's judges) joins nobody."""
    distinct = set((curation or Curation()).distinct_pairs())
    named: dict[tuple[str, str], dict[str, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
    unnamed: list[tuple[str, tuple[str, str], dt.date]] = []
    for row in store.rows(load_query("office_holdings").text):
        key = str(row["person"]).removeprefix(ID)
        office = (str(row["role"]).lower(), str(row["office"]))
        date = parse_iso(str(row["date"])) if row.get("date") is not None else None
        if office[0] in SHARED_ROLES or date is None:
            continue
        if key.startswith("person/office-"):
            unnamed.append((key, office, date))
        else:
            named[office][key].append(date)
    in_a_holding = {key for key, _, _ in unnamed}
    for row in store.rows(load_query("unnamed_holders").text):
        # no office holding in the text: the office its key names ("the governor" of a story about Washington)
        key = str(row["person"]).removeprefix(ID)
        if key not in in_a_holding and (office := _OFFICE_KEY.fullmatch(key)) and (date := parse_iso(str(row["date"]))):
            unnamed.append((key, (office["role"].replace("-", " "), f"{ID}state/{office['state']}"), date))
    candidates: dict[str, set[str]] = defaultdict(set)
    for key, office, date in unnamed:
        candidates[key] |= {p for p, dates in named[office].items() if any(abs(date - d) <= _TENURE for d in dates)}
    joined = {key: next(iter(found)) for key, found in candidates.items()
              if len(found) == 1 and frozenset((next(iter(found)), key)) not in distinct}
    # nobody named in the office: the documents' unnamed holders of it within a term of each other are one person
    nameless: dict[tuple[str, str], list[tuple[str, dt.date]]] = defaultdict(list)
    for key, office, date in unnamed:
        if not candidates[key] and office[1].startswith(f"{ID}state/"):  # a state's office: one governor at a time
            nameless[office].append((key, date))
    same: dict[str, str] = {}
    for holders in nameless.values():
        first, since = "", dt.date.min
        for key, date in sorted(holders, key=lambda pair: (pair[1], pair[0])):
            if not first or date - since > _TENURE:
                first, since = key, date  # a later term: perhaps another holder
            elif key != first and key not in same and frozenset((first, key)) not in distinct:
                same[key] = first
    return [*_join(store, joined, "across documents: the unnamed {gone} is {kept}, the one person other documents "
                                  "name in that office then"),
            *_join(store, same, "across documents: the unnamed {gone} is {kept}, who held that office then too")]


def link_across(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join people that only the whole store shows to be one; returns the (kept, joined) keys.

    - a surname alone joins the one person of its state named in full with that surname;
    - a name that is another's in a shorter or familiar form ("Doug Kerrigan", "Douglas R. Kerrigan") joins it,
      within a state, or from a document about no one state when exactly one person anywhere has the fuller name;
    - a name from documents about no one state joins the one person so named, or more fully, in a document about
      a state those documents name, unless the documents give the two different offices.
    """
    curation = curation or Curation()
    distinct = set(curation.distinct_pairs())
    people: list[tuple[str, str | None, names.WrittenName]] = []
    for row in store.rows(load_query("people").text):
        key = str(row["person"]).removeprefix(ID)
        written = names.parse(str(row["label"]))
        if written is None or key.startswith(("person/Q", "person/hand-", "person/office-")):
            continue
        state = _STATE_KEY.match(key)
        people.append((key, state.group(1) if state else None, written))
    by_surname: dict[str, list[tuple[str, str | None, names.WrittenName]]] = defaultdict(list)
    for person in people:
        by_surname[person[2].last].append(person)
    joined: dict[str, str] = {}  # joined -> kept
    named = _places_named(places if places is not None else places_by_document(store))
    states_named = {key: _states_of(found) for key, found in named.items()}
    roles = _roles(store)
    for group in by_surname.values():
        # fullest names first: each shorter form joins the one fuller name it can be
        group.sort(key=lambda p: (-bool(p[2].first), -len(p[2].middles), -len(p[2].first), p[0]))
        for key, state, written in group:
            fuller = [
                other for other, other_state, form in group
                if other != key and other not in joined
                and (_fuller(written, form) and (other_state == state or state is None)
                     # one name keyed two ways in one state ("Desmond K. Whitfield"): the first key keeps it
                     or form == written and other < key and state is not None and other_state == state)
                and (written.first or state is not None)  # a surname alone only within a state
            ]
            if not fuller and state is None and written.first:
                fuller = _placed(key, written, group, joined, states_named, roles)
            if len(fuller) != 1 or frozenset((fuller[0], key)) in distinct:
                continue
            joined[key] = fuller[0]
    # no chains: a name that joined a fuller one is no longer a candidate for shorter ones (fullest first)
    return _join(store, joined, "across documents: {gone} is {kept}, the one fuller name it can be")


def _placed(
    key: str,
    written: names.WrittenName,
    group: list[tuple[str, str | None, names.WrittenName]],
    gone: Container[str],
    states_named: dict[str, set[str]],
    roles: dict[str, set[str]],
) -> list[str]:
    """The people of a state that `key`'s documents name who are named as `key` is, more fully or more shortly
    (not by surname alone), when `key` comes from documents about no one state: "Lizette Carraway" of a story
    naming Tennessee and Georgia (or a county of Tennessee) is the one Tennessee "Lizette Carraway", unless the two
    are given different offices."""
    named = states_named.get(key, set())
    return [
        other for other, other_state, form in group
        if other != key and other not in gone and other_state in named and form.first
        and (form == written or _fuller(written, form) or _fuller(form, written))
        and not (roles.get(key) and roles.get(other) and not roles[key] & roles[other])
    ]


PlacesByDocument = dict[str, dict[str, set[str]]]  # entity key -> document graph -> the places it names


def places_by_document(store: Store) -> PlacesByDocument:
    """Person, body or order key -> each document graph naming it -> the states, counties and cities
    ('state/us-tn', 'county/fips-47065') that document names."""
    by_document: PlacesByDocument = defaultdict(lambda: defaultdict(set))
    for row in store.rows(load_query("entity_places").text):
        by_document[str(row["entity"]).removeprefix(ID)][str(row["graph"])].add(str(row["place"]).removeprefix(ID))
    return by_document


def _places_named(places: PlacesByDocument, *, in_every_document: bool = False) -> dict[str, set[str]]:
    """Entity key -> the places its documents name (or, `in_every_document`, that each of them names)."""
    combine = set.intersection if in_every_document else set.union
    return {key: combine(*documents.values()) for key, documents in places.items()}


def _states_of(places: set[str]) -> set[str]:
    """The states ('us-tn') of places: themselves, or the state a county or city is in."""
    states = {p if p.startswith("state/") else getattr(gazetteer.get(p), "state", None) for p in places}
    return {s.removeprefix("state/") for s in states if s}


def _roles(store: Store) -> dict[str, set[str]]:
    """Person key -> the roles (lower case) documents give them."""
    held: dict[str, set[str]] = defaultdict(set)
    for row in store.rows(load_query("office_holdings").text):
        held[str(row["person"]).removeprefix(ID)].add(str(row["role"]).lower())
    return held


def _fuller(short: names.WrittenName, full: names.WrittenName) -> bool:
    """Whether `full` is a fuller or formal form of `short` (and not the same form)."""
    if not full.first or short == full:
        return False
    if not short.first:
        return True
    if len(short.first) == 1 and not short.middles and short.first in (m[:1] for m in full.middles):
        return short.last == full.last  # "W. Pruitt", a signature cut from "Harlan W. Pruitt"
    longer = len(full.first) > len(short.first) or len(full.middles) > len(short.middles)
    return longer and same_name(short, full) and _plain_nickname(short.first, full.first)


def _plain_nickname(short: str, full: str) -> bool:
    """Across documents only the plain nicknames count: the start of the name ("Russ", "Clay", "Doug"), its first
    syllable and '-ie' or '-y' ("Annie", "Jerry") or one of few formal names ("Bob", "Bill", "Kathy"); "Lena" is
    short for sixteen names and joins none."""
    if short == full or len(short) == 1 or (len(short) >= 3 and full.startswith(short)):
        return True
    formal = names.formal_names_of(short)
    return familiar_form(short, full) or (full in formal and len(formal) <= _FEW_FORMAL_NAMES)


def link_placed_bodies(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join a body one document could not place ("the Sheriff's Office" of a story naming two counties, "Department
    of Environmental Quality" of a story about no one state) to the one body of the same name that other documents
    place in a state, county or city that document names; returns the (kept, joined) keys. A chamber's bare name
    ("the Senate") is also the nation's, and joins none."""
    distinct = set((curation or Curation()).distinct_pairs())
    placed: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (folder, name) -> (place, key)
    unplaced: list[tuple[str, str, str]] = []
    for row in store.rows(load_query("bodies").text):
        key = str(row["body"]).removeprefix(ID)
        folder, _, tail = key.partition("/")
        if found := _PLACED_BODY.fullmatch(tail):
            placed[(folder, found["name"])].append((found["place"], key))
        elif found := _SCOPED_BODY.fullmatch(tail):
            if found["name"] not in _CHAMBERS:
                unplaced.append((key, folder, found["name"]))
        elif not tail.startswith("us-"):  # not the tables' ('us-doj')
            unplaced.append((key, folder, tail))
    named = _places_named(places if places is not None else places_by_document(store))
    joined: dict[str, str] = {}
    for key, folder, name in unplaced:
        tails = {place.partition("/")[2] for place in named.get(key, ())}
        local = name in _LOCAL_BOARDS and any(not tail.startswith("us-") for tail in tails)
        # a school board named bare in a story naming a city is the city's, which the store may not know
        found = sorted({k for place, k in placed.get((folder, name), [])
                        if place in tails and not (local and place.startswith("us-"))})
        if len(found) == 1 and frozenset((found[0], key)) not in distinct:
            joined[key] = found[0]
    return _join(store, joined, "across documents: {gone} is {kept}, the one body so named in a place its documents "
                                "name")


def link_body_variants(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Join bodies of one place whose names differ only by the kind of place they open with ("the state board of
    regents" and "the Board of Regents" of Iowa; "the City Council" and "the Council" of Austin; "the County
    Commission" and "the Commission" of Mobile County), or a court's by its closing "Court" ("Franklin Circuit
    Court" and "Franklin Circuit"), into the shortest; returns the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    variants: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (folder, place, plain name) -> keys
    for row in store.rows(load_query("bodies").text):
        key = str(row["body"]).removeprefix(ID)
        folder, _, tail = key.partition("/")
        if found := _PLACED_BODY.fullmatch(tail):
            place, name = found["place"], found["name"]
            kind = _PLACE_KIND[place.partition("-")[0]]
            name = name.removeprefix(f"{kind}-")
            if folder == "court":
                name = name.removesuffix("-court")
            variants[(folder, place, name)].add(key)
    joined: dict[str, str] = {}
    for keys in variants.values():
        kept, *others = sorted(keys, key=lambda k: (len(k), k))
        joined |= {other: kept for other in others if frozenset((kept, other)) not in distinct}
    return _join(store, joined, "across documents: {gone} is {kept}, the same body of the same place")


def link_placed_orders(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join a numbered order documents keyed by their state ("Executive Order 2023-04" of a story about Arizona) to
    the one order of the same class and number that other documents key by a county or city of that state, when
    every document of the first names that county or city too (Tucson's "Executive Order 2023-04"); returns the
    (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    named = _places_named(places if places is not None else places_by_document(store), in_every_document=True)
    placed: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (folder, number) -> (place, key)
    in_state: list[tuple[str, str, str, str]] = []  # (key, folder, state, number)
    for key in named:
        folder, _, tail = key.partition("/")
        if folder not in _ORDER_FOLDERS or not (found := _NUMBERED.fullmatch(tail)):
            continue
        if found["place"].startswith("us-"):
            in_state.append((key, folder, found["place"], found["number"]))
        else:
            placed[(folder, found["number"])].add((found["place"], key))
    joined: dict[str, str] = {}
    for key, folder, state, number in in_state:
        tails = {place.partition("/")[2] for place in named[key] if _states_of({place}) == {state}}
        found = sorted(k for place, k in placed.get((folder, number), ()) if place in tails)
        if len(found) == 1 and frozenset((found[0], key)) not in distinct:
            joined[key] = found[0]
    return _join(store, joined, "across documents: {gone} is {kept}, the order of that number made in a place of its "
                                "state that its documents name")


def link_described_orders(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join an order a document could not key by its place to the one numbered order of its kind that other
    documents place where that document names: its number ("Executive Order 22-19" of a story that names no state
    alone, Minnesota's "EO 22-19") or its kind alone ("the resolution" of a story that names Rock County and no other
    county or city, the county's "Resolution 11-11A-293", when the store knows no other numbered resolution of Rock
    County); returns the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    places = places if places is not None else places_by_document(store)
    named = _places_named(places)
    names: dict[str, set[str]] = defaultdict(set)
    entities = load_query("entities")
    for cls in ("ExecutiveOrder", "Directive", "LocalPolicy"):
        for row in store.rows(entities.text, {"class": entities.term("class", str(POL[cls]))}):
            names[str(row["entity"]).removeprefix(ID)] |= {str(row["label"]).lower(),
                                                           *str(row["aliases"]).lower().split("|")}
    numbered: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # folder -> (place, number, key)
    for key in places:
        folder, _, tail = key.partition("/")
        if folder in _ORDER_FOLDERS and (found := _NUMBERED.fullmatch(tail)):
            numbered[folder].append((found["place"], found["number"], key))
    joined: dict[str, str] = {}
    for key, where in named.items():
        folder, _, tail = key.partition("/")
        if folder not in _ORDER_FOLDERS or not (scoped := _SCOPED_BODY.fullmatch(tail)):
            continue
        tails = {place.partition("/")[2] for place in where}
        states = _states_of(where)
        local = {place for place in tails if not place.startswith("us-")}  # its counties and cities
        number, kind = _number_in(scoped["name"]), _kind_of(scoped["name"])
        found = sorted({
            other for place, written, other in numbered[folder]
            # by number, of a place its documents name; by kind alone, of the one county or city they name (a
            # story in a state names other orders of the state's, federal ones among them)
            if ((written == number and (place in tails or place in states)) if number
                else (kind and local == {place} and any(kind in n for n in names.get(other, ()))))
        })
        if (number or kind) and len(found) == 1 and frozenset((found[0], key)) not in distinct:
            joined[key] = found[0]
    return _join(store, joined, "across documents: {gone} is {kept}, the one order of its number or kind made in a "
                                "place its documents name")


def link_reported_rulings(
    store: Store, curation: Curation | None = None, places: PlacesByDocument | None = None
) -> list[tuple[str, str]]:
    """Join a ruling a document only reports ("this San Francisco judge's erroneous ruling", in a statement of April
    25) to the one ruling a court issued up to three days before that document, as the court's own document gives
    it, in a place both documents name; and the unnamed judge the report says issued it to the one judge of that
    court the store names. Returns the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    places = places if places is not None else places_by_document(store)
    in_graph: dict[str, set[str]] = defaultdict(set)  # document graph -> the places it names
    for documents in places.values():
        for graph, found in documents.items():
            in_graph[graph] |= found
    issued: dict[str, tuple[dt.date, str, set[str]]] = {}  # a court's ruling -> its day, its court, its graphs
    reported: list[tuple[str, dt.date, str, str | None]] = []  # a report's ruling, its day, graph and issuer
    for row in store.rows(load_query("rulings").text):
        key, graph = str(row["ruling"]).removeprefix(ID), str(row["graph"])
        issuer = str(row["issuer"]).removeprefix(ID) if row.get("issuer") is not None else None
        if scoped := _SCOPED_BODY.fullmatch(key.partition("/")[2]):
            if scoped["name"].rsplit("-", 1)[-1] in _RULING_WORDS and (published := parse_iso(str(row["published"]))):
                reported.append((key, published, graph, issuer))
        elif issuer and issuer.startswith("court/") and (day := parse_iso(str(row.get("issued") or ""))):
            issued.setdefault(key, (day, issuer, set()))[2].add(graph)
    joined: dict[str, str] = {}
    judges: dict[str, str] = {}  # the unnamed judge of a report -> the court of the ruling it issued
    for key, published, graph, issuer in reported:
        found = sorted({
            ruling for ruling, (day, court, graphs) in issued.items()
            if dt.timedelta(0) <= published - day <= _REPORTED_WITHIN
            and (issuer in (None, court) or _UNNAMED_JUDGE.match(issuer))
            # the court's own document is another: within one, resolution has kept two rulings two
            and graph not in graphs and any(in_graph[graph] & in_graph[other] for other in graphs)
        })
        if len(found) == 1 and frozenset((found[0], key)) not in distinct:
            joined[key] = found[0]
            if issuer and _UNNAMED_JUDGE.match(issuer):
                judges[issuer] = issued[found[0]][1]
    named: dict[str, set[str]] = defaultdict(set)  # court -> the people the store names its judges
    for row in store.rows(load_query("office_holdings").text) if judges else ():  # every holding: read when needed
        person = str(row["person"]).removeprefix(ID)
        if "judge" in str(row["role"]).lower() and not person.startswith("person/office-"):
            named[str(row["office"]).removeprefix(ID)].add(person)
    who = {judge: next(iter(named[court])) for judge, court in judges.items()
           if len(named[court]) == 1 and frozenset((judge, *named[court])) not in distinct}
    return [*_join(store, joined, "across documents: {gone} is {kept}, the one ruling a court issued then in a place "
                                  "its document names"),
            *_join(store, who, "across documents: the unnamed {gone} is {kept}, the one judge named of the court "
                               "whose ruling the document reports")]


_REPORTED_WITHIN = dt.timedelta(days=3)  # a statement or story on a ruling comes out within days of it
# What a report calls a ruling it does not name ("the ruling", "the judge's erroneous decision"): not a decree or a
# judgment, which a report may give ahead of the court ("the proposed consent decree").
_RULING_WORDS = {"ruling", "decision", "injunction", "order", "opinion"}
_UNNAMED_JUDGE = re.compile(r"person/office-(?:[a-z]+-)*judge-")  # "the judge", "a single district judge"


def _number_in(name: str) -> str | None:
    """The number a document's own order key ends with, written as kg.resolve.orders writes it ('executive-order-
    22-19' -> '22-19', 'directive-no-2012-09' -> '12-9'); a lone number ('ordinance-7') is too weak to join by."""
    found = re.search(r"(?<![a-z])(\d+(?:-\d+)+)$", name)
    return written_number(found.group(1).split("-")) if found else None


def _kind_of(name: str) -> str | None:
    """The kind of order a bare description names ('resolution', 'county-resolution', 'executive-order' ->
    'executive order'), None for any other name."""
    words = name.split("-")
    if not words or not set(words) <= _DESCRIPTION_WORDS or words[-1] not in _ORDER_KINDS:
        return None
    return "executive order" if words[-2:] == ["executive", "order"] else words[-1]


_ORDER_KINDS = {"resolution", "ordinance", "proclamation", "order", "directive", "memorandum", "declaration"}
_DESCRIPTION_WORDS = _ORDER_KINDS | {"executive", "emergency", "county", "city", "state", "council", "funding",
                                     "the", "new"}


# A numbered order's key (kg.resolve.orders): its place ('us-az', 'fips-35057', 'geonames-5318313') and number.
_PLACE = r"(?P<place>us-[a-z]{2}|fips-\d+|geonames-\d+)-"  # a key's place: a state, county or city
_NUMBERED = re.compile(_PLACE + r"(?P<number>\d+(?:-\d+)*)")
_ORDER_FOLDERS = {"executiveorder", "directive", "localpolicy"}
# A body's key placed by kg.resolve.bodies: a state ('us-tn-'), county ('fips-47065-') or city ('geonames-4612862-').
_PLACED_BODY = re.compile(_PLACE + r"(?P<name>.+)")
_PLACE_KIND = {"us": "state", "fips": "county", "geonames": "city"}  # the word a body's name may open with
_SCOPED_BODY = re.compile(r"[0-9a-f]{8}-(?P<name>.+)")  # a kind of body, this document's own ("the board")
_CHAMBERS = {"senate", "house", "house-of-representatives"}
# Boards that states and their cities or school districts both have, by key.
_LOCAL_BOARDS = {"board-of-education", "school-board", "school-committee", "board-of-health"}


def link_acronyms(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Join a state's body named by acronym alone ("DEP", "TDOT") to the one body of that state whose name it
    abbreviates, anywhere in the store; returns the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    acronyms: list[tuple[str, str, str]] = []
    named: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in store.rows(load_query("bodies").text):
        key, label = str(row["body"]).removeprefix(ID), str(row["label"])
        state = _STATE_BODY_KEY.match(key)
        if state is None:
            continue
        if _ACRONYM.fullmatch(label):
            acronyms.append((key, state.group(1), label))
        elif " " in label:
            named[state.group(1)].append((key, label))
    joined: dict[str, str] = {}
    for key, state, acronym in acronyms:
        found = [k for k, label in named[state] if acronym in acronyms_of(label)]
        if len(found) == 1 and frozenset((found[0], key)) not in distinct:
            joined[key] = found[0]
    return _join(store, joined, "across documents: {gone} abbreviates {kept}")


def link_code_sections(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Join a law a document names by its section number alone ("Section 1373", or NER's bare "1373") to the one
    section of the U.S. Code with that number the store holds ("8 U.S.C. 1373"), as a surname joins the one full
    name; a number of one or two digits ("Section 8") is too common a section of too many laws to join. Returns
    the (kept, joined) keys."""
    distinct = set((curation or Curation()).distinct_pairs())
    code: dict[str, set[str]] = defaultdict(set)  # section -> the U.S. Code sections of that number
    bare: dict[str, str] = {}  # a law named by its section alone -> the section
    for row in store.rows(load_query("laws").text):
        key = str(row["law"]).removeprefix(ID)
        if found := _CODE_SECTION.fullmatch(key):
            code[found["section"]].add(key)
        elif found := _SECTION_ALONE.fullmatch(str(row["label"])):
            bare[key] = found["section"]
    joined = {key: next(iter(code[section])) for key, section in sorted(bare.items())
              if len(code[section]) == 1 and frozenset((key, *code[section])) not in distinct}
    return _join(store, joined, "across documents: {gone} is {kept}, the one section of that number the store holds")


_CODE_SECTION = re.compile(r"order/usc-\d+-(?P<section>\d+[a-z]?)")
_SECTION_ALONE = re.compile(r"(?:(?:Section|Sec\.|§)\s*)?(?P<section>\d{3,}[a-z]?)", re.I)


def _join(store: Store, joined: dict[str, str], why: str) -> list[tuple[str, str]]:
    """Join each key to the one it is (joined -> kept), saying `why` on the node (`{gone}` and `{kept}` filled in);
    returns the (kept, joined) keys."""
    join_all(store, {URIRef(ID + g): (URIRef(ID + k), why.format(gone=g, kept=k)) for g, k in joined.items()})
    return [(k, g) for g, k in joined.items()]


_ACRONYM = re.compile(r"[A-Z]{2,7}")
_STATE_BODY_KEY = re.compile(r"(?:governmentbody|organization)/(us-[a-z]{2})-")
