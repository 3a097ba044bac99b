"""A seeded generator of hostile input folders (issue 17): random bytes, encodings, front matter, HTML, file names
and folder shapes, each batch with three good documents. The same seed gives the same folder.

Each case is one entry under the batch folder; `Batch.documents` lists the files a build must account for (built,
or failed in one line) and `Batch.good` the documents it must build.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD = (
    "date: 2019-03-{day:02d}\n---\nMayor Jane Roe{n} of Travis County sent a memo to the sheriff on Tuesday.\n\n"
    "The county will keep its jail policy, the mayor said.\n"
)
_WORDS = "the council mayor order county funding sheriff grant policy voted signed said memo city state".split()
_SUFFIXES = (".txt", ".md", ".html", ".htm", ".markdown", ".TXT", ".csv", "", ".pdf")
_ODD_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u202e\u202c\u00ad\u0301\x07\x0b\x0c\x1b\x7f\x85\u2028\ufffd"


@dataclass
class Batch:
    folder: Path
    documents: list[Path] = field(default_factory=list)  # regular files with a document suffix, not hidden
    good: list[str] = field(default_factory=list)  # names the build must have built
    cases: list[str] = field(default_factory=list)  # what each case was, for a failure's message


def write_batch(folder: Path, seed: int, size: int) -> Batch:
    """`size` hostile entries and three good documents under `folder`, chosen by `seed`."""
    rng = random.Random(seed)
    batch = Batch(folder)
    folder.mkdir(parents=True)
    for n in range(3):
        path = folder / f"good_{n}.txt"
        path.write_text(GOOD.format(day=n + 1, n=seed * 10 + n), encoding="utf-8")
        batch.documents.append(path)
        batch.good.append(path.name)
    for index in range(size):
        kind = rng.choice(_KINDS)
        batch.cases.append(kind.__name__)
        kind(rng, folder, f"case{index:04d}", batch)
    return batch


def _file(batch: Batch, path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    hidden = any(part.startswith(".") for part in path.relative_to(batch.folder).parts)
    if path.suffix.lower() in (".txt", ".md", ".markdown", ".html", ".htm") and not hidden:
        batch.documents.append(path)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def random_bytes(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    size = rng.choice((0, 1, 7, 100, 4096))
    _file(batch, folder / f"{stem}{rng.choice(_SUFFIXES)}", rng.randbytes(size))


def encoded_text(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    text = _text(rng, rng.randint(1, 60)) + " Café Zürich naïve — “quoted”."
    encoding = rng.choice(("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "utf-32-le", "latin-1", "cp1252"))
    _file(batch, folder / f"{stem}.txt", text.encode(encoding, "replace"))


def odd_characters(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    words = [rng.choice(_WORDS) + "".join(rng.choices(_ODD_CHARACTERS, k=rng.randint(0, 3))) for _ in range(40)]
    if rng.random() < 0.2:
        words = [rng.choice(_ODD_CHARACTERS) * 5 for _ in range(10)]  # nothing visible at all
    _file(batch, folder / f"{stem}.txt", " ".join(words).encode("utf-8"))


def front_matter(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    choice = rng.randrange(6)
    if choice == 0:
        depth = rng.choice((5, 25, 400))
        header = "tags: " + "[" * depth + "]" * depth
    elif choice == 1:
        header = "a: &a [x, x, x, x, x, x, x, x]\n" + "\n".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 8)}]" for i in range(rng.randint(1, 7))
        )
    elif choice == 2:
        header = "date: " + rng.choice(("2017-13-01", "-2017-01-01", "2017-02-30", "2016-02-29", "yesterday", "0"))
    elif choice == 3:
        header = "title: [unclosed\n: : :"
    elif choice == 4:
        header = "- a list\n- not a mapping"
    else:
        header = "title: Fine\npublisher: Someone"
    closing = "" if rng.random() < 0.1 else "---\n"
    _file(batch, folder / f"{stem}.md", f"---\n{header}\n{closing}{_text(rng, 20)}\n".encode())


def html(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    parts = [
        "<html><head><title>T</title>",
        '<meta name="date" content="' + rng.choice(("2017-02-30", "2017-01-25", "garbage")) + '">',
        "</head><body>",
        "<p>" + _text(rng, 15),
        rng.choice(("<!-- unclosed comment <p>hidden", "<script>var x = '<p>';", "<div><div><div>", "</p></p>", "")),
        "&#0; &#xD800; &bogus; <![CDATA[ x ]]>" if rng.random() < 0.3 else "",
        "<p>" + "<b>" * rng.choice((1, 50, 2000)) + "deep",
    ]
    _file(batch, folder / f"{stem}.{rng.choice(('html', 'htm', 'txt'))}", "".join(parts).encode())


def punctuation(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    run = rng.choice("&!?.-*#|/\\") * rng.choice((10, 500, 3000))
    _file(batch, folder / f"{stem}.txt", f"The council voted. {run} The mayor signed.".encode())


def file_name(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    odd = rng.choice((b"caf\xe9", b"\xff\xfe", "caf\u00e9".encode(), "cafe\u0301".encode(), b"a b", b"-dash",
                      "\u200bzero".encode(), "Сергей".encode(), b"x" * 200, b"new\nline", b"tab\t"))  # fmt: skip
    name = os.fsencode(folder) + b"/" + stem.encode() + odd + b".txt"
    with open(name, "wb") as file:
        file.write(_text(rng, 10).encode())
    batch.documents.append(Path(os.fsdecode(name)))


def folder_shape(rng: random.Random, folder: Path, stem: str, batch: Batch) -> None:
    choice = rng.randrange(7)
    base = folder / stem
    if choice == 0:  # deep nesting
        path = base
        for _ in range(rng.choice((3, 60))):
            path = path / "d"
        _file(batch, path / "deep.txt", _text(rng, 10).encode())
    elif choice == 1:  # the same name in two folders
        _file(batch, base / "a" / "report.txt", _text(rng, 10).encode())
        _file(batch, base / "b" / "report.txt", _text(rng, 12).encode())
    elif choice == 2:  # a symlink loop, and a link to itself
        base.mkdir()
        os.symlink("self.txt", base / "self.txt")
        os.symlink(base, base / "loop")
        batch.documents.append(base / "self.txt")
    elif choice == 3:  # a FIFO named like a document
        base.mkdir()
        os.mkfifo(base / "pipe.txt")
        batch.documents.append(base / "pipe.txt")
    elif choice == 4:  # hidden files and folders
        _file(batch, base / ".hidden.txt", b"hidden")
        _file(batch, base / ".git" / "x.txt", b"hidden")
    elif choice == 5:  # a broken link and a folder named like a document
        base.mkdir()
        os.symlink("absent.txt", base / "broken.txt")
        (base / "folder.txt").mkdir()
        batch.documents.append(base / "broken.txt")
    else:  # an empty folder, and a file that cannot be read
        (base / "empty").mkdir(parents=True)
        _file(batch, base / "locked.txt", _text(rng, 5).encode())
        os.chmod(base / "locked.txt", 0)


_KINDS: list[Callable[[random.Random, Path, str, Batch], None]] = [
    random_bytes, encoded_text, odd_characters, front_matter, html, punctuation, file_name, folder_shape,
]  # fmt: skip
