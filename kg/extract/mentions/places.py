"""Places and sets of jurisdictions: a name typed by the gazetteer ("Lancaster, Pa.", "the state of
Washington", "New York Attorney General" names the state), definite references ("the county", "the City")
to the place named before or the dateline's, counties named together ("Avery and Caldwell counties"), a city of the
story's state that NER took for a body ("Kalispell"), and jurisdictions picked out by description ("sanctuary
cities", "counties that refuse to comply")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract.context import JURISDICTION_CLASSES, Context
from kg.extract.mentions.names import clean_label
from kg.extract.syntax import entity_at
from kg.facts import FEDERAL_GOVERNMENT
from kg.lexicon.names import JURISDICTION_NOUNS, SANCTUARY_MODIFIERS
from kg.lexicon.offices import ROLES

# First words of offices a state has ("Washington Governor", "Washington Attorney General").
_STATE_TITLE_WORDS = {"governor", "gov.", "attorney", "secretary", "lieutenant", "treasurer", "senator", "sen."}
_DIRECTIONS = {"south", "north", "east", "west", "southern", "northern", "eastern", "western", "central"}


def seat_of_a_title(span: Span) -> bool:
    """'State Rep. X', 'County Commissioner Y': a class word before a title says where the office is; it names no
    place or body of its own."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span.text.lower() in ("state", "county", "city") and after is not None and after.lower_ in ROLES


PLACE_BY_CLASS_WORD = re.compile(r"^(?:City|Town|Village|County|City and County) of [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*$")


def place_named(ctx: Context, span: Span) -> str | None:
    text = span.text
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 2) : span.start])
    state_title = (
        after is not None and (after.lower_ in _STATE_TITLE_WORDS or after.lower_ in ("state", "legislature"))
    ) or (
        before in ("state of", "commonwealth of")  # "the state of Washington"
        or _place_noun_in(before)  # "the largest city in Washington"
    )
    state = gazetteer.state_named(text) if _names_the_state_of_a_place(span) else None
    if state is not None and state.key != "state/us-dc":
        return place_key(ctx, state, text)  # "Sunnyside, Washington", "Danbury, Conn."
    if text.lower() in ("washington", "washington, d.c.", "washington d.c.", "d.c.") and not state_title:
        # In US political writing a bare "Washington" is the federal government, not the state
        # (unless a state office follows: "Washington Attorney General").
        return ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT, aliases=(text,))
    words = text.split()
    if len(words) > 1 and words[0].lower() in _DIRECTIONS | {"new"} and not gazetteer.lookup(text):
        text = " ".join(words[1:])  # "South Florida" is a region of Florida; a headline's "New Forsyth sheriff"
    places = gazetteer.lookup(text)
    if state_title:  # "New York Attorney General": the state, not the city
        places = [p for p in places if p.cls == "State"] or places
    elif (after is not None and after.lower_ == "city") or _called_city_of(ctx, text):
        # "Providence City Hall", or a text that says "City of Providence": the city, not its county
        places = [p for p in places if p.cls == "City"] or places
    state = _state_named_after(span)
    if state is not None and (of_state := gazetteer.lookup(text, state=state.key)):
        # "Lancaster, Pa.": the place of that state, and a city unless a class word says otherwise
        places = [p for p in of_state if p.cls == "City"] or of_state
    hint = state_hint(ctx)
    if len(places) > 1 and hint:
        narrowed = gazetteer.lookup(text, state=hint)
        if narrowed and narrowed[0].cls == places[0].cls:
            places = narrowed
    # the place the dateline names is the one meant by its bare name ("PROVIDENCE, R.I." then "Providence")
    place = next((p for p in places if p.key == ctx.frame.dateline_place), places[0] if places else None)
    if place is not None:
        return place_key(ctx, place, text)
    return ctx.add("Jurisdiction", text, aliases=(text,))


# Plural class words after counties named together, and the class word of each one's name.
_COUNTY_PLURALS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}


def counties_named_together(ctx: Context) -> None:
    """'Avery and Caldwell counties', 'Burke, McDowell and Avery counties', 'Lafourche and Terrebonne parishes':
    each name before the plural is a county of the state the story is in (NER reads the names as bodies)."""
    doc = ctx.doc
    for plural in doc:
        word = _COUNTY_PLURALS.get(plural.lower_)
        state = state_hint(ctx) if word and plural.i > 2 else None
        if state is None:
            continue
        names = _names_listed_before(doc, plural.i)
        counties = [(name, _county_of(name.text, word, state)) for name in names]
        if len(names) > 1 and all(place is not None for _, place in counties):
            for name, place in counties:
                ctx.mark(name.start, name.end, place_key(ctx, place, name.text))


