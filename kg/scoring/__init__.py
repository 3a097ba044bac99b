"""The trained fact scorer: rules and pairings propose candidate facts, a model decides which to keep.

One model per fact type over the named features of `kg.scoring.candidates`, each with its own decision
threshold, trained by `make train` (``python -m kg.train``) from the annotated corpus and shipped as `scorer.json`
beside this module. A model has two stages. A linear model screens every candidate for the cost of a dot product
and rejects the hopeless ones (most pairings); an ensemble of boosted regression trees (learned with LightGBM, kept
here as plain arrays and read without it) scores the rest, weighing features in combination ("two sentences apart"
means one thing for a speaker and another for a funder), which the linear model cannot. Where no model is installed
the rules' own facts are kept unchanged. This module holds the model; `kg.scoring.decision` applies it to a
document's candidates.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the model is read without the parser: `kg.mapping` names it in every graph
    from kg.scoring.candidates import Candidate

MODEL_FILE = "scorer.json"


@dataclass(frozen=True)
class Tree:
    """One regression tree as arrays over its split nodes: node i sends a candidate whose value of feature
    `feature[i]` is at most `threshold[i]` to `left[i]`, else to `right[i]`; a child >= 0 is a split node, a
    child < 0 the leaf ``~child`` whose value is `leaf[~child]`. A tree with no split is one leaf."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    leaf: tuple[float, ...]


@dataclass(frozen=True)
class TypeModel:
    """The model of one fact type. A candidate whose linear score (the logistic of `bias` plus its weighted
    features) is under `screen` keeps that score; any other is scored by the trees, the logistic of the sum of its
    leaves. It is kept when its score reaches `threshold`, or `rule_threshold` for one a rule proposed (the two
    kinds differ in how often they are right)."""

    bias: float
    weights: dict[str, float]
    screen: float
    features: tuple[str, ...]  # the feature names the trees split on, by index
    trees: tuple[Tree, ...]
    threshold: float
    rule_threshold: float

    def passes(self, candidate: Candidate, probability: float) -> bool:
        return probability >= (self.rule_threshold if candidate.by_rule else self.threshold)

    def probabilities(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """The score of each row of named feature values."""
        names, values, row_of = _entries(rows)
        weights = np.fromiter(map(self.weights.get, names, repeat(0.0)), np.float64, len(names))
        # summed entry by entry in each row's order, as a Python sum over the row would: the same floats
        scores = _logistic(self.bias + np.bincount(row_of, weights=values * weights, minlength=len(rows)))
        screened = np.flatnonzero(scores >= self.screen)
        if self.trees and len(screened):
            scores[screened] = self._tree_scores([rows[i] for i in screened])
        return scores

    def _tree_scores(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """The trees' score of each row, every (row, tree) walked down together a level at a time until it reaches
        a leaf."""
        names, given, row_of = _entries(rows)
        column = np.fromiter(map(self._index.get, names, repeat(-1)), np.intp, len(names))
        split_on = column >= 0
        values = np.zeros((len(rows), len(self.features)), dtype=np.float64)
        values[row_of[split_on], column[split_on]] = given[split_on]
        values = values.ravel()
        feature, threshold, children, leaf, roots = self._arrays
        splits = len(feature)  # nodes below are splits, the others leaves
        node = np.tile(roots, len(rows))  # (row, tree) pairs, row by row
        row_start = np.repeat(np.arange(len(rows)) * len(self.features), len(roots))  # the pair's row in `values`
        walking = np.flatnonzero(node < splits)
        while len(walking):
            at = node[walking]
            at = children[2 * at + (values[row_start[walking] + feature[at]] > threshold[at])]
            node[walking] = at
            walking = walking[at < splits]
        margin = leaf[node.reshape(len(rows), len(roots)) - splits].sum(axis=1)
        return _logistic(margin)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.features)}

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every tree's nodes in one set of arrays, the splits of all trees first and then their leaves: split i
        sends a row whose value of `feature[i]` is at most `threshold[i]` to node `children[2i]`, else to
        `children[2i + 1]`; leaf node `splits + j` has the value `leaf[j]`. And each tree's root node."""
        splits = sum(len(tree.feature) for tree in self.trees)
        feature: list[int] = []
        threshold: list[float] = []
        children: list[int] = []
        leaf: list[float] = []
        roots: list[int] = []
        for tree in self.trees:

            def node(child: int, first_split: int = len(feature), first_leaf: int = splits + len(leaf)) -> int:
                return first_split + child if child >= 0 else first_leaf + ~child

            roots.append(node(0 if tree.feature else ~0))
            feature += tree.feature
            threshold += tree.threshold
            children += [node(child) for pair in zip(tree.left, tree.right, strict=True) for child in pair]
            leaf += tree.leaf
        return (
            np.array(feature, dtype=np.intp),
            np.array(threshold, dtype=np.float64),
            np.array(children, dtype=np.intp),
            np.array(leaf, dtype=np.float64),
            np.array(roots, dtype=np.intp),
        )


