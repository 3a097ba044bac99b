"""Bodies and courts: one node per department, agency or court, however the text names it.

- A federal body or court the authority tables know, by its name, an alternative name or an acronym ("Justice
  Department", "DOJ", "U.S. Department of Justice"; "N.D. Cal.") is that record, keyed by the tables' id; a
  sub-body has its own id, so it stays apart from its parent. Near-miss spellings count only for long names.
  A name with a state in it ("Georgia Department of Transportation", "New Mexico Supreme Court") is never
  looked up: the tables are federal, and "Department of Transportation" is also every state's.
- An acronym a document spells out ("the Department of Environmental Quality (DEQ)") is the body it
  abbreviates, in that document.
- A state's body is keyed by its state and its name without the state: "Connecticut Department of
  Correction" and, in a document about Connecticut, "the Department of Correction" or "the state Department of
  Correction" share a node; the same name in a document about another state is another body.
- "The Federal Government", "the U.S. government" is the federal government; "federal agencies", and in a
  president's order "all executive departments and agencies", one node of the federal executive branch (a
  governor's order's are the state's).
- A name that only says what kind of body it is ("the board", "District Court") names a different body in
  every document, and stays that document's own.
- A document a state's body publishes (its publisher: "Supreme Court of the State of New Mexico", "Legislative
  Counsel Bureau, State of Nevada") means itself by its own name without the state ("the Supreme Court" in a
  New Mexico Supreme Court opinion), and its state's departments and offices by theirs ("the Department of
  Transportation" in an Oregon statute), unless the text says the federal one; and its bodies are that state's
  when the text alone names several states.
"""

from __future__ import annotations

import re

from kg import gazetteer
from kg.authority import Authority, Body, Court
from kg.facts import FEDERAL_GOVERNMENT, Entity
from kg.resolve.identities import Identities
from kg.resolve.places import home_state
from kg.text import slug

BODY_CLASSES = {"GovernmentBody", "Organization"}
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]{1,7}")
_MINOR_WORDS = {"of", "the", "and", "for", "on", "in", "&", "to"}
# Words that name a kind of body rather than one body.
GENERIC_WORDS = frozenset({
    "court", "courts", "circuit", "district", "appeals", "appellate", "supreme", "superior", "county", "city", "state",
    "federal", "trial", "tribunal", "board", "council", "commission", "committee", "department", "agency", "office",
    "bureau", "administration", "authority", "division", "panel", "legislature", "assembly", "senate", "house",
    "of", "the", "for", "and", "a", "its", "u.s.", "us", "united", "states", "local", "municipal", "full", "en", "banc",
    "general", "common", "commissioners", "supervisors", "sheriff", "sheriff's", "police", "association", "lodge",
    "task", "force", "working", "group", "union", "coalition", "alliance", "chamber", "network", "employees",
    "officers", "members", "staff", "team", "attorney's", "prosecutor's", "general's", "clerk's", "office's",
})
# Federal bodies whose bare names are also every state's ("the Senate", "the House of Representatives"): the
# tables' record only when the text says it is the federal one.
_CHAMBERS = {"us-senate", "us-house"}
# Names a federal body shares with states' bodies ("Department of Education", "Office of the Attorney General").
_SHARED_NAME = re.compile(r"(?:the\s+)?(?:Department|Office|Division|Bureau|Board|Commission|Agency)\s+(?:of|for|on)\b")
_LEADING = re.compile(r"^(?:(?:the|this)\s+)?(?:U\.\s?S\.\s+|US\s+|United States\s+)?", re.I)
# "U.S." ends on a period, after which a word boundary never follows
_FEDERAL = re.compile(r"^(?:the\s+)?(?:U\.\s?S\.(?!\w)|(?:US|United States|Federal|National|White House)\b)", re.I)
# "State" before a department's name, said of the state the name is placed in (never "the State Department").
_STATE_WORD = re.compile(
    r"^(?i:state)\s+(?=(?:Department|Board|Office|Division|Bureau|Commission|Agency)\s+(?:of|for|on)\s)")
EXECUTIVE_AGENCIES = "governmentbody/us-executive-departments-and-agencies"
_FEDERAL_GOVERNMENT = re.compile(
    r"(?:the\s+)?(?:(?:federal|u\.\s?s\.|us|united\s+states)\s+government|government\s+of\s+the\s+united\s+states)",
    re.I)
