"""People: one node per person, by authority where the tables know them, never by an office word alone.

- An office named without its holder ("the President", "the Attorney General") is the person who held that
  office on the document's date where the authority tables say who did; otherwise a node of its own for this
  document only (the attorney general of one story is not the attorney general of every other).
- A name the tables know (full, short or titled; middle names, initials, suffixes, nicknames) is that person,
  when the text corroborates it: the person held an office on the document's date, or the text gives them an
  office they held; and the text never gives them an office they did not hold ("Sheriff John Kelly" is not the
  secretary of homeland security).
- Two names of one document that agree part by part ("Robert T. Hale", "Bob Hale") are one person.
- A heading or caption run into a name ("Judge Panel Before Bauer") leaves the name after its last word that
  no name has inside it ("Bauer").
- An office only the nation has ("the Secretary of Homeland Security"), named without a place, is the nation's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from kg import gazetteer
from kg.authority import Authority, Person
from kg.authority import names as person_names
from kg.authority.jurisdictions import office_name
from kg.facts import Fact
from kg.resolve.identities import Identities
from kg.resolve.places import home_state
from kg.text import slug

# The offices the tables record; a role outside these says nothing for or against a match.
_RECORDED_OFFICES = {"president", "vice president", "attorney general", "secretary of homeland security",
                     "senator", "representative"}
# Words inside a run of capitalised words that end a heading or caption, never part of a name.
_NOT_IN_NAMES = {"before", "after", "under", "against", "with", "from", "for", "by", "v.", "vs.", "and", "to", "at"}
# Recorded offices no state has: named without a place, they are the nation's.
_FEDERAL_ONLY_OFFICES = {"president", "vice president", "secretary of homeland security"}
# Roles the tables do not record that go with those they do ("Senate Majority Leader", "the Secretary").
_COMPATIBLE_ROLES = {"chair", "vice chair", "speaker", "majority leader", "minority leader", "secretary"}
_UNNAMED = "person/office-"


def person_key(person: Person) -> str:
    """The document-independent key of a person the tables know: by Wikidata QID where known."""
    return "person/" + (person.qid or person.id.replace(":", "-"))


def resolve_people(book: Identities, facts: list[Fact], date: dt.date | None, authority: Authority) -> None:
    offices = _offices(facts)
    _stray_words_dropped(book)
    for key, _ in book.of_class({"Person"}):
        if key.startswith(_UNNAMED):
            _office_holder(book, key, offices.get(key, []), date, authority)
    for key, entity in book.of_class({"Person"}):
        if not key.startswith(_UNNAMED):
            person = _known_person(entity.label, entity.aliases, offices.get(key, []), date, authority)
            if person is not None:
                _to_person(book, key, person, f"{entity.label!r} is {person.label} ({person.source.split(',')[0]})")
    _same_person_forms(book)
    _placed_by_state(book, offices, authority)


def _stray_words_dropped(book: Identities) -> None:
    """A heading or caption run into a name ("Judge Panel Before Bauer"): the person is the name after the last
    word that no name has inside it."""
    for key, entity in book.of_class({"Person"}):
        words = entity.label.split()
        cut = max((i for i, word in enumerate(words[1:-1], 1) if word.lower() in _NOT_IN_NAMES), default=None)
        if cut is not None and not key.startswith(_UNNAMED):
            name = " ".join(words[cut + 1 :])
            book.rename(key, f"person/{slug(name)}", reason=f"{entity.label!r} runs other words into the name",
                        label=name)


def _to_person(book: Identities, key: str, person: Person, why: str) -> None:
    """The entity under `key` is the authority's person: their key, name and Wikidata id."""
    book.rename(key, person_key(person), reason=f"authority: {why}", label=person.label,
                identifiers={"wikidata": person.qid} if person.qid else None)


def _offices(facts: list[Fact]) -> dict[str, list[tuple[str, str]]]:
    """Person key -> the (role, place key) of every office the document gives them."""
    held: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fact in facts:
        if fact.type == "holds_office" and fact.role:
            held[fact.subject].append((fact.role, fact.object))
    return held


def _jurisdiction(place: str) -> str | None:
    """'US' for the country, a state's postal code for a state; None for anything else."""
    kind, _, rest = place.partition("/")
    if kind == "country" and rest == "us":
        return "US"
    if kind == "state" and rest.startswith("us-"):
        return rest[3:].upper()
    return None


def _office_holder(
    book: Identities, key: str, offices: list[tuple[str, str]], date: dt.date | None, authority: Authority
) -> None:
    entity = book.entities[book.find(key) or key]
    holder = None
    if date is not None:
        for role, place in offices or [(entity.label, _place_in_key(key))]:
            office = office_name(entity.label) if office_name(entity.label) in _RECORDED_OFFICES else role
            where = _jurisdiction(place) or _federal_body(book, place, authority)
            where = where or ("US" if office in _FEDERAL_ONLY_OFFICES else None)
            if where and office in _RECORDED_OFFICES:
                holder = authority.office_holder(office, where, date)
                if holder:
                    break
    if holder is not None:
        _to_person(book, key, holder, f"the {entity.label} on {date} was {holder.label}")
        return
    scope = book.document.content_hash[:8]
    book.rename(
        key,
        key if key.endswith(scope) else f"{key}-{scope}",
        reason="an office named without its holder, whom the authority tables do not know: this document's only",
        label=f"{entity.label}{_UNNAMED_IN}{book.document.name})",
        aliases=(entity.label,),
    )


