"""The per-document mention table the extraction stages share: the entities found so far and which tokens
mention them, with the lookups every rule needs (evidence, nearest entity of a class, resolution by class).

The mention stage (`kg.extract.mentions`) fills it; the fact families read it, and add only the entities a
fact of theirs names for the first time (an office holder known by title, a ruling known by its verb). The
document's frame (`kg.extract.frame`) hangs on it, frozen."""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.facts import DocumentInfo, Entity, Evidence
from kg.text import slug
from kg.vocab import SUBCLASSES

if TYPE_CHECKING:  # the frame stage reads the mention table; the table only holds the frame
    from kg.extract.frame import Frame

# Class families, from the ontology's class hierarchy.
JURISDICTION_CLASSES = set(SUBCLASSES["Jurisdiction"])
ACTOR_CLASSES = set(SUBCLASSES["Actor"])
ORDER_CLASSES = set(SUBCLASSES["Order"])
BODY_CLASSES = set(SUBCLASSES["Organization"])


@dataclass
class Context:
    """What extraction knows about one parsed document."""

    doc: Doc
    info: DocumentInfo
    reference: datetime.date | None
    # What the document is as a whole (publisher, dateline, the memorandum it is): read by the mention stage
    frame: Frame
    entities: dict[str, Entity] = field(default_factory=dict)
    token_keys: dict[int, str] = field(default_factory=dict)
    # Office an entity holds, for role anaphora ("the mayor"): role -> person key.
    role_holders: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    body_seats: dict[str, str] = field(default_factory=dict)  # "Ada County Board of Commissioners" -> Ada County
    jurisdiction_sets: set[str] = field(default_factory=set)  # "nine jurisdictions", "sanctuary cities"
    # The tokens first marked as a state, in the order marked: the state named last is found without going back
    # over every mark (`kg.extract.mentions.places.state_hint`), in documents that name none too.
    state_marks: list[int] = field(default_factory=list)

    @functools.cached_property
    def text(self) -> str:
        """The document's text. `Doc.text` joins every token again on each call: read in a loop, it made
        extraction grow as the square of the document's length."""
        return self.doc.text

    @functools.cached_property
    def tokens(self) -> list[Token]:
        """The document's tokens, each made once: `Doc[i]` makes a new `Token` on every call."""
        return list(self.doc)

    @functools.cached_property
    def sentences(self) -> list[Span]:
        """The document's sentences, found once: `Doc.sents` reads every token again on each call."""
        return list(self.doc.sents)

    @functools.cached_property
    def word_counts(self) -> tuple[list[int], list[int]]:
        """Running counts of the words of two letters or more before each token, and of those in capitals: how
        many of either a run of tokens holds, in two lookups."""
        words, capitals = [0], [0]
        for token in self.tokens:
            word = token.is_alpha and len(token) > 1
            words.append(words[-1] + word)
            capitals.append(capitals[-1] + (word and token.is_upper))
        return words, capitals

    # -- entities -----------------------------------------------------------------------------

    def add(
        self,
        cls: str,
        label: str,
        key: str | None = None,
        *,
        aliases: tuple[str, ...] = (),
        identifiers: dict[str, str] | None = None,
    ) -> str:
        """Register an entity (or add aliases to an existing one) and return its key."""
        key = key or f"{cls.lower()}/{slug(label)}"
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key=key, cls=cls, label=label)
        entity.aliases.update(a for a in (label, *aliases) if a)
        if identifiers:
            entity.identifiers.update(identifiers)
        return key

    def local_key(self, cls: str, label: str) -> str:
        """A key scoped to this document, for things only this text identifies ("the memo")."""
        return f"{cls.lower()}/{self.info.content_hash[:8]}-{slug(label)}"

    def mark(self, start: int, end: int, key: str) -> None:
        """Record that tokens [start, end) mention entity `key`; an earlier, narrower mention wins."""
        state = self.cls_of(key) == "State"
        for i in range(start, end):
            if i not in self.token_keys:
                self.token_keys[i] = key
                if state:
                    self.state_marks.append(i)

    def merge(self, old: str, new: str) -> None:
        """Make `old` an alias of `new` (an office holder found to be a named person)."""
        if old == new or old not in self.entities:
            return
        merged, kept = self.entities.pop(old), self.entities[new]
        kept.aliases.update(merged.aliases)
        kept.date = kept.date or merged.date
        kept.requires = kept.requires or merged.requires
        for i, key in self.token_keys.items():
            if key == old:
                self.token_keys[i] = new
        for role, key in self.role_holders.items():
            if key == old:
                self.role_holders[role] = new
        self.redirects[old] = new

    def resolve(self, key: str | None) -> str | None:
        """Follow merges: the key an entity has now."""
        while key in self.redirects:
            key = self.redirects[key]
        return key

    def key_of(self, token: Token | None) -> str | None:
        return None if token is None else self.token_keys.get(token.i)

    def cls_of(self, key: str | None) -> str | None:
        return self.entities[key].cls if key in self.entities else None

    def is_a(self, key: str | None, classes: set[str]) -> bool:
        return self.cls_of(key) in classes

    def keys_in(self, span: Span, classes: set[str] | None = None) -> list[str]:
        """Entities mentioned in `span`, in text order, each once."""
        seen: list[str] = []
        for token in span:
            key = self.token_keys.get(token.i)
            if key and key not in seen and (classes is None or self.cls_of(key) in classes):
                seen.append(key)
        return seen

    def last_before(
        self, index: int, classes: set[str], *, window: int = 400, where: Callable[[str], bool] | None = None
    ) -> str | None:
        """The nearest entity of `classes` (and, if given, `where`) mentioned before token `index`
        (discourse antecedent)."""
        for i in range(index - 1, max(-1, index - window), -1):
            key = self.token_keys.get(i)
            if key and self.cls_of(key) in classes and (where is None or where(key)):
                return key
        return None

    def first_after(self, index: int, classes: set[str], *, window: int = 400) -> str | None:
        """The nearest entity of `classes` mentioned after token `index` (a referent named just later)."""
        for i in range(index + 1, min(len(self.doc), index + window)):
            key = self.token_keys.get(i)
            if key and self.cls_of(key) in classes:
                return key
        return None

    def mention_counts(self) -> Counter[str]:
        """How many separate mentions each entity has (a run of tokens marked with one key is one)."""
        return Counter(k for i, k in self.token_keys.items() if self.token_keys.get(i - 1) != k)

    def most_mentioned(self, classes: set[str]) -> str | None:
        """The entity of `classes` the text mentions most, if it mentions it twice at least (what a text is about)."""
        ranked = [(n, k) for k, n in self.mention_counts().most_common() if self.cls_of(k) in classes]
        return ranked[0][1] if ranked and ranked[0][0] >= 2 else None

    def subtree_key(self, token: Token, classes: set[str]) -> str | None:
        """The entity a syntactic argument refers to: its head token's, else the first inside it."""
        key = self.token_keys.get(token.i)
        if key and self.cls_of(key) in classes:
            return key
        for t in token.subtree:
            key = self.token_keys.get(t.i)
            if key and self.cls_of(key) in classes:
                return key
        return None

    def head_key(self, token: Token, classes: set[str]) -> str | None:
        """The entity a noun phrase names: its head's ("White House press secretary Sean Spicer" names
        Spicer), except that a person named in front of a head that names a body or place is the one
        meant (the parser makes "Security" the head of "the Secretary of Homeland Security"); else,
        when the head names nothing itself, the first entity inside the phrase."""
        own = self.token_keys.get(token.i)
        owners = {t.i for child in token.lefts if child.dep_ == "poss" for t in child.subtree}
        left = [self.token_keys.get(t.i) for t in token.doc[token.left_edge.i : token.i] if t.i not in owners]
        person = next((k for k in left if k and k != own and self.cls_of(k) == "Person"), None)
        if person and "Person" in classes and self.cls_of(own) != "Person":
            return person
        if own:
            return own if self.cls_of(own) in classes else None
        return self.subtree_key(token, classes)

    # -- evidence -----------------------------------------------------------------------------

    def evidence(self, sent: Span) -> Evidence:
        raw = self.text[sent.start_char : sent.end_char]  # Span.text joins the span's tokens anew on each call
        text = raw.strip()
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        return Evidence(document=self.info.name, text=text, start=start, end=start + len(text))
