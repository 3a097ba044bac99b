"""The scorer's decision over one document: which of its candidate facts to keep."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.extract.context import Context
from kg.facts import Entity, Fact
from kg.scoring import Scorer, shipped_scorer
from kg.scoring.candidates import propose


def decide(
    ctx: Context, rule_facts: Iterable[Fact], scorer: Scorer | None = None
) -> tuple[list[Fact], dict[str, Entity]]:
    """The facts to keep and the entities they may name: each candidate the scorer passes, its score as
    confidence and the model named in its source; the rules' facts as they are where no model is installed."""
    scorer = scorer or shipped_scorer()
    rule_facts = list(rule_facts)
    if scorer is None:
        return rule_facts, ctx.entities
    proposal = propose(ctx, rule_facts)
    kept: list[Fact] = []
    for candidate, (keep, score) in zip(proposal.candidates, scorer.decisions(proposal.candidates), strict=True):
        if keep:
            fact = candidate.fact
            kept.append(replace(fact, confidence=round(score, 3), source=f"{fact.source}+{scorer.version}"))
    return kept, proposal.entities
