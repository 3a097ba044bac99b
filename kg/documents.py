"""Reading input documents: plain text, Markdown, HTML, PDF and DOCX, with their headers.

A `Document`'s `text` is the body without its header, normalised (`kg.text.normalise`: NFC, no invisible or
control characters) and, for the formats that are not plain text, rendered (`kg.formats`); every character
offset used later (evidence, mentions) is into that string. Formats, recognised in this order:

- PDF (starting with ``%PDF-``, or .pdf) and DOCX (.docx): their text, title and author (`kg.formats`); a PDF's
  page starts are kept (`Document.pages`).
- HTML (.html/.htm, or text starting with ``<!doctype html`` or ``<html``): the main content without the
  page's boilerplate, one block element per paragraph; title, date, publisher and source from the head.
- YAML front matter: a first line ``---``, YAML keys, a closing ``---`` (Markdown's form).
- A header of ``key: value`` lines ending at a line that is exactly ``---``.
- ``date YYYY-MM-DD`` at the very start, followed by the text.
- Anything else is all text. The body of a .md or .markdown file is rendered: ``**$1.4 million**`` is read as
  ``$1.4 million``.

A text file with a few stray control bytes (the Federal Register's HTML files hold NUL bytes as published) is
read without them, with a warning in `Document.warnings`; one with many is binary and refused.

Bad input raises `DocumentError` with a one-line message starting with the path. Only regular files are
opened: a FIFO, a device or a symlink loop is refused from its metadata, so it can neither hang nor flood a build.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from kg import formats
from kg.dates import normalise_date
from kg.errors import DocumentError
from kg.facts import DocumentInfo
from kg.folders import SUFFIXES, Skipped, list_sources
from kg.text import normalise, shown

__all__ = ["SUFFIXES", "Document", "iter_documents", "read_document"]

# A longer text is refused: as long as a text file within `read_document`'s default byte limit can be (a PDF's
# text may be longer than its file). Texts up to PIECE_CHARS are parsed whole, longer ones in pieces of at most
# that length (`kg.parsing.parse`), so that the parser's memory stays flat; a build's time budget for a document
# is per piece.
MAX_CHARS = 5_000_000
PIECE_CHARS = 100_000
# Front matter is a few keys of metadata: deeper nesting is no metadata, and PyYAML builds it by recursion.
_MAX_YAML_DEPTH = 20
# Values read from front matter, aliases counted each time they are used: a few hundred bytes of nested aliases
# (a "billion laughs") otherwise expand to gigabytes when flattened.
_MAX_YAML_VALUES = 10_000

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
# C0 control characters (NUL included) other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05  # text in any 8-bit encoding has almost none; random binary about 10%
# UTF-32's marks first: UTF-32LE's starts with UTF-16LE's.
_BOMS = ((b"\xff\xfe\0\0", "UTF-32"), (b"\0\0\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


@dataclass(frozen=True)
class Document:
    """One input document: its body text, where it came from, and what its header says."""

    name: str  # its identity in the store: the path relative to the folder built (`kg.folders`)
    path: Path
    text: str
    content_hash: str  # sha256 of the raw file bytes
    date: str | None = None  # publication date, ISO 'YYYY-MM-DD'
    title: str | None = None
    publisher: str | None = None
    source: str | None = None
    metadata: dict[str, str] = field(default_factory=dict, hash=False)  # every header key, lower-cased
    pages: tuple[int, ...] = ()  # a PDF's page starts in `text` (`kg.formats.page_of`); empty for other formats
    warnings: tuple[str, ...] = ()  # what was read around (stray control bytes), one line each

    def page(self, offset: int) -> int | None:
        """The page (from 1) of the character at `offset`, for a PDF; None for other formats."""
        return formats.page_of(offset, self.pages)

    def info(self) -> DocumentInfo:
        """The record the RDF mapping takes for this document."""
        return DocumentInfo(
            name=self.name,
            content_hash=self.content_hash,
            date=self.date,
            title=self.title,
            publisher=self.publisher,
            source=self.source,
            pages=self.pages,
        )


def read_document(
    path: str | Path, *, name: str | None = None, max_bytes: int = 5_000_000, max_chars: int = MAX_CHARS
) -> Document:
    """Read one document file, named `name` (default: its file name); raise `DocumentError` if it is missing,
    not a regular file, empty, binary, not UTF-8, a broken PDF or DOCX, too large, or has an impossible header."""
    path = Path(path)
    where = shown(path)
    raw = _read_bytes(path, where, max_bytes)
    suffix = path.suffix.lower()
    kind = formats.kind(suffix, raw)
    pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    heading = None
    if kind == "pdf":
        text, metadata, pages = formats.pdf(raw, where)
    elif kind == "docx":
        text, metadata = formats.docx(raw, where)
    else:
        decoded, warnings = _decode(where, raw)
        text, metadata = _split(suffix, where, decoded)
        if suffix in formats.MARKDOWN_SUFFIXES:
            heading = _MARKDOWN_TITLE.search(text)
            text = formats.markdown(text)
    if not text.strip():
        what = "has no text after its header" if metadata else "has only whitespace or invisible characters"
        raise DocumentError(f"{where}: {what}; add the document's text or remove the file")
    if len(text) > max_chars:
        raise DocumentError(
            f"{where}: {len(text):,} characters is over the {max_chars:,}-character limit of one document; "
            "split it into smaller documents"
        )
    return Document(
        name=name if name is not None else shown(path.name),
        path=path,
        text=text,
        content_hash=hashlib.sha256(raw).hexdigest(),
        date=_date(where, metadata),
        title=next(_values(metadata, _TITLE_KEYS), heading["title"] if heading else None),
        publisher=next(_values(metadata, _PUBLISHER_KEYS), None),
        source=next(_values(metadata, _SOURCE_KEYS), None),
        metadata=metadata,
        pages=pages,
        warnings=warnings,
    )


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Read files and folders (recursively, sorted), yielding each document or the error that stopped it.

    Folders contribute their non-hidden .txt, .md, .markdown, .html, .htm, .pdf and .docx files, each named by its path
    relative to the folder (`kg.folders`); a file named directly is read whatever its suffix. Errors are
    yielded, not raised, so that one bad document does not abort a batch.
    """
    for item in list_sources(paths):
        if isinstance(item, Skipped):
            continue
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            yield read_document(item.path, name=item.name)
        except DocumentError as error:
            yield error


