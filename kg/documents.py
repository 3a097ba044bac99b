"""Reading input documents: plain text, Markdown and HTML, with their headers.

A `Document`'s `text` is the body without its header; every character offset used later
(evidence, mentions) is into that string. Formats, recognised in this order:

- HTML (.html/.htm, or text starting with ``<!doctype html`` or ``<html``): the visible
  text, one block element per paragraph; title, date, publisher and source from the head.
- YAML front matter: a first line ``---``, YAML keys, a closing ``---`` (Markdown's form).
- A header of ``key: value`` lines ending at a line that is exactly ``---``.
- ``date YYYY-MM-DD`` at the very start, followed by the text.
- Anything else is all text.

Bad input raises `DocumentError` with a one-line message starting with the path.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from kg.dates import normalise_date
from kg.errors import DocumentError
from kg.facts import DocumentInfo

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")

# Header keys that fill a Document's fields, most specific first; HTML meta names are lower-cased.
_DATE_KEYS = (
    "date", "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "citation_publication_date",
    "citation_date", "pubdate", "publishdate", "publish-date", "publication_date", "published", "parsely-pub-date",
)  # fmt: skip
_TITLE_KEYS = ("title", "og:title", "dc.title", "dcterms.title", "citation_title")
_PUBLISHER_KEYS = ("publisher", "dc.publisher", "dcterms.publisher", "citation_publisher", "og:site_name")
_SOURCE_KEYS = ("source", "url", "canonical", "og:url", "dc.source", "dcterms.source")

_HEADER_LINE = re.compile(r"(?P<key>[A-Za-z][\w .-]{0,39}?)\s*:\s?(?P<value>.*)")
_DATE_PREFIX = re.compile(r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
_MARKDOWN_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
# C0 control characters other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05  # text in any 8-bit encoding has almost none; random binary about 10%
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Document:
    """One input document: its body text, where it came from, and what its header says."""

    name: str
    path: Path
    text: str
    content_hash: str  # sha256 of the raw file bytes
    date: str | None = None  # publication date, ISO 'YYYY-MM-DD'
    title: str | None = None
    publisher: str | None = None
    source: str | None = None
    metadata: dict[str, str] = field(default_factory=dict, hash=False)  # every header key, lower-cased

    def info(self) -> DocumentInfo:
        """The record the RDF mapping takes for this document."""
        return DocumentInfo(
            name=self.name,
            content_hash=self.content_hash,
            date=self.date,
            title=self.title,
            publisher=self.publisher,
            source=self.source,
        )


def read_document(path: str | Path, *, max_bytes: int = 5_000_000) -> Document:
    """Read one document file; raise `DocumentError` if it is missing, empty, binary, not UTF-8 or too large."""
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    text, metadata = _split(path, _decode(path, raw))
    if not text.strip():
        what = "has no text after its header" if metadata else "has only whitespace"
        raise DocumentError(f"{path}: {what}; add the document's text or remove the file")
    heading = _MARKDOWN_TITLE.search(text) if path.suffix.lower() in _MARKDOWN_SUFFIXES else None
    return Document(
        name=path.name,
        path=path,
        text=text,
        content_hash=hashlib.sha256(raw).hexdigest(),
        date=next(filter(None, (normalise_date(value) for value in _values(metadata, _DATE_KEYS))), None),
        title=next(_values(metadata, _TITLE_KEYS), heading["title"] if heading else None),
        publisher=next(_values(metadata, _PUBLISHER_KEYS), None),
        source=next(_values(metadata, _SOURCE_KEYS), None),
        metadata=metadata,
    )


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Read files and folders (recursively, sorted), yielding each document or the error that stopped it.

    Folders contribute their non-hidden .txt, .md, .markdown, .html and .htm files; a file
    named directly is read whatever its suffix. Errors are yielded, not raised, so that one
    bad document does not abort a batch.
    """
    for given in paths:
        path = Path(given)
        targets = _folder_files(path) if path.is_dir() else iter([path])
        found = False
        for target in targets:
            found = True
            if isinstance(target, DocumentError):
                yield target
                continue
            try:
                yield read_document(target)
            except DocumentError as error:
                yield error
        if not found:
            yield DocumentError(f"{path}: folder has no {', '.join(SUFFIXES)} files; check the path")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing missing paths, folders and files over `max_bytes`."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a file; name a file, or pass the folder to iter_documents")
    try:
        with path.open("rb") as file:
            # Reading one byte past the limit tells "too large" apart without reading a huge file.
            raw = file.read(max_bytes + 1)
            size = os.fstat(file.fileno()).st_size
    except OSError as error:
        raise DocumentError(f"{path}: cannot be read ({error.strerror}); check its permissions") from error
    if len(raw) > max_bytes:
        raise DocumentError(f"{path}: {size} bytes is over the {max_bytes}-byte limit; split it or raise max_bytes")
    if not raw:
        raise DocumentError(f"{path}: file is empty; add the document's text or remove the file")
    return raw


