"""Readers beside a writer, and a second writer (issue 17, defect 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Literal, URIRef

from kg.cli import main
from kg.errors import StoreError
from kg.queries import stats
from kg.store import EmbeddedStore

GRAPH = URIRef("urn:kg:test")


def test_a_reader_opens_the_store_beside_a_writer_and_a_second_writer_is_refused(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as writer:
        writer.put_graph(GRAPH, [(URIRef("urn:kg:a"), RDFS.label, Literal("a"))])
        writer.flush()
        with EmbeddedStore(tmp_path / "store", read_only=True) as reader:
            assert reader.triple_count() == 1
            with pytest.raises(StoreError, match="open read-only"):
                reader.add(GRAPH, [(URIRef("urn:kg:b"), RDFS.label, Literal("b"))])
        with pytest.raises(StoreError, match=r"being written by another kg process \(pid \d+\); wait for it"):
            EmbeddedStore(tmp_path / "store")
        writer.flush()  # the reopening gap: RocksDB's lock is let go, kg's is not
        with pytest.raises(StoreError, match="being written by another kg process"):
            EmbeddedStore(tmp_path / "store")
    with EmbeddedStore(tmp_path / "store") as again:  # the lock goes with its holder
        assert again.triple_count() == 1


def test_a_reader_of_a_missing_store_is_told_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        EmbeddedStore(tmp_path / "absent", read_only=True)
    assert not (tmp_path / "absent").exists()


DOCUMENTS = 200  # built while readers query in a loop

_BUILD = """
import sys
import kg.build
kg.build.PART = 20  # a flush, and so a reopening of the store, every 20 documents
from kg.cli import main
sys.exit(main(["build", sys.argv[1], "--store", sys.argv[2], "--no-progress"]))
"""


@pytest.mark.model
def test_queries_run_in_a_loop_beside_a_build(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(DOCUMENTS):
        (docs / f"{i:03d}.txt").write_text(f"date: 2019-03-{i % 28 + 1:02d}\n---\nMayor Jane Roe{i} of Travis County "
                                           f"sent memo {i} to the sheriff on Tuesday.\n", encoding="utf-8")
    store = tmp_path / "store"
    EmbeddedStore(store).close()  # readers need a store to exist
    build = subprocess.Popen([sys.executable, "-c", _BUILD, str(docs), str(store)], stdout=subprocess.PIPE, text=True)
    answers, retries, refused = [], 0, 0
    while build.poll() is None:
        try:
            with EmbeddedStore(store, read_only=True) as reader:
                answers.append(stats(reader)["documents"])
        except StoreError as error:  # only this: a reader whose files a compaction took away is told to retry
            assert "run the command again" in str(error)
            retries += 1
        if answers and 0 < answers[-1] < DOCUMENTS:  # the build is under way, and holds the store until it ends
            code = main(["build", str(docs), "--store", str(store), "--no-progress"])
            captured = capsys.readouterr()
            # a reader may see an earlier state than the store's, so the first build may have finished and let go
            # of the store meanwhile: a second writer may only succeed then, finding every document built
            assert code == 2 or f"{DOCUMENTS} unchanged" in captured.out, "two writers at once"
            if code == 2:
                assert "being written by another kg process" in captured.err
                refused += 1
    out, _ = build.communicate()
    assert build.returncode == 0 and out.startswith(f"built {DOCUMENTS} documents"), out
    # Every reader answered, from a state the store was in: RocksDB's read-only mode reads what the writer had
    # flushed, and sometimes what it had only logged, so a later reader may see an earlier state than the last one.
    assert answers and all(0 <= answer <= DOCUMENTS for answer in answers)
    assert refused > 0
    with EmbeddedStore(store, read_only=True) as reader:
        assert stats(reader)["documents"] == DOCUMENTS
