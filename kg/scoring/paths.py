"""What lies between two mentions of one sentence, as the scorer's features: their distance, the words between
them, the dependency path that joins them and its top word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from kg.scoring.candidates import Mention

_MAX_PATH = 6  # dependency arcs kept in a path feature


def head(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of a mention: its token whose head lies outside it."""
    return doc[start:end].root


def pair_features(tokens: Sequence[Token], a: Mention, b: Mention, head_a: Token, head_b: Token) -> dict[str, float]:
    """What lies between two mentions of a sentence (in the document's `tokens`, their heads given as `head` reads
    them): distance, words, the dependency path and its top word."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = max(0, second.start - first.end)
    out: dict[str, float] = {
        "s_first": float(a.start < b.start),
        f"gap={bucket(gap)}": 1.0,
        "gap": min(gap, 40) / 40,
    }
    gap_tokens = tokens[first.end : second.start]
    between = [t for t in gap_tokens if not t.is_punct]
    if len(between) <= 12:
        out |= {f"btw={t.lemma_.lower()}": 1.0 for t in between if t.pos_ in ("VERB", "NOUN", "ADP", "AUX", "ADJ")}
    if not between:
        out["adjacent"] = 1.0
    if any(t.text == "," for t in gap_tokens) and len(between) <= 1:
        out["comma_pair"] = 1.0  # "Pueblo, Colorado", "Jane Roe, mayor of"
    for side, m in (("s", a), ("o", b)):
        before = tokens[m.start - 1] if m.start > 0 else None
        if before is not None and not before.is_punct:
            out[f"{side}prev={before.lower_}"] = 1.0
        after = tokens[m.end] if m.end < len(tokens) else None
        if after is not None:
            out[f"{side}next={after.lower_}"] = 1.0
    path, top = _path(head_a, head_b)
    if path is not None:
        out[f"path={path}"] = 1.0
        out[f"top={top.lemma_.lower()}"] = 1.0
        out[f"toppos={top.pos_}"] = 1.0
        out[f"sdep={head_a.dep_}"] = 1.0
        out[f"odep={head_b.dep_}"] = 1.0
    return out


def _path(a: Token, b: Token) -> tuple[str | None, Token]:
    """The dependency path from `a` up to the lowest common ancestor and down to `b`, as arc labels."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            m = index_b[token.i]
            if n + m > _MAX_PATH:
                return None, token
            left = [f"{t.dep_}^" for t in up_a[:n]]
            right = [f"{t.dep_}v" for t in reversed(up_b[:m])]
            return " ".join([*left, token.lemma_.lower(), *right]), token
    return None, a


def bucket(n: int) -> str:
    """A count as the name of its range: a distance in tokens, a rank."""
    for limit in (0, 3, 8, 15, 25):
        if n <= limit:
            return str(limit)
    return "far"
