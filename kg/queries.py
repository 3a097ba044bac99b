"""The query library: named SPARQL queries shipped in `kg/data/queries/*.rq`, and the views built on them
(`facts`, `stats`). Every `.rq` file starts with a header:

    # title: Short name
    # description: The question it answers.
    # param: name (iri|literal|integer|date) — what it means ("optional ..." when it may be left out)
    # internal: what in kg reads it (only for queries kg runs itself; `kg query` lists them apart)

Parameters are bound as RDF terms (`kg.store.bind`), never pasted into the query text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg import data
from kg.dates import iso_day
from kg.errors import QueryError, UnknownQuery
from kg.mapping import ROW_ENTITIES
from kg.store import QueryResult, Store, sort_rows, split_order_by, strip_comments

_HEADER = re.compile(r"^#\s*(title|description|param|internal):\s*(.*)$")
_IRI = re.compile(r'[^\s<>"{}|\\^`]+')
_PARAM = re.compile(r"^(\w+)(?:\s*\((\w+)\))?\s*[—-]+\s*(.*)$")


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # iri, literal, integer or date
    description: str

    @property
    def optional(self) -> bool:
        """Whether the query runs without it (its description starts with "optional")."""
        return self.description.lower().startswith("optional")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library, with what its header says about it."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[Parameter, ...] = field(default_factory=tuple)
    internal: str = ""  # what in kg runs it, for the queries users do not ask themselves

    def check_required(self, given: Iterable[str]) -> None:
        """Raise `QueryError` naming the required parameters missing from `given` (an unbound one would match
        nothing, an empty answer that looks like a real one)."""
        missing = [p for p in self.params if not p.optional and p.name not in set(given)]
        if missing:
            needs = ", ".join(f"{p.name} ({p.kind}): {p.description}" for p in missing)
            example = " ".join(f"--param {p.name}=VALUE" for p in missing)
            raise QueryError(f"query {self.name!r} needs {needs}; pass {example}")

    def term(self, name: str, value: str) -> Node:
        """The RDF term for a parameter value given as text on the command line."""
        kinds = {p.name: p.kind for p in self.params}
        if name not in kinds:
            known = ", ".join(kinds) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {name!r}; its parameters: {known}")
        kind = kinds[name]
        if kind == "iri":
            if ":" not in value or not _IRI.fullmatch(value):
                raise QueryError(f"parameter {name!r} of {self.name!r} takes an IRI, not {value!r}")
            return URIRef(value)
        if kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise QueryError(f"parameter {name!r} of {self.name!r} takes an integer, not {value!r}")
            return Literal(int(value))
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise QueryError(f"parameter {name!r} of {self.name!r} takes a date YYYY-MM-DD, not {value!r}")
            try:
                iso_day(value)
            except ValueError as error:
                raise QueryError(f"parameter {name!r} of {self.name!r} takes a real date: {error}") from None
            return Literal(value, datatype=XSD.date)
        return Literal(value)


def term_of(value: str) -> Node:
    """A parameter value of a query file (`kg query --file`), which declares no kinds: an IRI when it starts like
    one (it must then be a valid one), else a plain literal."""
    if value.startswith(("http://", "https://", "urn:")):
        if not _IRI.fullmatch(value):
            raise QueryError(f"{value!r} is not a valid IRI (no spaces, quotes, <, >, {{ or }})")
        return URIRef(value)
    return Literal(value)


def _names(directory: Traversable | Path) -> list[str]:
    return sorted(item.name[:-3] for item in directory.iterdir() if item.name.endswith(".rq"))


def list_queries(directory: Traversable | Path | None = None, *, internal: bool | None = None) -> list[NamedQuery]:
    """Every query of the library (default: the shipped one), by name; `internal` True or False keeps only the
    queries kg runs itself, or only the others."""
    directory = directory or data.queries()
    named = [load_query(name, directory) for name in _names(directory)]
    return [q for q in named if internal is None or bool(q.internal) == internal]


def load_query(name: str, directory: Traversable | Path | None = None) -> NamedQuery:
    """The named query `name` of the library (default: the shipped one); `UnknownQuery` lists the names."""
    directory = directory or data.queries()
    path = directory.joinpath(f"{name}.rq")
    if not re.fullmatch(r"\w+", name) or not path.is_file():
        available = ", ".join(q.name for q in list_queries(directory, internal=False))
        raise UnknownQuery(f"no query {name!r}; available: {available}")
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "param":
            param = _PARAM.match(value.strip())
            if param is None:
                raise QueryError(f"{name}.rq: malformed '# param:' line {value!r}; expected 'name (kind) — meaning'")
            pname, kind, description = param.groups()
            params.append(Parameter(pname, kind or "literal", description))
        else:
            header[key] = value.strip()
    return NamedQuery(
        name, header.get("title", name), header.get("description", ""), text, tuple(params), header.get("internal", "")
    )


def query(store: Store, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a named query with its parameters bound as RDF terms; a required parameter left out is a
    `QueryError`."""
    named = load_query(name)
    bindings = {key: named.term(key, value) for key, value in (params or {}).items()}
    named.check_required(bindings)
    return store.query(named.text, bindings)


