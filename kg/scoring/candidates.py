"""Candidate facts: what the rules found, and every pairing the text makes possible, with the features a
trained scorer decides on.

The rules are precise but miss most of what the text says (recall about 0.35 on text nobody tuned them to).
Here they become one voice among several: every pair of entities mentioned in one sentence whose classes fit
a fact type is a candidate too, and so is every pairing the document as a whole suggests (a titled person and
the place the story is about, a speaker and the order the story is about). Nothing here decides: `kg.scoring`
keeps the candidates the model scores above its threshold.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from kg.extract.context import Context
from kg.extract.frame import is_publisher
from kg.facts import STANCE_STRENGTH, Entity, Fact
from kg.lexicon.orders import ORDER_ANAPHORS, ORDER_NOUNS
from kg.scoring.loose import loose_mentions
from kg.scoring.paths import bucket, head, pair_features
from kg.scoring.sentences import Sentence, title_before
from kg.scoring.titles import person_titles, title_features
from kg.text import slug
from kg.vocab import SUBCLASSES

_ACTORS = set(SUBCLASSES["Actor"])
_JURISDICTIONS = set(SUBCLASSES["Jurisdiction"])
_ORDERS = set(SUBCLASSES["Order"])
_BODIES = set(SUBCLASSES["Organization"])
_SPEAKERS = {"Person", *_BODIES}
_FAMILIES = (_JURISDICTIONS, _ORDERS, {"Person"}, _BODIES)  # entities ranked and rivalled within their family

# The classes a fact type's subject and object may have (data/gold/README.md's table).
SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "holds_office": ({"Person"}, _JURISDICTIONS | _BODIES),
    "member_of": ({"Person"}, _BODIES),
    "part_of": (_JURISDICTIONS, _JURISDICTIONS),
    "issued": (_ACTORS | _JURISDICTIONS, _ORDERS),
    "addressed_to": (_ORDERS, _ACTORS | _JURISDICTIONS),
    "applies_to": (_ORDERS, _JURISDICTIONS),
    "complies_with": (_ACTORS | _JURISDICTIONS, _ORDERS),
    "opposes": (_ACTORS | _JURISDICTIONS, _ORDERS),
    "funds": (_ACTORS | _JURISDICTIONS, _ACTORS | _JURISDICTIONS),
    "said": (_SPEAKERS, _ORDERS | _ACTORS),
    "reported": ({"MediaOrganization"}, _ORDERS | _ACTORS),
}

_OFFICE_TYPES = {"holds_office", "member_of"}  # facts a person's titles speak to
_WINDOW = 3  # sentences back from a sentence whose entities are paired with its own
_MAX_GAP = 40  # tokens between two mentions beyond which a sentence pairing is not proposed


@dataclass
class Candidate:
    """A proposed fact and the evidence for and against it, as named feature values."""

    fact: Fact
    features: dict[str, float] = field(default_factory=dict)

    @property
    def by_rule(self) -> bool:
        """Whether a rule proposed it (the fact held is then the rule's reading, with its qualifiers)."""
        return "rule" in self.features

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        return (self.fact.type, self.fact.subject, self.fact.object, self.fact.status)


@dataclass(frozen=True)
class Mention:
    """A run of tokens that mentions one entity."""

    key: str
    start: int  # token index
    end: int
    anaphor: bool = False  # "the order", "this law": a noun that refers back to an order named before


def mentions(ctx: Context) -> list[Mention]:
    """Every mention in text order: runs of tokens marked with one entity key."""
    runs: list[Mention] = []
    for i in sorted(ctx.token_keys):
        key = ctx.token_keys[i]
        if runs and runs[-1].key == key and runs[-1].end == i:
            runs[-1] = Mention(key, runs[-1].start, i + 1)
        else:
            runs.append(Mention(key, i, i + 1))
    return runs


@dataclass
class Proposal:
    """A document's candidate facts and every entity they may name (the rules' and the loose mentions')."""

    candidates: list[Candidate]
    entities: dict[str, Entity]


def propose(ctx: Context, rule_facts: Iterable[Fact]) -> Proposal:
    """The rules' facts and every sentence and document pairing, one candidate per (type, subject, object,
    status), with their features merged."""
    loose, marks = loose_mentions(ctx.doc, ctx.token_keys)
    loose = {k: e for k, e in loose.items() if k not in ctx.entities}
    # a view of the document with the loose mentions too; the rules' own context is left as it was
    view = replace(ctx, entities={**ctx.entities, **loose}, token_keys={**ctx.token_keys, **marks})
    runs = mentions(view)
    frame = _Frame.of(view, set(loose), runs)
    outlet = _publishing_outlet(view)
    found: dict[tuple, Candidate] = {}
    for fact in rule_facts:
        _add(found, Candidate(fact, {"rule": 1.0, f"rule={fact.source}": 1.0, "rule_conf": fact.confidence}))
    pairings: Counter[tuple] = Counter()  # how many times the text puts the two together
    for candidate in _sentence_pairs(view, frame):
        pairings[candidate.key] += 1
        _add(found, candidate)
    for key, n in pairings.items():
        found[key].features[f"pairings={_count_bucket(n)}"] = 1.0
    for candidate in _document_pairs(view, frame, runs, found):
        _add(found, candidate)
    for candidate in _outlet_reports(view, frame, outlet, runs):
        _add(found, candidate)
    for candidate in found.values():
        candidate.features.update(frame.features(candidate.fact))
        if candidate.by_rule:
            # what a feature says about a rule's proposal differs from what it says about a bare pairing:
            # a copy of each lets the model weigh the two apart
            candidate.features.update({f"R|{k}": v for k, v in candidate.features.items() if k != "rule"})
    _bundled(list(found.values()))
    return Proposal(list(found.values()), view.entities)


def _bundled(candidates: list[Candidate]) -> None:
    """What else is proposed of the same two entities, and how many of the rules' facts each names: facts come
    in bundles (whoever "vowed to fight" an order also spoke of it), and a busy entity is one the text is about."""
    pairs = [frozenset((c.fact.subject, c.fact.object)) for c in candidates]
    proposed: dict[frozenset[str], set[str]] = defaultdict(set)
    busy: Counter[str] = Counter()
    for c, pair in zip(candidates, pairs, strict=True):
        proposed[pair].add(("rule:" if c.by_rule else "pair:") + c.fact.type)
        if c.by_rule:
            busy.update((c.fact.subject, c.fact.object))
    # each pair's tags as (fact type, feature name), named once rather than per candidate
    also = {pair: [(tag.partition(":")[2], f"also={tag}") for tag in tags] for pair, tags in proposed.items()}
    for c, pair in zip(candidates, pairs, strict=True):
        for fact_type, name in also[pair]:
            if fact_type != c.fact.type:
                c.features[name] = 1.0
        c.features["s_rule_facts"] = min(busy[c.fact.subject], 10) / 10
        c.features["o_rule_facts"] = min(busy[c.fact.object], 10) / 10


def _add(found: dict[tuple, Candidate], candidate: Candidate) -> None:
    current = found.get(candidate.key)
    if current is None:
        found[candidate.key] = candidate
        return
    held_by_rule = current.by_rule  # before the features merge
    features = current.features
    for name, value in candidate.features.items():
        held = features.get(name, 0.0)
        features[name] = value if value > held else held  # max(held, value), without the call
    if candidate.by_rule and not held_by_rule:
        current.fact = candidate.fact  # a rule's reading keeps its qualifiers
    elif candidate.by_rule and STANCE_STRENGTH[candidate.fact.stance] > STANCE_STRENGTH[current.fact.stance]:
        # "banded together to fight the order" and "vowed to challenge" it: the stronger stance
        current.fact = replace(candidate.fact, date=candidate.fact.date or current.fact.date)
    elif current.fact.date is None and candidate.fact.date is not None:
        current.fact = replace(current.fact, date=candidate.fact.date)


@dataclass
class _Frame:
    """What the document as a whole says, read once: how often each entity is mentioned and its rank
    among entities of its class family, the dateline place, speaker and outlet."""

    ctx: Context
    counts: dict[str, int]
    ranks: dict[str, int]
    loose: set[str]
    sentences: list[Sentence]  # every sentence, read once for the frame and for the pairings
    statuses: Counter[str]  # funding status -> sentences whose words support it
    titles: dict[str, set[str]]  # person -> the words of every title the document gives them
    by_sentence: dict[int, list[Mention]]  # sentence index -> the mentions in it, in text order
    first: dict[str, int]  # entity -> the sentence it is first mentioned in
    in_title: set[str]  # the entities the document's title names
    heads: dict[Mention, Token] = field(default_factory=dict)  # read on first use: a mention is paired many times
    pair_features: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)  # likewise an entity pair

    def head(self, mention: Mention) -> Token:
        """The mention's syntactic head."""
        found = self.heads.get(mention)
        if found is None:
            found = self.heads[mention] = head(self.ctx.doc, mention.start, mention.end)
        return found

    def top(self, classes: set[str], rank: int = 1) -> str | None:
        """The entity of `classes` ranked `rank` by mentions."""
        return next((k for k, r in self.ranks.items() if r == rank and self.ctx.cls_of(k) in classes), None)

    @property
    def main_order(self) -> str | None:
        return self.top(_ORDERS)

    @classmethod
    def of(cls, ctx: Context, loose: set[str], runs: list[Mention]) -> _Frame:
        counts = ctx.mention_counts()
        ranks: dict[str, int] = {}
        for family in _FAMILIES:
            ranked = [k for k, _ in counts.most_common() if ctx.cls_of(k) in family]
            ranks.update({k: i + 1 for i, k in enumerate(ranked)})
        sentences = [Sentence(ctx, sent) for sent in ctx.sentences]
        statuses: Counter[str] = Counter()
        for sentence in sentences:
            if sentence.speaks_of_money:
                statuses.update(sentence.funding_statuses)
        people = {k for k in counts if ctx.cls_of(k) == "Person"}
        titles = person_titles(ctx, runs, people)
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        starts = [sentence.sent.start for sentence in sentences]
        index = 0
        for m in runs:
            while index + 1 < len(starts) and starts[index + 1] <= m.start:
                index += 1
            by_sentence[index].append(m)
        first: dict[str, int] = {}
        for n, found in by_sentence.items():  # in sentence order: filled as the runs were read
            for m in found:
                first.setdefault(m.key, n)
        in_title = _in_title(ctx, first)
        return cls(ctx, dict(counts), ranks, loose, sentences, statuses, titles, dict(by_sentence), first, in_title)

    def features(self, fact: Fact) -> dict[str, float]:
        """What the document says of the fact's two entities, then of the fact's qualifiers."""
        known = self.pair_features.get((fact.subject, fact.object))
        if known is None:
            known = self.pair_features[fact.subject, fact.object] = self._entity_features(fact.subject, fact.object)
        out = dict(known)
        if fact.status:
            out[f"status={fact.status}"] = 1.0
        if fact.stance:
            out[f"stance={fact.stance}"] = 1.0
        if fact.date:
            out["dated"] = 1.0
        if fact.type in _OFFICE_TYPES and fact.subject in self.titles:
            seat = self.ctx.entities[fact.object]
            out |= title_features(self.titles[fact.subject], (seat.label, *seat.aliases), seat.cls)
        return out

    def _entity_features(self, subject: str, obj: str) -> dict[str, float]:
        ctx = self.ctx
        out: dict[str, float] = {
            f"sc={ctx.cls_of(subject)}": 1.0,
            f"oc={ctx.cls_of(obj)}": 1.0,
            f"sc|oc={ctx.cls_of(subject)}|{ctx.cls_of(obj)}": 1.0,
            f"genre={ctx.frame.genre}": 1.0,
            f"srank={min(self.ranks.get(subject, 9), 4)}": 1.0,
            f"orank={min(self.ranks.get(obj, 9), 4)}": 1.0,
            "smentions": min(self.counts.get(subject, 0), 10) / 10,
            "omentions": min(self.counts.get(obj, 0), 10) / 10,
        }
        for side, key in (("s", subject), ("o", obj)):
            out[f"{side}first={_position_bucket(self.first.get(key))}"] = 1.0
            if key in self.in_title:
                out[f"{side}_title"] = 1.0
        if subject in self.loose:
            out["s_loose"] = 1.0
        if obj in self.loose:
            out["o_loose"] = 1.0
        if obj == ctx.frame.dateline_place:
            out["o_dateline"] = 1.0
        if subject == ctx.frame.dateline_place:
            out["s_dateline"] = 1.0
        if subject == ctx.frame.speaker:
            out["s_doc_speaker"] = 1.0
        if ctx.frame.memo in (subject, obj):
            out["doc_memo"] = 1.0
        if ctx.entities[subject].identifiers or ctx.entities[obj].identifiers:
            out["gazetteer"] = 1.0
        return out


