"""The trained fact scorer: rules and pairings propose candidate facts, a model decides which to keep.

One logistic model per fact type over the named features of `kg.scoring.candidates`, each with its own
decision threshold, trained by `make train` (``python -m kg.train``) from the annotated corpus and shipped as
`scorer.json` beside this module: plain weights, read without scikit-learn, so scoring costs a dot product
per candidate. Where no model is installed the rules' own facts are kept unchanged. This module holds the model;
`kg.scoring.decision` applies it to a document's candidates.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is read without the parser: `kg.mapping` names it in every graph
    from kg.scoring.candidates import Candidate

MODEL_FILE = "scorer.json"


@dataclass(frozen=True)
class TypeModel:
    """A linear model for one fact type: a candidate is kept when its probability reaches `threshold`, or
    `rule_threshold` for one a rule proposed (the two kinds differ in how often they are right)."""

    bias: float
    weights: dict[str, float]
    threshold: float
    rule_threshold: float

    def passes(self, candidate: Candidate, probability: float) -> bool:
        return probability >= (self.rule_threshold if candidate.by_rule else self.threshold)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Scorer:
    """The per-type models and the version that names them in the graph's provenance."""

    version: str
    types: dict[str, TypeModel]

    def keeps(self, candidate: Candidate) -> tuple[bool, float]:
        """Whether the candidate passes its type's threshold, and its score (rules decide untrained types)."""
        model = self.types.get(candidate.fact.type)
        if model is None:
            return candidate.by_rule, candidate.fact.confidence
        p = model.probability(candidate.features)
        return model.passes(candidate, p), p

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "types": {
                t: {
                    "bias": m.bias,
                    "threshold": m.threshold,
                    "rule_threshold": m.rule_threshold,
                    "weights": dict(sorted(m.weights.items())),
                }
                for t, m in sorted(self.types.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        types = {
            t: TypeModel(
                bias=m["bias"], weights=m["weights"], threshold=m["threshold"], rule_threshold=m["rule_threshold"]
            )
            for t, m in data["types"].items()
        }
        return cls(version=data["version"], types=types)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")


def model_version(data: dict) -> str:
    """A short name for a model: a hash of its weights, so that the graph says which model read a text."""
    body = json.dumps(data["types"], sort_keys=True).encode()
    return f"scorer-{hashlib.sha256(body).hexdigest()[:10]}"


@cache
def shipped_scorer() -> Scorer | None:
    """The model shipped with the package, or None when there is none (rules alone)."""
    source = resources.files("kg.scoring").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    return Scorer.from_json(json.loads(source.read_text(encoding="utf-8")))
