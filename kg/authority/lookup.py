"""`Authority`: the authority tables with their lookups by name, office, number and date.

Every lookup answers one record or None, never a guess: when a name fits several records equally well (two
people called Sessions, an acronym two bodies share) the answer is None, and the `*_named` variants list the
candidates so a caller with more context can choose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

from kg import data
from kg.authority import names
from kg.authority.jurisdictions import jurisdiction_code, office_name
from kg.authority.records import Body, Court, ExecutiveOrder, Person, Tables, read_tables
from kg.errors import AuthorityError

# Near-miss spellings: a name this similar (rapidfuzz ratio, 0-100) to exactly one record's name is that record.
# "Departmnet of Justice" scores 95 against "department of justice"; "department of energy" and
# "department of education" score 81 against each other, well under it.
FUZZY_CUTOFF = 90.0
_FUZZY_MIN_LENGTH = 10  # shorter strings are too close to too many others to be told apart by edits
_FUZZY_MARGIN = 3.0  # the runner-up record must score this much lower, else the spelling is ambiguous

# Words that tell courts apart by a few letters only: a near-miss spelling must keep them as they are.
_COURT_DISTINCTIONS = frozenset(
    "northern southern eastern western middle central first second third fourth fifth sixth seventh eighth "
    "ninth tenth eleventh 1st 2nd 2d 3rd 3d 4th 5th 6th 7th 8th 9th 10th 11th".split()
)
_LEADING = re.compile(r"^(?:the |us |united states of america |united states )+")
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z.&]{1,9}$")
_COMPACT = re.compile(r"[\s.,']+")
_ORDER_NUMBER = re.compile(r"\d{1,2},?\d{3}")


def as_date(value: dt.date | str) -> dt.date:
    """A date, or an ISO date string ("2017-01-25")."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def name_key(text: str) -> str:
    """How body and court names are compared: folded, '&' read as 'and', no possessive, no leading
    'the' or 'U.S.' / 'United States' (so "the U.S. Department of Justice" is "department of justice")."""
    text = re.sub(r"['\u2019]s\b", "", text.replace("&", " and "))
    return _LEADING.sub("", names.fold(text))


def compact_key(text: str) -> str:
    """How citation abbreviations are compared: "N.D. Ill." and "ND Ill" are both "ndill"."""
    return _COMPACT.sub("", text).lower()


class _NameIndex:
    """Exact keys and near-miss spellings -> record ids, for bodies and courts alike. A near miss must keep the
    `distinguishing` words of the name it is near: "Eastern District of Illinois" is one edit-cluster away from
    "Southern District of Illinois", yet a different court (one that no longer exists)."""

    def __init__(self, distinguishing: frozenset[str] = frozenset(), *, same_words: bool = False) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.distinguishing = distinguishing
        self.same_words = same_words  # a near miss has as many words as the name it is near

    def add(self, key: str, record_id: str) -> None:
        if key:
            self.exact[key].add(record_id)

    def find(self, key: str, *, fuzzy: bool) -> str | None:
        found = self.exact.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if found or not fuzzy or len(key) < _FUZZY_MIN_LENGTH:
            return None
        best: dict[str, float] = {}
        for choice, score, _ in process.extract(key, self.exact.keys(), scorer=fuzz.ratio, limit=8):
            if score < FUZZY_CUTOFF or len(self.exact[choice]) != 1 or not self._keeps_distinctions(key, choice):
                continue
            record_id = next(iter(self.exact[choice]))
            best[record_id] = max(score, best.get(record_id, 0.0))
        ranked = sorted(best.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] - ranked[1] < _FUZZY_MARGIN):
            return None
        return max(best, key=lambda record_id: best[record_id])

    def _keeps_distinctions(self, key: str, choice: str) -> bool:
        words = self.distinguishing
        if self.same_words and len(key.split()) != len(choice.split()):
            return False  # "district court" is no misspelling of "dc district court"
        return words.intersection(key.split()) == words.intersection(choice.split())

    def collisions(self) -> dict[str, set[str]]:
        return {key: ids for key, ids in self.exact.items() if len(ids) > 1}