# The label of an office's holder a document does not name: "Governor (unnamed, in letter.txt)".
_UNNAMED_IN = " (unnamed, in "


def is_unnamed_holder(label: str) -> bool:
    """Whether `label` is the placeholder of an unnamed office holder, which is never a joined person's name."""
    return _UNNAMED_IN in label


def _federal_body(book: Identities, place: str, authority: Authority) -> str | None:
    """'US' when the office sits in a federal department or agency ("Secretary of the Department of Homeland
    Security"), which the authority tables know."""
    body = book.entities.get(book.find(place) or place)
    if body is None or body.cls not in ("GovernmentBody", "Organization"):
        return None
    record = authority.body_by_name(body.label, fuzzy=False)
    return "US" if record is not None and record.id.startswith("us-") else None


def _place_in_key(key: str) -> str:
    """The place an unnamed office-holder's key ends with (`person/office-attorney-general-us-ca`), as a place
    key; extraction keys such a node by its office and place when the text gives no holds_office fact."""
    tail = key.rsplit("-us", 1)
    if len(tail) == 2 and tail[1] == "":
        return "country/us"
    if len(tail) == 2 and re.fullmatch(r"-[a-z]{2}", tail[1]):
        return f"state/us{tail[1]}"
    return ""


def _known_person(
    label: str, aliases: set[str], offices: list[tuple[str, str]], date: dt.date | None, authority: Authority
) -> Person | None:
    person = authority.person_by_name(label, date)
    if person is None:
        titled = [a for a in aliases if (w := person_names.parse(a)) is not None and w.office and w.last]
        person = next((p for a in titled if (p := authority.person_by_name(a, date)) is not None), None)
    if person is None:
        return None
    held = {term.office for term in person.terms}
    roles = {office_name(role) for role, _ in offices} | {
        w.office for a in aliases | {label} if (w := person_names.parse(a)) is not None and w.office
    }
    if roles & _RECORDED_OFFICES - held or roles - _RECORDED_OFFICES - _COMPATIBLE_ROLES - {""}:
        return None  # the text gives them an office the person never held
    in_office = date is not None and bool(person.terms_on(date))
    return person if in_office or roles & held else None


def _placed_by_state(book: Identities, offices: dict[str, list[tuple[str, str]]], authority: Authority) -> None:
    """A person the tables do not know is keyed by name within a state: the state of the office the text gives
    them, else the state the document is about. Namesakes in two states' stories are two people; the mayor
    named in three stories about one city is one. A federal office holder, or a person without a state, is keyed
    by the name alone."""
    home = home_state(book)
    for key, _ in book.of_class({"Person"}):
        if not key.startswith("person/") or key.startswith((_UNNAMED, "person/Q", "person/hand-", "person/govtrack-")):
            continue
        if re.match(r"person/(?:us-[a-z]{2}-|[0-9a-f]{8}-)", key):
            continue
        places = [place for original in book.keys_of(key) for _, place in offices.get(original, [])]
        if any(_jurisdiction(p) == "US" or _federal_body(book, p, authority) for p in places):
            continue  # a federal office holder ("White House press secretary") is no state's
        states = {s for place in places if (s := _state(place))}
        state = next(iter(states)) if len(states) == 1 else (home if not states else None)
        if state is not None:
            book.rename(key, f"person/{state.removeprefix('state/')}-{key.removeprefix('person/')}",
                        reason=f"a person the authority tables do not know, in {state}")


def _state(place: str) -> str | None:
    """The state key of a state, county or city key."""
    if place.startswith("state/us-"):
        return place
    found = gazetteer.get(place)
    return found.state if found is not None else None


def _same_person_forms(book: Identities) -> None:
    """Names of one document that agree part by part are one person: the fuller name keeps the node."""
    by_surname: dict[str, list[tuple[str, person_names.WrittenName]]] = defaultdict(list)
    for key, entity in book.of_class({"Person"}):
        written = person_names.parse(entity.label)
        if written is not None and written.first and not key.startswith(_UNNAMED):
            by_surname[written.last].append((key, written))
    for people in by_surname.values():
        people.sort(key=lambda pair: (-len(pair[1].middles), -len(pair[1].first), pair[0]))
        for i, (key, written) in enumerate(people):
            for fuller, form in people[:i]:
                if same_name(written, form) and book.merge(key, fuller, reason="the same name, written another way"):
                    break


def same_name(short: person_names.WrittenName, full: person_names.WrittenName) -> bool:
    """Whether a written name can be a shorter form of another: the same surname is assumed; given names equal,
    an initial of it or a nickname of it; middle initials and suffixes that do not contradict."""
    if short.suffix and full.suffix and short.suffix != full.suffix:
        return False
    if any(m[0] not in {f[0] for f in full.middles} for m in short.middles):
        return False
    if short.first == full.first:
        return True
    if len(short.first) == 1:
        return full.first.startswith(short.first)
    return (short.first in person_names.nicknames_of(full.first) or full.first in person_names.nicknames_of(short.first)
            or familiar_form(short.first, full.first))


_DIMINUTIVE_ENDINGS = ("ie", "y", "i")


def familiar_form(short: str, full: str) -> bool:
    """A familiar form the nickname table lacks, made of the formal name's first syllable and '-ie' or '-y':
    'Annie' for 'Annette', 'Jerry' for 'Jerome'."""
    return short.endswith(_DIMINUTIVE_ENDINGS) and 4 <= len(short) <= len(full) and full[:3] == short[:3]
