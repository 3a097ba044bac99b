"""A synthetic populated graph of the ontology's shape, streamed to an N-Quads file.

It is made the way a build makes a graph: one `kg.facts.Extraction` per synthetic document, mapped
by `kg.mapping.to_triples` into that document's named graph, plus the ontology graph; then the
document graphs go into a scratch embedded store, `kg.merge` adds the cross-document merge
graph exactly as a build does, and the whole store is written out. Entities are shared across
documents with skewed (Zipf-like) popularity, as in a real corpus: a few orders, agencies and big
jurisdictions are in most documents, most people and counties in a few. So the store, the queries
and the projections of kg.analysis see the same shapes as on real data, at any size.

    python -m benchmarks.graph OUT.nq --triples 1000000 [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from benchmarks.names import GIVEN_NAMES, SURNAMES
from benchmarks.places import bare_name, place_pools
from kg import gazetteer
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.mapping import ONTOLOGY_GRAPH, document_graph, to_triples
from kg.merge import merge
from kg.store import EmbeddedStore, to_oxigraph
from kg.text import slug
from kg.vocab import POL
from kg.vocabgen import ONTOLOGY

TRIPLES_PER_DOCUMENT = 240  # measured mean of this generator; sizes the entity pools

# Fact types in about the proportions extraction finds them in the bundled corpus, stances raised a
# little so that the co-stance actor network has the density of a large corpus.
_FACT_WEIGHTS = {
    "holds_office": 20, "applies_to": 12, "funds": 12, "issued": 9, "addressed_to": 9, "opposes": 10,
    "complies_with": 8, "part_of": 6, "said": 6, "member_of": 3, "reported": 3,
}  # fmt: skip
_FEDERAL_BODIES = (
    "Department of Homeland Security", "Department of Justice", "Immigration and Customs Enforcement",
    "Office of Justice Programs", "Bureau of Justice Assistance", "Office of the Inspector General",
    "Customs and Border Protection", "Department of Housing and Urban Development", "Office of Management and Budget",
    "Senate Judiciary Committee", "House Judiciary Committee", "Federal Bureau of Investigation",
)  # fmt: skip
_LOCAL_BODIES = (
    "{city} Police Department",
    "{city} City Council",
    "{county} Sheriff's Office",
    "{county} Board of Supervisors",
    "{state} Department of Corrections",
    "{state} Attorney General's Office",
)
_DIRECTIONS = ("Northern", "Southern", "Eastern", "Western", "Central")
_CIRCUITS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh")
_PAPERS = ("Times", "Herald", "Tribune", "Post", "Gazette", "Chronicle", "Journal", "Observer")
_PARTIES = ("Democratic Party", "Republican Party")
_ORDER_CLASSES = ("ExecutiveOrder", "Directive", "LocalPolicy", "Legislation", "CourtRuling", "DetainerRequest")
_ROLES = {"City": ("mayor", "police chief", "city attorney"), "County": ("sheriff", "county executive", "supervisor"),
          "State": ("governor", "attorney general", "senator"), "Court": ("judge",),
          "GovernmentBody": ("secretary", "director", "commissioner", "spokesperson")}  # fmt: skip
_INSTRUMENTS = ("Byrne JAG grant", "SCAAP reimbursement", "COPS hiring grant", "FEMA preparedness grant",
                "Community Development Block Grant")  # fmt: skip
_STATUSES = ("provided", "reimbursement", "threatened", "withheld", "conditioned")
_OPPOSING = ("oppose", "challenge", "refuse")
_REQUIRES = ("honor immigration detainer requests", "certify compliance with 8 U.S.C. 1373",
             "give federal agents access to local jails", "notify ICE 48 hours before an inmate's release")  # fmt: skip


@dataclass(frozen=True)
class Pool:
    """Entities drawn with Zipf-like popularity: the k-th most popular is drawn ~1/k^s as often as the first."""

    entities: tuple[Entity, ...]
    cum_weights: tuple[float, ...]

    @classmethod
    def of(cls, entities: Sequence[Entity], exponent: float) -> Pool:
        weights = (1 / (rank + 1) ** exponent for rank in range(len(entities)))
        return cls(tuple(entities), tuple(itertools.accumulate(weights)))

    def draw(self, rng: random.Random, k: int) -> list[Entity]:
        return rng.choices(self.entities, cum_weights=self.cum_weights, k=k)


@dataclass(frozen=True)
class Universe:
    """Everything the synthetic documents can mention."""

    people: Pool
    bodies: Pool
    courts: Pool
    media: Pool
    parties: Pool
    places: Pool
    orders: Pool
    part_of: dict[str, str] = field(hash=False)  # place key -> key of the place it lies in
    country: Entity = field(hash=False)


@dataclass
class GraphStats:
    path: Path | None = None
    triples: int = 0  # distinct quads in the file, merge graph included
    generated: int = 0  # quads the generator made (documents and ontology; a few are duplicates)
    documents: int = 0
    facts: int = 0
    entities: int = 0
    bytes: int = 0


def universe(documents: int, seed: int = 0) -> Universe:
    """Entity pools sized for about `documents` documents."""
    rng = random.Random(f"kg-bench-graph-universe:{seed}")
    pools = place_pools()
    places = list(pools.all)
    rng.shuffle(places)
    country = gazetteer.get(gazetteer.COUNTRY_KEY)
    if country is None:
        raise RuntimeError(f"kg.gazetteer has no {gazetteer.COUNTRY_KEY!r}")
    return Universe(
        people=Pool.of(_people(max(300, documents // 2)), 0.8),
        bodies=Pool.of(_bodies(rng, max(100, documents // 10)), 1.0),
        courts=Pool.of(_courts(), 1.0),
        media=Pool.of(_media(rng, 60), 1.0),
        parties=Pool.of([_entity("PoliticalParty", name) for name in _PARTIES], 0.0),
        places=Pool.of([p.to_entity() for p in places], 0.9),
        orders=Pool.of(_orders(rng, max(50, documents // 20)), 1.18),  # 1M triples ≈ 1M actor-network edges
        part_of={p.key: p.part_of for p in places if p.part_of},
        country=country.to_entity(),
    )


def _entity(cls: str, label: str, key: str | None = None, **extra: object) -> Entity:
    return Entity(key=key or f"{cls.lower()}/{slug(label)}", cls=cls, label=label, aliases={label}, **extra)  # type: ignore[arg-type]


def _people(count: int) -> list[Entity]:
    """Distinct 'Given Surname' names; past every pair, middle initials and then generational suffixes."""
    pairs = [(g, s) for s in SURNAMES for g in GIVEN_NAMES]
    names = []
    for i in range(count):
        given, surname = pairs[i % len(pairs)]
        lap = i // len(pairs)
        middle = f" {chr(ord('A') + (lap - 1) % 26)}." if lap else ""
        suffix = f" {'I' * (1 + (lap - 1) // 26)}" if lap > 26 else ""
        names.append(_entity("Person", f"{given}{middle} {surname}{suffix}"))
    return names


def _bodies(rng: random.Random, count: int) -> list[Entity]:
    pools = place_pools()
    bodies = [_entity("GovernmentBody", name) for name in _FEDERAL_BODIES]
    seen = {b.key for b in bodies}
    while len(bodies) < count:
        name = rng.choice(_LOCAL_BODIES).format(
            city=bare_name(rng.choice(pools.cities)),
            county=rng.choice(pools.counties).name,
            state=rng.choice(pools.states).name,
        )
        body = _entity("GovernmentBody", name)
        if body.key not in seen:
            seen.add(body.key)
            bodies.append(body)
    return bodies


def _courts() -> list[Entity]:
    circuits = [_entity("Court", f"Court of Appeals for the {n} Circuit") for n in _CIRCUITS]
    districts = [
        _entity("Court", f"U.S. District Court for the {d} District of {s.name}")
        for s in place_pools().states
        for d in _DIRECTIONS[:2]
    ]
    return [_entity("Court", "Supreme Court"), *circuits, *districts]


def _media(rng: random.Random, count: int) -> list[Entity]:
    cities = place_pools().cities
    names = {f"{bare_name(rng.choice(cities))} {rng.choice(_PAPERS)}" for _ in range(count)}
    return [_entity("MediaOrganization", name) for name in sorted(names)]


def _orders(rng: random.Random, count: int) -> list[Entity]:
    pools = place_pools()
    orders = []
    for i in range(count):
        cls = _ORDER_CLASSES[i % len(_ORDER_CLASSES)]
        issued = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        if cls == "ExecutiveOrder":
            number = 13700 + i
            label, key = f"Executive Order {number}", f"order/executive-order-{number}"
        elif cls == "Directive":
            label, key = f"Memorandum {issued.year}-{i:04d} on detainer requests", None
        elif cls == "LocalPolicy":
            label, key = f"{rng.choice(pools.counties).name} Ordinance {issued.year}-{i}", None
        elif cls == "Legislation":
            label, key = f"{rng.choice(pools.states).name} Senate Bill {i}", None
        elif cls == "CourtRuling":
            label, key = f"{bare_name(rng.choice(pools.cities))} v. {rng.choice(SURNAMES)} ({i})", None
        else:
            label, key = f"ICE detainer request {issued.year}-{i:05d}", None
        requires = rng.choice(_REQUIRES) if cls in ("ExecutiveOrder", "Directive", "DetainerRequest") else None
        orders.append(_entity(cls, label, key, date=issued.isoformat(), requires=requires))
    return orders


def extractions(universe_: Universe, seed: int = 0) -> Iterator[Extraction]:
    """Synthetic documents' extractions, without end; document `i` depends only on (seed, i)."""
    for index in itertools.count():
        yield extraction(universe_, index, seed)


