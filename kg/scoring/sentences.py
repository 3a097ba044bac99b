"""One sentence of a document, read once for every pairing in it: its verbs and lemmas, the sums it names, the
funding status and the stance its words support, and the fact a pairing of two of its mentions would state."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Span

from kg.extract.context import Context
from kg.extract.syntax import date_of, entities
from kg.facts import Evidence, Fact
from kg.lexicon.funding import CONDITION_WORDS, FUNDING_NOUNS, FUNDING_VERBS, THREAT_WORDS
from kg.lexicon.offices import ROLE_WORDS
from kg.lexicon.orders import ISSUE_VERBS
from kg.lexicon.stances import STANCE_NOUNS, STANCE_VERBS

if TYPE_CHECKING:
    from kg.scoring.candidates import Mention


class Sentence:
    """One sentence's words, read once for every pairing in it."""

    def __init__(self, ctx: Context, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.tokens = ctx.tokens[sent.start : sent.end]
        self.lemmas = {t.lemma_.lower() for t in self.tokens if t.pos_ in ("VERB", "NOUN", "ADJ", "AUX")}
        self.verbs = {t.lemma_.lower() for t in self.tokens if t.pos_ == "VERB"}
        self.money = [e for e in entities(sent) if e.label_ == "MONEY"]
        self.negated = any(t.dep_ == "neg" for t in self.tokens)
        self.quoted = any(t.text in ('"', "\u201c", "\u201d") for t in self.tokens)
        self._type_features: dict[str, dict[str, float]] = {}

    @functools.cached_property
    def evidence(self) -> Evidence:
        return self.ctx.evidence(self.sent)  # Span.text joins its tokens: once per sentence, not per pairing

    @functools.cached_property
    def date(self) -> str | None:
        return date_of(self.ctx.reference, self.sent)

    def fact(
        self, fact_type: str, a: Mention, b: Mention, evidence: Evidence | None = None, status: str | None = None
    ) -> Fact:
        """The fact a pairing states, with the sentence's qualifiers (a funding `status` other than its first)."""
        evidence = self.evidence if evidence is None else evidence
        qualifiers: dict[str, str | None] = {}
        if fact_type == "issued":
            # the sentence's date is the order's only where the sentence speaks of issuing it ("sued over the
            # order on April 10" dates the suit)
            qualifiers["date"] = self.date if self.verbs & ISSUE_VERBS else None
        elif fact_type == "funds":
            qualifiers["status"] = status or self.funding_status
            qualifiers["amount"] = self.money[0].text if self.money else None
        elif fact_type == "opposes":
            qualifiers["stance"] = self.stance
        elif fact_type == "holds_office":
            qualifiers["role"] = title_before(self.ctx, a)
        return Fact(fact_type, a.key, b.key, evidence, confidence=0.5, source="pair", **qualifiers)  # type: ignore[arg-type]

    def readings(
        self, statuses: Counter[str], fact_type: str, a: Mention, b: Mention, evidence: Evidence | None = None
    ) -> Iterator[tuple[Fact, dict[str, float]]]:
        """The fact this pairing would state, with its sentence's features; for funding in a sentence about money,
        one reading per status the sentence or the document supports (what a sum's status is may be said
        sentences away: `statuses`, funding status -> sentences of the document whose words support it), each with what
        speaks for it."""
        features = self.type_features(fact_type)
        if fact_type != "funds" or not self.speaks_of_money:
            yield self.fact(fact_type, a, b, evidence), features
            return
        own = self.funding_statuses
        for status in sorted(own | set(statuses)):
            reading = {**features, f"status_doc={min(statuses.get(status, 0), 3)}": 1.0}
            if status in own:
                reading["status_sent"] = 1.0
            if status == self.funding_status:
                reading["status_first"] = 1.0
            yield self.fact(fact_type, a, b, evidence, status), reading

    @functools.cached_property
    def speaks_of_money(self) -> bool:
        """Whether the sentence names a sum, a grant or a funding act (only then is each status read)."""
        return bool(self.money or self.lemmas & FUNDING_NOUNS or self.verbs & FUNDING_VERBS.keys())

    @functools.cached_property
    def threat(self) -> bool:
        """Whether the sentence speaks of money to come ("will lose", "threatened to cut"); "May" the month is
        no modal."""
        return bool(self.lemmas & THREAT_WORDS) or any(
            t.lower_ in THREAT_WORDS and t.pos_ != "PROPN" for t in self.tokens
        )

    @functools.cached_property
    def verb_statuses(self) -> list[str]:
        """The statuses of the sentence's funding verbs, in text order."""
        verbs = (t.lemma_.lower() for t in self.tokens if t.pos_ == "VERB")
        return [FUNDING_VERBS[lemma] for lemma in verbs if lemma in FUNDING_VERBS]

    @functools.cached_property
    def funding_statuses(self) -> set[str]:
        """Every funding status the sentence's words support."""
        found = set(self.verb_statuses)
        if self.lemmas & CONDITION_WORDS:
            found.add("conditioned")
        if self.threat:
            found.add("threatened")
        return found or {"provided"}

    @functools.cached_property
    def funding_status(self) -> str:
        if self.lemmas & CONDITION_WORDS:
            return "conditioned"
        if self.threat:
            return "threatened"
        # the first funding verb in the text (a set's order would differ between runs)
        return self.verb_statuses[0] if self.verb_statuses else "provided"

    @functools.cached_property
    def stance(self) -> str:
        stances = {STANCE_VERBS.get(v) for v in self.verbs} | {STANCE_NOUNS.get(t.lemma_.lower()) for t in self.tokens}
        for stance in ("challenge", "refuse", "oppose"):
            if stance in stances:
                return stance
        return "oppose"

    def type_features(self, fact_type: str) -> dict[str, float]:
        """The sentence's features for a fact of this type, read once per type (not to be changed: shared)."""
        if fact_type not in self._type_features:
            self._type_features[fact_type] = self._read_type_features(fact_type)
        return self._type_features[fact_type]

    def _read_type_features(self, fact_type: str) -> dict[str, float]:
        out = {f"v={v}": 1.0 for v in self.verbs}
        if fact_type == "funds":
            out["money"] = float(bool(self.money))
            out |= {f"fund_noun={w}": 1.0 for w in self.lemmas & FUNDING_NOUNS}
        if fact_type in ("said", "reported"):
            out["quoted"] = float(self.quoted)
        if self.negated:
            out["negated"] = 1.0
        return out


def title_before(ctx: Context, m: Mention) -> str | None:
    """The office word just before a person's name ('Mayor', 'Police Chief')."""
    words = []
    for i in range(m.start - 1, max(-1, m.start - 4), -1):
        token = ctx.tokens[i]
        if token.lower_ not in ROLE_WORDS:
            break
        words.append(token.lower_)
    return " ".join(reversed(words)) or None
