"""Extraction quality end to end: the bundled corpus and the probe set are built and scored against
their gold, and the scores must not fall below floors a little under the figures in the README.

A rule change that makes kg read worse fails here even when every rule's own test still passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.evaluate import evaluate
from kg.queries import facts
from kg.store import EmbeddedStore

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parent.parent / "data"


def _scores(tmp_path: Path, corpus: Path, gold: Path) -> tuple[float, float]:
    store = EmbeddedStore(tmp_path / "store")
    report = build([corpus], store, progress=False)
    assert report.ok, report.failed
    micro = evaluate(facts(store), gold).micro
    return micro.precision, micro.f1


def test_bundled_gold_scores_stay_above_the_issue_targets(tmp_path):
    precision, f1 = _scores(tmp_path, DATA / "corpus", DATA / "gold")
    assert precision >= 0.85 and f1 >= 0.78, f"P {precision:.3f} F1 {f1:.3f}"


def test_probe_set_scores_stay_above_their_floor(tmp_path):
    # all 20 batches: the 11 written by authors who had not seen the rules score far lower (data/probe/README.md)
    precision, f1 = _scores(tmp_path, DATA / "probe" / "corpus", DATA / "probe" / "gold")
    assert precision >= 0.63 and f1 >= 0.55, f"P {precision:.3f} F1 {f1:.3f}"
