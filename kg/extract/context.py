"""The per-document state that extraction rules share: entities found so far and which tokens
mention them, with the helpers every rule needs (evidence, nearest order, resolution by class)."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.dates import Tense, resolve_date
from kg.facts import DocumentInfo, Entity, Evidence
from kg.vocab import SUBCLASSES

# Class families, from the ontology's class hierarchy.
JURISDICTION_CLASSES = set(SUBCLASSES["Jurisdiction"])
ACTOR_CLASSES = set(SUBCLASSES["Actor"])
ORDER_CLASSES = set(SUBCLASSES["Order"])
BODY_CLASSES = set(SUBCLASSES["Organization"])


def slug(text: str) -> str:
    """A lower-case key part: 'Miami-Dade County' -> 'miami-dade-county', 'José' -> 'jose'.

    Letters that do not fold to ASCII stay as they are ('Сергей Собянин' -> 'сергей-собянин'; IRIs percent-encode
    them): folding dropped them, and every name in another script became 'x', one person. A text with no letter or
    digit at all is keyed by a digest of it, for the same reason.
    """
    key = re.sub(r"-+", "-", "".join(map(_key_char, unicodedata.normalize("NFC", text).lower()))).strip("-")
    return key or "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _key_char(char: str) -> str:
    """A character of a key: its ASCII letters or digits without accents, else the letter, digit or mark itself
    (the marks of Indic and other scripts are part of their letters), else a dash."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if folded and folded.isascii():
        return folded if folded.isalnum() else "-"
    return char if unicodedata.category(char)[0] in "LMN" else "-"


@dataclass
class Context:
    """What extraction knows about one parsed document."""

    doc: Doc
    info: DocumentInfo
    reference: datetime.date | None
    entities: dict[str, Entity] = field(default_factory=dict)
    token_keys: dict[int, str] = field(default_factory=dict)
    # Office an entity holds, for role anaphora ("the mayor"): role -> person key.
    role_holders: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    document_court: str | None = None  # the court a court document comes from
    document_speaker: str | None = None  # the body whose statement or press release the document is
    document_memo: str | None = None  # the memorandum (or letter) a document is the text of
    document_outlet: str | None = None  # the outlet that published it, by its name lower-cased without "the"
    document_state: str | None = None  # the state whose office published it ("Commonwealth of Massachusetts, ...")
    dateline: Span | None = None  # "BOISE, Idaho —": not words of the text proper
    dateline_place: str | None = None  # the place it names
    memo_parties: dict[str, list[str]] = field(default_factory=dict)  # its header: "from" and "to" entities
    body_seats: dict[str, str] = field(default_factory=dict)  # "Ada County Board of Commissioners" -> Ada County
    defined_terms: dict[str, str] = field(default_factory=dict)  # 'the City of Chicago (the "City")
    jurisdiction_sets: set[str] = field(default_factory=set)  # "nine jurisdictions", "sanctuary cities"
    city_of_starts: list[int] = field(default_factory=list)  # offsets just after each "City of " in the text

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
        for i in range(start, end):
            self.token_keys.setdefault(i, key)

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
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        return Evidence(document=self.info.name, text=text, start=start, end=start + len(text))


def date_of(ctx: Context, span: Span, verb: Token | None = None) -> str | None:
    """The first DATE in `span` that resolves against the publication date ('Thursday', 'since 2013').

    With `verb`, a date in the verb's own clause; failing that, the sentence's date only when it has one
    ("the ordinance, adopted on May 2, violates a law enacted in 2017": enacted in 2017, not May 2)."""
    dates = [ent for ent in span.ents if ent.label_ == "DATE"]
    if verb is not None:
        nested = {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
        own = [ent for ent in dates if ent.root.i in {t.i for t in verb.subtree} - nested]
        # failing that, a lone date of the sentence, unless it sits in the clause of another verb
        # ("the law, written by X, takes effect on January 1": not written on January 1)
        lone = dates if len(dates) == 1 and verb.i not in {t.i for t in dates[0].root.ancestors} else []
        dates = own or ([] if verb.dep_ in ("acl", "relcl") else lone)
    tense = _tense(verb) if verb is not None else None
    for ent in dates:
        value = resolve_date(ent.text, ctx.reference, tense=tense)
        if value:
            return value
    return None


def _tense(verb: Token) -> Tense | None:
    """'signed', 'has signed': past; 'will sign': future; else None (the nearest date either way)."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "shall"}:
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxiliaries & {"has", "have", "had", "was", "were"}):
        return "past"
    return None


# Clauses under a verb whose dates are their own events, not the verb's.
_OTHER_CLAUSES = {"ccomp", "relcl", "acl", "advcl", "conj", "xcomp", "csubj"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb, inherited through 'to'-clauses and conjoined verbs."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which", "who"):
                return child
        if is_relative(current) or _raising_participle(current):
            # "Gregory Sands, a Republican who voted against it": the one the apposition describes
            return current.head.head if current.head.dep_ == "appos" else current.head
        if current.dep_ == "pcomp" and current.head.lower_ == "for":
            # "praised the county for complying": the one praised did it
            obj = next((c for c in current.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj", "attr"):
            current = current.head  # "filed a lawsuit challenging X": the filer challenges
            continue
        if current.dep_ in ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp") and current.head is not current:
            if current.dep_ == "xcomp":
                for child in current.head.children:
                    if child.dep_ == "dobj":
                        return child  # "instructing the director to comply": the director complies
            current = current.head
            continue
        return None
    return None


def _raising_participle(verb: Token) -> bool:
    """'jurisdictions found to have refused': the noun is the subject of the clause under the participle."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and any(c.dep_ == "xcomp" for c in verb.children)


def is_relative(verb: Token) -> bool:
    """A relative clause's verb ("jurisdictions that refuse"), also when the parser calls it acl."""
    return verb.dep_ == "relcl" or (
        verb.dep_ == "acl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") for c in verb.children)
    )


def is_passive(verb: Token) -> bool:
    """'was criticized by', 'is directed to': a verb with a passive auxiliary or subject."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs governing it ('vowed to challenge' -> [challenge, vowed])."""
    chain = [verb]
    current = verb
    while current.dep_ in ("xcomp", "advcl", "ccomp", "conj", "pcomp") and current.head is not current:
        current = current.head
        chain.append(current)
        if len(chain) > 4:
            break
    return chain
