"""Hostile input folders, as read (issue 17): each test is a defect's reproduction, with invented inputs."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest

from kg.documents import Document, iter_documents, read_document
from kg.errors import DocumentError
from kg.folders import HIDDEN, NOT_A_DOCUMENT, SYMLINKED_FOLDER, Skipped, Source, list_sources
from kg.text import normalise, shown, xml_safe

GOOD = "Mayor Jane Roe of Riverton signed the order on Tuesday.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def one_line_error(path: Path, pattern: str, **kwargs: int) -> str:
    with pytest.raises(DocumentError, match=pattern) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert message.startswith(shown(path)) and "\n" not in message
    return message


# 1: a text over spaCy's 1,000,000 characters aborted the whole build with E088. Long texts are parsed in pieces
# now (tests/test_long_documents.py): a text file is refused only over the byte limit, 5 MB.
def test_a_text_over_the_limits_is_refused_in_one_line(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "word " * 1_000_001)  # 5,000,005 bytes
    one_line_error(big, r"5000005 bytes is over the 5000000-byte limit; split it")
    assert read_document(write(tmp_path / "small.txt", "word " * 20), max_chars=100).text == "word " * 20
    one_line_error(tmp_path / "small.txt", "100 characters is over the 99-character limit of one", max_chars=99)


# 6: documents are named by their path relative to the folder built, so equal file names do not collide.
def test_documents_are_named_by_their_path_relative_to_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "a" / "report.txt", GOOD)
    write(tmp_path / "b" / "report.txt", GOOD)
    write(tmp_path / "b" / "deeper" / "report.txt", GOOD)
    names = [d.name for d in iter_documents([tmp_path])]
    assert names == ["a/report.txt", "b/deeper/report.txt", "b/report.txt"]
    assert [d.name for d in iter_documents([tmp_path / "b"])] == ["deeper/report.txt", "report.txt"]
    assert [d.name for d in iter_documents([tmp_path / "a" / "report.txt"])] == ["report.txt"]


# 3: a file name that is not UTF-8 aborted the build (UnicodeEncodeError when its IRI was made).
def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as file:
        file.write(GOOD.encode())
    (document,) = iter_documents([tmp_path])
    assert document.name == "caf\\xe9.txt"
    document.name.encode("utf-8")  # storable and printable
    assert read_document(os.fsdecode(raw)).name == "caf\\xe9.txt"
    (error,) = iter_documents([os.fsdecode(raw[:-4] + b".absent")])
    assert str(error).startswith(f"{shown(tmp_path)}/caf\\xe9.absent: no such file")


# 4: a symlink loop skipped its whole folder (exit 1); a FIFO named *.txt hung the build forever.
def test_a_symlink_loop_is_one_error_and_its_folder_is_still_read(tmp_path: Path) -> None:
    write(tmp_path / "d" / "good.txt", GOOD)
    os.symlink("self.txt", tmp_path / "d" / "self.txt")
    results = list(iter_documents([tmp_path]))
    assert [type(r) for r in results] == [Document, DocumentError]
    assert str(results[1]) == f"{tmp_path}/d/self.txt: is a symbolic link that loops; fix or remove the link"


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", GOOD)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block until a writer came
    results = list(iter_documents([tmp_path]))
    assert [type(r) for r in results] == [Document, DocumentError]
    assert str(results[1]) == f"{tmp_path}/pipe.txt: is a FIFO, not a regular file; skipped without opening it"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_by_kind_not_by_size() -> None:
    one_line_error(Path("/dev/zero"), "is a character device, not a regular file")  # was "0 bytes is over the limit"


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(300):
        folder = folder / "d"
        folder.mkdir()
    write(folder / "deep.txt", GOOD)
    # The walk recursed once per level: with 100 frames to spare, 300 levels raised RecursionError. (A real
    # 1,100 levels would also defeat pytest's own clean-up, which recurses as well.)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 100)
    try:
        (document,) = iter_documents([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
    assert document.name == "d/" * 300 + "deep.txt"


# 2: deep front matter raised RecursionError while the folder was listed; an alias bomb took 77 s and 2.4 GB.
def test_deeply_nested_front_matter_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.md", "---\ntags: " + "[" * 400 + "]" * 400 + "\n---\n" + GOOD)
    one_line_error(path, r"front matter is nested over 20 levels deep at line 2")


def test_a_yaml_alias_bomb_in_front_matter_is_a_clear_error(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = write(tmp_path / "bomb.md", "---\n" + "\n".join(lines) + "\n---\n" + GOOD)
    assert len(path.read_bytes()) < 600
    one_line_error(path, r"front matter expands to over 10,000 values \(nested YAML aliases\?\)")


def test_aliases_that_expand_to_little_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "alias.md", "---\nauthor: &who Jane Roe\npublisher: *who\n---\n" + GOOD)
    assert read_document(path).publisher == "Jane Roe"


# 8: impossible header dates were silently read as another day, or dropped.
@pytest.mark.parametrize(
    ("date", "why"),
    [
        ("2017-13-01", "there is no month 13"),  # was stored as 2017-01-13
        ("-2017-01-01", "has no four-digit year"),  # was stored as 2017-01-01
        ("2017-02-30", "February 2017 has 28 days"),  # was dropped without a word
    ],
)
def test_an_impossible_header_date_is_a_clear_error(tmp_path: Path, date: str, why: str) -> None:
    path = write(tmp_path / "dated.txt", f"date: {date}\n---\n{GOOD}")
    message = one_line_error(path, why)
    assert f"header date '{date}'" in message and message.endswith("correct it or remove it")
    assert read_document(write(tmp_path / "leap.txt", f"date: 2016-02-29\n---\n{GOOD}")).date == "2016-02-29"


# 9: invisible characters made one name look like another; decomposed letters differ from composed ones.
def test_text_is_nfc_without_invisible_or_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "z.txt", "Jeff S\u200be\u200bssions met Jose\u0301 \u202eMart\u00ednez\u202c.\x07\fNext.")
    assert read_document(path).text == "Jeff Sessions met Jos\u00e9 Mart\u00ednez. \n\nNext."
    assert normalise("a\u00adb\ufeffc\u2060d\u200de") == "abcde"


@pytest.mark.parametrize("content", ["\u200b\u200c\u200d\u2060\n", "\u200f\u202e\u2067 \u2069\n"])
def test_a_document_of_only_invisible_characters_is_refused(tmp_path: Path, content: str) -> None:
    one_line_error(write(tmp_path / "invisible.txt", content), "only whitespace or invisible characters")


# 7: control characters reached XML outputs (graphml, srx) and made them ill-formed.
def test_control_characters_do_not_survive_reading(tmp_path: Path) -> None:
    controls = "".join(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85))
    text = read_document(write(tmp_path / "c.txt", "Council" + controls + " voted. " * 100)).text
    assert xml_safe(text) == text
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in text)


# 14: smaller ones.
def test_utf32_is_named_as_such(tmp_path: Path) -> None:
    one_line_error(write(tmp_path / "wide.txt", "Council voted.".encode("utf-32")), "is UTF-32 text; expected UTF-8")
    one_line_error(write(tmp_path / "be.txt", b"\0\0\xfe\xff" + "Council".encode("utf-32-be")), "is UTF-32 text")


def test_an_unclosed_html_comment_hides_the_rest_of_the_page(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", "<p>Visible text.</p><!-- draft: <p>Secret plan.</p>")
    assert read_document(path).text == "Visible text."
    path = write(tmp_path / "closed.html", "<p>One.</p><!-- a --><p>Two.</p><!-- b <!-- c --><p>Three.</p>")
    assert read_document(path).text == "One.\n\nTwo.\n\nThree."


def test_the_walk_says_what_it_passed_over_and_why(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "notes.csv", "a,b")
    write(tmp_path / "image.png", b"\x89PNG")
    write(tmp_path / ".hidden.txt", GOOD)
    write(tmp_path / "real" / "b.txt", GOOD)
    os.symlink(tmp_path / "real", tmp_path / "linked")
    items = list(list_sources([tmp_path]))
    assert [(type(i).__name__, i.path.relative_to(tmp_path).as_posix()) for i in items] == [
        ("Skipped", ".hidden.txt"),
        ("Source", "a.txt"),
        ("Skipped", "image.png"),
        ("Skipped", "linked"),
        ("Skipped", "notes.csv"),
        ("Source", "real/b.txt"),
    ]
    assert [i.reason for i in items if isinstance(i, Skipped)] == [HIDDEN, NOT_A_DOCUMENT, SYMLINKED_FOLDER,
                                                                   NOT_A_DOCUMENT]
    assert [i.name for i in items if isinstance(i, Source)] == ["a.txt", "real/b.txt"]


# 10: names in non-Latin scripts all became the key 'x': one person.
def test_keys_are_distinct_and_stable_for_names_in_any_script() -> None:
    from kg.extract.mentions.people import person_key
    from kg.text import slug

    names = ["Сергей Собянин", "Владимир Путин", "Δημήτρης Παπαδόπουλος", "नरेंद्र मोदी", "习近平"]
    keys = [person_key(name) for name in names]
    assert len(set(keys)) == len(names) and "person/x" not in keys
    assert keys[0] == "person/сергей-собянин" and slug("नरेंद्र मोदी") == "नरेंद्र-मोदी"
    assert [slug(t) for t in ("Miami-Dade County", "José Martínez", "Jose\u0301", "O'Brien")] == [
        "miami-dade-county", "jose-martinez", "jose", "o-brien"
    ]  # Latin names keep the keys they had
    assert slug("—") != slug("…") and slug("—") == slug("—").strip() and slug("—").startswith("x-")
