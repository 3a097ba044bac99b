"""Extraction quality end to end: the bundled corpus and the probe set are built and scored against
their gold, and the scores must not fall below floors a little under the figures in the README.

A rule change that makes kg read worse fails here even when every rule's own test still passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.evaluate import load_gold, score
from kg.queries import facts
from kg.store import EmbeddedStore

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parent.parent / "data"


def _scores(tmp_path: Path, corpus: list[Path], gold: Path) -> tuple[float, float]:
    store = EmbeddedStore(tmp_path / "store")
    report = build(corpus, store, progress=False)
    assert report.ok, report.failed
    golds = [g for g in load_gold(gold) if g.document in report.built]
    micro = score(facts(store), golds).micro
    return micro.precision, micro.f1


def _batches_1_to_20() -> list[Path]:
    """The probe batches of kg 0.7.0 (p1-p71): the later ones are for cross-validation (`make cv`)."""
    return sorted(p for p in (DATA / "probe" / "corpus").glob("p*.txt") if int(p.name[1:].split("_")[0]) <= 71)


def test_bundled_gold_scores_stay_above_their_floor(tmp_path):
    # scorer-01c0a331b8: P 0.641, F1 0.710 (scorer-339252d59f 0.617 and 0.674, scorer-5f378fd031 0.650 and 0.715,
    # scorer-856c51af43 0.664 and 0.709, scorer-775dfd9377 0.650 and 0.701, scorer-a296970ea1 0.701 and 0.730,
    # scorer-9d7ecf749d 0.636 and 0.700,
    # scorer-eb9e5b1c8f 0.659 and 0.714, scorer-425f426f90 0.662 and 0.726; the linear scorer-3a60b5f136 gave 0.752
    # and 0.752, kg 0.8.0's 0.781, the rules alone, tuned on these texts, 0.837); the issue asks 0.80, not met. Each
    # model since the trees gained on text by unseen authors and lost precision on these long texts, mostly in
    # funding; with scorer-339252d59f the code finds the same entities here as before (but one "notice") and the
    # model keeps six fewer right facts (docs/quality.md); the floor stays where that model put it
    precision, f1 = _scores(tmp_path, [DATA / "corpus"], DATA / "gold")
    assert precision >= 0.60 and f1 >= 0.66, f"P {precision:.3f} F1 {f1:.3f}"


def test_probe_set_scores_stay_above_their_floor(tmp_path):
    # batches 1-20, all read while writing rules and trained on by the scorer: a floor against regressions, not
    # an estimate for unseen text (that is the cross-validation by author, README.md). scorer-425f426f90: P 0.596,
    # F1 0.657 (the linear scorer before it held P above 0.63 with a lower recall)
    precision, f1 = _scores(tmp_path, _batches_1_to_20(), DATA / "probe" / "gold")
    assert precision >= 0.57 and f1 >= 0.62, f"P {precision:.3f} F1 {f1:.3f}"
