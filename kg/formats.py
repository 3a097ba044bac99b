"""The formats people bring, turned into the plain text kg reads: HTML without its boilerplate, Markdown
rendered, PDF page by page, DOCX paragraph by paragraph.

Each reader returns the text (paragraphs separated by blank lines, normalised by `kg.text.normalise`) and the
metadata the file holds; `pdf` also the offset where each page starts, so that evidence can name its page. A file
that cannot be read raises `DocumentError` naming the format.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from html.parser import HTMLParser

from kg.errors import DocumentError
from kg.text import normalise

__all__ = ["docx", "html", "kind", "markdown", "page_of", "pdf"]

PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def kind(suffix: str, raw: bytes) -> str:
    """"pdf", "docx" or "text" (HTML, Markdown and plain text are told apart once decoded), by the file's first
    bytes, then its suffix: a PDF saved as .txt is still a PDF."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") and (suffix in DOCX_SUFFIXES or b"word/" in raw[:2000]):
        return "docx"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "text"


def _paragraphs(parts: list[str]) -> str:
    """Paragraphs normalised, stripped of spaces at line ends, empty ones dropped, separated by blank lines."""
    cleaned = ("\n".join(line.strip() for line in normalise(part).split("\n")).strip() for part in parts)
    return re.sub(r"\n{3,}", "\n\n", "\n\n".join(part for part in cleaned if part))


# --- PDF --------------------------------------------------------------------------------------------------------


def pdf(raw: bytes, where: str) -> tuple[str, dict[str, str], tuple[int, ...]]:
    """Text of each page (pypdf's layout-free extraction), pages separated by a blank line; the document
    information's title and author; the offset in the text where each page starts (see `page_of`)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{where}: is a password-protected PDF; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        metadata = {key: str(info.get(f"/{name}") or "").strip() for key, name in (("title", "Title"),
                                                                                   ("author", "Author"))}
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds of error on damaged files, not one of its own
        raise DocumentError(f"{where}: not a readable PDF ({type(error).__name__}: {error}); "
                            "check that the file is complete, or save it again as PDF") from error
    text, starts = "", []
    for page in pages:
        body = _paragraphs([page])
        starts.append(len(text) + 2 if text else 0)
        text = f"{text}\n\n{body}" if text else body
    if not text.strip():
        raise DocumentError(f"{where}: PDF has no text layer (scanned pages?); run OCR on it first")
    return text, {k: v for k, v in metadata.items() if v}, tuple(starts)


def page_of(offset: int, starts: tuple[int, ...]) -> int | None:
    """The page (from 1) holding the character at `offset`, given where each page starts; None without pages."""
    return bisect_right(starts, offset) or None


# --- DOCX -------------------------------------------------------------------------------------------------------


def docx(raw: bytes, where: str) -> tuple[str, dict[str, str]]:
    """Paragraphs and table rows (cells joined by " | ") in document order; the core properties' title and
    author."""
    import docx as python_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = python_docx.Document(io.BytesIO(raw))
        parts = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                parts += [" | ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            else:
                parts.append(block.text)
        properties = document.core_properties
        metadata = {"title": properties.title or "", "author": properties.author or ""}
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"{where}: not a readable DOCX ({type(error).__name__}: {error}); "
                            "check that the file is complete, or save it again from Word as .docx") from error
    return _paragraphs(parts), {k: v.strip() for k, v in metadata.items() if v.strip()}


# --- Markdown ---------------------------------------------------------------------------------------------------


def markdown(source: str) -> str:
    """Markdown rendered (CommonMark and tables, by markdown-it-py), then read as HTML: `**$1.4 million**` gives
    `$1.4 million`, a heading or list item its own paragraph."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(source)
    return _visible(rendered).text()


# --- HTML -------------------------------------------------------------------------------------------------------

# Elements whose end or start is a paragraph break in the visible text.
_BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul".split()
)
_INVISIBLE = frozenset("script style noscript template svg".split())


class _HtmlText(HTMLParser):
    """Collects the visible text, the <title>, <meta> values and the canonical link of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.title_chunks: list[str] = []
        self.metadata: dict[str, str] = {}
        self._hidden = 0  # depth inside elements whose text is not shown
        self._in_title = False
        self._in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            if key and attributes.get("content", "").strip():
                self.metadata.setdefault(key.strip().lower(), attributes["content"].strip())
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.metadata.setdefault("canonical", attributes.get("href", "").strip())
        elif tag == "title" and not self._hidden:  # an <svg> has <title>s too
            self._in_title = True
        elif tag in _INVISIBLE:
            self._hidden += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCKS:
            self._in_pre += tag == "pre"
            self.chunks.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._in_pre = max(0, self._in_pre - (tag == "pre"))
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_chunks.append(data)
        elif not self._hidden:
            # Outside <pre>, line breaks in the source are just spaces, as a browser shows them.
            self.chunks.append(data if self._in_pre else re.sub(r"\s+", " ", data))

    def blocks(self) -> list[str]:
        """The visible text's paragraphs, each with its lines' spaces collapsed."""
        lines = (" ".join(line.split()) for line in "".join(self.chunks).split("\n"))
        return [block.strip("\n") for block in re.split(r"\n{2,}", "\n".join(lines)) if block.strip()]

    def text(self) -> str:
        return "\n\n".join(self.blocks())


def _close_comments(source: str) -> str:
    """The page without an unclosed comment: a browser shows nothing after `<!--` without its `-->`, while
    HTMLParser gives the rest of the page as text."""
    at = 0
    while (start := source.find("<!--", at)) >= 0:
        end = source.find("-->", start + 4)
        if end < 0:
            return source[:start]
        at = end + 3
    return source


def _visible(source: str) -> _HtmlText:
    parser = _HtmlText()
    parser.feed(_close_comments(source))
    parser.close()
    return parser


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def html(source: str) -> tuple[str, dict[str, str]]:
    """The page's main content (paragraphs separated by blank lines), its meta values and <title>.

    trafilatura tells the main content from the boilerplate (navigation, bylines, share links, footers); the
    paragraphs kept are those of the page whose words are in it, so headings and list items stay paragraphs of
    their own. A page where it finds no main content keeps all its visible text.
    """
    parser = _visible(source)
    blocks = parser.blocks()
    main = _main_content(source)
    if main:
        kept = [block for block in blocks if _words(block) and f" {_words(block)} " in f" {main} "]
        blocks = kept or blocks
    metadata = parser.metadata
    title = " ".join("".join(parser.title_chunks).split())
    if title:
        metadata["title"] = title  # <title> is what the page calls itself; a meta 'title' is second best
    return "\n\n".join(blocks), metadata


def _main_content(source: str) -> str | None:
    """The words of the page's main content by trafilatura, or None when it finds none."""
    import trafilatura

    try:
        text = trafilatura.extract(source, output_format="txt", include_tables=True, include_comments=False,
                                   include_links=False, include_images=False, favor_recall=True)
    except (ValueError, RecursionError):  # a page lxml cannot build a tree of: keep all its visible text
        return None
    return _words(text) if text else None