_AGENCIES_NAMED = re.compile(
    r"(?:all\s+)?(?:the\s+)?(?:(?P<federal>federal)|executive(?:\s+branch)?)\s+"
    r"(?:departments(?:\s+and\s+agencies)?|agencies)", re.I)
_PRESIDENTIAL_PUBLISHER = re.compile(r"\b(?:White House|President|Federal Register)\b")
# A state's officer that NER calls an organisation ("the State Engineer" of a story about Utah is Utah's).
_STATE_OFFICER = re.compile(
    r"^State\s+(?:Engineer|Auditor|Treasurer|Controller|Comptroller|Epidemiologist|Veterinarian|Geologist|Forester|"
    r"Fire\s+Marshal|Health\s+Officer|Librarian|Archivist|Climatologist|Election\s+Director)$")
LOCAL_GOVERNMENTS = r"County|City|Municipal|Town|Township|Parish|Borough|Village"
_LOCAL_WORDS = re.compile(rf"\b(?:State|{LOCAL_GOVERNMENTS})\b")
# A local government's publisher ("Multnomah County Board of Commissioners"); "Wisconsin State Legislature" is none.
_LOCAL_PUBLISHER = re.compile(rf"\b(?:{LOCAL_GOVERNMENTS})\b")


def resolve_bodies(book: Identities, authority: Authority) -> None:
    _spelled_out_acronyms(book)  # first: "DHHS" after "Maine Department of Health and Human Services" is Maine's
    _described_bodies(book)
    state_bodies = {
        named[1].lower()
        for _, e in book.of_class(BODY_CLASSES)
        for name in (e.label, *e.aliases)
        if (named := _state_of(name))
    }
    issuer = _issuer(book)
    own: set[str] = set()  # the bodies a state's own document names itself by without its state
    federal_named = FEDERAL_GOVERNMENT in book.entities
    presidential = bool(_PRESIDENTIAL_PUBLISHER.search(book.document.publisher or ""))
    for key, entity in book.of_class(BODY_CLASSES | {"Court"}):
        if federal_named and _LEADING.sub("", entity.label) == "Government":
            # "The Government does not respond to the Counties' challenges": the federal government, the party
            book.rename(key, FEDERAL_GOVERNMENT, reason=f"{entity.label!r} of a text naming the federal government")
            continue
        if _FEDERAL_GOVERNMENT.fullmatch(entity.label):
            book.rename(key, FEDERAL_GOVERNMENT, label="federal government",
                        reason=f"{entity.label!r} is the federal government")
            continue
        if (agencies := _AGENCIES_NAMED.fullmatch(entity.label)) and (agencies["federal"] or presidential):
            # "all executive departments and agencies" of a president's order, "federal agencies" anywhere: one
            # node; a governor's order's are the state's, keyed by name below
            book.rename(key, EXECUTIVE_AGENCIES, label="executive departments and agencies of the United States",
                        reason=f"{entity.label!r}: the federal executive departments and agencies")
            continue
        state = _state_of(entity.label)
        names = [entity.label, *sorted(a for a in entity.aliases if _federal_form(a))]
        federal = _named_federal(entity)
        if issuer and state is None and not federal \
                and _issuers_own(entity.label, issuer[1], book.document.title, authority):
            own.add(key)
            continue
        if entity.cls == "Court":
            # federal courts sit in states ("District of Utah"): a court of the tables must be in the state named
            court = _one(authority.court_by_name(n, fuzzy=_long(n, 4) and state is None) for n in names)
            if court is not None and (state is None or court.state.lower() == state[0][-2:]):
                book.rename(key, f"court/{court.id}", reason=f"authority: {entity.label!r} is {court.name}",
                            label=court.name, identifiers={"wikidata": court.qid} if court.qid else None)
            continue
        if state or _LOCAL_WORDS.search(entity.label):
            continue
        if _SHARED_NAME.match(entity.label) and _LEADING.sub("", entity.label).lower() in state_bodies and not federal:
            continue  # "the Department of Education" in a story that names the New Hampshire one is the state's
        if (inner := _inner_body(entity.label)) and authority.body_by_name(inner, fuzzy=False):
            names[0] = inner
        found = [authority.body_by_name(n, fuzzy=_long(n)) for n in names]  # names[0] is the label
        body = _one(found)
        if body is not None and " " in entity.label and found[0] is None and not _names_fit(entity.label, body):
            continue  # "Department of Correction (DOC)": an acronym does not make a name the tables lack federal
        if body is not None and body.id in _CHAMBERS and not any(_FEDERAL.match(n) for n in names):
            continue
        if body is not None:
            book.rename(key, f"governmentbody/{body.id}", reason=f"authority: {entity.label!r} is {body.name}",
                        label=body.name, cls="GovernmentBody",
                        identifiers={"wikidata": body.qid} if body.qid else None)
    _keyed_by_name(book, issuer[0] if issuer else None, own)


