"""Typed records of the authority tables and the reader of their YAML files.

Every file under an authority folder is YAML of the form (see `kg/data/authority/README.md`)::

    kind: people | bodies | courts | executive_orders
    records:
    - {...one record, with a `source`...}

Records are plain frozen dataclasses: nothing here knows about RDF or the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import AuthorityError

KINDS = ("people", "bodies", "courts", "executive_orders")


@dataclass(frozen=True)
class Term:
    """One stretch in one office. `end` is exclusive (the day the successor starts); None means still serving
    when the table was compiled."""

    office: str
    jurisdiction: str  # "US" for federal offices, else a state's postal code
    start: dt.date
    end: dt.date | None
    party: str = ""
    district: int | None = None
    acting: bool = False

    def covers(self, day: dt.date) -> bool:
        """Whether the term runs on `day`; on a handover day the successor holds the office."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class PersonName:
    first: str
    last: str
    middle: str = ""
    suffix: str = ""
    nickname: str = ""
    official_full: str = ""

    @property
    def full(self) -> str:
        """The official full name where known, else first, middle, last and suffix."""
        if self.official_full:
            return self.official_full
        return " ".join(p for p in (self.first, self.middle, self.last, self.suffix) if p)


@dataclass(frozen=True)
class Person:
    id: str  # Wikidata QID, else "govtrack:N", else "hand:slug"
    name: PersonName
    terms: tuple[Term, ...]
    source: str
    qid: str = ""  # empty when not known for sure
    aliases: tuple[str, ...] = ()  # other names the person is known by, written in full
    ids: tuple[tuple[str, str], ...] = ()  # other identifiers: (scheme, value)

    @property
    def label(self) -> str:
        return self.name.full

    def terms_on(self, day: dt.date) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.covers(day))


@dataclass(frozen=True)
class Body:
    """A government department, agency or office; `parent` is the id of the body it sits under."""

    id: str
    name: str
    source: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    qid: str = ""


@dataclass(frozen=True)
class Court:
    id: str
    name: str
    level: str  # supreme | appeals | district | territorial
    source: str
    abbreviations: tuple[str, ...] = ()  # citation forms: "N.D. Ill.", "7th Cir."
    aliases: tuple[str, ...] = ()
    circuit: str = ""  # "7th", "D.C.", "Federal"; empty for the Supreme Court
    state: str = ""  # postal code of a district court's state or territory
    qid: str = ""


@dataclass(frozen=True)
class ExecutiveOrder:
    number: int
    title: str
    signed: dt.date
    president: str  # the id of a Person record
    source: str
    citation: str = ""  # Federal Register volume and first page: "82 FR 8799"
    published: dt.date | None = None
    subjects: tuple[str, ...] = ()  # the words that set its text apart from other orders' (build_orders)


@dataclass(frozen=True)
class Tables:
    """Every record of one or more authority folders, people with one id merged into one record."""

    people: tuple[Person, ...] = ()
    bodies: tuple[Body, ...] = ()
    courts: tuple[Court, ...] = ()
    orders: tuple[ExecutiveOrder, ...] = ()
    files: tuple[Path, ...] = field(default=(), compare=False)


def read_tables(*folders: Path) -> Tables:
    """Read every `*.yaml` file under the folders (recursively, in path order) into typed records.

    A person whose id appears in several files (say a user's file adding a governor's term to a senator) is
    one record: terms and aliases are joined, sources listed. Any other repeated id is an error."""
    rows: dict[str, list[tuple[Path, Mapping[str, Any]]]] = {kind: [] for kind in KINDS}
    files = []
    for folder in folders:
        if not Path(folder).is_dir():
            raise AuthorityError(f"no authority folder at {folder}: pass a folder holding the tables' YAML files")
        for path in sorted(Path(folder).rglob("*.yaml")):
            files.append(path)
            kind, records = _read_file(path)
            rows[kind].extend((path, r) for r in records)
    people = _merge_people([_guard(path, r, _person) for path, r in rows["people"]])
    bodies = tuple(_guard(path, r, _body) for path, r in rows["bodies"])
    courts = tuple(_guard(path, r, _court) for path, r in rows["courts"])
    orders = tuple(_guard(path, r, _order) for path, r in rows["executive_orders"])
    for kind, keys in (
        ("bodies", [b.id for b in bodies]),
        ("courts", [c.id for c in courts]),
        ("executive_orders", [o.number for o in orders]),
    ):
        _no_repeats(kind, keys)
    return Tables(people=people, bodies=bodies, courts=courts, orders=orders, files=tuple(files))


