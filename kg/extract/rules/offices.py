"""Offices and party membership, from titles, appositions and possessives.

"Miami-Dade County Mayor Carlos Gimenez", "Sean Spicer, the White House press secretary",
"the Secretary of Homeland Security", "its Republican mayor", "the county's corrections director".
A title with no name becomes a person named by the office, and later bare uses of the title
("the mayor", "the Secretary") refer back to whoever holds it; an unnamed spokesman speaks as the body.
An appellate panel ("Before A, B, and C, Circuit Judges.") sits on its court.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES, Context
from kg.extract.mentions.orders import own_order
from kg.extract.mentions.people import person, surname_taken_for_a_body
from kg.extract.mentions.places import body_seat_before, state_hint
from kg.facts import Fact
from kg.lexicon.names import BODY_HEADS
from kg.lexicon.offices import COUNTRY_ROLES, PARTIES, PARTY_LETTERS, ROLE_WORDS, ROLES
from kg.text import slug

_PLACES_AND_BODIES = JURISDICTION_CLASSES | BODY_CLASSES
# Titles by their first word, longest first: the rule runs at every token, so it looks up, not scans.
_TITLES_BY_FIRST_WORD: dict[str, list[list[str]]] = {
    first: sorted((t.split() for t in ROLES if t.split()[0] == first), key=len, reverse=True)
    for first in {t.split()[0] for t in ROLES}
}
_ABSTRACT_TITLES = {"justice"}
_SEAT_WORDS = {"state", "county", "city", "federal"}  # "State Rep. Glenn Shenk": where the office is, not a name
_TITLE_MODIFIERS = {"deputy", "associate", "assistant", "principal", "acting", "senior", "chief", "special", "under"}
# Words that end a body's name and begin the title of its head ("City Council President", "Police Chief").
_SHARED_WORDS = {"council", "board", "commission", "senate", "house", "assembly", "police"}
_GENERIC_BODIES = {"agency", "department", "office", "bureau", "council", "board", "commission"}
# Bodies an officer presides over or serves ("President of the Senate", "Clerk of the Board"), not departments.
_PRESIDED_BODIES = {"senate", "house", "assembly", "council", "board", "commission", "legislature"}
_JUDGE_ROLES = {"judge", "district judge", "circuit judge", "chief judge", "justice"}
# Offices in a board, council or chamber: the body last named ("Senate Minority Leader X", "Board President Y").
_MEMBER_ROLES = {
    "commissioner",
    "council member",
    "council president",
    "council vice president",
    "vice chair",
    "board president",
    "chair",
    "freeholder",
    "freeholder director",
    "supervisor",
    "select board member",
    "trustee",
    "regent",
    "minority leader",
    "majority leader",
    "speaker",
}
# Seats on a county's board: its members sit in the county when the board is not named.
_COUNTY_BOARD_ROLES = {"commissioner", "freeholder", "freeholder director", "supervisor"}
_COUNTRY = "country/us"
_CHAMBERS = {"senator": {"senate", "legislature"}, "representative": {"house", "assembly", "legislature"}}
# ", R-Elk River," and "(D-Texas)" after a legislator's name
_PARTY_LABEL = re.compile(r"^\s*(?:,|\()\s*(R|D|DFL)\s?[-–]\s?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*\s*[,);.]")


def offices(ctx: Context) -> Iterator[Fact]:
    """holds_office and member_of facts."""
    for sent in ctx.sentences:
        i = sent.start
        while i < sent.end:
            match = _role_at(ctx, i, sent.end) or _modified_role_at(ctx, i, sent.end)
            if match is None:
                i += 1
                continue
            end, role = match
            if end + 1 < sent.end and ctx.doc[end].tag_ == "POS" and ctx.doc[end + 1].lower_ in BODY_HEADS:
                _office_body(ctx, i, end + 2)  # "the El Paso County Sheriff's Office": a body, not its head
            else:
                yield from _office(ctx, sent, i, end, role)
            i = end
        yield from _party_appositions(ctx, sent)
        yield from _party_labels(ctx, sent)
        yield from _panel(ctx, sent)
        yield from _plural_titles(ctx, sent)


def _plural_titles(ctx: Context, sent: Span) -> Iterator[Fact]:
    """'Commissioners Gail Mabry and Dwight Pruett voted no': a plural title before a list of names is each one's."""
    for token in sent:
        plural = token.lower_.endswith("s") and token.is_title  # the model's lemma of "Commissioners" keeps the s
        role = ROLES.get(token.lower_[:-1]) if plural else None
        after = token.i + 1
        if role is None or after >= sent.end:
            continue
        first = ctx.key_of(ctx.doc[after])
        if not ctx.is_a(first, {"Person"}):
            continue
        name = ctx.doc[after]
        while name.i + 1 < sent.end and ctx.key_of(ctx.doc[name.i + 1]) == first:
            name = ctx.doc[name.i + 1]
        holders = [first] + [k for c in name.conjuncts if ctx.is_a(k := ctx.key_of(c), {"Person"})]
        place, _ = _office_place(ctx, sent, token.i, after, role)
        for holder in dict.fromkeys(holders) if place else ():
            yield Fact("holds_office", holder, place, ctx.evidence(sent), confidence=0.8, role=role)