def _entries(rows: Sequence[dict[str, float]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every (name, value) entry of the rows, in the rows' own order, and the row each entry is of."""
    names = list(chain.from_iterable(rows))
    values = np.fromiter(chain.from_iterable(row.values() for row in rows), np.float64, len(names))
    return names, values, np.repeat(np.arange(len(rows)), [len(row) for row in rows])


def _logistic(margin: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(margin, -30.0, 30.0)))


@dataclass(frozen=True)
class Scorer:
    """The per-type models and the version that names them in the graph's provenance."""

    version: str
    types: dict[str, TypeModel]

    def scores(
        self, candidates: Sequence[Candidate], features: Callable[[Candidate], dict[str, float]] | None = None
    ) -> list[float | None]:
        """Each candidate's score by its type's model, None where its type has no model; `features` reads a
        candidate's features (its own by default; training's model-alone variant reads fewer)."""
        out: list[float | None] = [None] * len(candidates)
        by_type: dict[str, list[int]] = defaultdict(list)
        for i, candidate in enumerate(candidates):
            if candidate.fact.type in self.types:
                by_type[candidate.fact.type].append(i)
        for fact_type, indices in by_type.items():
            rows = [(features or _own_features)(candidates[i]) for i in indices]
            for i, p in zip(indices, self.types[fact_type].probabilities(rows).tolist(), strict=True):
                out[i] = p
        return out

    def decisions(self, candidates: Sequence[Candidate]) -> list[tuple[bool, float]]:
        """Per candidate, whether it passes its type's threshold and its score (rules decide untrained types)."""
        return [
            (c.by_rule, c.fact.confidence) if p is None else (self.types[c.fact.type].passes(c, p), p)
            for c, p in zip(candidates, self.scores(candidates), strict=True)
        ]

    def keeps(self, candidate: Candidate) -> tuple[bool, float]:
        """Whether one candidate passes its type's threshold, and its score."""
        return self.decisions([candidate])[0]

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "types": {
                t: {
                    "threshold": m.threshold,
                    "rule_threshold": m.rule_threshold,
                    "bias": m.bias,
                    "screen": m.screen,
                    "weights": dict(sorted(m.weights.items())),
                    "features": list(m.features),
                    "trees": [[tree.feature, tree.threshold, tree.left, tree.right, tree.leaf] for tree in m.trees],
                }
                for t, m in sorted(self.types.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        types = {
            t: TypeModel(
                bias=m["bias"],
                weights=m["weights"],
                screen=m["screen"],
                features=tuple(m["features"]),
                trees=tuple(Tree(*(tuple(part) for part in tree)) for tree in m["trees"]),
                threshold=m["threshold"],
                rule_threshold=m["rule_threshold"],
            )
            for t, m in data["types"].items()
        }
        return cls(version=data["version"], types=types)

    def save(self, path: Path) -> None:
        # a type's trees on one line each: the file stays a few thousand lines that a diff can show
        data = self.to_json()
        lines = ["{", f'"version": {json.dumps(data["version"])},', '"types": {']
        for n, (fact_type, model) in enumerate(data["types"].items()):
            lines.append(f"{json.dumps(fact_type)}: {{")
            lines.append(f'"threshold": {model["threshold"]}, "rule_threshold": {model["rule_threshold"]},')
            lines.append(f'"bias": {model["bias"]}, "screen": {model["screen"]},')
            lines.append(f'"weights": {json.dumps(model["weights"])},')
            lines.append(f'"features": {json.dumps(model["features"])},')
            trees = ",\n".join(json.dumps(tree, separators=(",", ":")) for tree in model["trees"])
            lines.append(f'"trees": [\n{trees}\n]')
            lines.append("}" + ("," if n + 1 < len(data["types"]) else ""))
        lines += ["}", "}"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _own_features(candidate: Candidate) -> dict[str, float]:
    return candidate.features


def model_version(data: dict) -> str:
    """A short name for a model: a hash of its weights, trees and thresholds, naming in the graph the model that
    read a text."""
    body = json.dumps(data["types"], sort_keys=True).encode()
    return f"scorer-{hashlib.sha256(body).hexdigest()[:10]}"


@cache
def shipped_scorer() -> Scorer | None:
    """The model shipped with the package, or None when there is none (rules alone)."""
    source = resources.files("kg.scoring").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    return Scorer.from_json(json.loads(source.read_text(encoding="utf-8")))
