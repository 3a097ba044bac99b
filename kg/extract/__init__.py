"""Extracted facts: from a parsed document to an `Extraction` of entities and facts.

    extract = propose_facts -> decide (the trained scorer, `kg.scoring`) -> extraction_of

`propose_facts` runs the stages in order over one mention table (`Context`):

1. the frame (`kg.extract.frame`): what the document is as a whole, read once and frozen;
2. the mentions (`kg.extract.mentions`), one module per entity class: names, then common nouns;
3. the fact families (`kg.extract.rules`), each a function of the table yielding `Fact`s, none combining
   another's; offices run first and also record the office holders they find as mentions ("the mayor" ...
   "Mayor Carlos Gimenez" is one person), which the others refer to;
4. the names the rules found to be one entity merged, and what the facts say together (`kg.extract.combine`).

Trigger words are in `kg.lexicon`, one module per family.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc

from kg import gazetteer
from kg.dates import parse_iso
from kg.extract.combine import combined
from kg.extract.context import Context
from kg.extract.frame import Frame, read_header, read_letter
from kg.extract.mentions.named import find_named, resolve_names
from kg.extract.mentions.nominal import find_nominal
from kg.extract.rules.funding import funding
from kg.extract.rules.offices import offices
from kg.extract.rules.orders import orders
from kg.extract.rules.places import places
from kg.extract.rules.stances import stances
from kg.extract.rules.statements import statements
from kg.facts import STANCE_STRENGTH, DocumentInfo, Entity, Extraction, Fact
from kg.vocab import SUBCLASSES

Rule = Callable[[Context], Iterable[Fact]]

# The rule families, in the order they run.
RULES: tuple[Rule, ...] = (offices, orders, stances, funding, statements, places)


def extract(doc: Doc, info: DocumentInfo) -> Extraction:
    """All entities and facts of one parsed document: the rules and the sentence pairings propose, the
    trained scorer decides (rules alone where no model is installed)."""
    from kg.scoring.decision import decide

    ctx, rule_facts = propose_facts(doc, info)
    facts, entities = decide(ctx, rule_facts)
    return extraction_of(ctx, facts, entities)


def mentions_of(doc: Doc, info: DocumentInfo) -> Context:
    """The frame and mention stages: a mention table of every entity the document mentions, and its frame."""
    ctx = Context(doc=doc, info=info, reference=parse_iso(info.date) if info.date else None, frame=Frame())
    ctx.frame = read_header(ctx)
    find_named(ctx)
    ctx.frame = read_letter(ctx)
    find_nominal(ctx)
    return ctx


def propose_facts(doc: Doc, info: DocumentInfo) -> tuple[Context, list[Fact]]:
    """The document's entities (in `Context`) and the facts the rule families propose, each naming its rule."""
    ctx = mentions_of(doc, info)
    facts: list[Fact] = []
    for rule in RULES:
        facts.extend(replace(f, source=rule.__name__) for f in rule(ctx))
    resolve_names(ctx)
    facts = combined(ctx, facts)
    return ctx, [f for f in facts if f.subject in ctx.entities and f.object in ctx.entities]


def extraction_of(ctx: Context, facts: Iterable[Fact], entities: dict[str, Entity] | None = None) -> Extraction:
    """The kept facts, one per (type, subject, object, status), and the entities they use (of `entities`,
    by default the rules' own)."""
    known = ctx.entities if entities is None else entities
    kept = _deduplicate(f for f in facts if f.subject in known and f.object in known)
    used = {k for f in kept for k in (f.subject, f.object, f.imposed_by) if k and k in known}
    used |= {known[k].within for k in used if known[k].within and known[k].within in known}
    places = frozenset(k for k in ctx.entities if k.startswith(_GAZETTEER_PLACES))
    unused = {k: e for k, e in known.items() if k not in used and e.cls in _DESCRIBED_CLASSES}
    return Extraction(document=ctx.info, entities={k: e for k, e in known.items() if k in used}, facts=kept,
                      places=places, unused=unused)


_GAZETTEER_PLACES = (gazetteer.STATE_PREFIX, gazetteer.COUNTY_PREFIX, gazetteer.CITY_PREFIX)
# What the text may later call by its kind only ("the Department", "the resolution").
_DESCRIBED_CLASSES = {"GovernmentBody", "Organization", "Court", *SUBCLASSES["Order"]}


def _deduplicate(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (type, subject, object, status): the first evidence, the strongest stance, a date if any."""
    kept: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.type, fact.subject, fact.object, fact.status)
        current = kept.get(key)
        if current is None:
            kept[key] = fact
            continue
        stronger, other = (
            (fact, current) if STANCE_STRENGTH[fact.stance] > STANCE_STRENGTH[current.stance] else (current, fact)
        )
        # "sued to block the law on Tuesday": the date may come with the weaker reading
        kept[key] = replace(stronger, date=stronger.date or other.date)
    return list(kept.values())
