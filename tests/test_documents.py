"""Reading documents: formats, headers, and the errors bad input gives."""

import hashlib
import os
from pathlib import Path

import pytest

from kg.documents import Document, iter_documents, read_document
from kg.errors import DocumentError

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

BODY = "The council of Riverton voted on Tuesday to fund the new shelter.\n\nThe mayor signed the order.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_plain_header_becomes_metadata_and_the_text_starts_after_it(tmp_path: Path) -> None:
    content = (
        "title: Riverton Shelter Order: Council Vote\n"
        "date: March 3, 2019\n"
        "publisher: Riverton City Clerk\n"
        "source: https://example.org/riverton\n"
        "License: CC0\n"
        "---\n" + BODY
    )
    path = write(tmp_path, "riverton.txt", content)
    document = read_document(path)
    assert document.text == BODY
    assert document.name == "riverton.txt"
    assert document.path == path
    assert document.title == "Riverton Shelter Order: Council Vote"  # only the first colon separates
    assert document.date == "2019-03-03"
    assert document.publisher == "Riverton City Clerk"
    assert document.source == "https://example.org/riverton"
    assert document.metadata["license"] == "CC0"  # keys are lower-cased
    assert document.content_hash == hashlib.sha256(content.encode("utf-8")).hexdigest()


def test_offsets_are_into_the_body_text(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.txt", "date: 2019-03-05\n---\n" + BODY))
    start = document.text.index("The mayor")
    assert document.text[start : start + len("The mayor signed")] == "The mayor signed"
    assert "date:" not in document.text


def test_colon_lines_without_a_closing_rule_are_text(tmp_path: Path) -> None:
    content = "Note: the vote was close.\nResult: 5 to 4.\n"
    document = read_document(write(tmp_path, "note.txt", content))
    assert document.text == content
    assert document.metadata == {}
    assert document.date is None


def test_rule_after_a_prose_line_is_not_a_header(tmp_path: Path) -> None:
    content = "The council met.\nsummary: approved\n---\nMore text.\n"
    document = read_document(write(tmp_path, "rule.txt", content))
    assert document.text == content
    assert document.metadata == {}


def test_date_prefix_form(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.txt", "  date 2019-03-05 The council of Riverton voted to fund the shelter.\n")
    document = read_document(path)
    assert document.date == "2019-03-05"
    assert document.metadata == {"date": "2019-03-05"}
    assert document.text == "The council of Riverton voted to fund the shelter.\n"


def test_crlf_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    raw = "\ufefftitle: Windows file\r\ndate: 2019-03-05\r\n---\r\nLine one.\r\nLine two.\r\n".encode()
    document = read_document(write(tmp_path, "win.txt", raw))
    assert document.title == "Windows file"
    assert document.text == "Line one.\nLine two.\n"
    assert document.content_hash == hashlib.sha256(raw).hexdigest()  # of the bytes as stored


def test_markdown_front_matter(tmp_path: Path) -> None:
    content = (
        "---\n"
        'title: "Shelter funding: what changed"\n'
        "date: 2019-03-05\n"
        "tags: [housing, budget]\n"
        "---\n"
        "# Shelter funding\n\nThe council voted.\n"
    )
    document = read_document(write(tmp_path, "post.md", content))
    assert document.title == "Shelter funding: what changed"
    assert document.date == "2019-03-05"
    assert document.metadata["tags"] == "housing, budget"
    assert document.text == "Shelter funding\n\nThe council voted."  # rendered: no "#"


def test_markdown_title_falls_back_to_the_first_heading(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "notes.markdown", "Intro line.\n\n# Shelter Funding #\n\nBody.\n"))
    assert document.title == "Shelter Funding"
    assert document.date is None


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "open.md", "---\ntitle: x\nThe council voted.\n")
    with pytest.raises(DocumentError, match="never closed"):
        read_document(path)


