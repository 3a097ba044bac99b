"""Statements and reports: who said what about which order, and which outlet reported it.

A statement is about the order in what is said (not in the speaker's own description), else an actor
spoken of, else, for a quotation that names nothing, the order the text mentions most. Calling an order
unlawful ("said the conditions were unconstitutional") is also opposing it; a statement or press release
speaks for its publisher about the order its title names, unless someone quoted in it does, and opposes
it when it calls it "erroneous" or the like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import ACTOR_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.frame import is_publisher
from kg.extract.syntax import date_of, is_passive, subject_of
from kg.facts import Fact
from kg.lexicon.offices import ROLES
from kg.lexicon.orders import ISSUE_VERBS, ORDER_ANAPHORS, ORDER_NOUNS
from kg.lexicon.statements import BREACH_VERBS, CONDEMNATION_WORDS, REPORT_VERBS, SPEECH_VERBS

_SPEAKERS = ACTOR_CLASSES - {"PoliticalParty"}
_SPEECH_COMPLEMENTS = {"ccomp", "parataxis", "xcomp", "oprd"}


def statements(ctx: Context) -> Iterator[Fact]:
    """said and reported facts."""
    quoted = list(_quoted(ctx))
    yield from quoted
    yield from _speakers_subject(ctx, {f.object for f in quoted if f.type == "said"})
    yield from _transcript_turns(ctx)
    yield from _according_to(ctx)


def _according_to(ctx: Context) -> Iterator[Fact]:
    """'According to the Yakima Herald-Republic, the county stopped holding people on detainers': the outlet reported
    what the clause is about, the order it names, else its subject."""
    for token in ctx.tokens:
        if token.lower_ != "according" or token.i + 2 >= len(ctx.doc) or ctx.doc[token.i + 1].lower_ != "to":
            continue
        outlet = ctx.first_after(token.i + 1, {"MediaOrganization"}, window=6)
        if outlet is None or is_publisher(ctx, ctx.entities[outlet].label):
            continue  # "according to a Ledger review" in the Ledger's own story is no report of another outlet
        sent = token.sent
        clause = sent.root
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        orders = ctx.keys_in(sent, ORDER_CLASSES)
        about = orders[0] if orders else ctx.head_key(subject, _SPEAKERS | JURISDICTION_CLASSES) if subject else None
        if about is not None and about != outlet:
            yield Fact("reported", outlet, about, ctx.evidence(sent), confidence=0.65)


# A speaker's label at the start of a transcript's paragraph: "MAYOR VALLETTA:", "COUNCIL PRESIDENT OKONJO (Ward 3):"
_SPEAKER_LABEL = re.compile(r"^([A-Z][A-Z.'\- ]{0,60}?)(?: \([^)\n]*\))?:[ \t]", re.M)


def _transcript_turns(ctx: Context) -> Iterator[Fact]:
    """In a transcript (three turns at least), each named speaker said what they spoke about: the order their
    turns name most, else the one the text is about. An interviewer, most of whose turns end in a question,
    says nothing."""
    doc = ctx.doc
    labels = list(_SPEAKER_LABEL.finditer(ctx.text))
    if len(labels) < 3:
        return
    spoken: dict[str, list[str]] = {}
    first: dict[str, Span] = {}
    questions: dict[str, list[bool]] = {}
    for label, after in zip(labels, [*labels[1:], None], strict=True):
        turn = doc.char_span(label.end(), after.start() if after else len(ctx.text), alignment_mode="contract")
        speaker = _labelled_speaker(ctx, label.group(1))
        if turn is None or speaker is None:
            continue
        asked = turn.text.rstrip().endswith("?")
        questions.setdefault(speaker, []).append(asked)
        if asked:
            continue
        first.setdefault(speaker, turn[0].sent)
        spoken.setdefault(speaker, []).extend(o for t in turn if ctx.is_a(o := ctx.key_of(t), ORDER_CLASSES))
    mentions = ctx.mention_counts()
    for speaker, orders in spoken.items():
        if sum(questions[speaker]) * 2 > len(questions[speaker]):
            continue  # the interviewer: "Remind listeners what the ordinance does" asks too
        if orders:  # the order their turns name most, then the one the whole text names most
            order = max(set(orders), key=lambda o: (orders.count(o), mentions[o], o))
        else:
            order = ctx.most_mentioned(ORDER_CLASSES)
        if order:
            yield Fact("said", speaker, order, ctx.evidence(first[speaker]), confidence=0.6)


def _labelled_speaker(ctx: Context, label: str) -> str | None:
    """The person a speaker label names by surname ("MAYOR VALLETTA"), when the text names them elsewhere."""
    words = [w for w in label.title().split() if w.lower() not in ROLES]
    if not words:
        return None
    surname = words[-1].lower()
    return next(
        (k for k, e in ctx.entities.items() if e.cls == "Person" and e.label.split()[-1].lower() == surname),
        None,
    )


def _quoted(ctx: Context) -> Iterator[Fact]:
    """What speech verbs attribute: 'X said ...', '"...," X said', 'X reported'."""
    for sent in ctx.sentences:
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in SPEECH_VERBS | REPORT_VERBS:
                continue
            issuing = lemma in ISSUE_VERBS
            if issuing and any(c.dep_ == "dobj" and ctx.is_a(ctx.key_of(c), ORDER_CLASSES) for c in verb.children):
                continue  # "wrote the resolution", "announced the policy": issuing, not saying
            if not _reports_speech(verb):
                continue  # "conditions that Congress never wrote", "the certification says exactly that"
            subject = subject_of(verb)
            if lemma in REPORT_VERBS and is_passive(verb):  # "was first reported by the Hartford Ledger"
                subject = next((p for a in verb.children if a.dep_ == "agent" for p in a.children), None)
            # a jurisdiction that argues in court has a stance, but only people and bodies "say"
            speaker = ctx.head_key(subject, _SPEAKERS | JURISDICTION_CLASSES) if subject is not None else None
            if speaker is None:
                continue
            about = _about(ctx, sent, verb, speaker)
            if about is None:
                continue
            reporting = lemma in REPORT_VERBS and ctx.cls_of(speaker) == "MediaOrganization"
            if ctx.is_a(speaker, _SPEAKERS):
                fact_type = "reported" if reporting else "said"
                yield Fact(fact_type, speaker, about, ctx.evidence(sent), confidence=0.7, quote=_quote(sent))
            condemned = None if reporting else _condemned(ctx, verb, about)
            if condemned and condemned != speaker:
                yield Fact(
                    "opposes",
                    speaker,
                    condemned,
                    ctx.evidence(sent),
                    confidence=0.65,
                    stance="oppose",
                    modality="actual",
                    date=date_of(ctx.reference, sent, verb),
                )


def _reports_speech(verb: Token) -> bool:
    """Whether a speech verb reports what was said: a clause ("said that ...", "told reporters it would"),
    a verdict ("called the decision a victory"), testimony, or a quotation in its sentence."""
    if verb.dep_ in ("ccomp", "parataxis") or verb.lemma_.lower() in ("report", "testify"):
        return True
    return any(c.dep_ in _SPEECH_COMPLEMENTS for c in verb.children) or _quote(verb.sent) is not None


def _speakers_subject(ctx: Context, spoken_of: set[str]) -> Iterator[Fact]:
    """A statement or press release speaks, as its publisher, about the kind of order its title names
    ("Statement on the ... Ruling"): the order of that kind the text mentions most, unless someone
    quoted in it already speaks of that order."""
    if ctx.frame.speaker is None or not ctx.info.title:
        return
    words = re.findall(r"[a-z]+", ctx.info.title.lower())
    kinds = {ORDER_NOUNS.get(w) or ORDER_NOUNS.get(w.removesuffix("s")) for w in words} - {None}
    orders = [k for k, _ in ctx.mention_counts().most_common() if ctx.cls_of(k) in kinds]
    if orders and orders[0] not in spoken_of:
        first = next(t for t in ctx.tokens if ctx.key_of(t) == orders[0])
        yield Fact("said", ctx.frame.speaker, orders[0], ctx.evidence(first.sent), confidence=0.6)
    for order in orders[:1]:
        # the statement's own words for it: "This San Francisco judge's erroneous ruling"
        condemned = next((t for t in ctx.tokens if ctx.key_of(t) == order and _called_unlawful(t)), None)
        if condemned is not None:
            yield Fact(
                "opposes",
                ctx.frame.speaker,
                order,
                ctx.evidence(condemned.sent),
                confidence=0.6,
                stance="oppose",
                modality="actual",
            )


def _called_unlawful(mention: Token) -> bool:
    return any(c.dep_ == "amod" and c.lemma_.lower() in CONDEMNATION_WORDS for c in mention.children)


def _condemned(ctx: Context, verb: Token, about: str) -> str | None:
    """The order a speaker calls unlawful: 'said the order was unconstitutional', 'conditions which
    the City argued were unlawful'; an order noun the text has not tied to an order yet ('"This order
    is illegal," said X about the executive order') is the one the statement is about."""
    if verb.lemma_.lower() == "call":  # "called the ordinance reckless"
        named = next((c for c in verb.children if c.dep_ == "dobj" and ctx.is_a(ctx.key_of(c), ORDER_CLASSES)), None)
        if named is not None and any(t.lemma_.lower() in CONDEMNATION_WORDS for t in verb.subtree):
            return ctx.key_of(named)
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if clause.lemma_.lower() in BREACH_VERBS:  # "said California's policies violate federal law"
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            key = ctx.head_key(subject, ORDER_CLASSES) if subject is not None else None
            if key:
                return key
        for word in clause.subtree:
            if word.lemma_.lower() not in CONDEMNATION_WORDS or word.dep_ not in ("acomp", "attr", "conj"):
                continue
            copula = word.head if word.dep_ != "conj" else word.head.head
            subject = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
                subject = verb.head  # the relative clause's noun
            key = ctx.head_key(subject, ORDER_CLASSES) if subject is not None else None
            if key:
                return key
            if subject is not None and _names_an_order(subject) and ctx.is_a(about, ORDER_CLASSES):
                return about
    return None