def _in_title(ctx: Context, keys: Iterable[str]) -> set[str]:
    """The entities whose name or an alias of it the document's title contains: what the document is about."""
    title = f" {' '.join(re.findall(r'[a-z0-9]+', (ctx.info.title or '').lower()))} "
    found = set()
    for key in keys:
        entity = ctx.entities[key]
        for name in (entity.label, *entity.aliases):
            words = " ".join(re.findall(r"[a-z0-9]+", name.lower()))
            if len(words) > 3 and f" {words} " in title:
                found.add(key)
                break
    return found


def _position_bucket(sentence: int | None) -> str:
    """Where in the document an entity is first mentioned, by sentence: its opening, its first paragraphs, later."""
    if sentence is None:
        return "none"
    return "0" if sentence == 0 else "1-2" if sentence <= 2 else "3-9" if sentence <= 9 else "10+"


@functools.cache
def _types_of(subject_cls: str | None, object_cls: str | None) -> tuple[str, ...]:
    """The fact types whose signature a subject and an object of these classes fit."""
    return tuple(t for t in SIGNATURES if _fits(t, subject_cls, object_cls))


def _fits(fact_type: str, subject_cls: str | None, object_cls: str | None) -> bool:
    subjects, objects = SIGNATURES[fact_type]
    return subject_cls in subjects and object_cls in objects