def _names_listed_before(doc: Doc, end: int, first: int = 0) -> list[Span]:
    """The proper names listed before doc[end] (from doc[first] on), separated by commas and 'and' / 'or' ('A, B
    and C'), each of at most three words."""
    names: list[Span] = []
    i = end
    while True:
        start = i
        while start > first and _name_word(doc[start - 1]) and i - start < 3:
            start -= 1
        if start == i:
            return names
        names.insert(0, doc[start:i])
        i = start
        if i > 1 and doc[i - 1].lower_ in ("and", "or") and doc[i - 2].text == ",":
            i -= 2
        elif i > 0 and doc[i - 1].lower_ in (",", "and", "or"):
            i -= 1
        else:
            return names


def _name_word(token: Token) -> bool:
    """A capitalised word that can be part of a place's name ("McDowell", "Terrebonne"; not a sentence's "The")."""
    return token.is_alpha and token.text[0].isupper() and token.lower_ not in ("the", "in", "of", "for", "from")


def _county_of(name: str, word: str, state: str) -> gazetteer.Place | None:
    return next((p for p in gazetteer.lookup(f"{name} {word}", state=state) if p.cls == "County"), None)


def cities_of_the_story(ctx: Context, span: Span) -> bool:
    """Mark the bare names NER took for a body ("officials in Kalispell", "Kalispell and Bozeman") when each is a
    city of the state the story is in: the ruler only tags cities big enough to be named bare."""
    names = _names_listed_before(span.doc, span.end, span.start)
    if not names or names[0].start != span.start or not any(p.cls == "City" for p in gazetteer.lookup(names[0].text)):
        return False  # read before the state: finding it scans back over the text, once per body NER names
    state = state_hint(ctx)
    if state is None:
        return False
    cities = [(name, _city_of(name.text, state)) for name in names]
    if not all(city is not None for _, city in cities):
        return False
    for name, city in cities:
        ctx.mark(name.start, name.end, place_key(ctx, city, name.text))
    return True


def _city_of(name: str, state: str) -> gazetteer.Place | None:
    city = next((p for p in gazetteer.lookup(name, state=state) if p.cls == "City"), None)
    return city if city is not None and gazetteer.normalize(city.name) == gazetteer.normalize(name) else None


def _names_the_state_of_a_place(span: Span) -> bool:
    """Whether the span follows "<place>," ("Danbury, Conn.")."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ == "GPE"


def _state_named_after(span: Span) -> gazetteer.Place | None:
    """The state in ", <state>" right after the span, if any."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ == "GPE":
        following = entity_at(doc, span.end + 1)  # not one running on from before
        return gazetteer.state_named(following.text) if following is not None else None
    return None


def _called_city_of(ctx: Context, name: str) -> bool:
    """Whether the text says "City of <name>" anywhere."""
    named = re.compile(rf"{re.escape(name)}\b")
    return any(named.match(ctx.text, start) for start in ctx.frame.city_of_starts)


def place_key(ctx: Context, place: gazetteer.Place, surface: str) -> str:
    key = ctx.add(
        place.cls, place.name, place.key, aliases=(surface, *sorted(place.aliases)), identifiers=dict(place.identifiers)
    )
    return key


def state_hint(ctx: Context) -> str | None:
    """The state most recently named, else the dateline's ("SEATTLE — ..."), else the one the text names most,
    to choose between same-named places."""
    for i in reversed(ctx.state_marks):  # newest first; a state's mark a rule overwrote ("Ohio Board of ...") is none
        if ctx.cls_of(key := ctx.token_keys.get(i)) == "State":
            return key
    return _dateline_state(ctx) or ctx.frame.story_state


def _dateline_state(ctx: Context) -> str | None:
    place = ctx.frame.dateline_place
    state = place if ctx.cls_of(place) == "State" else gazetteer.get(place).part_of if place else None
    found = gazetteer.get(state) if state else None
    return place_key(ctx, found, found.name) if found else None


_PLACE_NOUNS = {"city", "cities", "county", "counties", "town", "towns", "capital"}


def _place_noun_in(words: str) -> bool:
    """'city in', 'counties in': the words before a place that only a state can follow."""
    noun, _, preposition = words.partition(" ")
    return preposition == "in" and noun in _PLACE_NOUNS


