"""Bodies: government bodies, courts, outlets, parties and other organizations, typed by the words of their
names; a body named after a place and the place it sits in ("Ada County Board of Commissioners"); acronyms
("DHS") and definite references ("the department", "the district court") to a body named before."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg import gazetteer
from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES, Context
from kg.extract.frame import is_publisher
from kg.extract.mentions.names import (
    JOINERS,
    canonical_body,
    continues_name,
    org_aliases,
    shouted,
    that_before,
)
from kg.extract.mentions.orders import CASE, law_named, money_follows
from kg.extract.mentions.people import GENERATIONAL, person, person_by_surname
from kg.extract.mentions.places import place_antecedent, place_key, place_named
from kg.extract.syntax import entity_at
from kg.facts import FEDERAL_GOVERNMENT
from kg.lexicon.names import (
    BODY_HEADS,
    BODY_TAILS,
    COURT_WORDS,
    FEDERAL_ACRONYMS,
    GOVERNMENT_WORDS,
    MEDIA_WORDS,
    ORGANIZATION_TAILS,
    OUTLET_NOUNS,
    PUBLIC_BODY_TAILS,
)
from kg.lexicon.offices import PARTIES, ROLE_WORDS
from kg.lexicon.orders import ORDER_ANAPHORS

_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(-TV)?")  # a US broadcaster's call sign ("KATU", "WTRD")
_CITED_DISTRICT = re.compile(r"^([NSEWMC])\.\s?D\.\s?(.+)$")
_DISTRICTS = {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central"}


def district_court_cited(ctx: Context, text: str) -> str | None:
    """'E.D. Wis.', 'S.D.N.Y.': a federal district court as legal citations abbreviate it."""
    match = _CITED_DISTRICT.match(text)
    state = gazetteer.state_named(match[2]) if match else None
    if state is None:
        return None
    name = f"U.S. District Court for the {_DISTRICTS[match[1]]} District of {state.name}"
    return ctx.add("Court", name, aliases=(text, name))


def _called_an_outlet(span: Span) -> bool:
    """'LNP, the Lancaster daily': an apposition calls the name a newspaper or station."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in OUTLET_NOUNS for c in span.root.children)


# Words that end a body's or an outlet's name (a title may follow them); with a local public body's, every word
# that ends a name after a place; and the words that make a name a body's wherever they stand in it.
_NAME_TAILS = BODY_HEADS | BODY_TAILS | ORGANIZATION_TAILS | MEDIA_WORDS
_ENDINGS = _NAME_TAILS | PUBLIC_BODY_TAILS
_BODY_WORDS = BODY_HEADS | ORGANIZATION_TAILS


def bodies_named_after_places(ctx: Context) -> None:
    """Bodies and outlets named after a place ("the New Mexico Department of Public Safety", "the Texas
    Legislature", "the Oregon Supreme Court", "the Hartford Ledger", "the Holmes County School District"): the
    gazetteer or NER claims the place before the whole name is seen."""
    doc = ctx.doc
    for ent in doc.ents:
        if ent.label_ != "GPE" or shouted(ctx, ent):
            continue
        end = ent.end
        while end < len(doc) and continues_name(doc[end]):
            end += 1
        while end > ent.end and not doc[end - 1].is_title:
            end -= 1  # a name ends on a name word, not on "of" or "and"
        while end - ent.end > 1 and doc[end - 1].lower_ in ROLE_WORDS and doc[end - 2].lower_ in _NAME_TAILS:
            end -= 1  # "the Tulsa City Council President Carol Fern": a title after the body's name
        last = doc[end - 1].lower_
        if last in ("no", "no.") and end - ent.end > 1:  # "the Nueces County ... Improvement District No. 3"
            last = doc[end - 2].lower_
            number = end + int(end < len(doc) and doc[end].text == ".")
            end = number + 1 if number < len(doc) and doc[number].like_num else end
        # a body word anywhere: "the New York State Department of Health", "the Kansas Association of School Boards"
        body_word = any(t.lower_ in _BODY_WORDS for t in doc[ent.end : end])
        if end > ent.end and (body_word or last in _ENDINGS):
            key = body_named(ctx, doc[ent.start : end])
            if key:
                ctx.mark(ent.start, end, key)