def extraction(u: Universe, index: int, seed: int = 0) -> Extraction:
    """The extraction of synthetic document `index`: 6 to 24 facts among the entities it mentions."""
    rng = random.Random(f"kg-bench-graph:{seed}:{index}")
    date = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    name = f"synthetic_{seed:03d}_{index:08d}.txt"
    info = DocumentInfo(
        name=name,
        content_hash=hashlib.sha256(name.encode()).hexdigest(),
        date=date.isoformat(),
        title=f"Synthetic policy document {index}",
        publisher=rng.choice(u.media.entities).label,
        source=f"kg benchmark graph (seed {seed})",
    )
    cast = _Cast(
        people=u.people.draw(rng, rng.randint(2, 6)),
        bodies=u.bodies.draw(rng, rng.randint(1, 4)),
        places=u.places.draw(rng, rng.randint(2, 6)),
        orders=u.orders.draw(rng, rng.randint(1, 3)),
        courts=u.courts.draw(rng, 1),
        media=u.media.draw(rng, 1),
        parties=u.parties.draw(rng, 1),
    )
    writer = _Writer(rng, u, cast, name)
    types = rng.choices(list(_FACT_WEIGHTS), weights=list(_FACT_WEIGHTS.values()), k=rng.randint(6, 24))
    facts = [fact for fact_type in types if (fact := writer.fact(fact_type)) is not None]
    used = {key for fact in facts for key in (fact.subject, fact.object, fact.imposed_by) if key}
    entities = {key: writer.known[key] for key in sorted(used)}
    return Extraction(document=info, entities=entities, facts=facts)


@dataclass
class _Cast:
    people: list[Entity]
    bodies: list[Entity]
    places: list[Entity]
    orders: list[Entity]
    courts: list[Entity]
    media: list[Entity]
    parties: list[Entity]


class _Writer:
    """Makes one document's facts, each with an evidence sentence naming its entities."""

    def __init__(self, rng: random.Random, u: Universe, cast: _Cast, document: str) -> None:
        self.rng, self.u, self.cast, self.document = rng, u, cast, document
        self.offset = 0
        self.known: dict[str, Entity] = {}

    def fact(self, fact_type: str) -> Fact | None:
        return getattr(self, f"_{fact_type}")()

    def _pick(self, *groups: list[Entity]) -> Entity:
        entity = self.rng.choice(self.rng.choice([g for g in groups if g]))
        self.known[entity.key] = entity
        return entity

    def _make(self, fact_type: str, subject: Entity, obj: Entity, sentence: str, **qualifiers: object) -> Fact:
        start = self.offset
        self.offset += len(sentence) + 1
        evidence = Evidence(self.document, sentence, start, start + len(sentence))
        confidence = round(self.rng.uniform(0.6, 0.95), 2)
        return Fact(fact_type, subject.key, obj.key, evidence, confidence, **qualifiers)  # type: ignore[arg-type]

    def _holds_office(self) -> Fact:
        person = self._pick(self.cast.people)
        office = self._pick(self.cast.places, self.cast.bodies, self.cast.courts)
        role = self.rng.choice(_ROLES.get(office.cls, _ROLES["GovernmentBody"]))
        return self._make(
            "holds_office", person, office, f"{person.label}, {role} of {office.label}, spoke on Monday.", role=role
        )

    def _member_of(self) -> Fact:
        person, group = self._pick(self.cast.people), self._pick(self.cast.parties, self.cast.bodies)
        return self._make("member_of", person, group, f"{person.label} is a member of the {group.label}.")

    def _part_of(self) -> Fact | None:
        place = self._pick(self.cast.places)
        container_key = self.u.part_of.get(place.key)
        container = gazetteer.get(container_key) if container_key else None
        whole = container.to_entity() if container else self.u.country
        self.known[whole.key] = whole
        return self._make("part_of", place, whole, f"{place.label} lies in {whole.label}.")

    def _issued(self) -> Fact:
        issuer, order = self._pick(self.cast.bodies, self.cast.people), self._pick(self.cast.orders)
        return self._make(
            "issued", issuer, order, f"{issuer.label} issued {order.label} on {order.date}.", date=order.date
        )

    def _addressed_to(self) -> Fact:
        order, addressee = (
            self._pick(self.cast.orders),
            self._pick(self.cast.bodies, self.cast.people, self.cast.places),
        )
        return self._make("addressed_to", order, addressee, f"{order.label} directs {addressee.label} to act.")

    def _applies_to(self) -> Fact:
        order, place = self._pick(self.cast.orders), self._pick(self.cast.places)
        return self._make("applies_to", order, place, f"{order.label} applies to {place.label}.")

    def _complies_with(self) -> Fact:
        holder, order = self._pick(self.cast.places, self.cast.bodies, self.cast.people), self._pick(self.cast.orders)
        modality = self.rng.choice(("actual", "intended"))
        sentence = f"{holder.label} {'will comply' if modality == 'intended' else 'complies'} with {order.label}."
        return self._make("complies_with", holder, order, sentence, stance="comply", modality=modality)

    def _opposes(self) -> Fact:
        holder, order = self._pick(self.cast.places, self.cast.bodies, self.cast.people), self._pick(self.cast.orders)
        stance, modality = self.rng.choice(_OPPOSING), self.rng.choice(("actual", "intended"))
        sentence = f"{holder.label} vowed to {stance} {order.label}."
        return self._make("opposes", holder, order, sentence, stance=stance, modality=modality)

    def _funds(self) -> Fact:
        funder, recipient = self._pick(self.cast.bodies), self._pick(self.cast.places)
        order = self._pick(self.cast.orders)
        status, instrument = self.rng.choice(_STATUSES), self.rng.choice(_INSTRUMENTS)
        amount = f"${self.rng.randint(1, 900) / 10:.1f} million"
        sentence = f"{funder.label} {status} {amount} of {instrument} funds for {recipient.label} under {order.label}."
        return self._make(
            "funds",
            funder,
            recipient,
            sentence,
            status=status,
            instrument=instrument,
            amount=amount,
            imposed_by=order.key,
        )

    def _said(self) -> Fact:
        speaker, topic = self._pick(self.cast.people), self._pick(self.cast.orders, self.cast.places)
        quote = f"We will not be bullied over {topic.label}"
        return self._make("said", speaker, topic, f"“{quote},” {speaker.label} said.", quote=quote)

    def _reported(self) -> Fact:
        outlet, subject = self._pick(self.cast.media), self._pick(self.cast.people, self.cast.bodies, self.cast.orders)
        return self._make("reported", outlet, subject, f"The {outlet.label} reported on {subject.label}.")


def quads(
    target_triples: int | None, seed: int = 0, stats: GraphStats | None = None, *, documents: int | None = None
) -> Iterator[ox.Quad]:
    """The ontology graph, then whole document graphs until `target_triples` or `documents` is reached."""
    stats = stats if stats is not None else GraphStats()
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for s, p, o in Graph().parse(ONTOLOGY):
        stats.generated += 1
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ontology)
    entities: set[str] = set()
    for graph_name, item in document_graphs(target_triples, seed, documents=documents):
        if (target_triples is not None and stats.generated >= target_triples) or stats.documents == documents:
            break
        graph = ox.NamedNode(str(graph_name))
        for s, p, o in to_triples(item):
            stats.generated += 1
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
        stats.documents += 1
        stats.facts += len(item.facts)
        entities.update(item.entities)
    stats.entities = len(entities)


def write_graph(
    path: Path, target_triples: int | None, seed: int = 0, *, documents: int | None = None, scratch: Path | None = None
) -> GraphStats:
    """Write the graph of about `target_triples` triples (whole documents, so a little more), or of
    `documents` documents, with kg's merge graph, to an N-Quads file.

    The document graphs are streamed to a first file, bulk-loaded into a scratch store (under
    `scratch`, by default beside `path`), merged by `kg.merge`, and the store dumped to `path`.
    """
    if target_triples is None and documents is None:
        raise ValueError("give target_triples or documents")
    stats = GraphStats(path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    generated = path.with_suffix(".documents.nq")
    with generated.open("wb") as out:
        ox.serialize(quads(target_triples, seed, stats, documents=documents), out, format=ox.RdfFormat.N_QUADS)
    location = (scratch or path.parent) / f"{path.stem}.merge-store"
    raw = ox.Store(str(location))  # kg has no bulk load: pyoxigraph's own, then kg's merge on the same folder
    raw.bulk_load(path=str(generated), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    del raw  # closed: one handle on the folder at a time
    store = EmbeddedStore(location)
    merge(store)
    stats.triples = store.triple_count()
    store.close()
    raw = ox.Store(str(location))
    raw.dump(str(path), format=ox.RdfFormat.N_QUADS)
    del raw
    shutil.rmtree(location)
    generated.unlink()
    stats.bytes = path.stat().st_size
    return stats


def file_stats(path: Path) -> GraphStats:
    """The quads, documents and bytes of an N-Quads file `write_graph` wrote (facts and entities are not counted)."""
    stats = GraphStats(path=path, bytes=path.stat().st_size)
    file_name = f" <{POL.fileName}> ".encode()
    with path.open("rb") as data:
        for line in data:
            stats.triples += 1
            stats.documents += file_name in line  # one pol:fileName per document
    return stats


def expected_documents(target_triples: int | None, documents: int | None) -> int:
    """How many documents a graph will have; sizes the entity pools before any is made."""
    return documents if documents is not None else max(1, (target_triples or 0) // TRIPLES_PER_DOCUMENT)


def document_graphs(
    target_triples: int | None, seed: int = 0, *, documents: int | None = None
) -> Iterator[tuple[URIRef, Extraction]]:
    """(named graph, extraction) of the synthetic documents, without end; the caller stops."""
    u = universe(expected_documents(target_triples, documents), seed)
    for item in extractions(u, seed):
        yield document_graph(item.document.name, item.document.content_hash), item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.graph", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="N-Quads file to write")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stats = write_graph(args.out, args.triples, args.seed)
    print(f"{stats.triples} triples, {stats.documents} documents, {stats.facts} facts, {stats.entities} entities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
