"""A build killed mid-way leaves the store consistent, and a re-run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build, stored_documents
from kg.queries import stats
from kg.store import EmbeddedStore

pytestmark = pytest.mark.model

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def _kill_after_first_document(store: Path) -> None:
    command = [sys.executable, "-m", "kg.cli", "build", str(CORPUS), "--store", str(store)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = b""
    deadline = time.monotonic() + 120
    while b"1/8" not in seen and time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 256)
        if not chunk:
            break
        seen += chunk
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert b"1/8" in seen, f"the build never reported progress: {seen[-300:]!r}"


def test_killed_build_is_consistent_and_a_rerun_completes_it(tmp_path):
    store_dir = tmp_path / "killed"
    _kill_after_first_document(store_dir)
    with EmbeddedStore(store_dir) as store:
        partial = stored_documents(store)
        assert 1 <= len(partial) < 8
        # Every document graph that is there is whole: its document node and its facts came in one write.
        for name, versions in partial.items():
            assert len(versions) == 1, name
        report = build([CORPUS], store, progress=False)
        assert sorted(report.built + report.unchanged) == sorted(p.name for p in CORPUS.glob("*.txt"))
        assert set(report.unchanged) == set(partial)
        resumed = stats(store)
    with EmbeddedStore(tmp_path / "clean") as clean:
        build([CORPUS], clean, progress=False)
        assert stats(clean) == resumed


def _nquads(store: EmbeddedStore) -> list[str]:
    from kg.export import export

    return sorted(line for line in export(store, "nquads").decode("utf-8").splitlines() if line.strip())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_build_killed_at_a_random_point_and_run_again_equals_an_uninterrupted_one(tmp_path, seed):
    """kill -9 after a seeded random delay (anywhere from start-up to the merge), run again, and the store holds
    exactly the quads of a build that was never stopped."""
    import random

    store_dir = tmp_path / "killed"
    command = [sys.executable, "-m", "kg.cli", "build", str(CORPUS), "--store", str(store_dir), "--no-progress"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        process.wait(timeout=random.Random(seed).uniform(2.0, 25.0))
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    with EmbeddedStore(store_dir) as store:
        build([CORPUS], store, progress=False)
        resumed = _nquads(store)
    with EmbeddedStore(tmp_path / "clean") as clean:
        build([CORPUS], clean, progress=False)
        assert _nquads(clean) == resumed