def _panel(ctx: Context, sent: Span) -> Iterator[Fact]:
    """An appellate panel: "Before Bauer, Manion, and Rovner, Circuit Judges." Each judge named sits on the
    court whose opinion the document is (or the court it names last)."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 3 or words[0].lower_ != "before" or words[-1].lower_ not in ("judges", "justices"):
        return
    court = ctx.frame.court or _nearest(ctx, sent, {"Court"})
    if court is None:
        return
    role = (
        "justice" if words[-1].lower_ == "justices" else "circuit judge" if words[-2].lower_ == "circuit" else "judge"
    )
    names, current = [], []
    for token in sent[1:]:  # names run between commas and "and"
        if token.pos_ == "PROPN" and not {token.lower_, token.lower_.removesuffix("s")} & ROLE_WORDS:
            current.append(token)
            continue
        if current:
            names.append(current)
            current = []
    for name in names:
        holder = person(ctx, sent.doc[name[0].i : name[-1].i + 1])
        for token in name:
            ctx.token_keys[token.i] = holder
        yield Fact("holds_office", holder, court, ctx.evidence(sent), confidence=0.8, role=role)


def _modified_role_at(ctx: Context, i: int, limit: int) -> tuple[int, str] | None:
    """'Principal Deputy Associate Attorney General': modifiers in front of a title make another office."""
    k = i
    while k < limit and ctx.doc[k].lower_ in _TITLE_MODIFIERS:
        k += 1
    match = _role_at(ctx, k, limit) if k > i else None
    if match is None:
        return None
    end, role = match
    return end, " ".join([*(t.lower_ for t in ctx.doc[i:k]), role])


def _office_body(ctx: Context, start: int, end: int) -> None:
    doc = ctx.doc
    seat = ctx.key_of(doc[start - 1]) if start > 0 else None
    if ctx.is_a(seat, _PLACES_AND_BODIES):
        while start > 0 and ctx.key_of(doc[start - 1]) == seat:
            start -= 1
    span = doc[start:end]
    key = ctx.add("GovernmentBody", span.text, aliases=(doc[start:end].text,))
    for i in range(start, end):
        ctx.token_keys[i] = key
    if ctx.is_a(seat, JURISDICTION_CLASSES):
        ctx.body_seats.setdefault(key, seat)


def _party_appositions(ctx: Context, sent: Span) -> Iterator[Fact]:
    """'Stephen Bartlett, a Republican, ...', 'Julie Gonzales, a Democrat from Denver'."""
    for token in sent:
        party = PARTIES.get(token.lower_)
        if not party or token.dep_ != "appos":
            continue
        holder = ctx.key_of(token.head)
        if (surnamed := surname_taken_for_a_body(ctx, holder)) is not None:
            ctx.merge(holder, surnamed)  # "Quill, a Democrat": NER took the mayor's surname for a body
            holder = surnamed
        if ctx.is_a(holder, {"Person"}):
            key = ctx.add("PoliticalParty", party, aliases=(token.text,))
            yield Fact("member_of", holder, key, ctx.evidence(sent), confidence=0.8)


def _party_labels(ctx: Context, sent: Span) -> Iterator[Fact]:
    """'Tom Brekke, R-Elk River', 'Sen. Ana Ruiz (D-Austin)': the party letter after a legislator's name."""
    doc = ctx.doc
    for token in sent:
        holder = ctx.key_of(token)
        if token.i + 1 >= sent.end or not ctx.is_a(holder, {"Person"}) or ctx.key_of(doc[token.i + 1]) == holder:
            continue
        label = _PARTY_LABEL.match(ctx.text[token.idx + len(token) : token.idx + len(token) + 40])
        if label:
            key = ctx.add("PoliticalParty", PARTY_LETTERS[label.group(1).lower()])
            yield Fact("member_of", holder, key, ctx.evidence(sent), confidence=0.8)


