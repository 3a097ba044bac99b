"""Reading the parse: the subject a verb inherits, its tense and date, passives and relative clauses. Pure
functions of the parsed tokens (a date also needs the document's publication date to resolve against)."""

from __future__ import annotations

import datetime

from spacy.tokens import Doc, Span, Token

from kg.dates import Tense, resolve_date


def entities(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, as `Span.ents` gives them. `Span.ents` builds every entity of the
    document on each call: per sentence, that made extraction grow as the square of the document's length."""
    found = (entity_at(span.doc, i) for i in range(span.start, span.end))
    return [ent for ent in found if ent is not None and ent.end <= span.end]


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that begins at token `i`, if one does (as `Doc.ents` reads the tokens' IOB tags)."""
    token = doc[i]
    if token.ent_iob_ != "B" or not token.ent_type:
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, i, end, label=token.ent_type, kb_id=token.ent_kb_id, span_id=token.ent_id)


def date_of(reference: datetime.date | None, span: Span, verb: Token | None = None) -> str | None:
    """The first DATE in `span` that resolves against the publication date ('Thursday', 'since 2013').

    With `verb`, a date in the verb's own clause; failing that, the sentence's date only when it has one
    ("the ordinance, adopted on May 2, violates a law enacted in 2017": enacted in 2017, not May 2)."""
    dates = [ent for ent in entities(span) if ent.label_ == "DATE"]
    if verb is not None:
        nested = {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
        own = [ent for ent in dates if ent.root.i in {t.i for t in verb.subtree} - nested]
        # failing that, a lone date of the sentence, unless it sits in the clause of another verb
        # ("the law, written by X, takes effect on January 1": not written on January 1)
        lone = dates if len(dates) == 1 and verb.i not in {t.i for t in dates[0].root.ancestors} else []
        dates = own or ([] if verb.dep_ in ("acl", "relcl") else lone)
    tense = _tense(verb) if verb is not None else None
    for ent in dates:
        value = resolve_date(ent.text, reference, tense=tense)
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
