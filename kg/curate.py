"""Curation commands: a person's decisions on identities and facts, written to the curation file and applied to
the store.

`same`, `distinct`, `rename` and `reject` record a decision in the curation file (`kg.resolve.curation`), which
every later build applies to the documents it reads; `same`, `rename` and `reject` also rewrite the document
graphs already in the store that name the entity or hold the fact, so the decision shows at once. The rewrite
takes the graphs out of the merge graph, puts them back rewritten and merges them again: a stopped rewrite leaves
documents out of the store, which the next `kg build` of them reads again (with the decision applied), never a
half-rewritten graph.

`describe` is `kg entity`: an entity's names, class, identifiers, documents and why it is what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

import kg.merge
from kg.errors import KgError
from kg.mapping import ID, renamed_row
from kg.queries import load_query
from kg.resolve import CURATION_FILE, Curation, entity_key
from kg.resolve.curation import fact_name
from kg.store import Store, Triple
from kg.vocab import POL


class CurationRefused(KgError):
    """A decision that cannot be taken: an unknown entity, or one that contradicts an earlier decision."""


def curation_path(store_location: str | Path | None, given: str | Path | None = None) -> Path:
    """The curation file: `given`, else `curation.yaml` in the folder that holds the store."""
    if given:
        return Path(given)
    return Path(store_location or ".kg/store").parent / CURATION_FILE


def same(store: Store, kept: str, gone: str, path: Path) -> int:
    """`gone` is `kept`: record it and rewrite the graphs that name `gone`. Returns how many graphs changed."""
    kept_key, gone_key = entity_key(kept), entity_key(gone)
    if kept_key == gone_key:
        raise CurationRefused(f"{kept_key} is one entity; name two")
    curation = Curation.load(path)
    if any({kept_key, gone_key} == {a, b} for a, b in curation.distinct):
        raise CurationRefused(f"{kept_key} and {gone_key} are curated as distinct; remove that decision first")
    _known(store, kept_key)
    _known(store, gone_key)
    curation.same.append((kept_key, gone_key))
    curation.check()
    curation.save(path)
    return join(store, _iri(kept_key), _iri(gone_key), f"curated: {gone_key} is {kept_key}")


def join(store: Store, kept: URIRef, gone: URIRef, reason: str) -> int:
    """Rewrite the document graphs that name `gone` to name `kept` instead, saying why on `kept`. Returns how
    many graphs changed."""
    return join_all(store, {gone: (kept, reason)})


def join_all(store: Store, joins: dict[URIRef, tuple[URIRef, str]]) -> int:
    """Many joins at once (gone -> (kept, why)): each graph naming any of them is rewritten once."""

    renames = {gone: kept for gone, (kept, _) in joins.items()}

    def rewrite(triple: Triple) -> Iterable[Triple]:
        s, p, o = (joins[t][0] if t in joins else t for t in triple)
        if triple[0] in joins and p == RDF.type:
            yield s, POL.resolution, Literal(joins[triple[0]][1])
        if p == POL.factRow:  # a fact's row names its entities inside one literal
            o = renamed_row(o, renames)
        yield s, p, o

    return _rewrite(store, list(joins), _each(rewrite))


def distinct(store: Store, first: str, second: str, path: Path) -> None:
    """`first` and `second` are never one node: recorded for every later build (rules may not merge them)."""
    a, b = entity_key(first), entity_key(second)
    if a == b:
        raise CurationRefused(f"{a} is one entity; name two")
    curation = Curation.load(path)
    curation.distinct.append((a, b))
    try:
        curation.check()
    except KgError as error:
        raise CurationRefused(str(error)) from error
    curation.save(path)


def rename(store: Store, entity: str, label: str, path: Path) -> int:
    """Show `entity` by `label` (its other names kept as aliases). Returns how many graphs changed."""
    key = entity_key(entity)
    _known(store, key)
    if not label.strip():
        raise CurationRefused("a label cannot be empty")
    curation = Curation.load(path)
    curation.rename[key] = label
    curation.save(path)
    node = _iri(key)

    def relabel(triple: Triple) -> Iterable[Triple]:
        s, p, o = triple
        if s == node and p == RDFS.label:
            if str(o) != label:
                yield s, SKOS.altLabel, o
            yield s, RDFS.label, Literal(label)
            yield s, POL.resolution, Literal(f"curated label {label!r}")
        else:
            yield triple

    return _rewrite(store, [node], _each(relabel))


def reject(store: Store, fact: str, path: Path) -> int:
    """`fact` (its IRI, as `kg facts` prints it) is wrong: record it, so no build writes it again, and take it out
    of the graph that holds it: its node, its evidence, and the direct triple of a binary fact when no other
    claim of that graph states it. Returns how many graphs changed."""
    iri = fact_name(fact)
    node = URIRef(iri)
    curation = Curation.load(path)
    if not _graphs_naming(store, node):
        done = " (it is rejected already)" if iri in curation.reject else ""
        raise CurationRefused(f"no fact {iri} in the store{done}; `kg facts` prints each fact's IRI (fact_iri)")
    if iri not in curation.reject:
        curation.reject.append(iri)
        curation.save(path)
    return _rewrite(store, [node], lambda triples: _without_fact(node, triples))


def _without_fact(fact: URIRef, triples: list[Triple]) -> list[Triple]:
    """A document graph's triples less one fact node, its mentions, and the direct triple only it claims."""
    mentions = {o for s, p, o in triples if s == fact and p == POL.evidence}
    kept = [t for t in triples if t[0] != fact and t[0] not in mentions]
    parts = {POL.claimSubject: 0, POL.claimRelation: 1, POL.claimObject: 2}
    claims: dict[Node, list[Node | None]] = {}
    for s, p, o in triples:
        if p in parts:
            claims.setdefault(s, [None, None, None])[parts[p]] = o
    direct = tuple(claims.pop(fact, ()))
    if direct and direct not in {tuple(claim) for claim in claims.values()}:
        kept = [t for t in kept if t != direct]
    return kept