def _sentence_pairs(ctx: Context, frame: _Frame) -> Iterator[Candidate]:
    """Every ordered pair of different entities mentioned within one sentence whose classes fit a type,
    counting a bare order noun ("the order", "this law") as a mention of the order it refers back to."""
    sentences = frame.sentences
    recent: deque[tuple[int, list[Mention]]] = deque(maxlen=_WINDOW)
    for n, sentence in enumerate(sentences):
        found = frame.by_sentence.get(n, [])
        if not any(ctx.cls_of(m.key) in _ORDERS for m in found):
            found = found + list(_order_anaphors(ctx, sentence.tokens, frame))
        if found:
            for m, earlier in recent:
                if earlier:
                    yield from _across(ctx, frame, sentences[m].sent, sentence, earlier, found, n - m)
        recent.append((n, found))
        if len(found) < 2:
            continue
        for a in found:
            for b in found:
                if a.key == b.key or abs(a.start - b.start) > _MAX_GAP:
                    continue
                types = _types_of(ctx.cls_of(a.key), ctx.cls_of(b.key))
                if not types:
                    continue
                shared = pair_features(ctx.tokens, a, b, frame.head(a), frame.head(b))
                if a.anaphor or b.anaphor:
                    shared["anaphor"] = 1.0
                # another mention of the same family nearer the other side: the reader would pair that one
                for side, here, there in (("s", a, b), ("o", b, a)):
                    if not _nearer(ctx, found, there, here):
                        shared[f"{side}_nearest"] = 1.0
                for fact_type in types:
                    for fact, features in sentence.readings(frame.statuses, fact_type, a, b):
                        yield Candidate(fact, {"pair": 1.0, **shared, **features})