def _role_at(ctx: Context, i: int, limit: int) -> tuple[int, str] | None:
    doc = ctx.doc
    for words in _TITLES_BY_FIRST_WORD.get(doc[i].lower_, ()):
        j = i + len(words)
        if j > limit:
            continue
        title = " ".join(words)
        if all(doc[i + k].lower_ == word for k, word in enumerate(words)) and doc[j - 1].pos_ in ("NOUN", "PROPN"):
            if doc[j - 1].tag_ in ("NNS", "NNPS"):
                return None  # "mayors": a group, not one office
            if j < limit and doc[j].lower_ in ROLES and doc[j].pos_ in ("NOUN", "PROPN"):
                return None  # part of a longer title handled at the next token
            if len(words) == 1 and _inside_a_name(ctx, i, j, limit):
                return None  # a word of a longer name ("Byrne Memorial Justice Assistance Grant"), not a title
            if title in _ABSTRACT_TITLES and not doc[i].is_title:
                return None  # "criminal justice": the abstract noun, not a justice of a court
            return j, ROLES[title]
    return None


def _court_fits(ctx: Context, court: str | None, role: str) -> bool:
    """A district judge sits on a district court, a circuit judge on a court of appeals."""
    label = ctx.entities[court].label.lower() if court in ctx.entities else ""
    if role == "district judge":
        return "district" in label
    if role == "circuit judge":
        return "circuit" in label or "appeals" in label
    return bool(label)


def _last_body_named(ctx: Context, start: int, words: tuple[str, ...]) -> str | None:
    return ctx.last_before(
        start, BODY_CLASSES, where=lambda key: any(w in ctx.entities[key].label.lower().split() for w in words)
    )


def _inside_a_name(ctx: Context, i: int, j: int, limit: int) -> bool:
    """Whether a one-word title at [i, j) is a word of a longer proper name."""
    doc = ctx.doc
    after = j < limit and doc[j].pos_ == "PROPN" and doc[j].is_title
    # a place or body before a title names its seat ("Oregon Governor"); another name word does not
    before = (
        i > 0
        and doc[i - 1].pos_ == "PROPN"
        and doc[i - 1].lower_ not in _TITLE_MODIFIERS | _SEAT_WORDS  # "Deputy Director Ana Ruiz", "State Rep. X"
        and not ctx.is_a(ctx.key_of(doc[i - 1]), _PLACES_AND_BODIES)
    )
    return after and (before or not ctx.key_of(doc[j]) and doc[j].ent_type_ not in ("", "PERSON"))