def _names_an_order(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in ORDER_ANAPHORS or any(noun.split()[-1] == lemma for noun in ORDER_NOUNS)


def _about(ctx: Context, sent: Span, verb: Token, speaker: str) -> str | None:
    """The order the statement is about: in the verb's clause, the clause it modifies, or the sentence."""
    if verb.dep_ == "relcl" and ctx.is_a(ctx.key_of(verb.head), ORDER_CLASSES):
        return ctx.key_of(verb.head)
    # what is said before who says it: "Reynolds, who signed the law, said the state would appeal the ruling"
    own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    for child in sorted(verb.children, key=lambda c: c.dep_ in ("nsubj", "nsubjpass")):
        key = ctx.subtree_key(child, ORDER_CLASSES)
        if key:
            return key
    orders = ctx.keys_in(sent, ORDER_CLASSES)
    if orders:
        return orders[0]
    # an actor the statement speaks of, not the speaker's own employer or party ("ICE Director X said ...");
    # what "As the Herald reported, ..." reports is the clause it modifies; news reports cover places as well
    clause = verb.head if verb.dep_ == "advcl" and verb.lemma_.lower() in REPORT_VERBS else verb
    said = {ctx.key_of(t) for c in clause.children if c.i not in own and c.i != verb.i for t in c.subtree}
    news = ctx.cls_of(speaker) == "MediaOrganization"
    spoken_of = ACTOR_CLASSES - {"PoliticalParty"} | (JURISDICTION_CLASSES if news else set())
    actors = [k for k in ctx.keys_in(sent, spoken_of) if k != speaker and k in said]
    if actors:
        return actors[0]
    # a quotation or a reported clause that names nothing ('"Our police should be solving crimes," said Costa',
    # 'Okafor said she would bring back a narrower version') is about the order the text is about
    reported = any(c.dep_ == "ccomp" for c in verb.children)
    if news and is_passive(verb):  # "The signing was first reported by the Ledger": the order just spoken of
        return ctx.last_before(sent.start, ORDER_CLASSES, window=200)
    return ctx.most_mentioned(ORDER_CLASSES) if _quote(sent) or reported else None


def _quote(sent: Span) -> str | None:
    text = sent.text
    for left, right in (("“", "”"), ('"', '"')):
        start = text.find(left)
        end = text.find(right, start + 1)
        if start >= 0 and end > start:
            return text[start + 1 : end]
    return None