def looks_like_body(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z.]+", text)}
    bodies = COURT_WORDS | ORGANIZATION_TAILS | {"department", "office", "house", "agency", "bureau"}
    # "WTRD" is a station and "the Lane Ledger" a newspaper, not a person
    outlet = len(words) > 1 and text.split()[-1].lower() in MEDIA_WORDS - {"post", "news"}
    return bool(words & bodies) or outlet or _CALL_SIGN.fullmatch(text) is not None


def body_named(ctx: Context, span: Span) -> str | None:
    text = span.text
    lowered = text.lower()
    words = set(re.findall(r"[a-z.]+", lowered))
    if lowered in PARTIES or lowered.endswith(" party") or " party of " in lowered:  # "Republican Party of Minnesota"
        return ctx.add("PoliticalParty", PARTIES.get(lowered, text), aliases=(text,))
    if lowered in ("state", "county", "city") and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
        # "the State" in a governor's order, "the City" in a city's letter: the one the text is about
        return place_antecedent(ctx, span[0], text.capitalize())
    if lowered in ("state", "states", "county", "counties", "city", "cities", "locality", "localities"):
        # Legal texts capitalise the generic noun ("a State ... shall comply"): a kind of jurisdiction.
        key = ctx.add("Jurisdiction", text, ctx.local_key("Jurisdiction", text))
        ctx.jurisdiction_sets.add(key)
        return key
    if money_follows(span) and lowered.split()[-1] not in BODY_HEADS:
        return None  # "Byrne JAG funds": a grant program, not a funder ("Justice Department grants" are the body's)
    if lowered.split()[-1] in ("aid", "grant", "grants", "program", "fund"):
        return None  # "Local Government Aid", "the Byrne Justice Assistance Grant": money, not a body
    if lowered.endswith(" act"):
        return law_named(ctx, span)  # NER takes "the Immigration and Nationality Act" for an organization
    if CASE.match(text) or lowered in ORDER_ANAPHORS:
        return None  # a case caption, handled as a ruling by the orders rules; "the EO" is an order
    if lowered.split()[-1] in ("judge", "judges", "justices"):
        return None  # "Circuit Judges" names people's office, not a court
    known = person_by_surname(ctx, text)
    if known:
        return known
    if GENERATIONAL.search(text):
        return person(ctx, span)  # "John Q. Public III": NER tags such names ORG
    if lowered in ("court", "this court") and ctx.frame.court:
        return ctx.frame.court  # "the Court" of a court's own document
    if lowered in BODY_HEADS:
        # "the Department" after "the Department of Justice": the last body called so
        return next(
            (
                k
                for k, e in reversed(ctx.entities.items())
                if e.cls in BODY_CLASSES and lowered in e.label.lower().split()
            ),
            None,
        )
    if words & COURT_WORDS:
        return _court_of_a_place(ctx, span) or ctx.add("Court", text, aliases=org_aliases(text))
    if words & MEDIA_WORDS or _CALL_SIGN.fullmatch(text) or is_publisher(ctx, text) or _called_an_outlet(span):
        return ctx.add("MediaOrganization", text)
    acronym = _by_acronym(ctx, text)
    if acronym:
        return acronym
    if of_a_place := _body_of_a_place(ctx, span):
        return of_a_place
    if words & (GOVERNMENT_WORDS | PUBLIC_BODY_TAILS) or lowered.startswith(("u.s.", "federal")):
        key = ctx.add("GovernmentBody", canonical_body(text), aliases=org_aliases(text))
        seat = _seat(ctx, span)
        if seat:
            ctx.body_seats.setdefault(key, seat)
        return key
    if text.isupper() and len(text) <= 6:
        return ctx.add("GovernmentBody", text)  # an unexplained acronym in a policy text is most often an agency
    before = span.doc[span.start - 1] if span.start > 0 else None
    named = 2 <= len(span) <= 3 and all(t.is_title and t.is_alpha for t in span)
    if before is not None and before.lower_ in ROLE_WORDS and named:
        return person(ctx, span)  # "Police Chief Marcus Delaney": NER took the name after a title for an organization
    return ctx.add("Organization", text)


