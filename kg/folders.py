"""Which files a build reads: folders walked lazily in path order, each document named by its path relative to
the folder the build was given (its root), and what was passed over on purpose, with why.

A document's name is its identity in the store, so two files called ``report.txt`` in different sub-folders
are two documents (``a/report.txt``, ``b/report.txt``). A file given directly is named by its file name.
Names are text that can always be stored (`kg.text.shown`), even when the file name is not UTF-8.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentError
from kg.text import shown

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")

HIDDEN = "hidden"
NOT_A_DOCUMENT = "not a document type"
SYMLINKED_FOLDER = "symlinked folder"


@dataclass(frozen=True)
class Source:
    """A file to read as a document, and the name it has in the store."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    """A file or folder a walk passed over by design (`HIDDEN`, `NOT_A_DOCUMENT`, `SYMLINKED_FOLDER`)."""

    path: Path
    reason: str


def list_sources(paths: Iterable[str | Path]) -> Iterator[Source | Skipped | DocumentError]:
    """The documents under files and folders, folders recursively in path order; a folder that cannot be listed
    is an error in the stream, not the end of it. Files named directly are read whatever their suffix."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield Source(path, shown(path.name))
            continue
        found = False
        for item in _walk(path):
            found = found or not isinstance(item, Skipped)
            yield item
        if not found:
            yield DocumentError(f"{shown(path)}: folder has no {', '.join(SUFFIXES)} files; check the path")


def roots(paths: Iterable[str | Path]) -> list[Path]:
    """The folders the documents under `paths` are named relative to."""
    return [Path(p) if Path(p).is_dir() else Path(p).parent for p in paths]


def _walk(root: Path) -> Iterator[Source | Skipped | DocumentError]:
    """Lazy, one folder's names at a time (a list of 100,000 `Path`s alone takes 44 MiB), and with a stack instead
    of recursion, so that no depth of nesting exhausts Python's."""
    stack = [_entries(root)]
    folders = [root]  # the folder each iterator of the stack lists
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            folders.pop()
            continue
        name, kind = entry
        path = folders[-1] / name
        if kind == "error":
            yield DocumentError(name)
        elif name.startswith("."):
            yield Skipped(path, HIDDEN)
        elif kind == "link":
            yield Skipped(path, SYMLINKED_FOLDER)  # not followed, as os.walk does not: a link cycle cannot loop
        elif kind == "folder":
            stack.append(_entries(path))
            folders.append(path)
        elif name.lower().endswith(SUFFIXES):
            yield Source(path, shown(path.relative_to(root).as_posix()))
        else:
            yield Skipped(path, NOT_A_DOCUMENT)


def _entries(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, kind) of a folder's entries, sorted by name; kind is 'folder', 'link' (to a folder), 'file' (anything
    else: a broken link, a link loop or a FIFO is left to `read_document` to refuse) or 'error' (the name is then
    the message)."""
    try:
        with os.scandir(folder) as entries:
            listed = sorted((entry.name, _kind(entry)) for entry in entries)
    except OSError as error:
        yield f"{shown(folder)}: folder cannot be read ({error.strerror}); check its permissions", "error"
        return
    yield from listed


def _kind(entry: os.DirEntry) -> str:
    try:
        if entry.is_dir():
            return "link" if entry.is_symlink() else "folder"
    except OSError:  # a symlink loop raises here
        pass
    return "file"