@dataclass
class EntityDescription:
    iri: str
    label: str = ""
    classes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    same_as: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def format(self) -> str:
        lines = [f"{self.label}  <{self.iri}>", f"  class: {', '.join(self.classes)}"]
        if self.names:
            lines.append(f"  also named: {' | '.join(self.names)}")
        lines += [f"  {scheme}: {value}" for scheme, value in sorted(self.identifiers.items())]
        lines += [f"  same as: {iri}" for iri in self.same_as]
        lines.append(f"  documents ({len(self.documents)}): {', '.join(self.documents)}")
        lines += ["  why:"] + [f"    - {reason}" for reason in self.reasons] if self.reasons else []
        return "\n".join(lines)


def describe(store: Store, entity: str) -> EntityDescription:
    """What the store knows of one entity's identity (`kg entity`)."""
    key = entity_key(entity)
    iri = _iri(key)
    rows = list(store.rows(load_query("entity_identity").text, {"entity": iri}))
    if not rows:
        raise CurationRefused(f"no entity {key} in the store; `kg query entity_search --param text=NAME` finds keys")
    found = EntityDescription(iri=str(iri))
    for row in rows:
        prop, value = row["property"], row["value"]
        if prop == RDFS.label:
            found.label = str(value)
        elif prop == SKOS.altLabel:
            found.names.append(str(value))
        elif prop == RDF.type:
            found.classes.append(str(value).rsplit("#", 1)[-1])
        elif prop == OWL.sameAs:
            found.same_as.append(str(value))
        elif prop == POL.resolution:
            found.reasons.append(str(value))
        elif prop == POL.fileName:
            found.documents.append(str(value))
        elif isinstance(prop, URIRef) and str(prop).startswith(str(POL)) and value is not None:
            found.identifiers[str(prop).rsplit("#", 1)[-1]] = str(value)
    for values in (found.classes, found.names, found.same_as, found.reasons, found.documents):
        values[:] = sorted(set(values))
    return found


def _iri(key: str) -> URIRef:
    return URIRef(ID + key)


def _known(store: Store, key: str) -> None:
    if not _graphs_naming(store, _iri(key)):
        raise CurationRefused(f"no entity {key} in the store; `kg query entity_search --param text=NAME` finds keys")


def _graphs_naming(store: Store, node: URIRef) -> list[URIRef]:
    return sorted(row["graph"] for row in store.rows(load_query("graphs_naming").text, {"entity": node}))


def _each(change: Callable[[Triple], Iterable[Triple]]) -> Callable[[list[Triple]], Iterable[Triple]]:
    """A change of a whole graph made of a change of each triple."""
    return lambda triples: [new for triple in triples for new in change(triple)]


def _rewrite(store: Store, nodes: list[URIRef], change: Callable[[list[Triple]], Iterable[Triple]]) -> int:
    """Rewrite each document graph naming any of `nodes` as `change` makes its triples; returns how many."""
    graphs = sorted({graph for node in nodes for graph in _graphs_naming(store, node)})
    if not graphs:  # nothing to change, nor to flush: a build links in five steps, most of which join nobody
        return 0
    contents: dict[URIRef, list[Triple]] = {}
    for graph in graphs:
        rows = store.rows(load_query("graph_triples").text, {"graph": graph})
        contents[graph] = list(change([(row["s"], row["p"], row["o"]) for row in rows]))
    kg.merge.drop(store, graphs)
    for graph, triples in contents.items():
        store.put_graph(graph, _unique(triples))
    kg.merge.add(store, graphs)
    store.flush()
    return len(graphs)


def _unique(triples: list[Triple]) -> list[Triple]:
    seen: set[tuple[Node, Node, Node]] = set()
    return [t for t in triples if not (t in seen or seen.add(t))]