def _date(where: str, metadata: dict[str, str]) -> str | None:
    """The publication date of the first date key that names a day; an impossible date is an error, not a
    silently different or missing one."""
    for value in _values(metadata, _DATE_KEYS):
        try:
            day = normalise_date(value)
        except ValueError as error:
            raise DocumentError(f"{where}: header date {error}; correct it or remove it") from None
        if day:
            return day
    return None


_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}  # fmt: skip


def _read_bytes(path: Path, where: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing missing paths, anything but regular files, and files over `max_bytes`."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DocumentError(f"{where}: is a symbolic link that loops; fix or remove the link") from error
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise DocumentError(f"{where}: no such file; check the path") from error
        raise DocumentError(f"{where}: cannot be read ({error.strerror}); check its permissions") from error
    if stat.S_ISDIR(mode):
        raise DocumentError(f"{where}: is a folder, not a file; name a file, or pass the folder to iter_documents")
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise DocumentError(f"{where}: is {kind}, not a regular file; skipped without opening it")
    try:
        # Non-blocking, and checked again once open: a FIFO put in the file's place since the stat cannot block.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DocumentError(f"{where}: is not a regular file; skipped")
            # Reading one byte past the limit tells "too large" apart without reading a huge file.
            raw = file.read(max_bytes + 1)
    except OSError as error:
        raise DocumentError(f"{where}: cannot be read ({error.strerror}); check its permissions") from error
    if len(raw) > max_bytes:
        raise DocumentError(
            f"{where}: {info.st_size} bytes is over the {max_bytes}-byte limit; split it or raise max_bytes"
        )
    if not raw:
        raise DocumentError(f"{where}: file is empty; add the document's text or remove the file")
    return raw


def _decode(where: str, raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode as UTF-8 (a byte-order mark is allowed), normalised, with line endings made '\\n'; refuse binary.
    A few stray control bytes are read around, with a warning (the second value): NUL bytes dropped, the others
    made spaces by `normalise`."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding:
        raise DocumentError(f"{where}: is {encoding} text; expected UTF-8, so re-save it as UTF-8")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(raw):
        raise DocumentError(
            f"{where}: looks binary, not text; convert it to a UTF-8 .txt, .md or .html file, or a .pdf or .docx"
        )
    warnings: tuple[str, ...] = ()
    if controls:
        raw = raw.replace(b"\0", b"")
        warnings = (f"{where}: read around {controls} stray control byte(s) (NUL and the like)",)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{where}: not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "expected UTF-8, so re-save it as UTF-8"
        ) from error
    return normalise(text.replace("\r\n", "\n").replace("\r", "\n")), warnings


def _split(suffix: str, where: str, text: str) -> tuple[str, dict[str, str]]:
    """Body text and header metadata, by the document's format."""
    if suffix in formats.HTML_SUFFIXES or text.lstrip()[:14].lower().startswith(("<!doctype html", "<html")):
        return formats.html(text)
    if text.startswith("---\n"):
        return _front_matter(where, text)
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


# Split on a line of exactly '---' with its newline, so that the YAML starts on line 2 (for the line numbers of
# errors) and the body right after the closing line (python-frontmatter's own boundary, '-{3,}\s*$', would take
# neither newline). The handler keeps no state between documents.
_FRONT_MATTER = frontmatter.YAMLHandler(fm_boundary=re.compile(r"^---[ \t]*$\n?", re.MULTILINE))


def _front_matter(where: str, text: str) -> tuple[str, dict[str, str]]:
    """Split off YAML front matter between a first '---' line and the next, with python-frontmatter's handler.

    Its `split` and `load` are used, not `frontmatter.parse`: that strips the body (evidence offsets would no
    longer point into the text shown), reads values with YAML's safe loader and returns unclosed front matter as
    body text, where kg names the mistake; the nesting and alias-expansion limits below are kg's own.
    """
    try:
        source, body = _FRONT_MATTER.split(text)
    except ValueError:  # no closing boundary: split gives two pieces, not three
        raise DocumentError(
            f"{where}: front matter opened by '---' on line 1 is never closed; add a '---' line"
        ) from None
    try:
        _check_depth(where, source)
        # YAML's base loader keeps every value as written ('2017-01-25' stays a string, 'no' is not False)
        loaded = _FRONT_MATTER.load(source, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        at = f" at line {line + 2}" if line is not None else ""
        raise DocumentError(f"{where}: front matter is not valid YAML{at}; fix it or remove it") from error
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise DocumentError(f"{where}: front matter is not a list of 'key: value' lines; rewrite it as such")
    budget = [_MAX_YAML_VALUES]
    try:
        metadata = {str(key).strip().lower(): _flatten(value, budget) for key, value in loaded.items()}
    except _TooManyValues:
        raise DocumentError(
            f"{where}: front matter expands to over {_MAX_YAML_VALUES:,} values (nested YAML aliases?); "
            "write its values out plainly"
        ) from None
    return body, metadata


def _check_depth(where: str, source: str) -> None:
    """Refuse front matter nested deeper than `_MAX_YAML_DEPTH`, from PyYAML's event stream (which, unlike
    building the values, takes no recursion), before the values are built."""
    depth = 0
    for event in yaml.parse(source, Loader=yaml.BaseLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > _MAX_YAML_DEPTH:
                line = event.start_mark.line + 2
                raise DocumentError(
                    f"{where}: front matter is nested over {_MAX_YAML_DEPTH} levels deep at line {line}; "
                    "front matter is for flat 'key: value' metadata"
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _TooManyValues(Exception):
    pass


def _flatten(value: object, budget: list[int]) -> str:
    """A YAML value as one string: lists joined by commas, mappings as 'key: value' pairs. `budget` holds how many
    more values may be read; an alias counts every time it is used."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyValues
    if isinstance(value, list):
        return ", ".join(_flatten(item, budget) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_flatten(item, budget)}" for key, item in value.items())
    return str(value).strip()


def _values(metadata: dict[str, str], keys: tuple[str, ...]) -> Iterator[str]:
    """The non-empty values of the given keys, in the keys' order."""
    return (metadata[key] for key in keys if metadata.get(key))