def why_empty(store: Store, name: str | None = None, params: dict[str, str] | None = None) -> str | None:
    """The likely mistake behind an empty answer, or None when nothing points to one (an empty answer can be true).

    Checked in order: the store holds no documents; a parameter of the named query `name` names nothing the
    store holds (an IRI no document mentions, a named graph or a document file name that is not stored); the
    store's documents hold no facts. The commands print it on standard error when they find nothing.
    """
    from kg.build import stored_documents  # kg.build imports this module

    stored = stored_documents(store)
    if not stored:
        return "the store holds no documents (kg build adds them)"
    named = load_query(name) if name else None
    for key, value in (params or {}).items():
        kind = next((p.kind for p in named.params if p.name == key), None) if named else None
        if kind == "iri" and key == "graph":
            if URIRef(value) not in {graph for versions in stored.values() for graph in versions}:
                return f"no document graph <{value}> in the store (kg query documents lists them)"
        elif kind == "iri" and not query(store, "graphs_naming", {"entity": value}).rows:
            return f"no entity <{value}> in the store (kg query entity_search --param text=NAME finds IRIs)"
        elif key == "document" and value not in stored:
            return f"no document {value!r} in the store (kg query documents lists the stored names)"
    if not store.query(count_rows("facts", "fact_type")).rows:
        return "the store's documents hold no facts"
    return None


# Fact nodes bound into facts.rq at a time: its time grows with them (0.4 ms a fact at 1M triples, from 8 to 200 of
# them); a bound query's text and answer stay small.
FACTS_PER_QUERY = 100


def facts(store: Store, *, document: str | None = None, entity: str | None = None) -> list[dict]:
    """Every fact in the store in the JSON form of `kg facts` (see README), computed by SPARQL.

    `document` keeps the facts of one document, given by its name or path as `kg remove` takes it (a document
    not in the store is a `DocumentError`); `entity` those whose subject or object is that IRI.
    """
    if document is not None:
        from kg.build import stored_documents, stored_name  # kg.build imports this module

        document = stored_name(document, stored_documents(store))
    if entity is not None:
        return entity_facts(store, entity, document=document)[0]
    if document is None:
        labels = _entity_labels(store)
        return [_record(row, labels) for row in fact_rows(store)]
    return _named_records(store, query(store, "facts", {"document": document}).rows)


def fact_rows(store: Store) -> list[dict]:
    """Every row of facts.rq, in its order, read from the rows the facts carry (`fact_rows.rq`): strings and numbers
    for the literals, `URIRef`s for the entities, and an unbound column left out.

    A store built before the rows has evidence without them: there facts.rq is computed (minutes on a large
    store) and its rows given in the same form; a new build of the documents writes the rows."""
    keyed = []
    for text in store.texts(load_query("fact_rows").text):
        row = json.loads(text)
        # facts.rq's ORDER BY, then the whole row: ties come out the same on every run
        keyed.append(((row["document"], row["start"], row["fact_type"], row["subject"], row["object"], text), row))
        for key in ROW_ENTITIES:
            if key in row:
                row[key] = URIRef(row[key])
    if len(keyed) < int(query(store, "evidence_count").rows[0]["mentions"]):
        return [_plain(row) for row in query(store, "facts").rows]
    keyed.sort(key=lambda pair: pair[0])
    return [row for _, row in keyed]


_NUMBERS = {"start": int, "end": int, "page": int, "confidence": float}


def _plain(row: dict[str, Node | None]) -> dict:
    """A row of facts.rq in the form of a fact row: numbers, text, entity IRIs, unbound columns left out."""
    return {
        key: value if isinstance(value, URIRef) else _NUMBERS.get(key, str)(value)
        for key, value in row.items()
        if value is not None
    }


def entity_facts(
    store: Store, entity: str, *, document: str | None = None, start: int = 0, most: int | None = None
) -> tuple[list[dict], int]:
    """The facts whose subject or object is `entity` (of one stored `document` when given), in document order:
    `most` of them (all by default) from the `start`-th, and how many fact nodes name the entity.

    The count is of fact nodes naming it in any role, so it can exceed the facts it is subject or object of (the
    order imposing a funding threat is neither).
    """
    # facts.rq computes ?subject and ?object, which a binding cannot narrow before every fact is read (75 s at
    # 10k documents): bind the fact nodes that name the entity instead, then keep those it is subject or object of
    iri = URIRef(entity)
    nodes = [
        row["fact"]
        for row in store.query(load_query("entity_fact_nodes").text, {"entity": iri}).rows
        if document is None or str(row["document"]) == document
    ]
    chosen = nodes[start:] if most is None else nodes[start : start + most]
    rows = [row for row in _facts_of_nodes(store, chosen) if iri in (row["subject"], row["object"])]
    return _named_records(store, rows), len(nodes)