def _described_bodies(book: Identities) -> None:
    """A body the text names only by its kind ("the Department", "the Alliance", "the Fiscal Court") is the one body
    of the document whose name ends in those words ("Tennessee Department of Health", "Kentucky River Recovery
    Alliance", "Harlan County Fiscal Court"), when there is exactly one, whether a fact uses that name or not."""
    bodies = book.of_class(BODY_CLASSES | {"Court"}, unused=True)
    for key, entity in book.of_class(BODY_CLASSES | {"Court"}):
        kind = _LEADING.sub("", entity.label).lower().split()
        if not 0 < len(kind) <= 2 or kind[-1] not in _KINDS_OF_BODY or not set(kind[:-1]) <= _KIND_WORDS:
            continue
        named = {
            other for other, body in bodies
            if other != key and (body.cls == "Court") == (entity.cls == "Court")
            and (other in book.entities or _proper(body.label))  # a name no fact uses may be a misread span
            and any(_head_phrase(n)[-len(kind):] == kind and len(n.split()) > len(kind) and not _generic(n)
                    for n in (body.label, *body.aliases))
        }
        if len(named) == 1:
            book.merge(key, named.pop(), reason=f"{entity.label!r} is the one body of its kind the document names")


# The nouns a text calls a body by once it has named it ("the Department", "the Alliance"); a chamber's or a
# government's bare name is none ("the House" is no "White House").
_KINDS_OF_BODY = {"department", "agency", "office", "bureau", "division", "board", "commission", "committee",
                  "council", "court", "authority", "district", "cabinet", "alliance", "association", "coalition",
                  "union", "academy", "college", "university", "company", "corporation", "center", "institute",
                  "foundation", "society", "network", "panel"}
# A word that may come before the noun in such a description ("the Fiscal Court", "the Governing Board").
_KIND_WORDS = GENERIC_WORDS | {"fiscal", "municipal", "governing", "school", "regional"}


def _proper(name: str) -> bool:
    """Every word capitalised but the small ones: "Division of Mine Reclamation and Enforcement", not "Division of
    Mine Reclamation and Enforcement gave Clover Fork Resources"."""
    return all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in _LEADING.sub("", name).split())


def _head_phrase(name: str) -> list[str]:
    """A body's name up to its first "of" or "for", in lower case: "Tennessee Department" of "Tennessee Department of
    Health", "Rock County Board" of "Rock County Board of Supervisors"."""
    words = _LEADING.sub("", name).lower().split()
    for i, word in enumerate(words):
        if word in ("of", "for") and i > 0:
            return words[:i]
    return words


def _named_federal(entity: Entity) -> bool:
    """Whether one of a body's names says it is federal ("U.S. Department of Education"): the text's "the
    Department of Education", one entity with it, is then the federal one too."""
    return any(_FEDERAL.match(name) for name in (entity.label, *entity.aliases))


def _issuers_own(label: str, issuer_names: set[str], title: str | None, authority: Authority) -> bool:
    """Whether a document a state's body published means its state's body by this name without the state: its own
    name, or, in one of the state's instruments (a statute, an order, an opinion: by its title), a department's or
    office's name that states share with federal bodies ("the Department of Labor" of a Pennsylvania executive
    order, "the Department of Transportation" of an Oregon statute). An instrument names a federal department as
    such ("the United States Department of ..."), which `_FEDERAL` tells; a press release need not ("The
    Department of Justice has said that California's policies violate federal law"). A state shares a cabinet
    department's name, not the name of an office inside one in the tables ("Office of Justice Programs", "Bureau of
    Justice Assistance"): that is the federal office, unless it is the publisher's own."""
    bare = _LEADING.sub("", label)
    if bare.lower() in issuer_names:
        return True
    if not (_SHARED_NAME.match(label) and not _LOCAL_WORDS.search(label) and title and _INSTRUMENT_TITLE.search(title)):
        return False
    office = authority.body_by_name(bare, fuzzy=False)
    return office is None or office.parent is None


