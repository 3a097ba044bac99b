"""SPARQL text helpers every backend shares: comments, parameter binding by VALUES, the final ORDER BY kg
sorts in Python, and SPARQL TSV results read as rdflib terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import Bindings

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# Variable names kg binds: SPARQL's VARNAME, ASCII only. A name is written into the query as ?name, so anything
# else could change the query's meaning.
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


def strip_comments(sparql: str) -> str:
    """The query without its full-line comments (headers of kg/data/queries/*.rq)."""
    return _COMMENT.sub("", sparql)



def bind(sparql: str, bindings: Bindings | None) -> str:
    """Bind variables by inline VALUES blocks at the start of the WHERE clause.

    A term binds its variable to that term; a sequence of terms binds it to each of them in turn (one
    VALUES block per such variable). Terms are serialised by rdflib (escaped N-Triples syntax), so user
    text can never change the query's structure. Works on every SPARQL 1.1 engine, which keeps results identical.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name (letters, digits and _)")
    stripped = strip_comments(sparql)
    match = _WHERE.search(stripped)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no 'WHERE {' clause")
    single = {name: term for name, term in bindings.items() if isinstance(term, Node)}
    blocks = [
        f" VALUES ?{name} {{ {' '.join(_term(term) for term in terms)} }} "
        for name, terms in bindings.items()
        if not isinstance(terms, Node)
    ]
    if single:
        names = " ".join(f"?{name}" for name in single)
        blocks.append(f" VALUES ({names}) {{ ({' '.join(_term(term) for term in single.values())}) }} ")
    return stripped[: match.end()] + "".join(blocks) + stripped[match.end() :]


def _term(term: Node) -> str:
    if not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    try:
        return term.n3()
    except Exception as error:  # rdflib refuses to write an IRI with spaces, quotes or brackets
        raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI") from error


# A final ORDER BY of plain variables and STR() of variables (what every query of kg/data/queries/ ends with).
_ORDER_BY = re.compile(r"\bORDER\s+BY\b([^{}]*)\Z", re.IGNORECASE)
_ORDER_KEY = re.compile(
    r"\s*(?:\?(\w+)|ASC\s*\(\s*\?(\w+)\s*\)|\(\s*STR\s*\(\s*\?(\w+)\s*\)\s*\)|STR\s*\(\s*\?(\w+)\s*\))", re.IGNORECASE
)


@dataclass(frozen=True)
class OrderKey:
    """One ascending key of an ORDER BY clause: a variable, or the STR() of one."""

    var: str
    text: bool = False


def split_order_by(sparql: str) -> tuple[str, list[OrderKey]] | None:
    """The query without its final top-level ORDER BY, and that clause's keys.

    None when the query does not end with an ORDER BY or orders by anything else than ascending variables and
    STR() of variables (DESC, other expressions, LIMIT or OFFSET after it): the engine has to sort those.
    """
    stripped = strip_comments(sparql).rstrip()
    match = _ORDER_BY.search(stripped)
    if match is None:
        return None
    keys, clause, at = [], match.group(1).rstrip(), 0
    while at < len(clause):
        key = _ORDER_KEY.match(clause, at)
        if key is None:
            return None
        plain, asc, text1, text2 = key.groups()
        keys.append(OrderKey(plain or asc or text1 or text2, text=bool(text1 or text2)))
        at = key.end()
    return (stripped[: match.start()], keys) if keys else None


_NUMERIC = {
    XSD[name]
    for name in (
        "integer decimal float double nonPositiveInteger negativeInteger long int short byte nonNegativeInteger "
        "unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger"
    ).split()
}


def order_key(term: Node | None) -> tuple:
    """A sort key that orders terms as SPARQL's ORDER BY does.

    Unbound first, then blank nodes, IRIs (by their text), literals. Literals SPARQL compares (strings by code
    point, numbers by value, language strings of one tag, dates of one type: lexically, which is their order for
    the four-digit years without time zone of kg's data) come in that order; SPARQL leaves the order of others
    (a number and a string) to the engine: here they are grouped by kind.
    """
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    if isinstance(term, Literal):
        if term.language:
            return (3, 1, term.language, str(term))
        datatype = term.datatype
        if datatype is None or datatype == XSD.string:
            return (3, 0, str(term))
        if datatype in _NUMERIC:
            value = term.toPython()
            if isinstance(value, (int, float, Decimal)) and value == value:  # not NaN
                return (3, 2, value)
        if datatype == XSD.boolean:
            return (3, 3, str(term) in ("true", "1"))
        return (3, 4, str(datatype), str(term))
    return (4, str(term))


def sort_rows(rows: list[dict[str, Node | None]], keys: list[OrderKey]) -> None:
    """Sort rows in place by ORDER BY keys (see `order_key`); equal rows keep their order."""
    cache: dict[tuple[Node | None, bool], tuple] = {}

    def key_of(term: Node | None, text: bool) -> tuple:
        found = cache.get((term, text))
        if found is None:
            if text:  # STR(): the text of an IRI or literal as a simple literal; of a blank node or nothing, an error
                found = (0,) if term is None or isinstance(term, BNode) else (3, 0, str(term))
            else:
                found = order_key(term)
            cache[term, text] = found
        return found

    rows.sort(key=lambda row: tuple(key_of(row.get(k.var), k.text) for k in keys))



def tsv_rows(lines: Iterable[str], names: list[str]) -> Iterator[dict[str, Node | None]]:
    """Rows of rdflib terms from TSV result lines (header excluded), each distinct term parsed once."""
    cache: dict[str, Node | None] = {"": None}
    for line in lines:
        row = {}
        for name, token in zip(names, line.split("\t"), strict=True):
            term = cache.get(token, cache)
            if term is cache:
                term = cache[token] = _tsv_term(token)
            row[name] = term
        yield row


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[1] or m[2] else _ESCAPED[m[3]], text)


def _tsv_term(token: str) -> Node:
    """One term of SPARQL TSV (Turtle syntax) as an rdflib term."""
    first = token[0]
    if first == "<":
        if token.startswith("<<"):
            raise StoreError(f"cannot read the quoted triple {token!r}")
        return URIRef(token[1:-1])
    if first == '"':
        end = token.rindex('"')
        value, suffix = _unescape(token[1:end]), token[end + 1 :]
        if suffix.startswith("@"):
            return Literal(value, lang=suffix[1:])
        return Literal(value, datatype=URIRef(suffix[3:-1]) if suffix else XSD.string)
    if first == "_":
        return BNode(token[2:])
    if token in ("true", "false"):
        return Literal(token, datatype=XSD.boolean)
    if "e" in token or "E" in token:
        return Literal(token, datatype=XSD.double)
    return Literal(token, datatype=XSD.decimal if "." in token else XSD.integer)