def _facts_of_nodes(store: Store, nodes: list[Node]) -> list[dict[str, Node | None]]:
    """The rows of facts.rq for these fact nodes, in its order."""
    text, rows = load_query("facts").text, []
    for first in range(0, len(nodes), FACTS_PER_QUERY):
        rows += store.query(text, {"fact": nodes[first : first + FACTS_PER_QUERY]}).rows
    split = split_order_by(text)
    sort_rows(rows, split[1] if split else [])
    return rows


def _named_records(store: Store, rows: list[dict[str, Node | None]]) -> list[dict]:
    """Rows of facts.rq as records, their entities named: only those these facts name, as the whole table takes
    seconds on a large store."""
    named = {row[key] for row in rows for key in ("subject", "object", "imposed_by") if row.get(key) is not None}
    labels = _entity_labels(store, sorted(named))
    return [_record(row, labels) for row in rows]


def _record(row: dict[str, Node | None], labels: dict) -> dict:
    """One row of facts.rq in the JSON form of `kg facts`."""
    record: dict = {
        "document": str(row["document"]),
        "fact": str(row["fact_type"]),
        "subject": _node(row["subject"], labels),
        "object": _node(row["object"], labels),
    }
    for key in ("date", "role", "status", "stance", "modality", "instrument", "amount", "quote"):
        if row.get(key) is not None:
            record[key] = str(row[key])
    if row.get("imposed_by") is not None:
        record["imposed_by"] = _node(row["imposed_by"], labels)
    record["evidence"] = {"text": str(row["text"]), "start": int(row["start"]), "end": int(row["end"])}
    if row.get("page") is not None:
        record["evidence"]["page"] = int(row["page"])
    record["confidence"] = float(row["confidence"])
    record["fact_iri"] = str(row["fact"])  # what `kg reject` takes
    return record


def _entity_labels(store: Store, entities: list[Node] | None = None) -> dict[Node, tuple[str, str, list[str]]]:
    """IRI -> (label, class local name, aliases): of every entity, or of the `entities` given."""
    if entities is not None and not entities:
        return {}
    names: dict[Node, set[str]] = defaultdict(set)
    table = {}
    for row in store.query(load_query("entity_labels").text, {"entity": entities} if entities else None).rows:
        names[row["entity"]].add(str(row["name"]))
        table[row["entity"]] = (str(row["label"]), str(row["class"]).rsplit("#", 1)[-1], [])
    return {entity: (label, cls, sorted(names[entity])) for entity, (label, cls, _) in table.items()}


def _node(iri: Node, labels: dict) -> dict:
    label, cls, aliases = labels.get(iri, (str(iri).rsplit("/", 1)[-1], "", []))
    return {"iri": str(iri), "label": label, "class": cls, "aliases": aliases}


def stats(store: Store) -> dict:
    """Documents, entities per class, facts per type and triples in the store."""
    entities: dict[str, int] = {}
    for row in query(store, "entities").rows:
        cls = str(row["class"]).rsplit("#", 1)[-1]
        entities[cls] = entities.get(cls, 0) + 1
    fact_types = {str(row["fact_type"]): int(row["rows"]) for row in store.query(count_rows("facts", "fact_type")).rows}
    triples = query(store, "triple_count").rows[0]["triples"]
    return {
        "documents": len(query(store, "documents").rows),
        "entities": dict(sorted(entities.items())),
        "facts": dict(sorted(fact_types.items())),
        "triples": int(triples),
    }


def count_rows(name: str, column: str) -> str:
    """A query counting the rows of the named query per value of one of its columns.

    The named query is the subquery, so the counts are its rows' by definition; the engine counts them without
    sending and converting every row (`kg stats` counts the 74,000 rows of facts.rq at 1M triples in 10 s instead
    of 15). The query must have no parameters and the column must be one it projects.
    """
    text = strip_comments(load_query(name).text)
    split = split_order_by(text)
    body = split[0] if split else text
    select = re.search(r"^\s*SELECT\b", body, re.IGNORECASE | re.MULTILINE)
    if select is None:
        raise QueryError(f"{name}.rq is not a SELECT query")
    prologue, subquery = body[: select.start()], body[select.start() :].strip()
    return f"{prologue}SELECT ?{column} (COUNT(*) AS ?rows)\nWHERE {{\n{{\n{subquery}\n}}\n}}\nGROUP BY ?{column}\n"
