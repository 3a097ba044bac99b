"""The titles a document gives each person, read once per document: what a reader takes a person's office from.

A title stands before a name ("MassDOT Secretary Paul Hanrahan", "State Superintendent of Education Carey
Lindqvist"), after it as an apposition ("Delila Fenn, Administrator, Montana Disaster and Emergency Services";
"Dolores Kittleson, a Republican from Neenah and co-chair of the Joint Committee"), or heads the list the name is
in ("Council Members Marcus Greenlee, Sandra Okafor-Hill, Kevin Dwyer"). The scorer is told whether a person's
titles name the body or place a candidate office is in; which of them hold the office it learns.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.context import Context
from kg.lexicon.offices import ROLE_WORDS

if TYPE_CHECKING:
    from kg.scoring.candidates import Mention

# Small words inside a title ("Secretary of the Interior", "Department of Health and Human Services").
_JOINING = {"of", "and", "the", "for", "on", "&"}
# What ends an apposition: the next clause or list item.
_APPOSITION_ENDS = {",", ";", ")", "(", ".", ":", "--", "\u2014"}
_MAX_BEFORE = 8  # words of a title before a name
_MAX_AFTER = 12  # words of an apposition after it
_LIST_LINKS = {"conj", "appos"}
# Words that say where an office sits or what kind of body it is, not which one: no match is made on them alone.
_GENERIC = {
    "of", "and", "the", "for", "on", "a", "an", "state", "states", "county", "city", "town", "united", "u.s.", "us",
    "federal", "national", "department", "office", "agency", "bureau", "division", "general", "public", "vice",
    "deputy", "assistant", "acting", "chief", "senior", "interim", "executive", "co", "new",
}


def person_titles(ctx: Context, runs: Iterable[Mention], people: set[str]) -> dict[str, set[str]]:
    """Per person key, the lower-case words of every title the document gives them."""
    tokens = ctx.tokens
    at: dict[int, Mention] = {}
    person_runs = [m for m in runs if m.key in people]
    for m in person_runs:
        for i in range(m.start, m.end):
            at[i] = m
    titles: dict[str, set[str]] = defaultdict(set)
    for m in person_runs:
        own = _before(tokens, m.start, at)
        titles[m.key] |= own | _after(tokens, m.end, at) | (set() if own else _list_title(ctx, m, at))
    return {key: words for key, words in titles.items() if words}


def _titled(token: Token) -> bool:
    return token.is_title or token.is_upper or token.lower_ in ROLE_WORDS


def _before(tokens: Sequence[Token], start: int, people: dict[int, Mention]) -> set[str]:
    words: list[Token] = []
    i = start - 1
    while i >= 0 and len(words) < _MAX_BEFORE:
        token = tokens[i]
        if i in people or token.is_punct and token.text not in ("-", "&") or token.is_space:
            break
        if not (_titled(token) or token.lower_ in _JOINING) or token.is_sent_end:
            break
        words.append(token)
        i -= 1
    while words and words[-1].lower_ in _JOINING:  # a leading "the"
        words.pop()
    return {t.lower_ for t in words}


def _after(tokens: Sequence[Token], end: int, people: dict[int, Mention]) -> set[str]:
    """The apposition after a name: one chunk between commas, and the next too where the first is a bare title
    ("Administrator, Montana Disaster and Emergency Services")."""
    if end >= len(tokens) or tokens[end].text != ",":
        return set()
    words: set[str] = set()
    i = end + 1
    for chunk in range(2):
        found: list[Token] = []
        while i < len(tokens) and len(found) < _MAX_AFTER:
            token = tokens[i]
            if token.text in _APPOSITION_ENDS or token.is_space or i in people or token.pos_ in ("VERB", "AUX"):
                break
            found.append(token)
            i += 1
        if not found or not (_titled(found[0]) or found[0].lower_ in ("a", "an", "the")):
            break
        words |= {t.lower_ for t in found}
        if chunk or len(found) > 3 or i >= len(tokens) or tokens[i].text != ",":
            break
        i += 1
    return words


def _list_title(ctx: Context, m: Mention, people: dict[int, Mention]) -> set[str]:
    """The title before the nearest earlier name of the list a name is in ("Council Members Rosa Vell, Omar
    Pike and Lena Hurst": Pike and Hurst are council members too)."""
    token = ctx.doc[m.start : m.end].root
    for _ in range(8):
        if token.dep_ not in _LIST_LINKS or token.head is token:
            break
        token = token.head
        listed = people.get(token.i)
        if listed is not None and listed.start != m.start:
            title = _before(ctx.tokens, listed.start, people)
            if title:
                return title
    return set()


def title_features(titles: set[str], labels: Iterable[str], object_class: str) -> dict[str, float]:
    """What a person's titles say of a body or place as the seat of their office."""
    out = {"title_known": 1.0}
    named = {w for label in labels for w in label.lower().replace("-", " ").split() if w not in _GENERIC}
    specific = {w for w in titles if w not in _GENERIC}
    if any(_same_stem(a, b) for a in specific for b in named):
        out["title_fits"] = 1.0
    if named and len(named & titles) * 2 >= len(named):
        out["title_names_object"] = 1.0
    for word in titles & ROLE_WORDS - _GENERIC:
        out[f"title_role={word}"] = 1.0
        out[f"title_role|oc={word}|{object_class}"] = 1.0
    return out


def _same_stem(a: str, b: str) -> bool:
    """Whether two words share a stem: "council"/"councilmember", "senator"/"senate", "supervisor"/"supervisors"."""
    common = len(os.path.commonprefix([a, b]))
    return common >= 5 and common >= 0.7 * min(len(a), len(b))