def _issuer(book: Identities) -> tuple[str, set[str]] | None:
    """(state key, lower-cased names without the state) of the state's bodies that published the document
    ("Oregon Legislative Assembly"; "Supreme Court of the State of New Mexico"; "Legislative Counsel Bureau,
    State of Nevada"), from its publisher; None for a newspaper, a county's or a city's document, or none."""
    publisher = re.sub(r"\s*\(.*?\)", "", book.document.publisher or "")
    parts = [p.strip() for p in publisher.split(",") if p.strip()]
    if not parts or not re.search(_ISSUING_WORDS, parts[0]) or _LOCAL_PUBLISHER.search(_STATE_OF.sub("", publisher)):
        return None
    if any(_FEDERAL.match(part) for part in parts):
        return None  # "U.S. Attorney's Office, District of New Jersey": a federal office in a state
    states: set[str] = set()
    names: set[str] = set()
    for part in parts:
        alone = _STATE_OF.fullmatch(part)
        named = _state_of(_STATE_OF.sub(r"\1", part))
        if alone and (state := gazetteer.state_named(alone[1])):
            states.add(state.key)
        elif named:
            states.add(named[0])
            names.add(named[1].lower())
        else:
            names.add(_LEADING.sub("", part).lower())
    return (states.pop(), names) if len(states) == 1 else None


# Words that say a publisher is a government's body (a newspaper named after its state publishes no state's text).
_ISSUING_WORDS = (r"\b(?:Court|Legislat\w*|Assembly|Senate|Department|Office|Agency|Board|Bureau|Commission|"
                  r"Governor|Attorney General|Commonwealth|State of)\b")
# The title of a state's instrument: a bill or statute, an order or proclamation, an opinion, a case's caption; a
# session's year may lead ("2025 Assembly Bill 188").
_INSTRUMENT_TITLE = re.compile(
    r"^(?:\d{4} )?(?:Enrolled |Engrossed |Emergency |Substitute )?(?:(?:Executive )?(?:Order|Proclamation)|"
    r"(?:House |Senate |Assembly |Legislative )?Bill|Public Act|Statutes|Session Laws|(?:Attorney General )?Opinion)\b"
    r"|\sv\.?\s|^In re\b",
    re.I)
_STATE_OF = re.compile(r"(?:the\s+)?(?:State|Commonwealth) of ([A-Z][\w ]+)", re.I)


def _keyed_by_name(book: Identities, issuer: str | None, own: set[str]) -> None:
    """Key each body not in the tables by its place and name; `issuer` is the state whose body published the
    document, and `own` the bodies it names itself by without its state."""
    scope = book.document.content_hash[:8]
    home = home_state(book) or issuer
    for key, entity in book.of_class(BODY_CLASSES | {"Court"}):
        folder, _, tail = key.partition("/")
        if tail.startswith("us-") or re.match(r"[0-9a-f]{8}-", tail):
            continue  # the authority's, or a document's own description ("the memo's conditions")
        named = _place_of(book, entity.label, home) or _state_of(entity.label)
        if named is None and key in own:
            named = issuer, _LEADING.sub("", entity.label)
        place, rest = named or (None, _LEADING.sub("", entity.label))
        if place is None and (seat := _local_seat(book, rest, home)):
            place = seat
        if _generic(rest) and place is None:
            new, reason = f"{folder}/{scope}-{slug(rest)}", f"{entity.label!r} names a kind of body: this document's"
        elif place is not None:
            if place.startswith(gazetteer.STATE_PREFIX):
                rest = _STATE_WORD.sub("", rest)  # "Pennsylvania State Department of ...": the state's department
            new, reason = f"{folder}/{place.split('/', 1)[1]}-{slug(rest)}", f"a body of {place}"
        elif home and (entity.cls != "Organization" or _STATE_OFFICER.match(rest)) and not _named_federal(entity):
            rest = _STATE_WORD.sub("", rest)  # "the state Department of Justice" of a story about Wisconsin
            new, reason = f"{folder}/{home.removeprefix('state/')}-{slug(rest)}", f"a body of the document's {home}"
        else:
            new, reason = f"{folder}/{slug(rest)}", "keyed by its name"
        if new != key:
            book.rename(key, new, reason=reason)