def test_invalid_yaml_front_matter_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody.\n")
    with pytest.raises(DocumentError, match="not valid YAML"):
        read_document(path)


HTML = """<!DOCTYPE html>
<html><head>
<title>Riverton  Council
 Votes</title>
<meta property="article:published_time" content="2019-03-05T18:00:00-05:00">
<meta property="og:site_name" content="Riverton Gazette">
<link rel="canonical" href="https://example.org/gazette/shelter">
<style>p { color: red }</style>
<script>var hidden = "do not show";</script>
</head>
<body>
<h1>Council votes</h1>
<p>The council of Riverton
voted on Tuesday &amp; the mayor signed.</p>
<p>Second<br>line</p>
<ul><li>First item</li><li>Second item</li></ul>
<svg><title>icon</title></svg>
</body></html>
"""


def test_html_visible_text_and_head_metadata(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "page.html", HTML))
    assert document.text == (
        "Council votes\n\nThe council of Riverton voted on Tuesday & the mayor signed.\n\n"
        "Second\nline\n\nFirst item\n\nSecond item"
    )
    assert document.title == "Riverton Council Votes"
    assert document.date == "2019-03-05"
    assert document.publisher == "Riverton Gazette"
    assert document.source == "https://example.org/gazette/shelter"
    assert document.metadata["og:site_name"] == "Riverton Gazette"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="date" content="2019-03-05">', "2019-03-05"),
        ('<meta name="DC.date" content="March 5, 2019">', "2019-03-05"),
        ('<meta property="og:published_time" content="2019-03-05">', "2019-03-05"),
        ('<meta itemprop="datePublished" content="2019-03-05">', "2019-03-05"),
        ('<meta property="article:modified_time" content="2019-03-05">', None),
    ],
)
def test_html_date_meta_tags(tmp_path: Path, meta: str, expected: str | None) -> None:
    page = f"<html><head>{meta}</head><body><p>The council voted.</p></body></html>"
    assert read_document(write(tmp_path, "page.htm", page)).date == expected


def test_html_is_recognised_by_content_in_a_txt_file(tmp_path: Path) -> None:
    page = "\n<!doctype html><title>T</title><p>Hello <b>there</b>.</p>"
    document = read_document(write(tmp_path, "saved.txt", page))
    assert document.text == "Hello there."
    assert document.title == "T"


def test_html_without_visible_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.html", "<html><head><title>Only a title</title></head><body> </body></html>")
    with pytest.raises(DocumentError, match="add the document's text"):
        read_document(path)


def assert_one_line_error(path: Path, pattern: str, **kwargs: int) -> None:
    with pytest.raises(DocumentError, match=pattern) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(tmp_path / "absent.txt", "no such file")


def test_folder_passed_as_a_file(tmp_path: Path) -> None:
    assert_one_line_error(tmp_path, "is a folder")


def test_empty_file(tmp_path: Path) -> None:
    assert_one_line_error(write(tmp_path, "empty.txt", b""), "is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert_one_line_error(write(tmp_path, "blank.txt", " \n\t\n"), "only whitespace")


def test_header_without_body(tmp_path: Path) -> None:
    path = write(tmp_path, "header.txt", "title: Nothing\ndate: 2019-03-05\n---\n\n  \n")
    assert_one_line_error(path, "no text after")


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    assert_one_line_error(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary")


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    noise = bytes((i * 7919) % 255 + 1 for i in range(4096))  # every byte value but NUL, shuffled
    assert_one_line_error(write(tmp_path, "noise.txt", noise), "binary")


def test_latin1_is_undecodable_and_says_which_encoding_is_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Le conseil a vot\u00e9 la r\u00e9solution.\n".encode("latin-1"))
    assert_one_line_error(path, r"not UTF-8 \(byte 0xe9 at offset 16\); expected UTF-8")


def test_utf16_is_refused_with_the_encoding_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "The council voted.\n".encode("utf-16"))
    assert_one_line_error(path, "UTF-16.*expected UTF-8")


def test_larger_than_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 100)
    assert_one_line_error(path, "500 bytes is over the 499-byte limit", max_bytes=499)
    assert read_document(path, max_bytes=500).text == "word " * 100