def jurisdiction_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'sanctuary cities', 'local jurisdictions', 'the county' -> a set of jurisdictions or an antecedent."""
    modifiers = {t.lemma_.lower() for t in chunk if t.i != head.i}
    conj_words = {t.lemma_.lower() for t in head.conjuncts}
    determiner = chunk[0].lower_
    plural = head.tag_ in ("NNS", "NNPS")
    if modifiers & SANCTUARY_MODIFIERS or any(t.lower_ == "sanctuary" for t in head.lefts):
        key = ctx.add(
            "Jurisdiction",
            "sanctuary jurisdictions",
            "jurisdiction/sanctuary-jurisdictions",
            aliases=(clean_label(chunk.text),),
        )
        ctx.jurisdiction_sets.add(key)
        ctx.mark(chunk.start, chunk.end, key)
        return
    if not plural and determiner in ("the", "this", "that") and head.lemma_.lower() in ("county", "city", "state"):
        antecedent = place_antecedent(ctx, head, head.lemma_.capitalize())
        if antecedent:
            ctx.mark(chunk.start, chunk.end, antecedent)
        return
    if plural and (modifiers - {"the"} or conj_words or determiner in ("these", "those")):
        if determiner in ("these", "those", "the", "such"):
            # "the recipient jurisdictions" after "nine jurisdictions": the same set
            antecedent = _last_set(ctx, chunk.start)
            if antecedent:
                ctx.mark(chunk.start, chunk.end, antecedent)
                return
        label = clean_label(chunk.text)
        if head.lemma_.lower() == "government" and not (modifiers & {"state", "local"}):
            return
        key = ctx.add("Jurisdiction", label, ctx.local_key("Jurisdiction", label))
        ctx.jurisdiction_sets.add(key)
        ctx.mark(chunk.start, chunk.end, key)


def definite_places(ctx: Context) -> None:
    """'the county', 'the state's', 'the City' refer back to the last county, state or city named,
    or to the one the text defined the term for ('the City of Chicago (the "City")')."""
    for token in ctx.tokens:
        cls = token.lemma_.capitalize()
        if (
            token.i in ctx.token_keys
            or cls not in ("County", "City", "State")
            or token.tag_ != "NN"
            and not (token.tag_ == "NNP" and token.lower_ in ("city", "county", "state"))
        ):
            continue
        if any(child.lower_ in ("the", "this", "that") for child in token.children):
            antecedent = place_antecedent(ctx, token, cls)
            if antecedent:
                ctx.mark(token.i, token.i + 1, antecedent)


def place_antecedent(ctx: Context, token: Token, cls: str) -> str | None:
    """What 'the City' means: the place the text defined the term for, else the last one of its class,
    else the dateline's ("PROVIDENCE, R.I. — ... the city will sue")."""
    defined = ctx.frame.defined_terms.get(token.lower_) if token.is_title else None
    before = ctx.last_before(token.i, {cls}, window=2000) or body_seat_before(ctx, token.i, {cls}, 2000)
    return defined or before or _dateline_place_of(ctx, cls)


def _dateline_place_of(ctx: Context, cls: str) -> str | None:
    if cls == "State":
        return _dateline_state(ctx)
    return ctx.frame.dateline_place if ctx.cls_of(ctx.frame.dateline_place) == cls else None


def body_seat_before(ctx: Context, index: int, classes: set[str], window: int) -> str | None:
    """The seat of the last body named before token `index`, when it is a place of `classes` ("the
    Charleston City Council ... the city", "... Mayor John Tecklenburg")."""
    for i in range(index - 1, max(-1, index - window), -1):
        seat = ctx.body_seats.get(ctx.token_keys.get(i, ""))
        if ctx.is_a(seat, classes):
            return seat
    return None


def _last_set(ctx: Context, index: int) -> str | None:
    """The nearest set of jurisdictions named before token `index`."""
    for i in range(index - 1, max(-1, index - 2000), -1):
        key = ctx.token_keys.get(i)
        if key in ctx.jurisdiction_sets:
            return key
    return None


def describes_a_set(token: Token) -> bool:
    """'jurisdictions', or 'counties that refuse ...', 'cities found to ...': jurisdictions picked out by
    a description rather than named."""
    lemma = token.lemma_.lower()
    described = any(c.dep_ in ("relcl", "acl") for c in token.children)
    return token.tag_ == "NNS" and (lemma == "jurisdiction" or lemma in JURISDICTION_NOUNS and described)


def described_set(ctx: Context, head: Token) -> str:
    """Jurisdictions picked out by what they do: the set is named by its description."""
    doc = head.doc
    end = min(conj_cut(head), head.i + 14, head.right_edge.i + 1)
    for token in doc[head.i : end]:
        if token.text in ("(", ";", ":") or token.dep_ == "cc" and token.head.pos_ == "VERB":
            end = token.i  # a parenthetical or a second clause is not part of the description
            break
    label = " ".join(t.text for t in doc[head.i : end] if not t.is_quote and not t.is_space).strip(" ,")
    if end < len(doc) and doc[end].text == "(":
        # "jurisdictions that refuse to comply (sanctuary jurisdictions)": the text names the set
        named = ctx.keys_in(doc[end + 1 : min(end + 9, len(doc))], JURISDICTION_CLASSES)
        if named:
            ctx.entities[named[0]].aliases.add(label)
            return named[0]
    key = ctx.add("Jurisdiction", label, ctx.local_key("Jurisdiction", label))
    ctx.jurisdiction_sets.add(key)
    return key


def conj_cut(head: Token) -> int:
    """Where a group's own words end: before ', as well as ...' or a conjoined second group."""
    for child in head.children:
        if child.dep_ in ("cc", "conj") and child.i > head.i:
            return child.i if child.dep_ == "cc" else child.left_edge.i
    return head.right_edge.i + 1