def _body_of_a_place(ctx: Context, span: Span) -> str | None:
    """'the City Council of the City of Charlotte', 'the Board of Commissioners of the County of Ada': NER ends the
    name at "of the"; the body is the place's, named as news names it ("Charlotte City Council")."""
    found = _cut_before_a_place(ctx, span)
    if found is None:
        return None
    words, place = found
    name = f"{ctx.entities[place].label} {words}"
    key = ctx.add("GovernmentBody", canonical_body(name), aliases=(name, span.text))
    ctx.body_seats.setdefault(key, place)
    return key


def _court_of_a_place(ctx: Context, span: Span) -> str | None:
    """'the Circuit Court of' + 'Cook County': a court's name NER cut before the place it sits in."""
    found = _cut_before_a_place(ctx, span)
    if found is None:
        return None
    words, place = found
    name = f"{words} of {ctx.entities[place].label}"
    return ctx.add("Court", name, aliases=(name, *org_aliases(name)))


def _cut_before_a_place(ctx: Context, span: Span) -> tuple[str, str] | None:
    """A name ending in "of" or "of the" before a place ("... of the City of Charlotte"): its words before them
    and the place's key."""
    words = span.text.split()
    if len(words) < 2 or words[-1].lower() not in ("of", "the"):
        return None
    while words and words[-1].lower() in ("of", "the"):
        words.pop()
    doc = span.doc
    i = span.end
    while i < min(len(doc), span.end + 3) and doc[i].ent_type_ != "GPE" and doc[i].lower_ in _PLACE_WORDS:
        i += 1
    place_span = entity_at(doc, i) if i < len(doc) and doc[i].ent_iob_ == "B" else None
    if not words or place_span is None or place_span.label_ != "GPE":
        return None
    place = place_named(ctx, place_span)
    return (" ".join(words), place) if place is not None and ctx.is_a(place, JURISDICTION_CLASSES) else None


# Words between a body's name cut at "of the" and the place it is of ("... of the City of Charlotte").
_PLACE_WORDS = {"of", "the", "city", "town", "village", "county", "borough", "parish", "state", "commonwealth"}


def _seat(ctx: Context, span: Span) -> str | None:
    """The jurisdiction a body's name places it in: "Ada County Board of Commissioners" -> Ada County,
    "Texas Legislature" -> Texas. Only names the gazetteer knows whole: a county or city with its class
    word or of several words, or a state."""
    words = [t for t in span if t.is_title and t.lower_ not in BODY_HEADS | JOINERS]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            window = words[i : i + n]
            if window[-1].i - window[0].i != n - 1:
                continue  # not adjacent in the text
            name = " ".join(t.text for t in window)
            places = gazetteer.lookup(name)  # "Charleston City" is the city by its class word
            if n == 1:
                places = [p for p in places if p.cls == "State" and gazetteer.normalize(p.name) == name.lower()]
            if places and places[0].cls in ("State", "County", "City"):
                return place_key(ctx, places[0], name)
    return None


def acronyms(ctx: Context) -> None:
    """Acronyms NER left untagged ("ICE Deputy Director Matthew Albence") of a body already named in full."""
    for token in ctx.tokens:
        if (
            token.i not in ctx.token_keys
            and token.is_upper
            and token.is_alpha
            and not shouted(ctx, token.doc[token.i : token.i + 1])
        ):
            key = _by_acronym(ctx, token.text)
            if key:
                ctx.mark(token.i, token.i + 1, key)