def _office(ctx: Context, sent: Span, start: int, end: int, role: str) -> Iterator[Fact]:
    doc = ctx.doc
    if doc[start:end].text.isupper():
        return  # a shouted title ("MAYOR ORTIZ:", "OFFICE OF THE MAYOR") is a speaker label or a heading
    inside = ctx.key_of(doc[start])
    if inside and ctx.cls_of(inside) in BODY_CLASSES:
        if ctx.key_of(doc[end - 1]) == inside or doc[start].lower_ not in _SHARED_WORDS:
            return  # "Office of the Press Secretary" names a body, not a person
        # "Lansing City Council President X", "Dayton Police Chief X": the title's first word ends the body's name
        place, of_end = inside, None
    else:
        place, of_end = _office_place(ctx, sent, start, end, role)
    holder = _named_holder(ctx, sent, start, end if of_end is None else of_end)
    title = doc[start:end].text if of_end is None else doc[start:of_end].text
    after = end
    while holder and after < sent.end and ctx.key_of(doc[after]) == holder:
        after += 1
    if after > end and after + 1 < sent.end and doc[after].lower_ == "of":
        # "Sheriff Tom Reyes of Dane County", "Chief X of the Y Police Department" (but not "of the 5th District")
        definite = doc[after + 1].lower_ == "the" and after + 2 < sent.end
        named = ctx.key_of(doc[after + 2 if definite else after + 1])
        wanted = BODY_CLASSES if definite else _PLACES_AND_BODIES
        place = named if ctx.is_a(named, wanted) and ctx.cls_of(named) != "Country" else place
    stated = place is not None
    if place is None and role == "attorney general" and ctx.frame.state:
        place = ctx.frame.state  # in a state office's own document, "the Attorney General" is the state's
    if place is None and (role in COUNTRY_ROLES or role == "attorney general"):
        place = ctx.add("Country", "United States", _COUNTRY)  # a national office, where the text names none
    if holder is None:
        if role == "spokesperson" and ctx.is_a(place, BODY_CLASSES):
            ctx.mark(start, end if of_end is None else of_end, place)  # an unnamed spokesman speaks as the body
            return
        if not _is_referring(doc, start, end):
            return
        # A bare title ("the Secretary") refers to whoever holds it; a placed one ("Secretary of State") only
        # to the holder of that office.
        holder = ctx.role_holders.get(_role_key(role, place)) or (None if of_end else ctx.role_holders.get(role))
        if holder is None:
            holder = ctx.add("Person", _title_label(title), _office_key(ctx, title, place), aliases=(title,))
        ctx.mark(start, end if of_end is None else of_end, holder)
    else:
        unnamed = ctx.role_holders.get(_role_key(role, place))
        if role in _JUDGE_ROLES and not unnamed:  # "a district judge ... Judge Celia Ortiz"
            unnamed = next((v for r in _JUDGE_ROLES if (v := ctx.role_holders.get(_role_key(r, place)))), None)
        if unnamed and unnamed.startswith("person/office-"):
            ctx.merge(unnamed, holder)  # "its mayor ... Mayor Carlos Gimenez": one person
    ctx.entities[holder].aliases.add(title)
    # "Oregon Attorney General Ellen Rosenblum ... Attorney General Rosenblum said": the seat stated before stands
    seated = any(k.startswith(f"{role}@") and v == holder for k, v in ctx.role_holders.items())
    ctx.role_holders.setdefault(_role_key(role, place), holder)
    ctx.role_holders.setdefault(role, holder)
    evidence = ctx.evidence(sent)
    # The national seat is a default: for an office named without its holder ("the President holds
    # office in the United States") it only restates the office, and it never adds to a stated seat.
    named = not holder.startswith("person/office-")
    # ... except in the text of an order, whose offices are parties to it ("the Attorney General shall")
    if place and (stated or (named or own_order(ctx) is not None) and not seated):
        yield Fact("holds_office", holder, place, evidence, confidence=0.85, role=role)
    for party in _parties(ctx, doc[start:end], holder):
        yield Fact("member_of", holder, party, evidence, confidence=0.8)


def _role_key(role: str, place: str | None) -> str:
    return f"{role}@{place}"


def _title_label(title: str) -> str:
    words = title.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "their", "his", "her"):
        words = words[1:]
    return " ".join(words)


def _office_key(ctx: Context, title: str, place: str | None) -> str:
    """An office named without its holder: one node per office and place, shared across documents."""
    where = place.split("/", 1)[-1] if place else ctx.info.content_hash[:8]
    return f"person/office-{slug(_title_label(title))}-{slug(where)}"


def _is_referring(doc, start: int, end: int) -> bool:
    """A bare title refers to a holder when it is definite, possessed or capitalised."""
    before = doc[start - 1] if start > 0 else None
    if doc[start].is_title or doc[start].is_upper:
        return True
    return before is not None and (
        before.lower_ in ("the", "its", "their", "his", "her")
        or before.tag_ == "POS"
        or before.pos_ in ("PROPN", "ADJ")
        or before.dep_ == "poss"
    )