def dump_yaml(path: Path, *, kind: str, records: list[dict[str, Any]], comment: str = "") -> None:
    """Write records in the authority format (used by the build scripts so their output is stable)."""
    text = yaml.safe_dump({"kind": kind, "records": records}, sort_keys=False, allow_unicode=True, width=120)
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    path.write_text(head + text, encoding="utf-8")


def _read_file(path: Path) -> tuple[str, list[Mapping[str, Any]]]:
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C loader: 5x faster
    except yaml.YAMLError as exc:
        raise AuthorityError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or data.get("kind") not in KINDS or not isinstance(data.get("records"), list):
        raise AuthorityError(f"{path}: expected a mapping with `kind` (one of {', '.join(KINDS)}) and a `records` list")
    return data["kind"], data["records"]


def _guard(path: Path, row: Mapping[str, Any], make: Any) -> Any:
    """Build one record, turning a missing or malformed field into an error naming the file and row."""
    label = row.get("id", row.get("number", "?")) if isinstance(row, Mapping) else "?"
    try:
        if not isinstance(row, Mapping):
            raise ValueError("a record must be a mapping")
        if not str(row.get("source") or "").strip():
            raise ValueError("every record needs a `source` (where the row comes from)")
        return make(row)
    except (KeyError, TypeError, ValueError) as exc:
        raise AuthorityError(f"{path}: record {label}: {exc}") from exc


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _optional_date(value: Any) -> dt.date | None:
    return None if value in (None, "") else _date(value)


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _person(row: Mapping[str, Any]) -> Person:
    name = row["name"]
    terms = tuple(
        Term(
            office=str(t["office"]).lower(),
            jurisdiction=str(t.get("jurisdiction", "US")),
            start=_date(t["start"]),
            end=_optional_date(t.get("end")),
            party=str(t.get("party") or ""),
            district=t.get("district"),
            acting=bool(t.get("acting", False)),
        )
        for t in row.get("terms") or ()
    )
    return Person(
        id=str(row["id"]),
        name=PersonName(**{k: str(v) for k, v in name.items() if v}),
        terms=terms,
        source=str(row["source"]),
        qid=str(row.get("qid") or ""),
        aliases=_strings(row.get("aliases")),
        ids=tuple(sorted((str(k), str(v)) for k, v in (row.get("ids") or {}).items())),
    )


def _body(row: Mapping[str, Any]) -> Body:
    return Body(
        id=str(row["id"]),
        name=str(row["name"]),
        source=str(row["source"]),
        acronyms=_strings(row.get("acronyms")),
        aliases=_strings(row.get("aliases")),
        parent=str(row["parent"]) if row.get("parent") else None,
        qid=str(row.get("qid") or ""),
    )


def _court(row: Mapping[str, Any]) -> Court:
    return Court(
        id=str(row["id"]),
        name=str(row["name"]),
        level=str(row["level"]),
        source=str(row["source"]),
        abbreviations=_strings(row.get("abbreviations")),
        aliases=_strings(row.get("aliases")),
        circuit=str(row.get("circuit") or ""),
        state=str(row.get("state") or ""),
        qid=str(row.get("qid") or ""),
    )


def _order(row: Mapping[str, Any]) -> ExecutiveOrder:
    return ExecutiveOrder(
        number=int(row["number"]),
        title=str(row["title"]),
        signed=_date(row["signed"]),
        president=str(row["president"]),
        source=str(row["source"]),
        citation=str(row.get("citation") or ""),
        published=_optional_date(row.get("published")),
        subjects=_strings(row.get("subjects")),
    )


def _merge_people(people: Iterable[Person]) -> tuple[Person, ...]:
    merged: dict[str, Person] = {}
    for person in people:
        seen = merged.get(person.id)
        if seen is None:
            merged[person.id] = person
            continue
        merged[person.id] = Person(
            id=seen.id,
            name=seen.name,
            terms=seen.terms + tuple(t for t in person.terms if t not in seen.terms),
            source=seen.source if person.source in seen.source else f"{seen.source}; {person.source}",
            qid=seen.qid or person.qid,
            aliases=seen.aliases + tuple(a for a in person.aliases if a not in seen.aliases),
            ids=tuple(sorted(set(seen.ids) | set(person.ids))),
        )
    return tuple(merged.values())


def _no_repeats(kind: str, keys: Iterable[object]) -> None:
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            raise AuthorityError(f"{kind}: {key} is defined twice; keep one record per id")
        seen.add(key)
