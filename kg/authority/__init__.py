"""Authority data: who held which office when, federal bodies and courts, executive orders; offline.

The tables live in `kg/data/authority/` (format: its README) and load into typed records (`records.py`);
`Authority` answers lookups over them, and the functions below ask the bundled tables (read once, on first
use). Every lookup returns one record or None and never guesses between several::

    >>> from kg import authority
    >>> authority.person_by_name("William J. Clinton").label
    'William Jefferson Clinton'
    >>> authority.office_holder("President", "US", "2017-01-25").qid
    'Q22686'
    >>> authority.body_by_name("Justice Department").id
    'us-doj'
    >>> [o.number for o in authority.executive_orders_on("2017-01-25")]
    [13767, 13768]

`Authority` (all lookups also exist as methods, over any folders):

- people: `person_by_name(name, date=None)`, `people_named(name, date=None)` (all candidates), `person(id)`;
  names are parsed by `kg.authority.names` (`parse`, `agreement`), usable on their own;
- offices: `office_holder(office, jurisdiction, date)`, `office_holders(...)` (a state's two senators);
- bodies: `body_by_name(name, fuzzy=True)`, `body(id)`, `parents(body)`;
- courts: `court_by_name(name, fuzzy=True)`, `court(id)`;
- orders: `executive_order(number)`, `executive_orders_on(date)`;
- checks: `ambiguous_keys()`; the records themselves: `Authority.tables`.

Dates are `datetime.date` or ISO strings. To add a domain's own authorities, write YAML files in the same
format in a folder of your own and use
`Authority.load(authority.default_folder(), YOUR_FOLDER)`.
"""

from __future__ import annotations

import datetime as dt
import functools

from kg.authority.lookup import Authority, default_folder
from kg.authority.records import Body, Court, ExecutiveOrder, Person, PersonName, Tables, Term, read_tables

__all__ = [
    "Authority",
    "Body",
    "Court",
    "ExecutiveOrder",
    "Person",
    "PersonName",
    "Tables",
    "Term",
    "body_by_name",
    "bundled",
    "court_by_name",
    "default_folder",
    "executive_order",
    "executive_orders_on",
    "office_holder",
    "office_holders",
    "people_named",
    "person_by_name",
    "read_tables",
]


@functools.cache
def bundled() -> Authority:
    """The tables shipped in `kg/data/authority/`, loaded on first use and kept."""
    return Authority.load(default_folder())


def person_by_name(name: str, date: dt.date | str | None = None) -> Person | None:
    return bundled().person_by_name(name, date)


def people_named(name: str, date: dt.date | str | None = None) -> list[Person]:
    return bundled().people_named(name, date)


def office_holder(office: str, jurisdiction: str, date: dt.date | str) -> Person | None:
    return bundled().office_holder(office, jurisdiction, date)


def office_holders(office: str, jurisdiction: str, date: dt.date | str) -> list[Person]:
    return bundled().office_holders(office, jurisdiction, date)


def body_by_name(name: str, *, fuzzy: bool = True) -> Body | None:
    return bundled().body_by_name(name, fuzzy=fuzzy)


def court_by_name(name: str, *, fuzzy: bool = True) -> Court | None:
    return bundled().court_by_name(name, fuzzy=fuzzy)


def executive_order(number: int | str) -> ExecutiveOrder | None:
    return bundled().executive_order(number)


def executive_orders_on(date: dt.date | str) -> list[ExecutiveOrder]:
    return bundled().executive_orders_on(date)
