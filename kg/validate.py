"""Check a populated graph two ways: SHACL shapes (structure) and OWL consistency (HermiT).

The two checks answer different questions. OWL reasons in an open world: ``order pol:appliesTo
person`` makes the person a Jurisdiction too, which the disjointness axioms then forbid, but a
stance act *without* ``pol:towards`` is fine. The shapes in ``kg/data/ontology/shapes.ttl`` read the graph
closed-world: every fact has its parts, values are typed as asserted, dates and offsets are
well formed. Shapes run with RDFS inference off (domain and range must not invent types) but with
the ontology mixed into the data, so its ``rdfs:subClassOf`` triples make a County a Jurisdiction.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import owlready2
from pyshacl import validate as pyshacl_validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.term import Node

from kg import data
from kg.errors import ValidationError
from kg.vocab import POL

_ONTOLOGY_IRI = "https://w3id.org/policykg/ontology"
_MAX_LISTED = 10  # explanations list this many causes; the rest are counted


class Violation(NamedTuple):
    """One SHACL result: the node at fault, the property (None for node-level checks), and why."""

    focus: Node
    path: Node | None
    message: str

    def __str__(self) -> str:
        where = _short(self.focus) if self.path is None else f"{_short(self.focus)} {_short(self.path)}"
        return f"{where}: {self.message}"


@dataclass
class ShaclReport:
    """Whether the graph conforms to the shapes, its violations, and pyshacl's full text report."""

    conforms: bool
    violations: list[Violation]
    text: str


@dataclass
class ConsistencyReport:
    """Whether ontology plus data is logically consistent, and if not, the likely causes."""

    consistent: bool
    explanation: str


@dataclass
class ValidationReport:
    """Both checks; `consistency` is None when the reasoner was skipped."""

    shapes: ShaclReport
    consistency: ConsistencyReport | None

    @property
    def ok(self) -> bool:
        """True when the shapes conform and the graph is not known to be inconsistent."""
        return self.shapes.conforms and (self.consistency is None or self.consistency.consistent)

    @property
    def summary(self) -> str:
        """A few lines for a person: what passed, what failed, the first problems."""
        lines: list[str] = []
        if self.shapes.conforms:
            lines.append("shapes: conforms")
        else:
            lines.append(f"shapes: {len(self.shapes.violations)} violation(s)")
            lines += [f"  {v}" for v in self.shapes.violations[:_MAX_LISTED]]
            if len(self.shapes.violations) > _MAX_LISTED:
                lines.append(f"  ... and {len(self.shapes.violations) - _MAX_LISTED} more")
        if self.consistency is None:
            lines.append("consistency: not checked (reasoner off)")
        elif self.consistency.consistent:
            lines.append("consistency: consistent (HermiT)")
        else:
            lines.append("consistency: INCONSISTENT (HermiT)")
            lines += [f"  {line}" for line in self.consistency.explanation.splitlines()]
        return ("valid" if self.ok else "invalid") + "\n" + "\n".join(lines)


def validate(data: Graph, *, reasoner: bool = True) -> ValidationReport:
    """Run the SHACL shapes and, unless `reasoner` is False, the HermiT consistency check."""
    return ValidationReport(
        shapes=validate_shapes(data),
        consistency=check_consistency(data) if reasoner else None,
    )


def validate_shapes(data: Graph) -> ShaclReport:
    """Validate `data` against ``kg/data/ontology/shapes.ttl`` with the ontology mixed in, no inference."""
    graph = _working_copy(data)
    # The working copy already holds the ontology, so pyshacl may validate it in place: no ont_graph,
    # no second clone.
    conforms, results, text = pyshacl_validate(
        graph, shacl_graph=_shapes(), inference="none", inplace=True, allow_warnings=False
    )
    violations = sorted(_violations(results), key=lambda v: (str(v.focus), str(v.path), v.message))
    return ShaclReport(conforms=bool(conforms), violations=violations, text=str(text))


def check_consistency(data: Graph) -> ConsistencyReport:
    """Ask HermiT whether ontology plus `data` is consistent; explain the likely causes if not.

    Raises `ValidationError` when Java is missing or HermiT fails for a reason other than
    inconsistency.
    """
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ValidationError(
            f"cannot run the HermiT reasoner: Java ({owlready2.JAVA_EXE!r}) was not found; "
            "install Java 17 (e.g. apt-get install openjdk-17-jre-headless) or skip the reasoner"
        )
    graph = _working_copy(data)
    ill_typed = [o for o in graph.objects() if isinstance(o, Literal) and o.ill_typed]
    if ill_typed:
        # OWL 2 gives an ill-typed literal an empty value space: inconsistent by definition, and
        # owlready2's parser would choke on it before HermiT ever ran.
        listed = ", ".join(o.n3(graph.namespace_manager) for o in ill_typed[:_MAX_LISTED])
        return ConsistencyReport(False, f"{len(ill_typed)} ill-typed literal(s): {listed}")
    # Owlready2 cannot read Turtle, so hand it N-Triples; a fresh World keeps calls independent.
    world = owlready2.World()
    try:
        world.get_ontology(_ONTOLOGY_IRI).load(
            fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples"
        )
        # xsd:date, xsd:gYear and xsd:gYearMonth are outside the OWL 2 datatype map; HermiT would
        # refuse them. No axiom constrains date values, so ignoring them loses nothing.
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ConsistencyReport(False, _explain_inconsistency(graph))
    except (owlready2.OwlReadyJavaError, owlready2.OwlReadyOntologyParsingError) as error:
        raise ValidationError(f"the HermiT reasoner failed: {error}") from error
    finally:
        world.close()
    return ConsistencyReport(True, "HermiT found the ontology plus the data consistent")