def _place_of(book: Identities, label: str, home: str | None) -> tuple[str, str] | None:
    """(place key, the name without it) for a body named after a city or county of the document ("Philadelphia
    Department of Prisons", "Hudson County Board of Elections"), or a county of its state `home`."""
    bare = _LEADING.sub("", label)
    for key, place in book.of_class({"City", "County"}):
        if key.startswith(_GAZETTEER_LOCAL):
            for name in sorted({place.label, *place.aliases}, key=len, reverse=True):
                if place.cls == "County" and gazetteer.state_named(name) is not None:
                    continue  # Utah County's bare "Utah": "Utah Department of Health" is the state's
                if not bare.startswith(name + " ") or not (rest := bare[len(name) + 1 :]):
                    continue
                if place.cls == "City" and re.match(r"(?:County|Parish)\b", rest):
                    continue  # "Mobile County Commission" is Mobile County's, not the city of Mobile's
                return key, rest
    # a county the document does not name on its own ("Lucas County Board of Elections"), in its state
    county = re.match(r"((?:[A-Z][\w.'-]*\s){1,3}(?:County|Parish))\s+(\S.*)", bare)
    if county and home:
        found = [p for p in gazetteer.lookup(county.group(1), state=home) if p.cls == "County"]
        if len(found) == 1:
            return found[0].key, county.group(2)
    return None


_GAZETTEER_LOCAL = (gazetteer.COUNTY_PREFIX, gazetteer.CITY_PREFIX)  # counties and cities the gazetteer knows

# Kinds of body that a county or a city has one of: in a document about one county (or one city), "the Board
# of Supervisors" is that county's.
_COUNTY_BODIES = {"board of supervisors", "board of commissioners", "board of county commissioners",
                  "county commission", "commission", "commissioners", "sheriff's office", "board of elections",
                  "election board", "board of health", "health department", "county attorney's office"}
_STATE_BODIES = {"general assembly", "legislature", "state legislature", "state senate", "house of delegates",
                 "state board of education", "public utilities commission", "public service commission"}
_CITY_BODIES = {"city council", "council", "common council", "police department", "board of aldermen",
                "city attorney's office", "city commission"}


def _local_seat(book: Identities, name: str, home: str | None) -> str | None:
    """The one county, city or state (`home`) of the document whose body a bare kind of body names."""
    kind = name.lower()
    if kind in _STATE_BODIES:
        return home
    wanted = "County" if kind in _COUNTY_BODIES else "City" if kind in _CITY_BODIES else None
    if wanted is None:
        return None
    seats = [(k, e) for k, e in book.of_class({wanted}) if k.startswith(_GAZETTEER_LOCAL)]
    if len(seats) != 1:
        return None
    seat, place = seats[0]
    town = _PUBLISHED_IN.search(book.document.publisher or "")
    if wanted == "City" and town and town[1].strip().lower() not in {n.lower() for n in (place.label, *place.aliases)}:
        return None  # "the City Council" of a Whitefish paper naming Billings once is Whitefish's, not Billings'
    return seat


# A local paper's town, in its publisher's name: "Stumptown Courier (Whitefish, Mont.)".
_PUBLISHED_IN = re.compile(r"\(([A-Z][\w .'-]+),\s*[A-Z][\w.]+(?: [A-Z][\w.]+)?\)")


def _state_of(label: str) -> tuple[str, str] | None:
    """(state key, the name without it) for a name that starts or ends with a state's name: "Oregon Department
    of Justice", "State of Ohio Board of Education", "Commonwealth Court of Pennsylvania"."""
    words = _LEADING.sub("", label).split()
    for n in (3, 2, 1):
        if len(words) > n:
            head = gazetteer.state_named(" ".join(words[:n]))
            # "Kansas City Police", "Utah County Commission": a city's or a county's, not the state's
            if head is not None and not words[:n][-1].endswith(".") and words[n] not in ("City", "County", "Parish"):
                return head.key, " ".join(words[n:])
            tail = gazetteer.state_named(" ".join(words[-n:]))
            if tail is not None and len(words) > n + 1 and words[-n - 1].lower() in ("of", "for"):
                # "Supreme Court of the State of New Mexico": the state's Supreme Court
                return tail.key, _OF_THE_STATE.sub("", " ".join(words[: -n - 1]))
    return None