def _across(
    ctx: Context,
    frame: _Frame,
    before: Span,
    sentence: Sentence,
    first: list[Mention],
    second: list[Mention],
    distance: int,
) -> Iterator[Candidate]:
    """Pairs of an entity of one sentence and an entity of one of the few before it ("The council met Monday.
    It voted to sue the state."): what a reader joins across sentence breaks."""
    evidence = ctx.evidence(ctx.doc[before.start : sentence.sent.end])
    opener = sentence.sent[0].lower_ in _CONTINUING
    deps = {m: frame.head(m).dep_ for m in (*first, *second)}
    for a_list, b_list, direction in ((first, second, "fwd"), (second, first, "back")):
        subjects = {m.key: m for m in a_list}.values()
        objects = {m.key: m for m in b_list}.values()
        # one side's sentence names no other entity of the other side's family (no nearer rival)
        subject_alone = {a.key: not _has_family(ctx, b_list, a.key) for a in subjects}
        object_alone = {b.key: not _has_family(ctx, a_list, b.key) for b in objects}
        for a in subjects:
            for b in objects:
                if a.key == b.key:
                    continue
                types = _types_of(ctx.cls_of(a.key), ctx.cls_of(b.key))
                if not types:
                    continue
                shared = {
                    "xsent": 1.0,
                    f"xsent={direction}": 1.0,
                    f"xsent_d={distance}": 1.0,
                    f"xsdep={deps[a]}": 1.0,
                    f"xodep={deps[b]}": 1.0,
                }
                if opener:
                    shared["xsent_opener"] = 1.0
                if subject_alone[a.key]:
                    shared["xs_alone"] = 1.0
                if object_alone[b.key]:
                    shared["xo_alone"] = 1.0
                for fact_type in types:
                    for fact, reading in sentence.readings(frame.statuses, fact_type, a, b, evidence):
                        yield Candidate(fact, {**shared, **reading})