def test_iter_documents_walks_folders_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second document.")
    write(tmp_path, "a.md", "First document.")
    write(tmp_path, "sub/c.html", "<p>Third document.</p>")
    write(tmp_path, "sub/d.htm", "<p>Fourth document.</p>")
    write(tmp_path, "sub/e.markdown", "Fifth document.")
    write(tmp_path, "notes.csv", "a,b")
    write(tmp_path, ".hidden.txt", "Hidden document.")
    write(tmp_path, ".git/x.txt", "Hidden folder.")
    results = list(iter_documents([tmp_path]))
    assert all(isinstance(result, Document) for result in results)
    assert [result.path.relative_to(tmp_path).as_posix() for result in results] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/d.htm",
        "sub/e.markdown",
    ]


def test_iter_documents_yields_errors_without_stopping(tmp_path: Path) -> None:
    good = write(tmp_path, "docs/good.txt", "The council voted.")
    write(tmp_path, "docs/bad.txt", b"\x00\x01\x02")
    named = write(tmp_path, "named.data", "A file named directly is read whatever its suffix.")
    results = list(iter_documents([tmp_path / "docs", tmp_path / "missing.txt", named, str(good)]))
    assert [type(result) for result in results] == [DocumentError, Document, DocumentError, Document, Document]
    assert str(results[0]).startswith(str(tmp_path / "docs" / "bad.txt"))
    assert str(results[2]).startswith(str(tmp_path / "missing.txt"))
    assert [result.name for result in results if isinstance(result, Document)] == [
        "good.txt",
        "named.data",
        "good.txt",
    ]


def test_iter_documents_reports_a_folder_without_documents(tmp_path: Path) -> None:
    write(tmp_path, "only.csv", "a,b")
    (error,) = iter_documents([tmp_path])
    assert isinstance(error, DocumentError)
    assert str(error).startswith(str(tmp_path))


def test_document_info_carries_the_header_fields(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.txt", "title: T\npublisher: P\ndate: 2019-03-05\n---\nBody."))
    info = document.info()
    assert (info.name, info.title, info.publisher, info.date, info.content_hash) == (
        "a.txt",
        "T",
        "P",
        "2019-03-05",
        document.content_hash,
    )


def test_every_corpus_file_reads_with_a_date_and_no_header_in_its_text() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"no corpus files in {CORPUS}"
    results = list(iter_documents([CORPUS]))
    assert [result.path for result in results if isinstance(result, Document)] == files
    for document in results:
        assert isinstance(document, Document)
        assert document.date is not None and len(document.date) == 10, document.name
        assert document.text.strip(), document.name
        first_line = document.path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        header_line = first_line if document.metadata.keys() - {"date"} else first_line[: len("date YYYY-MM-DD")]
        assert header_line not in document.text, document.name
        assert not document.text.lstrip().startswith("date "), document.name
        assert "\n---\n" not in document.text[:200], document.name


def test_a_folder_that_cannot_be_listed_is_an_error_not_the_end_of_the_walk(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "a/first.txt", "First document.")
    write(tmp_path, "b/locked.txt", "Unreachable.")
    write(tmp_path, "c/last.txt", "Last document.")
    listing = os.scandir

    def scandir(folder):  # the tests run as root, for whom no permission bit forbids a listing
        if Path(folder).name == "b":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr("kg.documents.os.scandir", scandir)
    results = list(iter_documents([tmp_path]))
    assert [type(r) for r in results] == [Document, DocumentError, Document]
    assert str(results[1]) == f"{tmp_path / 'b'}: folder cannot be read (Permission denied); check its permissions"
