"""Orders, bills and rulings: one node per order, by number in any style or by its description.

- A federal executive order by number ("EO 13768", "Executive Order 13,768") is the tables' order: its
  number, title and signing date.
- An executive order the text only describes ("Trump's Jan. 25 executive order on sanctuary cities") is
  the one the tables list for that president on that day, in the month the text gives ("in January 2017"), or
  else in the month before the document (or in the whole term when no date is given for the signing at all),
  chosen by the words of its title and subjects when several qualify; never a guess between two that fit
  equally.
- A state or local order or a bill with a number ("Executive Order D 2025-014", "EO 25-14", "H.B. 1234") is
  keyed by where it was made and its number, written one way: two documents on one governor's order share it.
- An unnumbered order whose issuer and day of issue the text gives is keyed by both (the same memo reported
  by several outlets is one node); a statute whose title opens with its state's name ("Oklahoma Charter Schools
  Act") by its state and title, and a code every state has ("the Election Code") by the document's state.
- "The resolution", "the executive order" of a document that numbers one order of that kind is that order; "the
  preliminary injunction" of a court's "Order Granting Motions to Enjoin ..." is that order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from kg import gazetteer
from kg.authority import Authority, ExecutiveOrder
from kg.facts import Fact
from kg.resolve.bodies import LOCAL_GOVERNMENTS
from kg.resolve.identities import Identities
from kg.resolve.places import home_state
from kg.text import slug
from kg.vocab import SUBCLASSES

ORDER_CLASSES = set(SUBCLASSES["Order"])
_FEDERAL_NUMBER = re.compile(r"\b(?:E\.?\s?O\.?|Executive\s+Order)\s*(?:No\.?\s*)?(\d{1,2},?\d{3})\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])(?:No\.?\s*)?([A-Z]\s)?(\d+(?:[-.]\d+)*)(?![\w]|-[A-Za-z])")
_BILL_PREFIX = {"house bill": "hb", "senate bill": "sb", "assembly bill": "ab", "house file": "hf",
                "senate file": "sf"}
_BILL = re.compile(r"\b(house bill|senate bill|assembly bill|house file|senate file|[HSA]\.?\s?[BF]\.?)\s*(\d+)", re.I)
_PRESIDENTIAL = re.compile(r"\b(?:executive order|presidential|president's)\b", re.I)
_ORDER_WORDS = re.compile(
    r"\b(?:order|orders|directive|proclamation|resolution|ordinance|rule|regulation|bill|act|law|no|number|eo|"
    r"memorandum|decree|notice|permit|case)\b\.?\s*(?:no\.?\s*)?[A-Z]?\s*$",
    re.I,
)
_EXECUTIVE_ORDER = re.compile(r"\bexecutive order\b|\bE\.?O\.?\s*[A-Z]?\s*\d", re.I)
_TELLING = 0.75  # a lone shared word must rank in the first quarter of an order's subject words
_WORD = re.compile(r"[a-z]{4,}")
_COMMON = {"order", "orders", "executive", "federal", "united", "states", "president", "presidential", "with",
           "that", "this", "from", "which", "their", "shall", "section", "under", "other", "policy", "purposes"}


def resolve_orders(book: Identities, facts: list[Fact], date: dt.date | None, authority: Authority) -> None:
    _described_orders(book)
    issuers = _issuers(book, facts)
    places = _places(book, facts)
    about = _sentences_about(facts)
    addressees = _single_addressees(book, facts)
    home = home_state(book)
    for key, entity in book.of_class(ORDER_CLASSES):
        names = [entity.label, *sorted(entity.aliases)]
        number = _local_number(entity.cls, names)
        record = _numbered_federal_order(names, authority)
        issued = issuers.get(key)
        if record is None and entity.cls == "ExecutiveOrder" and not number:
            record = _described(entity.label, names, issued, entity.date, date, about.get(key, []), authority)
        if record is not None:
            book.rename(
                key,
                f"order/executive-order-{record.number}",
                reason=f"authority: {entity.label!r} is Executive Order {record.number} "
                f"({record.source.split(',')[0]})",
                label=f"Executive Order {record.number}",
                cls="ExecutiveOrder",
                aliases=(record.title,),
                date=record.signed.isoformat(),
            )
            continue
        # numbered where it was made: its issuer's seat, else the state the document is about (what an order
        # applies to is no guide: a state's order that applies to one county is still the state's)
        where = places.get(key) or home
        if number and where:
            # what the number says the order is wins over how one sentence typed it ("Executive Order 7-19 threatens
            # ..." read as a directive): one class, one key, in every document
            cls = "ExecutiveOrder" if any(_EXECUTIVE_ORDER.search(n) for n in names) else entity.cls
            book.rename(key, f"{cls.lower()}/{where.split('/', 1)[1]}-{number}", cls=cls,
                        reason=f"numbered {number} in {where}")
        elif entity.cls == "Legislation" and not number and (titled := _state_statute(entity.label)):
            state, title = titled
            book.rename(key, f"legislation/{state}-{slug(title)}", reason=f"a statute of {state} by its title")
        elif entity.cls == "Legislation" and not number and home and (code := _a_states_code(entity.label)):
            book.rename(key, f"legislation/{home.split('/', 1)[1]}-{slug(code)}",
                        reason=f"{code!r}, a code every state has, of the document's {home}")
        elif issued and issued[1] and len(issued[1]) == 10 and not number:
            # two letters one agency sent on one day to two cities are two orders: the addressee, when the text
            # gives one, is part of the key
            to = addressees.get(key)
            tail = f"-to-{slug(to.split('/', 1)[1])}" if to else ""
            book.rename(key, f"{entity.cls.lower()}/{slug(issued[0].split('/', 1)[1])}-{issued[1]}{tail}",
                        reason=f"issued by {issued[0]} on {issued[1]}" + (f" to {to}" if to else ""))
    _the_documents_one_order(book)
    _the_injunction_granted(book)


def _described(
    label: str,
    names: list[str],
    issued: tuple[str, str | None] | None,
    date_of_order: str | None,
    published: dt.date | None,
    sentences: list[str],
    authority: Authority,
) -> ExecutiveOrder | None:
    """The federal executive order a description names: by its signer (the one the text gives, else the
    president in office when the document was written) and its subject words."""
    words = " ".join([*names, *sentences])
    if issued and issued[0].startswith("person/Q"):
        when = issued[1] or date_of_order
        return _described_order(issued[0].removeprefix("person/"), when, published, words, authority,
                                whole_term=when is None)
    if issued is None and published is not None and _PRESIDENTIAL.search(" ".join(names)):
        president = authority.office_holder("president", "US", published)
        if president is not None:
            return _described_order(president.id, None, published, words, authority, whole_term=True)
    return None


def _the_documents_one_order(book: Identities) -> None:
    """'The executive order' in a document that names one federal executive order by number is that order."""
    numbered = [k for k in book.entities if k.startswith("order/executive-order-")]
    if len(numbered) != 1:
        return
    for key, entity in book.of_class({"ExecutiveOrder"}):
        if key != numbered[0] and not any(c.isdigit() for c in entity.label) and _PRESIDENTIAL.search(entity.label):
            book.merge(key, numbered[0], reason="the one executive order the document names by number")


def _the_injunction_granted(book: Identities) -> None:
    """'The preliminary injunction' (or 'the injunction', 'the restraining order') of a ruling whose own name says it
    grants an injunction ("Order Granting Motions to Enjoin Section 9(a)", "Order Granting Motion for Preliminary
    Injunction") is that ruling, when the document has one such ruling: the motions asked for what it grants. An
    appeal's "the preliminary injunction" is the lower court's, and an appeal's name grants nothing."""
    rulings = book.of_class({"CourtRuling"})
    granting = [key for key, ruling in rulings
                if any(_GRANTS_INJUNCTION.search(n) for n in (ruling.label, *ruling.aliases))]
    if len(granting) != 1:
        return
    for key, ruling in rulings:
        if key != granting[0] and _DESCRIBING.sub("", ruling.label.lower()) in _INJUNCTIONS:
            book.merge(key, granting[0], reason=f"what {book.entities[granting[0]].label!r} grants")


_GRANTS_INJUNCTION = re.compile(r"\border\s+granting\b.*\b(?:enjoin|injunction|restraining\s+order)", re.I)
_INJUNCTIONS = {"injunction", "preliminary injunction", "temporary restraining order", "restraining order",
                "permanent injunction", "preliminary injunctive relief", "injunctive relief"}


def _described_orders(book: Identities) -> None:
    """'The resolution', 'the executive order', 'the county's ordinance' of a document that numbers one order of
    that kind ("Resolution 25-318", "Executive Order 24-05"), in a fact or not, is that one."""
    orders = book.of_class(ORDER_CLASSES, unused=True)
    for key, entity in book.of_class(ORDER_CLASSES):
        words = _DESCRIBING.sub("", entity.label.lower()).split()
        if not words or not set(words) <= _DESCRIPTION_WORDS or words[-1] not in _KINDS:
            continue
        kind = words[-1]
        found = {
            other for other, order in orders
            if other != key and order.cls == entity.cls
            and any(c.isdigit() for c in order.label)
            and (kind == "order" or any(kind in n.lower() and any(c.isdigit() for c in n)
                                        for n in (order.label, *order.aliases)))
        }
        if len(found) == 1:
            book.merge(key, found.pop(), reason=f"{entity.label!r} is the one {kind} the document names by number")


# What an order is called when the text only says what kind it is ("the county's resolution", "this executive order").
_DESCRIBING = re.compile(r"^(?:the|this|that|its|their|his|her)\s+|\b[a-z]+['\u2019]s\s+")
_KINDS = {"order", "resolution", "ordinance", "proclamation", "directive", "permit", "agreement", "memorandum",
          "memo", "bill", "act", "decree", "injunction", "ruling", "rule", "notice", "contract", "declaration"}
_DESCRIPTION_WORDS = _KINDS | {"executive", "emergency", "county", "city", "state", "council", "administrative",
                               "final", "new", "proposed", "temporary", "preliminary", "consent", "grant"}


def _issuers(book: Identities, facts: list[Fact]) -> dict[str, tuple[str, str | None]]:
    """Order key -> (its issuer's resolved key, the date of issue the text gives), when one issuer."""
    found: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for fact in facts:
        if fact.type == "issued":
            found[fact.object].add((book.find(fact.subject) or fact.subject, fact.date))
    issuers = {}
    for order, pairs in found.items():
        if len({issuer for issuer, _ in pairs}) == 1:
            dates = sorted({d for _, d in pairs if d}, key=len, reverse=True)
            issuers[order] = (next(iter(pairs))[0], dates[0] if dates else None)
    return issuers


def _single_addressees(book: Identities, facts: list[Fact]) -> dict[str, str]:
    """Order key -> its addressee, for orders the text addresses to exactly one entity."""
    found: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.type == "addressed_to":
            found[fact.subject].add(book.find(fact.object) or fact.object)
    return {order: next(iter(to)) for order, to in found.items() if len(to) == 1}


def _places(book: Identities, facts: list[Fact]) -> dict[str, str]:
    """Order key -> the one state, county or city it was made in: its issuer's seat."""
    seats = {f.subject: f.object for f in facts if f.type == "holds_office"}
    places = ("state/", "county/", "city/")
    made: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.type == "issued":
            seat = fact.subject if fact.subject.startswith(places) else seats.get(fact.subject)
            if seat and seat.startswith(places):
                made[fact.object].add(book.find(seat) or seat)
    return {order: next(iter(where)) for order, where in made.items() if len(where) == 1}


def _sentences_about(facts: list[Fact]) -> dict[str, list[str]]:
    about: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        for key in (fact.subject, fact.object, fact.imposed_by):
            if key:
                about[key].append(fact.evidence.text)
    return about


def _numbered_federal_order(names: list[str], authority: Authority) -> ExecutiveOrder | None:
    numbers = {int(m.group(1).replace(",", "")) for n in names for m in _FEDERAL_NUMBER.finditer(n)}
    records = [r for n in numbers if (r := authority.executive_order(n)) is not None]
    return records[0] if len(records) == 1 else None


def _described_order(
    president: str,
    issued: str | None,
    published: dt.date | None,
    words: str,
    authority: Authority,
    *,
    whole_term: bool = False,
) -> ExecutiveOrder | None:
    if issued and len(issued) == 10:
        candidates = authority.executive_orders_on(issued)
    elif issued and len(issued) == 7:  # "the President's executive order in January 2017"
        candidates = [o for o in authority.tables.orders if o.signed.isoformat().startswith(issued)]
    elif whole_term and published is not None:
        candidates = [o for o in authority.tables.orders if o.signed <= published]
    elif published is not None:
        days = (published - dt.timedelta(days=n) for n in range(31))
        candidates = [o for day in days for o in authority.executive_orders_on(day)]
    else:
        return None
    candidates = [o for o in candidates if o.president == president]
    if len(candidates) == 1 and issued and len(issued) == 10:
        return candidates[0]
    said = _stems(words)
    scored = sorted(((_agreement(said, o), o.number, o) for o in candidates), key=lambda row: row[:2], reverse=True)
    if not scored:
        return None
    (best, words), _, order = scored[0]
    runner_up = scored[1][0][0] if len(scored) > 1 else 0.0
    # two subject words in common and clearly more telling ones than the next order's, or one of the words
    # that most set the order apart ("sanctuary") and nothing in common with any other
    if (words >= 2 and best > 1.25 * runner_up) or (words == 1 and best >= _TELLING * len(order.subjects)
                                                    and runner_up == 0):
        return order
    return None


def _agreement(said: set[str], order: ExecutiveOrder) -> tuple[float, int]:
    """How well the words said of an order fit it: each subject word by how much it sets the order apart
    (the first of its list most), each title word half the most; and how many words agree."""
    weights: dict[str, float] = {}
    most = len(order.subjects) or 1
    for rank, word in enumerate(order.subjects):
        for stem in _stems(word):
            weights.setdefault(stem, float(most - rank))
    for stem in _stems(order.title):
        weights.setdefault(stem, most / 2)
    shared = said & weights.keys()
    return sum(weights[w] for w in shared), len(shared)


def _stems(text: str) -> set[str]:
    """Words cut to six letters, so that 'immigrants' meets 'immigration'."""
    return {w[:6] for w in _WORD.findall(text.lower()) if w not in _COMMON}


def _state_statute(label: str) -> tuple[str, str] | None:
    """(state key, the title without the state) of a statute whose title opens with its state's name ("Oklahoma
    Charter Schools Act"); a federal act ("Clean Water Act") has none, whichever state the story is about."""
    words = re.sub(r"^the\s+", "", label, flags=re.I).split()
    if len(words) < 3 or words[-1] not in _STATUTE_WORDS or not all(w[:1].isupper() or w in _MINOR for w in words):
        return None
    for n in (3, 2, 1):
        state = gazetteer.state_named(" ".join(words[:n]))
        if state is not None and len(words) > n + 1 and words[n] not in ("City", "County"):
            return state.key.split("/", 1)[1], " ".join(words[n:])
    return None


_STATUTE_WORDS = {"Act", "Code", "Law"}


def _a_states_code(label: str) -> str | None:
    """The name of a code that states each have and name without their state ("the Election Code", "the Health and
    Safety Code", "the Revised Code"); none for a federal code, a city's ("the City Code", "the Tucson Code") or an
    agency's ("the TRPA Code")."""
    name = re.sub(r"^the\s+", "", label, flags=re.I)
    words = name.split()
    if not 2 <= len(words) <= 5 or words[-1] != "Code" or name.lower() in _FEDERAL_CODES:
        return None
    if not all(w.istitle() or w in _MINOR for w in words) or any(re.fullmatch(LOCAL_GOVERNMENTS, w) for w in words):
        return None
    return None if gazetteer.lookup(words[0]) else name


_FEDERAL_CODES = {"united states code", "u.s. code", "internal revenue code", "bankruptcy code", "tax code",
                  "uniform commercial code", "criminal code"}
_MINOR = {"of", "and", "the", "for", "on", "in", "to"}


def _local_number(cls: str, names: list[str]) -> str | None:
    """One way of writing an order's or a bill's number: 'EO 2025-014', 'Executive Order D 25-14' -> '25-14';
    'H.B. 1234', 'House Bill 1234' -> 'hb-1234'."""
    for name in names:
        bill = _BILL.search(name)
        if cls == "Legislation" and bill:
            prefix = _BILL_PREFIX.get(bill.group(1).lower()) or re.sub(r"[^a-z]", "", bill.group(1).lower())
            return f"{prefix}-{int(bill.group(2))}"
        if cls != "Legislation":
            for match in _NUMBER.finditer(name):
                written = match.group(2)
                bare_year = re.fullmatch(r"(?:19|20)\d\d", written)
                if cls == "ExecutiveOrder" and re.fullmatch(r"1\d{4}", written):
                    return None  # the federal series (13768), which extraction keys by its number alone
                # a number is an order's when an order word comes before it or it is written with parts
                # ("20-38"); "the 2017 conditions" has a year, not a number
                if bare_year or not ("-" in written or "." in written or _ORDER_WORDS.search(name[: match.start()])):
                    continue
                return written_number([g for g in re.split(r"[-.]", written) if g])
    coded = (_coded(m.group(0)) for name in names for m in _CODED.finditer(name)) if cls != "Legislation" else ()
    return next((number for number in coded if number), None)


# A number written with letters in its series ("Order No. 2024-CS-03", "HPT-2025-0003", "EO 2024-06D"): two or more
# parts with digits and one with a letter, so "COVID-19", "I-25" and "H-2A" are none.
_CODED = re.compile(r"(?<![\w.-])(?=(?:[A-Z]*\d+[A-Z]*-)+)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)+(?![\w-])")


def _coded(written: str) -> str | None:
    """'2024-CS-03' -> '24-cs-3', '0847-X' -> '847-x'; None with fewer than two parts with digits unless a number
    leads ('COVID-19', 'H-2A' are no orders' numbers)."""
    parts = written.split("-")
    if sum(any(c.isdigit() for c in p) for p in parts) < 2 and not parts[0].isdigit():
        return None
    return written_number(parts)


def written_number(parts: list[str]) -> str:
    """An order's number written one way from its parts: a leading year cut to two digits when more parts follow,
    numbers without leading zeros, letters in lower case ('2025', '014' -> '25-14'; '2024', 'CS', '03' ->
    '24-cs-3'). Cross-document linking writes the numbers of document keys so too."""
    groups = [str(int(p)) if p.isdigit() else p.lower() for p in parts]
    if len(parts) > 1 and parts[0].isdigit() and 1900 <= int(parts[0]) <= 2099:
        groups[0] = str(int(parts[0]) % 100)
    return "-".join(groups)