# Words that open a sentence continuing the last one's subject ("It", "They", "The city").
_CONTINUING = {"it", "they", "he", "she", "the", "this", "that", "its", "their", "his", "her"}


_DEFINITE = {"the", "this", "that", "its", "their", "his", "her", "these", "those"}


def _order_anaphors(ctx: Context, sent: list[Token], frame: _Frame) -> Iterator[Mention]:
    """Definite order nouns of a sentence (its tokens) that names no order, each as a mention of the order last
    named (within a few paragraphs), else of the order the document is most about."""
    for token in sent:
        # one-word order nouns, read as the stage runs (a domain's triggers may add to them)
        ordered = token.lemma_.lower() in ORDER_ANAPHORS or token.lemma_.lower() in ORDER_NOUNS
        if token.pos_ != "NOUN" or not ordered or token.i in ctx.token_keys:
            continue
        if not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children):
            continue
        key = ctx.last_before(token.i, _ORDERS, window=300) or frame.main_order
        if key:
            yield Mention(key, token.i, token.i + 1, anaphor=True)


@functools.cache
def _family(cls: str | None) -> frozenset[str]:
    return frozenset(next((f for f in _FAMILIES if cls in f), {cls} if cls else set()))


def _nearer(ctx: Context, found: list[Mention], anchor: Mention, other: Mention) -> bool:
    """Whether a mention of `other`'s class family, of another entity, lies nearer to `anchor` than `other`."""
    family = _family(ctx.cls_of(other.key))
    distance = abs(other.start - anchor.start)
    return any(
        m.key not in (anchor.key, other.key) and ctx.cls_of(m.key) in family and abs(m.start - anchor.start) < distance
        for m in found
    )


def _has_family(ctx: Context, found: list[Mention], key: str) -> bool:
    """Whether `found` mentions an entity other than `key` of `key`'s class family."""
    family = _family(ctx.cls_of(key))
    return any(m.key != key and ctx.cls_of(m.key) in family for m in found)


def _listed_subject(token: Token) -> Token:
    """The word heading the list a name is in ("The Secretary of Defense, the Attorney General, and the Secretary
    of Homeland Security shall ..."): up through conjuncts and appositions, else the name's own head word."""
    found = token
    for _ in range(6):
        if found.dep_ not in _LIST_LINKS or found.head is found:
            break
        found = found.head
    return found if found.dep_ in ("nsubj", "nsubjpass") else token


_LIST_LINKS = {"conj", "appos", "nmod", "compound"}  # how the small model attaches the later names of a list


def _count_bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-4" if n <= 4 else "5+"