def _named_holder(ctx: Context, sent: Span, start: int, end: int) -> str | None:
    """The person a title is attached to: 'Mayor X', 'X, the mayor', 'the mayor, X', 'X Executive Director'."""
    doc = ctx.doc
    if end < sent.end and ctx.is_a(ctx.key_of(doc[end]), {"Person"}):
        return ctx.key_of(doc[end])
    if end + 1 < sent.end and doc[end].text == "," and ctx.is_a(ctx.key_of(doc[end + 1]), {"Person"}):
        return ctx.key_of(doc[end + 1])  # "the Attorney General, William P. Barr"
    name_end = end
    surname = None
    if end + 1 < sent.end and ctx.is_a(ctx.key_of(doc[end]), {"City"}) and doc[end + 1].pos_ == "PROPN":
        # "Judge Orlando Garcia": the gazetteer took the first name for a city
        surname = ctx.key_of(doc[end + 1]) if ctx.is_a(ctx.key_of(doc[end + 1]), {"Person"}) else None
        name_end = end + 1
    while name_end < min(sent.end, end + 3) and (
        _unnamed_name_word(ctx, doc[name_end])
        or surname
        and ctx.key_of(doc[name_end]) == surname
        # "Governor Mark Dayton": the gazetteer took the surname for a city
        or name_end > end
        and doc[name_end].pos_ == "PROPN"
        and ctx.is_a(ctx.key_of(doc[name_end]), {"City"})
    ):
        name_end += 1
    if name_end - end >= 2:
        # "County Executive Dow Constantine": a name after a title, which NER missed
        key = person(ctx, doc[end:name_end])
        for i in range(end, name_end):
            ctx.token_keys[i] = key
        if surname:
            ctx.merge(surname, key)
        return key
    if end < sent.end and doc[end].tag_ == "POS":
        return None  # "the U.S. Attorney's letter": the title owns something, it is no apposition
    j = _before_capacity(doc, start, sent.start) - 1
    while j >= sent.start and (
        doc[j].is_punct
        or doc[j].lower_ in ("the", "a", "an")
        or ctx.is_a(ctx.key_of(doc[j]), _PLACES_AND_BODIES)
        or doc[j].pos_ == "ADJ"
        or doc[j].is_space
    ):
        if doc[j].is_punct and doc[j].text not in (",", "–", "—"):
            break
        j -= 1
    if j >= sent.start and ctx.is_a(ctx.key_of(doc[j]), {"Person"}):
        return ctx.key_of(doc[j])
    return _subject_serving_as(ctx, doc[start:end])


def _before_capacity(doc: Doc, start: int, first: int) -> int:
    """Where "in his official capacity as" ends before a title ("Gregory L. Praeger, in his official capacity as
    Governor of Texas", a caption's way of naming the office a party is sued in) begins; else the title's start."""
    for words in (_CAPACITY, _CAPACITY[:2] + _CAPACITY[3:]):
        begin = start - len(words)
        if begin >= first and all(t.lower_ in w for t, w in zip(doc[begin:start], words, strict=True)):
            return begin
    return start


_CAPACITY = ({"in"}, {"his", "her", "their", "its"}, {"official"}, {"capacity", "capacities"}, {"as"})


def _subject_serving_as(ctx: Context, title: Span) -> str | None:
    """'Thomas Vanacore testified as president of the association', 'Villanueva has been chief of the Lancaster
    Bureau of Police since 2015': the title is the subject's."""
    as_ = next((t.head for t in title if t.dep_ == "pobj" and t.head.lower_ == "as"), None)
    copula = next((t.head for t in title if t.dep_ == "attr" and t.head.lemma_ in ("be", "become", "remain")), None)
    if as_ is not None and as_.head.pos_ in ("VERB", "AUX"):
        verb = as_.head
    elif copula is not None:
        verb = copula
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ == "WP" and verb.dep_ == "relcl":
        subject = verb.head  # "Maria Lopez, who served as director of ..."
    key = ctx.key_of(subject) if subject is not None else None
    return key if ctx.is_a(key, {"Person"}) else None


