"""The words of a mention, shared by the mention finders of every class: where a name begins and ends, which
words are a heading's or a dateline's rather than the text's, a label cleaned of its article, a body's
canonical name (one for "U.S. Department of Justice", "Department of Justice" and "Justice Department")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.context import Context
from kg.lexicon.names import DEPARTMENT_SHORT_NAMES
from kg.lexicon.stances import STANCE_NOUNS, STANCE_VERBS

JOINERS = {"of", "and", "for"}
_DASHES = ("—", "–", "-", "--")


def shouted(ctx: Context, span: Span) -> bool:
    """Words in an all-capitals heading, banner or dateline ("SANTA FE — ..."): the model cannot parse
    them, so they yield nothing."""
    dateline = ctx.frame.dateline
    if dateline is not None and dateline.start <= span.start < dateline.end:
        return True  # "BOISE, Idaho — ..."
    text = ctx.text[span.start_char : span.end_char]  # Span.text, without joining the tokens anew
    if text.isupper() and any(is_dash(t) for t in ctx.tokens[span.end : span.end + 4]):
        return True  # "... WASHINGTON – Today, ..."
    start, end = max(0, span.start - 4), min(len(ctx.tokens), span.end + 4)
    words, capitals = ctx.word_counts
    letters = words[end] - words[start]
    return letters >= 4 and capitals[end] - capitals[start] > 0.6 * letters


def continues_name(token: Token) -> bool:
    hyphen = token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.ent_type_ in ("", "ORG") and (token.is_title or token.lower_ in JOINERS or hyphen)  # "Post-Gazette"


def _name_word(token: Token) -> bool:
    return token.is_title and continues_name(token)


def trim(span: Span) -> Span | None:
    """Drop a leading article, possessive 's and trailing punctuation from an entity span; join a
    hyphenated continuation ('Miami' + '-Dade') or a first half before "and" NER left out."""
    start, end = span.start, span.end
    doc = span.doc
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].pos_ == "PROPN":
        end += 2
    while start < end and (doc[start].lower_ in ("the", "a", "an", "all", "each", "every") or doc[start].is_punct
                           or _list_mark(doc, start, end)):
        start += 1 + _list_mark(doc, start, end)
    while span.label_ == "ORG" and start >= 2 and doc[start - 1].lower_ == "and" and _name_word(doc[start - 2]):
        start -= 2  # "Immigration and | Customs Enforcement": NER cut the name at its "and"
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _list_mark(doc: Doc, start: int, end: int) -> bool:
    """Whether the span opens on an item's mark of a list, "(b)" or "(xvii)" read without its "(": an order's
    "(b) Executive departments shall ..."."""
    return start + 1 < end and doc[start + 1].text == ")" and bool(_LIST_MARK.fullmatch(doc[start].text))


_LIST_MARK = re.compile(r"[a-z]|[ivx]{1,5}|\d{1,2}")


def is_dash(token: Token) -> bool:
    """A dash between words ("SEATTLE — The"), not a hyphen inside one ("KOIN-TV")."""
    return token.text in _DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def canonical_body(text: str) -> str:
    """'U.S. Department of Justice', 'Department of Justice' and 'Justice Department' are one body."""
    name = re.sub(r"^(?:the\s+)?(?:u\.?s\.?|united states)\s+", "", text, flags=re.I)
    short, _, department = name.rpartition(" ")
    if department == "Department" and (short.lower() in DEPARTMENT_SHORT_NAMES or short == "Homeland Security"):
        return f"Department of {short}"
    return name


def org_aliases(text: str) -> tuple[str, ...]:
    return (text, canonical_body(text))


def stance_word(token: Token) -> bool:
    """'lawsuit', 'challenging': words of taking a stance, never part of an order's name."""
    lowered = token.lower_
    stem = lowered.removesuffix("ing")
    return lowered in STANCE_NOUNS or (stem != lowered and {stem, stem + "e"} & STANCE_VERBS.keys())


def that_before(chunk: Span) -> bool:
    """'On May 1, that court enjoined ...': the parser takes the demonstrative for a conjunction."""
    previous = chunk.doc[chunk.start - 1] if chunk.start > 0 else None
    return chunk[0].lower_ == "that" or (previous is not None and previous.lower_ == "that" and previous.dep_ == "mark")


def is_federal(chunk: Span) -> bool:
    lowered = chunk.text.lower()
    return "federal" in lowered or "executive branch" in lowered or chunk.text.strip().endswith("Government")


def determiner_of(chunk: Span, head: Token) -> str:
    """The order noun's own determiner: in "this judge's ruling", "this" belongs to the judge, and
    the possessive makes the ruling definite (plurals stay generic: "the nation's laws")."""
    for child in head.lefts:
        if child.dep_ == "det":
            return child.lower_
        if child.dep_ == "poss" and head.tag_ in ("NN", "NNP"):
            return "its" if child.tag_ == "PRP$" else "the"
    return chunk[0].lower_


def clean_label(text: str) -> str:
    text = re.sub(rf"^\(?(?:{_LIST_MARK.pattern})\)\s+", "", text.strip())  # an item's mark: "(b) Executive ..."
    text = re.sub(r"^(?:the|a|an|this|that|these|those|its|their)\s+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text.strip(" “”\"'.,;:"))


def lines_of(span: Span) -> list[Span]:
    """The lines of a span, each without its surrounding white space."""
    lines, start = [], span.start
    for token in span:
        if "\n" in token.text or token.i == span.end - 1:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                lines.append(span.doc[start:end])
            start = token.i + 1
    return lines