def _by_acronym(ctx: Context, text: str) -> str | None:
    """'DHS' -> 'Department of Homeland Security' when its initials match a body already named, or it is
    a federal body known by its acronym."""
    if not (text.isupper() and 2 <= len(text.replace(".", "")) <= 6):
        return None
    letters = text.replace(".", "")
    for key, entity in ctx.entities.items():
        if entity.cls in BODY_CLASSES and _abbreviates(letters, entity.aliases):
            entity.aliases.add(text)
            return key
    if text in FEDERAL_ACRONYMS:
        return ctx.add("GovernmentBody", FEDERAL_ACRONYMS[text], aliases=(text,))
    return None


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and", "for")).upper()


def _abbreviates(letters: str, names: set[str]) -> bool:
    """Whether an acronym stands for one of a body's names: its initials, after "US", or those of the name without
    its state ("DHS": the Iowa Department of Human Services, as the text defines it)."""
    return any(initials in (letters, "US" + letters) for name in names for initials in _initial_forms(name))


def _initial_forms(name: str) -> set[str]:
    forms = {_initials(name)}
    words = name.split()
    for size in (1, 2):  # "Iowa", "New Mexico"
        state = gazetteer.state_named(" ".join(words[:size])) if len(words) > size else None
        if state is not None and state.name.lower() == " ".join(words[:size]).lower():
            forms.add(_initials(" ".join(words[size:])))
    return forms


def resolve_acronyms(ctx: Context) -> None:
    """An acronym used before the body it abbreviates is named, or named only by a rule ("DHS ...
    the Secretary of Homeland Security"), is that body."""
    for key, entity in list(ctx.entities.items()):
        letters = entity.label.replace(".", "")
        if entity.cls not in BODY_CLASSES or not (entity.label.isupper() and 2 <= len(letters) <= 6):
            continue
        for other, body in ctx.entities.items():
            if other != key and body.cls in BODY_CLASSES and not body.label.isupper():
                if _abbreviates(letters, body.aliases):
                    ctx.merge(key, other)
                    break


# Bare body nouns that refer back to a body named before ("the department would appeal").
BODY_ANAPHORS = {"department", "agency", "bureau", "board", "council", "commission", "office", "legislature"}


def body_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'the department' after 'the Justice Department': the body named last whose name has that word;
    'the agency': the last national body (one not named after a place)."""

    def refers(key: str) -> bool:
        named = head.lower_ in ctx.entities[key].label.lower().split()
        return named or (head.lower_ == "agency" and key not in ctx.body_seats)

    key = ctx.last_before(chunk.start, {"GovernmentBody"}, window=600, where=refers)
    if key:
        ctx.mark(chunk.start, chunk.end, key)


def court_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'the Court' in a court's own document is that court; 'the district court' is the district
    court named before, else a court this text knows only by that description."""
    words = [t for t in chunk if t.pos_ != "DET"]
    if len(words) == 1 and ctx.frame.court and (head.is_title or chunk[0].lower_ == "this"):
        ctx.mark(chunk.start, chunk.end, ctx.frame.court)
        return
    if len(words) == 1:
        # "that court" is the one just named; a bare "the court" could be any court
        named = ctx.last_before(chunk.start, {"Court"}, window=400) if that_before(chunk) else None
        if named:
            ctx.mark(chunk.start, chunk.end, named)
        return
    label = " ".join(t.lower_ for t in words)
    kind = words[0].lower_
    named = next(
        (k for k, e in reversed(ctx.entities.items()) if e.cls == "Court" and kind in e.label.lower().split()), None
    )
    key = named or ctx.add("Court", label, ctx.local_key("Court", label))
    ctx.mark(chunk.start, chunk.end, key)


def federal_government(ctx: Context) -> str:
    """The federal government as funder or actor when the text says 'federal' without naming it."""
    return ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT)