def _unnamed_name_word(ctx: Context, token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not ctx.key_of(token) and token.lower_ not in ROLES


def _office_place(ctx: Context, sent: Span, start: int, end: int, role: str) -> tuple[str | None, int | None]:
    """Where the office sits, and where an 'of X' complement ends when there is one."""
    doc = ctx.doc
    if end < sent.end - 1 and doc[end].lower_ == "of":
        target = _of_target(ctx, sent, end + 1, role)
        if target:
            key, of_end = target
            return key, of_end
    if end < sent.end - 1 and doc[end].lower_ in ("for", "in"):
        # "a spokeswoman for the Justice Department", "Deputy Chief Public Defender in the Division of ..."
        served = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        allowed = _PLACES_AND_BODIES if doc[end].lower_ == "for" else BODY_CLASSES
        key = ctx.head_key(served, allowed) if served is not None else None
        if key and role.endswith("u.s. attorney"):  # "for the District of Rhode Island": a Justice Department office
            key = ctx.add("GovernmentBody", "Department of Justice")
        if key and ctx.cls_of(key) != "Country":
            return key, served.right_edge.i + 1
    j = start - 1
    while j >= sent.start and (doc[j].pos_ == "ADJ" or doc[j].lower_ in ("interim", "acting", "former")):
        j -= 1
    if j >= sent.start:
        key = ctx.key_of(doc[j])
        if ctx.is_a(key, _PLACES_AND_BODIES) and (role not in _JUDGE_ROLES or ctx.cls_of(key) == "Court"):
            return key, None  # a "San Francisco judge" sits on a court, not in the city
        if key is None and doc[j].lower_ in _GENERIC_BODIES:
            return _body_called(ctx, j), None  # "agency spokesman Paul Derwin": the agency just named
        if doc[j].lower_ in ("its", "their") or (doc[j].tag_ == "POS" and j > sent.start):
            owner = ctx.key_of(doc[j - 1]) if doc[j].tag_ == "POS" else ctx.last_before(j, _PLACES_AND_BODIES)
            if ctx.is_a(owner, _PLACES_AND_BODIES):
                return owner, None
    if end < sent.end:
        key = ctx.key_of(doc[end])
        if ctx.is_a(key, BODY_CLASSES) and doc[end].is_title:
            return key, None  # letter address blocks: "Executive Director California Board of ..."
    if end + 1 < sent.end and doc[end].text == "," and doc[end + 1].is_title:
        key = ctx.key_of(doc[end + 1])
        if ctx.is_a(key, _PLACES_AND_BODIES) and ctx.cls_of(key) != "Country":
            return key, None  # address lines: "Elena Quintana, Mayor, City of Santa Fe"
    if role.endswith((" attorney general", "u.s. attorney")):  # offices of the Department of Justice
        return ctx.add("GovernmentBody", "Department of Justice"), None
    if role in _JUDGE_ROLES:
        court = _nearest(ctx, sent, {"Court"}) or ctx.frame.court
        if not _court_fits(ctx, court, role) and role != "judge":
            # a district or circuit judge of the court of that kind named last ("Milwaukee v. DOJ (E.D. Wis.)")
            court = ctx.last_before(start, {"Court"}, window=300, where=lambda key: _court_fits(ctx, key, role))
        return (court if _court_fits(ctx, court, role) else None), None
    if role in _MEMBER_ROLES:  # "Commissioner Sean Morrison" of the board just named
        body = _last_body_named(ctx, start, ("board", "commission", "council", "freeholders", "senate", "house"))
        if body is None and role in _COUNTY_BOARD_ROLES:  # a board the text never names (or only in a heading)
            body = ctx.last_before(start, {"County"}, window=2000) or body_seat_before(ctx, start, {"County"}, 2000)
        return body, None
    if role in ("sheriff", "county judge", "county executive", "county manager", "county attorney"):  # county offices
        return ctx.last_before(start, {"County"}, window=120) or body_seat_before(ctx, start, {"County"}, 400), None
    if role in (
        "mayor",
        "police chief",
        "police commissioner",
        "council member",
        "city attorney",
        "city solicitor",
        "city manager",
    ):
        # the city or county last named, else the seat of the body last named ("the Charleston City
        # Council"), else the dateline's ("SOMERVILLE, Mass. — Mayor Joseph Curtatone")
        # a city named in view before a county: "Providence" names both, and a mayor's office is most often a city's
        local = ctx.last_before(start, {"City"}, window=120) or ctx.last_before(start, {"County"}, window=120)
        dateline = ctx.frame.dateline_place
        return local or body_seat_before(ctx, start, {"City", "County"}, 400) or (
            dateline if ctx.is_a(dateline, {"City", "County"}) else None
        ), None
    if role == "governor" or role in ("senator", "representative") and doc[start - 1].lower_ == "state":
        # "Governor Jared Polis" under a DENVER dateline; "State Senator X"
        return ctx.last_before(start, {"State"}, window=120) or state_hint(ctx), None
    if role in _CHAMBERS:  # "Rep. Tom Brekke" after "the Minnesota House passed ...": a member of that chamber
        chamber = ctx.last_before(start, BODY_CLASSES, where=lambda key: _is_chamber(ctx.entities[key].label, role))
        return chamber, None
    return None, None


def _is_chamber(label: str, role: str) -> bool:
    """A legislative chamber a senator or representative sits in: not one of its committees."""
    words = set(label.lower().split())
    return bool(words & _CHAMBERS[role]) and "committee" not in words


def _body_called(ctx: Context, i: int) -> str | None:
    """The body a generic noun ("the agency", "department") at token `i` refers to: the last one named whose name
    has that noun, else, for "agency", the last government body named."""
    noun = ctx.doc[i].lower_
    named = ctx.last_before(i, {"GovernmentBody"}, where=lambda key: noun in ctx.entities[key].label.lower())
    return named or (ctx.last_before(i, {"GovernmentBody"}) if noun == "agency" else None)


def _of_target(ctx: Context, sent: Span, i: int, role: str) -> tuple[str, int] | None:
    """'Secretary of Homeland Security' -> the Department of Homeland Security; 'of the United States'."""
    doc = ctx.doc
    j = i
    while j < sent.end and doc[j].lower_ in ("the", "u.s."):
        j += 1
    if j + 1 < sent.end and doc[j].lower_ in ("state", "commonwealth") and doc[j + 1].lower_ == "of":
        j += 2  # "Governor of the state of Washington"
    owned = next((k + 1 for k in range(j, min(j + 4, sent.end - 1)) if doc[k].tag_ == "POS"), None)
    if owned is not None and ctx.is_a(ctx.key_of(doc[owned]), BODY_CLASSES):
        j = owned  # "director of the department's Bureau of Justice Assistance": the bureau
    key = ctx.key_of(doc[j]) if j < sent.end else None
    if role == "secretary" and ctx.is_a(key, JURISDICTION_CLASSES - {"Country"}):
        key = None  # a secretary heads a department: "Secretary of State" is not a state's office
    end = j
    while end < sent.end and (ctx.key_of(doc[end]) == key and key or (key is None and doc[end].is_title)):
        end += 1
    if key and role == "secretary" and ctx.cls_of(key) in BODY_CLASSES:
        label = ctx.entities[key].label
        if not any(w in label.lower() for w in ("department", "office", "agency")):
            # "Secretary of Homeland Security": the department, whatever NER made of its name
            department = ctx.add("GovernmentBody", f"Department of {_canonical(label)}", aliases=(label,))
            ctx.merge(key, department)
            return department, end
    if key and ctx.is_a(key, _PLACES_AND_BODIES):
        return key, end
    if end > j:
        name = doc[j:end].text
        existing = _body_named(ctx, name)
        # "Director of Public Works" heads a department; "President of the Senate" presides over the Senate
        label = name if doc[end - 1].lower_ in _PRESIDED_BODIES else f"Department of {name}"
        body = existing or ctx.add("GovernmentBody", label, aliases=(name,))
        return body, end
    return None


def _canonical(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _body_named(ctx: Context, name: str) -> str | None:
    lowered = name.lower()
    for key, entity in ctx.entities.items():
        if entity.cls in BODY_CLASSES and any(a.lower().endswith(lowered) for a in entity.aliases):
            return key
    return None


def _nearest(ctx: Context, sent: Span, classes: set[str]) -> str | None:
    found = ctx.keys_in(sent, classes)
    return found[0] if found else ctx.last_before(sent.start, classes, window=400)


def _parties(ctx: Context, title: Span, holder: str) -> Iterator[str]:
    """'Republican mayor', 'the Democratic governor': a party adjective on the title."""
    doc = ctx.doc
    head = title[-1]
    for token in (*head.lefts, *(doc[title.start - 1 : title.start] if title.start else ())):
        party = PARTIES.get(token.lower_)
        if party and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            yield ctx.add("PoliticalParty", party, aliases=(token.text,))
            return
