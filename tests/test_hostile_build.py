"""Hostile input folders, built (issue 17): the batch goes on, identities hold, the summary says what was skipped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import Budget, build, remove, stored_documents
from kg.cli import main
from kg.errors import DocumentError
from kg.queries import facts, query, stats
from kg.store import EmbeddedStore

pytestmark = pytest.mark.model

MEMO = "date: 2019-03-15\n---\nMayor Jane Roe of Travis County sent a memo to the sheriff on Tuesday.\n"
OTHER = "date: 2019-04-02\n---\nGovernor John Doe of Oregon signed an executive order on Monday.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# 1: a document over 1,000,000 characters aborted the build, and what was stored before it was never merged.
# (Long documents are parsed in pieces now: one over the byte limit stands for any document that is refused.)
def test_a_document_over_the_size_limit_fails_alone_and_the_rest_is_merged(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a_memo.txt", MEMO)
    write(tmp_path / "docs" / "b_huge.txt", "Sheriff " * 625_001)  # 5,000,008 bytes
    write(tmp_path / "docs" / "c_order.txt", OTHER)
    store = EmbeddedStore(tmp_path / "store")
    report = build([tmp_path / "docs"], store, progress=False)
    assert report.built == ["a_memo.txt", "c_order.txt"]
    assert [message.split(": ", 1)[1] for _, message in report.failed] == [
        "5000008 bytes is over the 5000000-byte limit; split it or raise max_bytes"
    ]
    assert stats(store)["entities"].get("Person", 0) >= 2  # merged: entities are read from the merge graph
    again = build([tmp_path / "docs"], store, progress=False)  # every re-run crashed again
    assert again.unchanged == ["a_memo.txt", "c_order.txt"] and len(again.failed) == 1


# 6: a/report.txt and b/report.txt each marked the other stale: the second build deleted both.
def test_equal_file_names_in_two_folders_are_two_documents_across_rebuilds(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a" / "report.txt", MEMO)
    write(tmp_path / "docs" / "b" / "report.txt", OTHER)
    store = EmbeddedStore(tmp_path / "store")
    first = build([tmp_path / "docs"], store, progress=False)
    assert first.built == ["a/report.txt", "b/report.txt"]
    for _ in range(2):
        again = build([tmp_path / "docs"], store, progress=False)
        assert (again.built, again.unchanged) == ([], ["a/report.txt", "b/report.txt"])
        assert sorted(stored_documents(store)) == ["a/report.txt", "b/report.txt"]
        assert {r["document"] for r in facts(store)} == {"a/report.txt", "b/report.txt"}
    with pytest.raises(DocumentError, match="names 2 documents"):
        remove(["report.txt"], store)
    assert remove([str(tmp_path / "docs" / "b" / "report.txt")], store) == ["b/report.txt"]
    assert sorted(stored_documents(store)) == ["a/report.txt"]


@pytest.mark.parametrize("new_name", ["b/report.txt", "a/renamed.txt"], ids=["moved", "renamed"])
def test_a_moved_or_renamed_document_keeps_one_identity(tmp_path: Path, new_name: str) -> None:
    docs = tmp_path / "docs"
    write(docs / "a" / "report.txt", MEMO)
    write(docs / "a" / "other.txt", OTHER)
    store = EmbeddedStore(tmp_path / "store")
    build([docs], store, progress=False)
    (docs / new_name).parent.mkdir(parents=True, exist_ok=True)
    (docs / "a" / "report.txt").rename(docs / new_name)
    report = build([docs], store, progress=False)
    assert report.moved == [("a/report.txt", new_name)]
    assert sorted(stored_documents(store)) == sorted(["a/other.txt", new_name])
    assert {r["document"] for r in facts(store) if r["subject"]["label"] == "Jane Roe"} == {new_name}
    assert build([docs], store, progress=False).unchanged == sorted(["a/other.txt", new_name])


def test_a_copy_is_a_second_document_not_a_move(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a" / "report.txt", MEMO)
    store = EmbeddedStore(tmp_path / "store")
    build([docs], store, progress=False)
    shutil.copy(docs / "a" / "report.txt", docs / "copy.txt")
    report = build([docs], store, progress=False)
    assert (report.built, report.moved) == (["copy.txt"], [])
    assert sorted(stored_documents(store)) == ["a/report.txt", "copy.txt"]


# 3: a file name that is not UTF-8 aborted the build when its IRI was made; printing it failed too.
def test_a_file_name_that_is_not_utf8_is_built_and_printed(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as file:
        file.write(MEMO.encode())
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as file:
        file.write(b"")
    assert main(["build", str(folder), "--store", str(tmp_path / "store"), "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("built 1 documents") and "1 failed" in out
    assert f"kg: skipped {folder}/bad\\xff.txt: file is empty" in err
    assert main(["facts", "--store", str(tmp_path / "store"), "--document", "caf\\xe9.txt"]) == 0
    assert '"document": "caf\\\\xe9.txt"' in capsys.readouterr().out
    report = build([folder], EmbeddedStore(tmp_path / "store2"), progress=False)
    assert [path for path, _ in report.failed] == [f"{folder}/bad\\xff.txt"]  # printable, as in its message


# 4 and 14: a symlink loop and a FIFO are one line each; what is skipped by design is counted in the summary.
def test_the_summary_counts_what_was_skipped_and_why(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    write(docs / "memo.txt", MEMO)
    write(docs / "notes.csv", "a,b")
    write(docs / "scan.pdf", b"%PDF")
    write(docs / ".draft.txt", OTHER)
    os.symlink("loop.txt", docs / "loop.txt")
    os.mkfifo(docs / "pipe.txt")
    assert main(["build", str(docs), "--store", str(tmp_path / "store"), "--no-progress"]) == 0
    out, err = capsys.readouterr()
    summary = r"built 1 documents \(\d+ facts\), 0 unchanged, 3 failed; skipped 2: 1 hidden, 1 not a document type\n"
    assert re.fullmatch(summary, out), out
    assert err.splitlines()[:2] == [
        f"kg: skipped {docs}/loop.txt: is a symbolic link that loops; fix or remove the link",
        f"kg: skipped {docs}/pipe.txt: is a FIFO, not a regular file; skipped without opening it",
    ]
    assert err.splitlines()[2].startswith(f"kg: skipped {docs}/scan.pdf: not a readable PDF")  # a PDF is read now


# 9 and 10: one document's invisible characters rewrote an entity's label everywhere; names in other scripts
# collapsed into one person.
def test_labels_and_identities_survive_invisible_characters_and_other_scripts(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a.txt", "date: 2019-03-15\n---\nAttorney General Jeff S\u200be\u200bssions signed the memo Monday.\n")
    write(docs / "b.txt", "date: 2019-03-16\n---\nAttorney General Jeff Sessions signed a directive Tuesday.\n")
    # two office holders, so that each is kept by a fact of its own (a bare "President" before a foreign name
    # is no fact the scorer keeps)
    write(
        docs / "c.txt", "date: 2019-03-15\n---\nMoscow Mayor Сергей Собянин met Boise Mayor Ильсур Метшин on Monday.\n"
    )
    store = EmbeddedStore(tmp_path / "store")
    build([docs], store, progress=False)
    rows = [r for r in query(store, "entities").rows if str(r["class"]).endswith("Person")]
    people = {str(r["label"]): r["entity"] for r in rows}
    # both documents' attorney general is one node (the authority's), and no name keeps the invisible characters
    sessions = [r for r in rows if "Sessions" in str(r["label"])]
    assert len(sessions) == 1 and "Jeff Sessions" in str(sessions[0]["aliases"]).split("|")
    assert not any("\u200b" in str(r["label"]) + str(r["aliases"]) for r in rows)
    assert people["Сергей Собянин"] != people["Ильсур Метшин"]
    assert not str(people["Сергей Собянин"]).endswith("/x")


# 5: a long run of punctuation hung spaCy's tokenizer (20,000 '&' took 31 s, 200 KB never finished), with no bound.
def test_a_runaway_document_is_stopped_at_its_budget_and_the_batch_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a_memo.txt", MEMO)
    write(docs / "b_ampersands.txt", "&" * 60_000)  # minutes of tokenizing: far over a budget of 1 s
    write(docs / "c_order.txt", OTHER)
    store = EmbeddedStore(tmp_path / "store")
    report = build([docs], store, progress=False, budget=Budget(timeout=1.0))
    assert report.built == ["a_memo.txt", "c_order.txt"]
    assert [message for _, message in report.failed] == [
        f"{docs}/b_ampersands.txt: not parsed within its budget of 1 s (or its worker died); stopped"
    ]
    assert {r["document"] for r in facts(store)} == {"a_memo.txt", "c_order.txt"}


def test_a_parser_budget_too_small_to_load_the_model_is_a_clear_error(tmp_path: Path, capsys) -> None:
    write(tmp_path / "memo.txt", MEMO)
    options = ["--store", str(tmp_path / "store"), "--no-progress", "--doc-memory", "64"]
    assert main(["build", str(tmp_path / "memo.txt"), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: error: the parser process did not start") and err.count("\n") == 1


def test_a_parse_left_unfinished_does_not_answer_for_the_next(tmp_path: Path) -> None:
    from kg.documents import read_document
    from kg.worker import pool

    first, second = (read_document(write(tmp_path / f"{n}.txt", text)) for n, text in enumerate((MEMO, OTHER)))
    workers = pool(2)  # one document to each worker at once: the second's answer is still on its way ...
    run = workers.extract([first, second], timeout=60, batch_size=1)
    assert next(run)[1].name == "0.txt"
    run.close()  # ... when the consumer stops
    answers = list(workers.extract([second, first], timeout=60, batch_size=1))
    assert [(document.name, graph.name) for document, graph in answers] == [
        ("1.txt", "1.txt"),
        ("0.txt", "0.txt"),
    ]


_ORPHAN = """
from pathlib import Path
from kg.documents import read_document
from kg.worker import Worker
worker = Worker(None)
worker.send([read_document(Path(__import__("sys").argv[1]))])  # returns once the worker has the document
print(worker._process.pid, flush=True)
__import__("time").sleep(600)
"""


def test_a_worker_dies_with_a_build_killed_in_a_runaway_document(tmp_path: Path) -> None:
    runaway = write(tmp_path / "ampersands.txt", "&" * 60_000)  # minutes in the tokenizer
    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(runaway)], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    parent.kill()  # SIGKILL: the parent can stop nothing
    parent.wait()
    deadline = time.monotonic() + 60  # a bound on waiting, far below the minutes the document takes
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker)


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_document_over_the_memory_budget_fails_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a_memo.txt", MEMO)
    write(docs / "b_long.txt", "Mayor Jane Roe of Travis County sent a memo to the sheriff on Tuesday. " * 6_500)
    write(docs / "c_order.txt", OTHER)
    store = EmbeddedStore(tmp_path / "store")
    # The pipeline loads in about 500 MiB of address space; a piece of 100,000 characters (`kg.parsing.parse`) takes
    # a few hundred MiB more to parse.
    report = build([docs], store, progress=False, budget=Budget(timeout=600, memory=640 << 20))
    assert report.built == ["a_memo.txt", "c_order.txt"]
    (message,) = [message for _, message in report.failed]
    assert message.startswith(f"{docs}/b_long.txt: parsing failed: ") and "\n" not in message


_UNGUARDED = """
import sys
from kg.build import build
from kg.store import EmbeddedStore
print(build([sys.argv[1]], EmbeddedStore(sys.argv[2]), progress=False).summary())
"""


def test_a_script_without_a_main_guard_can_build(tmp_path: Path) -> None:
    # Workers started by multiprocessing import the parent's main script again, which here would build again.
    script = write(tmp_path / "unguarded.py", _UNGUARDED)
    memo = write(tmp_path / "memo.txt", MEMO)
    done = subprocess.run([sys.executable, str(script), str(memo), str(tmp_path / "store")], capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.stdout.startswith("built 1 documents"), done.stderr