def _decode(path: Path, raw: bytes) -> str:
    """Decode as UTF-8 (a byte-order mark is allowed) with line endings made '\\n'; refuse binary files."""
    if raw.startswith(_UTF16_BOMS):
        raise DocumentError(f"{path}: is UTF-16 text; expected UTF-8, so re-save it as UTF-8")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if b"\0" in raw or controls > _MAX_CONTROL_SHARE * len(raw):
        raise DocumentError(f"{path}: looks binary, not text; convert it to a UTF-8 .txt, .md or .html file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{path}: not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "expected UTF-8, so re-save it as UTF-8"
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(path: Path, text: str) -> tuple[str, dict[str, str]]:
    """Body text and header metadata, by the document's format."""
    if path.suffix.lower() in _HTML_SUFFIXES or text.lstrip()[:14].lower().startswith(("<!doctype html", "<html")):
        return _html(text)
    if text.startswith("---\n"):
        return _front_matter(path, text)
    header = _plain_header(text)
    if header is not None:
        return header
    if match := _DATE_PREFIX.match(text):
        return text[match.end() :], {"date": match["date"]}
    return text, {}


def _plain_header(text: str) -> tuple[str, dict[str, str]] | None:
    """Split off `key: value` lines ending at a '---' line; None if the text does not start with such a header."""
    metadata: dict[str, str] = {}
    offset = 0
    while offset < len(text):
        end = text.find("\n", offset)
        line = text[offset:] if end < 0 else text[offset:end]
        offset = len(text) if end < 0 else end + 1
        if line == "---":
            return (text[offset:], metadata) if metadata else None
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            return None
        metadata[match["key"].strip().lower()] = match["value"].strip()
    return None


def _front_matter(path: Path, text: str) -> tuple[str, dict[str, str]]:
    """Split off YAML front matter between a first '---' line and the next '---' line."""
    close = re.search(r"^---[ \t]*$\n?", text[4:], re.MULTILINE)
    if close is None:
        raise DocumentError(f"{path}: front matter opened by '---' on line 1 is never closed; add a '---' line")
    try:
        # BaseLoader keeps every value as written ('2017-01-25' stays a string, 'no' is not False).
        loaded = yaml.load(text[4 : 4 + close.start()], Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f" at line {line + 2}" if line is not None else ""
        raise DocumentError(f"{path}: front matter is not valid YAML{where}; fix it or remove it") from error
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise DocumentError(f"{path}: front matter is not a list of 'key: value' lines; rewrite it as such")
    metadata = {str(key).strip().lower(): _flatten(value) for key, value in loaded.items()}
    return text[4 + close.end() :], metadata


def _flatten(value: object) -> str:
    """A YAML value as one string: lists joined by commas, mappings as 'key: value' pairs."""
    if isinstance(value, list):
        return ", ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_flatten(item)}" for key, item in value.items())
    return str(value).strip()


def _values(metadata: dict[str, str], keys: tuple[str, ...]) -> Iterator[str]:
    """The non-empty values of the given keys, in the keys' order."""
    return (metadata[key] for key in keys if metadata.get(key))


def _folder_files(folder: Path) -> Iterator[Path | DocumentError]:
    """Document files under a folder, recursively in path order, skipping hidden files and folders; a folder
    that cannot be listed is an error in the stream, not the end of it.

    Lazy, one folder's names at a time: a list of 100,000 `Path`s alone takes 44 MiB.
    """
    try:
        with os.scandir(folder) as entries:
            # Symlinked folders are not followed (as os.walk does not): a link cycle cannot loop the walk.
            names = sorted((e.name, e.is_dir() and not e.is_symlink()) for e in entries if not e.name.startswith("."))
    except OSError as error:
        yield DocumentError(f"{folder}: folder cannot be read ({error.strerror}); check its permissions")
        return
    for name, is_folder in names:
        if is_folder:
            yield from _folder_files(folder / name)
        elif name.lower().endswith(SUFFIXES):
            yield folder / name


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


def _html(source: str) -> tuple[str, dict[str, str]]:
    """Visible text (paragraphs separated by blank lines), meta values and <title> of an HTML page."""
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    metadata = parser.metadata
    title = " ".join("".join(parser.title_chunks).split())
    if title:
        metadata["title"] = title  # <title> is what the page calls itself; a meta 'title' is second best
    return text, metadata
