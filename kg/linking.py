"""Score entity resolution against a hand-written linking gold: the engine behind ``kg eval --linking``.

The linking gold (`linking.yaml` beside the gold files) says which gold entity keys of different documents name
one real entity::

    identities:
      colorado:
        class: State
        wikidata: Q1261            # optional
        mentions:
          p072_gila_river_drought_order: [colorado]
          01_eo13768_enhancing_public_safety_interior: [state_of_colorado]

A key it does not list is an entity of its own. Each gold entity of a built document is aligned to a node of
that document's graph that its names match (the name and class matching of the fact scores), one to one within
a document, the best-matching pairs first (the most names equal, then a node whose own label is one of the gold
names of two words or more, then the most names within one another: "Republican Party of Minnesota", also called
"Republican", is the node so labelled rather than the national party's): two gold entities that extraction read
as one node are an extraction error, which the fact scores count, and only one of them is aligned. Then over
the aligned (document, entity) mentions:

- pairwise precision and recall: of the pairs kg puts in one node, the share that are one entity, and of the
  pairs that are one entity, the share kg puts in one node;
- B-cubed precision and recall (the same per mention, averaged: a large wrong cluster weighs by its size);
- the share of entities named in several documents that are exactly one node;
- the wrong splits (one entity, several nodes) and wrong merges (one node, several entities).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import GoldError
from kg.evaluate import STOPWORDS, GoldDocument, classes_compatible, contains_words, load_gold, words
from kg.queries import load_query
from kg.store import Store

LINKING_FILE = "linking.yaml"


@dataclass(frozen=True)
class Mention:
    document: str  # the document's file name
    key: str  # the gold file's entity key
    identity: str  # the linking gold's id, or document#key for an entity of one document
    node: str  # the IRI kg's graph of that document gives it


@dataclass
class Node:
    """A node of one document's graph as the aligner sees it."""

    cls: str
    names: set[str] = field(default_factory=set)  # its label and aliases
    labels: set[str] = field(default_factory=set)  # its label (rdfs:label) alone


@dataclass
class LinkingReport:
    mentions: list[Mention]
    unaligned: int  # gold entities of built documents that no node of their document matches
    pairwise: tuple[float, float]
    bcubed: tuple[float, float]
    one_node: tuple[int, int]  # multi-document entities that are one node, of all of them
    splits: dict[str, list[str]] = field(default_factory=dict)  # identity -> its nodes
    merges: dict[str, list[str]] = field(default_factory=dict)  # node -> its identities

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": len(self.mentions),
            "unaligned": self.unaligned,
            "pairwise": {"precision": self.pairwise[0], "recall": self.pairwise[1]},
            "bcubed": {"precision": self.bcubed[0], "recall": self.bcubed[1]},
            "multi_document_entities": {"one_node": self.one_node[0], "all": self.one_node[1]},
            "wrong_splits": self.splits,
            "wrong_merges": self.merges,
        }

    def format(self, verbose: bool = False) -> str:
        one, many = self.one_node
        lines = [
            f"linking over {len(self.mentions)} aligned mentions ({self.unaligned} gold entities found no node)",
            f"pairwise  P {self.pairwise[0]:.3f}  R {self.pairwise[1]:.3f}",
            f"B-cubed   P {self.bcubed[0]:.3f}  R {self.bcubed[1]:.3f}",
            f"entities named in several documents that are one node: {one} of {many}"
            + (f" ({one / many:.3f})" if many else ""),
            f"wrong splits: {len(self.splits)}; wrong merges: {len(self.merges)}",
        ]
        if verbose:
            lines += [f"  split  {identity}: {' | '.join(nodes)}" for identity, nodes in sorted(self.splits.items())]
            lines += [f"  merged {node}: {' | '.join(ids)}" for node, ids in sorted(self.merges.items())]
        return "\n".join(lines)


def evaluate_linking(store: Store, gold_dir: Path, linking: Path | None = None) -> LinkingReport:
    """Score the store's entity resolution against `linking` (default: `GOLD_DIR/linking.yaml`)."""
    path = linking or gold_dir / LINKING_FILE
    if not path.is_file():
        raise GoldError(f"{path}: no linking gold; write one (format: kg/linking.py) or give its path")
    golds = load_gold(gold_dir)
    nodes: dict[str, dict[str, Node]] = defaultdict(dict)
    for row in store.rows(load_query("document_entities").text):
        graph = nodes[str(row["document"])]
        iri, cls = str(row["entity"]), str(row["class"]).rsplit("#", 1)[-1]
        node = graph.setdefault(iri, Node(cls))
        node.names.add(str(row["name"]))
        if row.get("label") is not None:
            node.labels.add(str(row["label"]))
    aligned, unaligned = align(golds, nodes)
    if not aligned:
        raise GoldError(f"{gold_dir}: none of the gold documents is in the store; build them first")
    return score(aligned, load_linking(path, golds), unaligned)


