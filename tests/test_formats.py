"""The formats people bring: PDF, DOCX, HTML with boilerplate, Markdown, and text with stray NUL bytes, each
from a real small file made here; and a clear error, naming the format, for each broken one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from files import pdf_bytes, write_docx, write_pdf

from kg.build import build
from kg.documents import iter_documents, read_document
from kg.errors import DocumentError
from kg.queries import facts
from kg.store import EmbeddedStore

ORDER = "President Donald Trump signed Executive Order 13768 on January 25, 2017."


def test_pdf_text_title_and_page_starts(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "memo.pdf", [["A first page.", "Its second line (with parentheses)."], [ORDER]],
                     title="Sanctuary memo")
    document = read_document(path)
    assert document.text == f"A first page.\nIts second line (with parentheses).\n\n{ORDER}"
    assert document.title == "Sanctuary memo"
    assert document.pages == (0, document.text.index("President"))
    assert document.page(0) == 1 and document.page(document.text.index("13768")) == 2


def test_a_pdf_is_known_by_its_first_bytes_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_bytes(pdf_bytes([[ORDER]]))
    assert read_document(tmp_path / "saved.txt").text == ORDER


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf_bytes([[ORDER]])[:200], "not a readable PDF"),  # cut off
        (b"%PDF-1.4\nnot a pdf at all\n", "not a readable PDF"),
        (pdf_bytes([[]]), "PDF has no text layer"),  # a scan: pages without text
    ],
)
def test_a_broken_pdf_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.pdf").write_bytes(content)
    with pytest.raises(DocumentError, match=rf"bad\.pdf: {message}"):
        read_document(tmp_path / "bad.pdf")


def test_docx_paragraphs_table_rows_and_title(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "memo.docx", [ORDER, "The county stands to lose $1.4 million."], title="Memo",
                      table=[["County", "Amount"], ["Miami-Dade", "$1.4 million"]])
    document = read_document(path)
    assert document.text == (f"Memo\n\n{ORDER}\n\nThe county stands to lose $1.4 million.\n\n"
                             "County | Amount\n\nMiami-Dade | $1.4 million")
    assert document.title == "Memo"


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"plain text in a .docx"])
def test_a_broken_docx_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.docx").write_bytes(content)
    with pytest.raises(DocumentError, match=r"bad\.docx: not a readable DOCX"):
        read_document(tmp_path / "bad.docx")


def test_a_zip_that_is_no_word_document_is_a_clear_error(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bad.docx", "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(DocumentError, match=r"bad\.docx: not a readable DOCX"):
        read_document(tmp_path / "bad.docx")


NEWS = """<!DOCTYPE html><html><head><title>Council votes | Riverton Gazette</title></head><body>
<header><nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/subscribe">Subscribe</a></nav></header>
<div class="byline">By Jane Smith, Staff Writer</div>
<article><h1>Council votes on shelter funding</h1>
<p>The council of Riverton voted on Tuesday to accept $1.4 million in federal grants, and the mayor signed.</p>
<p>Governor Jerry Brown of California vowed to challenge Executive Order 13768 in court.</p>
<ul><li>Riverton County will lose its share of the grant.</li><li>Lake County will keep its share.</li></ul>
</article>
<aside><h3>Related</h3><ul><li><a href="/x">Other story</a></li></ul></aside>
<footer><p>© 2025 Riverton Gazette. All rights reserved.</p><p>Privacy | Terms</p></footer>
</body></html>
"""


def test_html_keeps_the_article_and_drops_navigation_bylines_and_footers(tmp_path: Path) -> None:
    (tmp_path / "news.html").write_text(NEWS, encoding="utf-8")
    document = read_document(tmp_path / "news.html")
    assert document.text == (
        "Council votes on shelter funding\n\n"
        "The council of Riverton voted on Tuesday to accept $1.4 million in federal grants, and the mayor signed."
        "\n\nGovernor Jerry Brown of California vowed to challenge Executive Order 13768 in court.\n\n"
        "Riverton County will lose its share of the grant.\n\nLake County will keep its share."
    )
    assert document.title == "Council votes | Riverton Gazette"


def test_markdown_is_rendered_so_evidence_shows_no_markup(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "# Grants at risk\n\nThe county stands to lose **$1.4 million** in [SCAAP](https://example.org) funds.\n\n"
        "- Miami-Dade *complied*\n- Chicago `sued`\n", encoding="utf-8")
    document = read_document(tmp_path / "note.md")
    assert document.text == ("Grants at risk\n\nThe county stands to lose $1.4 million in SCAAP funds.\n\n"
                             "Miami-Dade complied\n\nChicago sued")
    assert document.title == "Grants at risk"


def test_a_few_nul_bytes_are_read_around_with_a_warning(tmp_path: Path) -> None:
    # As the Federal Register publishes its HTML: NUL bytes between the header and the order.
    page = "<html><head><title>Federal Register</title></head><body><pre>Executive Order 13768\n\0\n\0\n" + \
        f"{ORDER}</pre></body></html>"
    (tmp_path / "EO_13768.html").write_text(page, encoding="utf-8")
    document = read_document(tmp_path / "EO_13768.html")
    assert "\0" not in document.text and ORDER in document.text
    assert document.warnings == (f"{tmp_path / 'EO_13768.html'}: read around 2 stray control byte(s) (NUL and "
                                 "the like)",)


def test_a_truly_binary_file_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DocumentError, match="looks binary"):
        read_document(tmp_path / "image.txt")


def test_folders_contribute_pdf_and_docx_files(tmp_path: Path) -> None:
    write_pdf(tmp_path / "a.pdf", [[ORDER]])
    write_docx(tmp_path / "b.docx", [ORDER])
    assert [d.name for d in iter_documents([tmp_path])] == ["a.pdf", "b.docx"]


@pytest.mark.model
def test_evidence_of_a_pdf_names_its_page_and_a_warning_reaches_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_pdf(folder / "memo.pdf", [["Memorandum on sanctuary jurisdictions."], [ORDER]])
    (folder / "nul.txt").write_bytes(f"date: 2017-01-26\n---\n{ORDER}\0\n".encode())
    with EmbeddedStore(tmp_path / "store", create=True) as store:
        report = build([folder], store, progress=False)
        records = facts(store)
    assert report.built == ["memo.pdf", "nul.txt"] and len(report.warnings) == 1
    issued = [r for r in records if r["document"] == "memo.pdf" and r["fact"] == "issued"]
    assert issued and all(r["evidence"]["page"] == 2 for r in issued)
    assert all("page" not in r["evidence"] for r in records if r["document"] == "nul.txt")