class Authority:
    """Lookups over the records of one or more authority folders (see `kg/data/authority/README.md`)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._people = {p.id: p for p in tables.people}
        self._bodies = {b.id: b for b in tables.bodies}
        self._courts = {c.id: c for c in tables.courts}
        self._orders = {o.number: o for o in tables.orders}
        self._orders_by_day: dict[dt.date, list[ExecutiveOrder]] = defaultdict(list)
        for order in sorted(tables.orders, key=lambda o: o.number):
            self._orders_by_day[order.signed].append(order)
        self._surnames: dict[str, list[tuple[Person, names.NameForm]]] = defaultdict(list)
        for person in tables.people:
            for form in names.forms_of(person):
                self._surnames[form.last].append((person, form))
        self._body_names, self._body_acronyms = _NameIndex(), _NameIndex()
        for body in tables.bodies:
            for name in (body.name, *body.aliases):
                self._body_names.add(name_key(name), body.id)
            for acronym in body.acronyms:
                self._body_acronyms.add(acronym.replace(".", "").upper(), body.id)
        self._court_names = _NameIndex(_COURT_DISTINCTIONS, same_words=True)
        self._court_abbreviations = _NameIndex()
        for court in tables.courts:
            for name in (court.name, *court.aliases):
                self._court_names.add(name_key(name), court.id)
            for abbreviation in court.abbreviations:
                self._court_abbreviations.add(compact_key(abbreviation), court.id)

    @classmethod
    def load(cls, *folders: Path | str) -> Authority:
        """The tables of the given folders (default: the bundled `kg/data/authority/`), a user's folder beside it
        adding records or adding terms to a person by id."""
        paths = [Path(f) for f in folders] or [default_folder()]
        return cls(read_tables(*paths))

    # --- people --------------------------------------------------------------------------------------------
    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def people_named(self, name: str, date: dt.date | str | None = None) -> list[Person]:
        """Every person the name can denote, best agreement first. An office title in the name ("Attorney
        General Sessions") keeps those who ever held that office, and a date those in any office that day,
        when that leaves anyone (a filter that would leave no one is ignored)."""
        written = names.parse(name)
        if written is None:
            return []
        found = self._best_matches(written)
        if written.office:
            found = _narrowed(found, lambda p: _held(p, written.office))
        if date is not None:
            day = as_date(date)
            found = _narrowed(found, lambda p: bool(p.terms_on(day)))
            if written.office:
                found = _narrowed(found, lambda p: _held(p, written.office, day))
        return found

    def person_by_name(self, name: str, date: dt.date | str | None = None) -> Person | None:
        """The one person the name denotes (full, short or titled form), or None if none or several.

        A bare surname is too weak on its own: "Brown" or "Hill" in a text is rarely the one member of Congress
        of that name in the tables. It names someone only with corroboration: an office title the person held
        ("President Trump", "Attorney General Sessions") or a date on which the person held an office."""
        written = names.parse(name)
        found = self.people_named(name, date)
        if written is not None and not written.first:
            day = as_date(date) if date is not None else None
            found = [
                p
                for p in found
                if (written.office and _held(p, written.office))
                or (not written.office and day is not None and p.terms_on(day))
            ]
        return found[0] if len(found) == 1 else None

    def _best_matches(self, written: names.WrittenName) -> list[Person]:
        scores: dict[str, int] = {}
        for surname in written.surname_keys:
            shifted = _without_surname_words(written, surname)
            for person, form in self._surnames.get(surname, ()):
                score = names.agreement(shifted, form)
                if score:
                    scores[person.id] = max(score, scores.get(person.id, 0))
        if not scores:
            return []
        top = max(scores.values())  # a match on the recorded name always beats one through the nickname table
        return [self._people[pid] for pid, score in scores.items() if score == top]

    def office_holders(self, office: str, jurisdiction: str, date: dt.date | str) -> list[Person]:
        """Everyone holding the office on the date (acting holders included): `office` as written ("President",
        "U.S. Attorney General", "senator"), `jurisdiction` "US", a state's name or code, or "CA-12"."""
        where = jurisdiction_code(jurisdiction)
        if where is None:
            return []
        code, district = where
        wanted, day = office_name(office), as_date(date)
        holders = []
        for person in self.tables.people:
            for term in person.terms_on(day):
                if term.office == wanted and term.jurisdiction == code:
                    if district is None or term.district == district:
                        holders.append(person)
                        break
        return holders

    def office_holder(self, office: str, jurisdiction: str, date: dt.date | str) -> Person | None:
        """The one holder of the office on the date; None if nobody or several (a state's two senators)."""
        holders = self.office_holders(office, jurisdiction, date)
        return holders[0] if len(holders) == 1 else None

    # --- bodies and courts ---------------------------------------------------------------------------------
    def body(self, body_id: str) -> Body | None:
        return self._bodies.get(body_id)

    def body_by_name(self, name: str, *, fuzzy: bool = True) -> Body | None:
        """The body a name, alternative name or acronym denotes ("Justice Department", "DOJ", "U.S. Department
        of Justice"); with `fuzzy`, also a near-miss spelling of a name ("Departmnet of Justice")."""
        stripped = re.sub(r"^(?:the\s+)?(?:U\.?S\.?\s+|United States\s+)?", "", name.strip(), flags=re.I)
        if _ACRONYM.match(stripped) and sum(c.isupper() for c in stripped) >= 2:
            found = self._body_acronyms.find(stripped.replace(".", "").upper(), fuzzy=False)
            if found:
                return self._bodies[found]
        found = self._body_names.find(name_key(name), fuzzy=fuzzy)
        return self._bodies[found] if found else None

    def parents(self, body: Body) -> list[Body]:
        """The bodies above one, nearest first (BJA -> OJP -> DOJ)."""
        chain, seen = [], {body.id}
        while body.parent and body.parent in self._bodies and body.parent not in seen:
            body = self._bodies[body.parent]
            chain.append(body)
            seen.add(body.id)
        return chain

    def court(self, court_id: str) -> Court | None:
        return self._courts.get(court_id)

    def court_by_name(self, name: str, *, fuzzy: bool = True) -> Court | None:
        """The court a name, short name or citation abbreviation denotes ("N.D. Ill.", "Seventh Circuit",
        "U.S. District Court for the Eastern District of Pennsylvania")."""
        found = self._court_abbreviations.find(compact_key(name), fuzzy=False)
        if found is None:
            found = self._court_names.find(name_key(name), fuzzy=fuzzy)
        return self._courts[found] if found else None

    # --- executive orders ----------------------------------------------------------------------------------
    def executive_order(self, number: int | str) -> ExecutiveOrder | None:
        """An order by number: 13768, "13768", "EO 13768", "Executive Order 13,768"."""
        if isinstance(number, str):
            match = _ORDER_NUMBER.search(number)
            if match is None:
                return None
            number = int(match.group(0).replace(",", ""))
        return self._orders.get(number)

    def executive_orders_on(self, date: dt.date | str) -> list[ExecutiveOrder]:
        """Every order signed that day, by number (EO 13767 and EO 13768 share 2017-01-25)."""
        return list(self._orders_by_day.get(as_date(date), ()))

    # --- checks --------------------------------------------------------------------------------------------
    def ambiguous_keys(self) -> dict[str, dict[str, set[str]]]:
        """Names, acronyms and abbreviations that more than one record claims, per index (for tests and for
        users checking their own tables: such a name resolves to nothing)."""
        return {
            "body names": self._body_names.collisions(),
            "body acronyms": self._body_acronyms.collisions(),
            "court names": self._court_names.collisions(),
            "court abbreviations": self._court_abbreviations.collisions(),
        }


def default_folder() -> Path:
    """The bundled tables, shipped in the package (`kg/data/authority/`)."""
    folder = Path(str(data.authority()))
    if not folder.is_dir():
        raise AuthorityError(f"no authority tables at {folder}: pass the folder to Authority.load(FOLDER)")
    return folder


def _narrowed(people: list[Person], keep: Callable[[Person], bool]) -> list[Person]:
    """The people that pass `keep`, unless none does: a filter that empties the list says nothing."""
    kept = [p for p in people if keep(p)]
    return kept or people


def _held(person: Person, office: str, day: dt.date | None = None) -> bool:
    """Whether the person held the office (on the day); a bare "secretary" stands for any secretary's office."""
    terms = person.terms if day is None else person.terms_on(day)
    return any(t.office == office or t.office.startswith(f"{office} of ") for t in terms)


def _without_surname_words(written: names.WrittenName, surname: str) -> names.WrittenName:
    """The written name with the middle words that `surname` absorbed taken out of its middles."""
    absorbed = len(surname.split()) - len(written.last.split())
    if absorbed <= 0:
        return written
    return names.WrittenName(
        first=written.first,
        middles=written.middles[: len(written.middles) - absorbed],
        last=surname,
        suffix=written.suffix,
        office=written.office,
    )