def load_linking(path: Path, golds: Iterable[GoldDocument]) -> dict[tuple[str, str], str]:
    """(document file name, gold key) -> identity, checked against the gold files."""
    by_stem = {Path(g.document).stem: g for g in golds}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise GoldError(f"{path}: cannot read the linking gold: {' '.join(str(error).split())}") from error
    identities = raw.get("identities") if isinstance(raw, dict) else None
    if not isinstance(identities, dict):
        raise GoldError(f"{path}: a linking gold is a map 'identities: {{id: {{class, mentions}}}}'")
    linked: dict[tuple[str, str], str] = {}
    for identity, entry in identities.items():
        mentions = entry.get("mentions") if isinstance(entry, dict) else None
        if not isinstance(mentions, dict):
            raise GoldError(f"{path}: identity {identity!r} has no 'mentions' map")
        for stem, keys in mentions.items():
            gold = by_stem.get(str(stem))
            if gold is None:
                continue  # a document of another gold folder
            for key in keys if isinstance(keys, list) else [keys]:
                if str(key) not in gold.entities:
                    raise GoldError(f"{path}: {identity}: {stem} has no entity {key!r}")
                if (gold.document, str(key)) in linked:
                    raise GoldError(f"{path}: {stem}:{key} is listed under two identities")
                linked[(gold.document, str(key))] = str(identity)
    return linked


def align(
    golds: Iterable[GoldDocument], nodes: dict[str, dict[str, Node]]
) -> tuple[list[tuple[str, str, str]], int]:
    """(document, gold key, node) for each gold entity of a built document that a node of its graph matches,
    one to one within a document (the best-matching pairs first), and how many gold entities got none.
    `nodes`: document -> node IRI -> the node."""
    aligned, unaligned = [], 0
    for gold in golds:
        graph = nodes.get(gold.document)
        if graph is None:
            continue  # not built
        pairs = sorted(
            ((score, key, node) for key, entity in gold.entities.items()
             for node, score in _matches(entity.cls, entity.aliases, graph)),
            key=lambda pair: (*(-n for n in pair[0]), pair[1], pair[2]),
        )
        taken_keys: set[str] = set()
        taken_nodes: set[str] = set()
        for _, key, node in pairs:
            if key not in taken_keys and node not in taken_nodes:
                aligned.append((gold.document, key, node))
                taken_keys.add(key)
                taken_nodes.add(node)
        unaligned += len(gold.entities) - len(taken_keys)
    return aligned, unaligned


def _matches(
    cls: str, aliases: tuple[str, ...], graph: dict[str, Node]
) -> Iterable[tuple[str, tuple[int, int, int]]]:
    """Each node whose names match the gold names, with how well: equal names, then whether the node's own label
    is a gold name (of two content words at least), then names containing one."""
    wanted = [words(a) for a in aliases]
    for iri, node in sorted(graph.items()):
        if not classes_compatible(node.cls, cls):
            continue
        forms = [words(n) for n in node.names]
        equal = sum(1 for w in wanted if w and w in forms)
        labelled = int(any(words(label) in wanted and _proper(words(label)) for label in node.labels))
        within = sum(1 for w in wanted for f in forms if w and f and w != f and (_inside(w, f) or _inside(f, w)))
        if equal or within:
            yield iri, (equal, labelled, within)


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` within `long` as whole words, with two content words at least: one word ("U.S.", "states",
    "Justice") is inside too many names to tie a gold entity to a node."""
    return _proper(short) and contains_words(long, short)


def _proper(name: tuple[str, ...]) -> bool:
    """Two content words at least: a name, where one word ("Chair", "Government") may be any node's."""
    return sum(w not in STOPWORDS for w in name) >= 2


def score(aligned: list[tuple[str, str, str]], linked: dict[tuple[str, str], str], unaligned: int) -> LinkingReport:
    mentions = [Mention(d, k, linked.get((d, k), f"{d}#{k}"), node) for d, k, node in aligned]
    by_identity: dict[str, list[Mention]] = defaultdict(list)
    by_node: dict[str, list[Mention]] = defaultdict(list)
    cells: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        by_identity[m.identity].append(m)
        by_node[m.node].append(m)
        cells[(m.identity, m.node)] += 1
    same_both = sum(_pairs(n) for n in cells.values())
    same_node = sum(_pairs(len(ms)) for ms in by_node.values())
    same_identity = sum(_pairs(len(ms)) for ms in by_identity.values())
    pairwise = (_ratio(same_both, same_node), _ratio(same_both, same_identity))
    precision = [cells[(m.identity, m.node)] / len(by_node[m.node]) for m in mentions]
    recall = [cells[(m.identity, m.node)] / len(by_identity[m.identity]) for m in mentions]
    bcubed = (_mean(precision), _mean(recall))
    several = {i: ms for i, ms in by_identity.items() if len({m.document for m in ms}) > 1}
    one_node = sum(1 for ms in several.values() if len({m.node for m in ms}) == 1)
    splits = {i: sorted({m.node for m in ms}) for i, ms in by_identity.items() if len({m.node for m in ms}) > 1}
    merges = {n: sorted({m.identity for m in ms}) for n, ms in by_node.items() if len({m.identity for m in ms}) > 1}
    return LinkingReport(mentions, unaligned, pairwise, bcubed, (one_node, len(several)), splits, merges)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