_OF_THE_STATE = re.compile(r"\s+of\s+the\s+(?:State|Commonwealth)$", re.I)


def _inner_body(label: str) -> str | None:
    """The body a name is of: after an owner's possessive ("the Department of Justice's Office of Community
    Oriented Policing Services") or an office's title ("Administrator of the Small Business Administration"); the
    first of a list of departments ("the Departments of Defense, the Interior, ...", read as "Departments of
    Defense")."""
    if plural := _DEPARTMENTS.fullmatch(label):  # "the Departments of Defense" of a list of departments
        return f"Department of {plural['body']}"
    found = _OWNED.match(label) or _HEADED.match(label)
    return found["body"] if found else None


_DEPARTMENTS = re.compile(r"(?:the\s+)?Departments\s+of\s+(?P<body>(?:the\s+)?[A-Z][\w ]+)")
_OWNED = re.compile(r".*['\u2019]s\s+(?P<body>[A-Z].+)")
_HEADED = re.compile(r"(?:the\s+)?(?:Administrator|Secretary|Director|Commissioner|Chair(?:man|woman)?)\s+of\s+"
                     r"(?P<body>(?:the\s+)?[A-Z].+)")


def _names_fit(name: str, body: Body) -> bool:
    """Whether every main word of `name` is a word of one of the body's names ("Housing and Urban Development"
    fits HUD; "Department of Correction" does not fit the Department of Commerce)."""
    words = {w for w in re.findall(r"[a-z]+", _LEADING.sub("", name).lower()) if w not in _MINOR_WORDS}
    return any(words <= set(re.findall(r"[a-z]+", known.lower())) for known in (body.name, *body.aliases))


def _federal_form(alias: str) -> bool:
    """An alias worth looking up in the federal tables: an acronym, or a name that says it is federal."""
    return bool(_ACRONYM.fullmatch(alias) and sum(c.isupper() for c in alias) >= 2) or bool(_FEDERAL.match(alias))


def _generic(label: str) -> bool:
    return all(w in GENERIC_WORDS for w in label.lower().split())


def _one(found: object) -> Body | Court | None:
    """The record every name that finds one agrees on; None when none does or they disagree."""
    records = {r.id: r for r in found if r is not None}  # type: ignore[attr-defined]
    return next(iter(records.values())) if len(records) == 1 else None


def _long(name: str, words: int = 3) -> bool:
    """Long enough for a near-miss spelling to be told from another name."""
    return len([w for w in name.split() if w.lower() not in _MINOR_WORDS]) >= words


def acronyms_of(name: str) -> set[str]:
    """The acronyms a body's name can have: of every word ("DOT": Department Of Transportation) or of the main
    words ("DEQ": Department of Environmental Quality), with or without a leading state's initial ("TDOT",
    "ODEQ"); a leading "the" or "U.S." is no part of any, nor a leading state's name with "State" ("DNR" of the
    "Washington State Department of Natural Resources")."""
    words = [w for w in _LEADING.sub("", name).replace("-", " ").split() if w[:1].isalpha()]
    every, main = _initials(words)
    found = {every, main, every[1:], main[1:]}
    if (start := _after_state(words)) is not None:
        found |= set(_initials(words[start:]))
    return {a for a in found if len(a) >= 2}


def _initials(words: list[str]) -> tuple[str, str]:
    """The initials of every word, and of the main words."""
    return "".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w.lower() not in _MINOR_WORDS).upper()


def _after_state(words: list[str]) -> int | None:
    """Where a name goes on after its leading state's name and the word "State" ("Washington State ...", "New
    York State ..."), if it opens so."""
    for length in (1, 2, 3):
        state = " ".join(words[:length])
        if len(words) > length + 1 and words[length].lower() == "state" and gazetteer.state_named(state):
            return length + 1
    return None


def _spelled_out_acronyms(book: Identities) -> None:
    bodies = book.of_class(BODY_CLASSES)
    for key, entity in bodies:
        if not (_ACRONYM.fullmatch(entity.label) and entity.label.isupper() and len(entity.label) >= 2):
            continue
        wanted = entity.label.replace("&", "")
        expansions = {
            other for other, named in bodies
            if other != key and " " in named.label
            and any(wanted in acronyms_of(n) for n in (named.label, *named.aliases) if " " in n)
        }
        if len(expansions) == 1:
            book.merge(key, expansions.pop(), reason=f"the acronym {entity.label} spelled out in the document")