def _document_pairs(
    ctx: Context, frame: _Frame, runs: list[Mention], found: dict[tuple, Candidate]
) -> Iterator[Candidate]:
    """Pairings the document as a whole suggests, for facts whose second half the sentence leaves implicit:
    an office holder and the place the story is about; a speaker and the order the story is about; the
    officials an order tells what they "shall" do; the places the main order is about; the body whose
    document it is and that order."""
    main_place = frame.top(_JURISDICTIONS)
    main_order = frame.main_order
    for m in runs:
        cls = ctx.cls_of(m.key)
        if cls == "Person":
            role = title_before(ctx, m)
            if role and main_place and main_place != m.key:
                evidence = ctx.evidence(ctx.doc[m.start].sent)
                fact = Fact("holds_office", m.key, main_place, evidence, confidence=0.4, source="frame", role=role)
                yield Candidate(fact, {"frame": 1.0, f"frame_role={role.split()[-1]}": 1.0})
        if cls in _ACTORS or cls in _JURISDICTIONS:
            head = ctx.doc[m.start : m.end].root
            subject = _listed_subject(head)
            verb = subject.head
            if subject.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ in _DIRECTIVE_AUX for c in verb.children):
                order = ctx.last_before(m.start, _ORDERS, window=300) or main_order
                if order:
                    evidence = ctx.evidence(head.sent)
                    fact = Fact("addressed_to", order, m.key, evidence, confidence=0.4, source="frame")
                    features = {"frame": 1.0, "frame_shall": 1.0, f"v={verb.lemma_.lower()}": 1.0}
                    if subject is not head:
                        features["frame_shall_listed"] = 1.0
                    yield Candidate(fact, features)
    if not main_order:
        return
    evidence = ctx.evidence(next(iter(ctx.doc.sents)))
    for rank in (1, 2, 3):
        place = frame.top(_JURISDICTIONS, rank)
        if place:
            fact = Fact("applies_to", main_order, place, evidence, confidence=0.4, source="frame")
            yield Candidate(fact, {"frame": 1.0, f"frame_place_rank={rank}": 1.0})
    evidence_of = functools.lru_cache(maxsize=None)(ctx.evidence)  # one per sentence (spans hash by position)
    first_sentence = {}
    for m in runs:
        if m.key not in first_sentence:
            first_sentence[m.key] = ctx.doc[m.start].sent
    for key, sent in first_sentence.items():
        rank = frame.ranks.get(key, 99)
        if key == main_order or rank > _DOCUMENT_RANKS:
            continue
        for fact_type in SIGNATURES:
            for subject, obj in ((key, main_order), (main_order, key)):
                if _fits(fact_type, ctx.cls_of(subject), ctx.cls_of(obj)):
                    fact = Fact(fact_type, subject, obj, evidence_of(sent), confidence=0.3, source="frame")
                    yield Candidate(fact, {"frame": 1.0, "doc_pair": 1.0, f"doc_rank={bucket(rank)}": 1.0})
    if ctx.frame.speaker and ctx.frame.speaker in ctx.entities:
        fact = Fact("issued", ctx.frame.speaker, main_order, evidence, confidence=0.4, source="frame")
        yield Candidate(fact, {"frame": 1.0, "frame_issuer": 1.0})
    speakers = {c.fact.subject: c.fact for c in found.values() if c.fact.type == "said" and c.by_rule}
    for speaker, said in speakers.items():
        if speaker != main_order:
            yield Candidate(
                replace(said, object=main_order, source="frame", confidence=0.4), {"frame": 1.0, "frame_said": 1.0}
            )


def _publishing_outlet(view: Context) -> str | None:
    """The outlet that published the document (the header's publisher, where it is an outlet) as an entity of the
    candidates: the one the text names, else one named as the header does."""
    if view.frame.outlet is None:
        return None
    named = (k for k, e in view.entities.items() if e.cls == "MediaOrganization" and is_publisher(view, e.label))
    found = next(named, None)
    if found is not None:
        return found
    name = (view.info.publisher or "").split("(")[0].strip()
    key = f"mediaorganization/{slug(view.frame.outlet)}"  # the frame's name, without "the": as the text's is keyed
    return key if key in view.entities else view.add("MediaOrganization", name, key)


def _outlet_reports(view: Context, frame: _Frame, outlet: str | None, runs: list[Mention]) -> Iterator[Candidate]:
    """A news story reports what it is about: its outlet and the orders it names most; and its reporters, named in
    a byline ("By Ada Voss" at the top) or a sign-off ("Ada Voss covers the county for the Sentinel."), work there."""
    if outlet is None:
        return
    doc = view.doc
    evidence = view.evidence(next(iter(doc.sents)))
    for rank in (1, 2):
        order = frame.top(_ORDERS, rank)
        if order is not None:
            fact = Fact("reported", outlet, order, evidence, confidence=0.3, source="frame")
            yield Candidate(fact, {"frame": 1.0, f"frame_outlet={rank}": 1.0})
    for m in runs:
        if view.cls_of(m.key) != "Person":
            continue
        line_start = m.start < 2 or (doc[m.start - 2].is_space and "\n" in doc[m.start - 2].text)
        if m.start < 60 and m.start > 0 and doc[m.start - 1].lower_ == "by" and line_start:
            signed = "frame_byline"
        elif m.start > len(doc) - 60 and (root := doc[m.start : m.end].root).dep_ == "nsubj" and (
            root.head.lemma_ in _REPORTING_VERBS
        ):
            signed = "frame_signoff"
        else:
            continue
        fact = Fact("holds_office", m.key, outlet, view.evidence(doc[m.start].sent), confidence=0.3, source="frame")
        yield Candidate(fact, {"frame": 1.0, signed: 1.0})


# What a reporter's sign-off says they do ("covers the county for", "reported from", "contributed to this report").
_REPORTING_VERBS = {"cover", "report", "write", "contribute"}


# Entities paired with the document's main order whatever sentence they are in: all but the least mentioned
# of each class family (the rank is a feature).
_DOCUMENT_RANKS = 25

# Auxiliaries by which an order directs someone ("The Secretary shall ...", "Each agency must ...").
_DIRECTIVE_AUX = {"shall", "must"}
