"""Seeded hostile-input runs (issue 17): batches of hostile entries from `hostile.py`, three good documents each.

`make test` runs a quick subset (--fuzz-inputs, default 40); `make fuzz` runs 1,000 and prints the figures the
docs/architecture.md gives.
Checked for every batch: its build returns (no batch aborted), every good document is built, every
document file is accounted for (built, or failed with a one-line reason: no silent drop), and a second build finds
everything unchanged. Hangs cannot stall the run: each document has its budget, and one stopped at it is counted.
"""

from __future__ import annotations

import pytest
from hostile import write_batch

from kg.build import Budget, build
from kg.store import EmbeddedStore
from kg.text import shown

pytestmark = pytest.mark.model

PER_BATCH = 25
SEED = 17


def test_hostile_batches_never_abort_drop_or_lose_a_good_document(tmp_path, request, capsys) -> None:
    inputs = request.config.getoption("--fuzz-inputs")
    totals = dict.fromkeys(("inputs", "batches", "aborted", "hangs", "silent drops", "good lost", "built", "failed"), 0)
    problems: list[str] = []
    for number, start in enumerate(range(0, inputs, PER_BATCH)):
        batch = write_batch(tmp_path / f"batch{number}", SEED * 1000 + number, min(PER_BATCH, inputs - start))
        totals["inputs"] += len(batch.cases)
        totals["batches"] += 1
        try:
            with EmbeddedStore(tmp_path / f"store{number}") as store:
                report = build([batch.folder], store, progress=False, budget=Budget(timeout=60))
                again = build([batch.folder], store, progress=False, budget=Budget(timeout=60))
        except Exception as error:  # an aborted batch: the very thing not to happen
            totals["aborted"] += 1
            problems.append(f"batch {number} (cases {batch.cases}) aborted: {error!r}")
            continue
        failed = {path for path, _ in report.failed}
        names = set(report.built)
        drops = [
            shown(p) for p in batch.documents
            if shown(p) not in failed and shown(p.relative_to(batch.folder).as_posix()) not in names
        ]  # fmt: skip
        lost = sorted(set(batch.good) - names)
        totals["silent drops"] += len(drops)
        totals["good lost"] += len(lost)
        totals["built"] += len(report.built) - len(batch.good)
        totals["failed"] += len(report.failed)
        totals["hangs"] += sum("within its budget" in message for _, message in report.failed)
        if drops or lost:
            problems.append(f"batch {number} (cases {batch.cases}): dropped {drops}, good documents not built {lost}")
        if any("\n" in message for _, message in report.failed):
            problems.append(f"batch {number}: a failure message of more than one line")
        if sorted(again.unchanged) != sorted(report.built) or again.built:
            problems.append(f"batch {number}: a second build was not all unchanged ({again.summary()})")
    with capsys.disabled():
        print("\nfuzz: " + ", ".join(f"{value} {key}" for key, value in totals.items()))
    assert not problems, "\n".join(problems)