def _explain_inconsistency(graph: Graph) -> str:
    """Likely causes of an inconsistency in `graph` (ontology included), one per line.

    HermiT only answers yes or no, so this looks for what usually breaks the ontology: a node whose
    asserted types, or the types implied by the rdfs:domain / rdfs:range of the properties it is
    used with, fall in two disjoint classes. Values merged by functional properties are listed too.
    """
    types = _implied_types(graph)
    disjoint = _disjoint_pairs(graph)
    nsm = graph.namespace_manager
    causes = []
    for node, reasons in types.items():
        for first, second in disjoint:
            if first in reasons and second in reasons:
                causes.append(
                    f"{node.n3(nsm)} is a {first.n3(nsm)} ({reasons[first]}) and a {second.n3(nsm)} "
                    f"({reasons[second]}), which are disjoint"
                )
    for prop in graph.subjects(RDF.type, OWL.FunctionalProperty):
        for subject in set(graph.subjects(prop, None)):
            values = sorted(set(graph.objects(subject, prop)))
            if len(values) > 1:
                causes.append(
                    f"{prop.n3(nsm)} is functional, so the {len(values)} values of {subject.n3(nsm)} "
                    f"are one individual: {', '.join(v.n3(nsm) for v in values)}"
                )
    if not causes:
        return (
            "HermiT found the graph inconsistent, but no node has disjoint asserted, domain or range types "
            "and no functional property has several values"
        )
    listed = causes[:_MAX_LISTED]
    if len(causes) > _MAX_LISTED:
        listed.append(f"... and {len(causes) - _MAX_LISTED} more")
    return "\n".join(listed)


def _short(node: Node) -> str:
    """`node` in Turtle syntax, ontology terms as pol: names."""
    return node.n3(_ontology().namespace_manager)


@cache
def _ontology() -> Graph:
    return data.ontology_graph()


@cache
def _shapes() -> Graph:
    return data.ontology_graph("shapes.ttl")


def _working_copy(data: Graph) -> Graph:
    """The ontology plus `data` (all named graphs of a Dataset) in a new graph.

    Literals are rebuilt from their lexical form, as a store or a file would give them back: an
    rdflib Literal built from a Python float but typed xsd:decimal (as the mapping's confidence is)
    is valid RDF, yet pyshacl checks the Python value and would call it not a decimal.
    """
    graph = Graph()
    graph.bind("pol", POL._NS)
    for triple in _ontology():
        graph.add(triple)
    for s, p, o in _triples(data):
        if isinstance(o, Literal):
            o = Literal(str(o), lang=o.language, datatype=o.datatype)
        graph.add((s, p, o))
    return graph


def _triples(data: Graph) -> Iterator[tuple[Node, Node, Node]]:
    # Iterating a Dataset yields only its default graph; a store export keeps facts in named graphs.
    if isinstance(data, ConjunctiveGraph):
        for s, p, o, _ in data.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from data


def _violations(results: Graph) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = "; ".join(sorted(str(m) for m in results.objects(result, SH.resultMessage)))
        value = results.value(result, SH.value)
        if value is not None:
            message += f" (value: {_short(value)})"
        yield Violation(results.value(result, SH.focusNode), results.value(result, SH.resultPath), message)


def _implied_types(graph: Graph) -> dict[Node, dict[URIRef, str]]:
    """For each node, the classes it belongs to (with superclasses), each with the first reason found."""
    direct: dict[Node, dict[URIRef, str]] = {}
    nsm = graph.namespace_manager
    for node, cls in graph.subject_objects(RDF.type):
        direct.setdefault(node, {}).setdefault(cls, f"rdf:type {cls.n3(nsm)}")
    for prop, cls in graph.subject_objects(RDFS.domain):
        for node in graph.subjects(prop, None):
            direct.setdefault(node, {}).setdefault(cls, f"subject of {prop.n3(nsm)}")
    for prop, cls in graph.subject_objects(RDFS.range):
        for node in graph.objects(None, prop):
            if not isinstance(node, Literal):
                direct.setdefault(node, {}).setdefault(cls, f"object of {prop.n3(nsm)}")
    closed: dict[Node, dict[URIRef, str]] = {}
    for node, reasons in direct.items():
        closed[node] = {}
        for cls, reason in reasons.items():
            for ancestor in graph.transitive_objects(cls, RDFS.subClassOf):
                closed[node].setdefault(ancestor, reason)
    return closed


def _disjoint_pairs(graph: Graph) -> set[tuple[URIRef, URIRef]]:
    pairs = set(graph.subject_objects(OWL.disjointWith))
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(axiom, OWL.members)))
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs
