"""A snapshot of everything extraction yields on the bundled and probe corpora, to show that a change to
`kg.extract` or `kg.scoring` keeps its outputs: the rules' entities and facts, the scorer's candidates with
their features, and the final extraction of each document.

    python tests/extraction_snapshot.py --write /tmp/before.json   # with the code as it was
    python tests/extraction_snapshot.py --check /tmp/before.json   # after the change: exit 1 on any difference

Parsing is the slow part and does not change with the extraction code, so the parsed documents are cached
(``--docs``, a DocBin); a cache made by another spaCy model, pipeline or set of ruler patterns would give other
figures, so it is tagged with the model version, the components and a digest of the ruler's patterns.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from kg.documents import read_document
from kg.extract import extract, propose_facts
from kg.facts import Entity, Fact
from kg.parsing import load_nlp
from kg.scoring.candidates import propose

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / "data" / "corpus", ROOT / "data" / "probe" / "corpus")


def _entity(entity: Entity) -> dict[str, Any]:
    return {**asdict(entity), "aliases": sorted(entity.aliases)}


def _fact(fact: Fact) -> dict[str, Any]:
    return asdict(fact)


def _sorted_facts(facts: list[Fact]) -> list[dict[str, Any]]:
    return sorted((_fact(f) for f in facts), key=lambda d: json.dumps(d, sort_keys=True))


def snapshot_of(doc: Any, info: Any) -> dict[str, Any]:
    """One document's rule proposals, candidates (with features) and final extraction."""
    ctx, rule_facts = propose_facts(doc, info)
    proposal = propose(ctx, rule_facts)
    candidates = sorted(
        ({"fact": _fact(c.fact), "features": dict(sorted(c.features.items()))} for c in proposal.candidates),
        key=lambda d: json.dumps(d, sort_keys=True),
    )
    extraction = extract(doc, info)
    return {
        "rule_entities": {k: _entity(e) for k, e in sorted(ctx.entities.items())},
        "rule_facts": _sorted_facts(rule_facts),
        "candidates": candidates,
        "candidate_entities": {k: _entity(e) for k, e in sorted(proposal.entities.items())},
        "entities": {k: _entity(e) for k, e in sorted(extraction.entities.items())},
        "facts": _sorted_facts(extraction.facts),
    }


def parsed_documents(cache: Path) -> list[tuple[Any, Any]]:
    """(doc, info) of every corpus document, parsed once and cached."""
    nlp = load_nlp()
    paths = sorted(p for corpus in CORPORA for p in corpus.glob("*.txt"))
    documents = [read_document(p) for p in paths]
    tag = cache.with_suffix(".pipeline")
    patterns = hashlib.sha256(json.dumps(nlp.get_pipe("entity_ruler").patterns, sort_keys=True).encode()).hexdigest()
    pipeline = f"{nlp.meta['name']}-{nlp.meta['version']} {nlp.pipe_names} {patterns[:16]} {len(documents)}"
    if cache.exists() and tag.exists() and tag.read_text() == pipeline:
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        infos = pickle.loads(cache.with_suffix(".infos").read_bytes())
        return list(zip(docs, infos, strict=True))
    docs = list(nlp.pipe((d.text for d in documents), batch_size=8))
    cache.write_bytes(DocBin(store_user_data=True, docs=docs).to_bytes())
    infos = [d.info() for d in documents]
    cache.with_suffix(".infos").write_bytes(pickle.dumps(infos))
    tag.write_text(pipeline)
    return list(zip(docs, infos, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the snapshot here")
    group.add_argument("--check", type=Path, help="compare with this snapshot; exit 1 on any difference")
    parser.add_argument("--docs", type=Path, default=Path("/tmp/kg-extraction-docs.spacy"), help="parse cache")
    args = parser.parse_args(argv)
    snapshot = {info.name: snapshot_of(doc, info) for doc, info in parsed_documents(args.docs)}
    if args.write:
        args.write.write_text(json.dumps(snapshot, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(snapshot)} documents written to {args.write}")
        return 0
    expected = json.loads(args.check.read_text(encoding="utf-8"))
    current = json.loads(json.dumps(snapshot, sort_keys=True))  # the same JSON types as the file's
    differing = sorted(
        (name, part)
        for name in expected.keys() | current.keys()
        for part in ("rule_entities", "rule_facts", "candidates", "candidate_entities", "entities", "facts")
        if expected.get(name, {}).get(part) != current.get(name, {}).get(part)
    )
    for name, part in differing[:40]:
        print(f"differs: {name} {part}")
    print(f"{len(current)} documents, {len(differing)} differing parts")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
