"""People's names: parse a written name and decide whether it can name a given person.

A written name ("Attorney General Jeff Sessions", "Jefferson Beauregard Sessions III", "William J. Clinton",
"President Trump") is split into a leading office title, given name, middle names or initials, surname and
suffix (`nameparser` does the name parts); it can name a person whose recorded name agrees on every part the
text gives. Given names agree when they are equal, when one is the person's recorded nickname, or when the
`nicknames` table relates them (Jeff/Jefferson, Bill/William). That table is generous (it also pairs Bill with
Robert), so a match through it ranks below a match on the recorded name and can never beat one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from nameparser import HumanName
from nicknames import NickNamer

from kg.authority.records import Person, PersonName

# Office titles written before a name, longest first so "Vice President" is not read as "President".
# Each maps to the office name used in the tables' terms (empty: a courtesy title that names no office).
_TITLES: dict[str, str] = {
    "vice president": "vice president",
    "vice-president": "vice president",
    "president-elect": "",
    "president": "president",
    "attorney general": "attorney general",
    "attorney-general": "attorney general",
    "secretary of homeland security": "secretary of homeland security",
    "homeland security secretary": "secretary of homeland security",
    "dhs secretary": "secretary of homeland security",
    "senator": "senator",
    "sen.": "senator",
    "sen": "senator",
    "representative": "representative",
    "rep.": "representative",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "secretary": "secretary",  # any secretary's office: "secretary of homeland security", ...
    "governor": "",
    "gov.": "",
    "mr.": "",
    "mrs.": "",
    "ms.": "",
    "mr": "",
    "mrs": "",
    "ms": "",
    "dr.": "",
    "former": "",
    "then-": "",
    "acting": "",
    "u.s.": "",
    "us": "",
    "general": "",
    "the": "",
}
_TITLE = re.compile(
    r"^(?:" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + r")(?:\s+|(?<=-))",
    re.I,
)
_POSSESSIVE = re.compile(r"['\u2019]s$")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")

# How well a written given name agrees with a person's: higher is better, 0 is no agreement.
EXACT, RECORDED_NICKNAME, NICKNAME_TABLE, INITIAL, ABSENT = 4, 3, 2, 1, 1


@dataclass(frozen=True)
class WrittenName:
    """The parts of a written name, folded (lower case, no accents or dots); empty where the text gives none."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str
    office: str  # the office its title names, e.g. "president" for "President Trump"

    @property
    def surname_keys(self) -> tuple[str, ...]:
        """Surnames to look up: nameparser reads "Catherine Cortez Masto" as middle Cortez, last Masto."""
        keys = [self.last]
        for i in range(len(self.middles)):
            keys.append(" ".join((*self.middles[i:], self.last)))
        return tuple(dict.fromkeys(k for k in keys if k))


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, hyphens as spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("-", " ")
    return " ".join(_NON_WORD.sub("", text).split())


def parse(text: str) -> WrittenName | None:
    """Split a written name; None when nothing name-like is left after its titles."""
    rest = _POSSESSIVE.sub("", " ".join(text.split()).strip(" ,.;:\"'"))
    office = ""
    while True:
        match = _TITLE.match(rest)
        if match is None or match.end() >= len(rest):
            break
        office = office or _TITLES[match.group(0).strip().lower()]
        rest = rest[match.end() :]
    tokens = rest.split()
    if not tokens:
        return None
    if len(tokens) == 1:  # a bare surname: "Trump", "Sessions"
        return WrittenName(first="", middles=(), last=fold(tokens[0]), suffix="", office=office)
    human = HumanName(rest)
    first, last = fold(human.first), fold(human.last)
    if not last:
        return None
    middles = tuple(m for part in human.middle.split() for m in [fold(part)] if m)
    nickname = fold(human.nickname)
    return WrittenName(first=nickname or first, middles=middles, last=last, suffix=fold(human.suffix), office=office)


@functools.cache
def _nicknamer() -> NickNamer:
    return NickNamer()


@functools.cache
def nicknames_of(name: str) -> frozenset[str]:
    """The nicknames the `nicknames` table lists for a formal given name (jefferson -> jeff, william -> bill)."""
    return frozenset(_nicknamer().nicknames_of(name)) if name else frozenset()


@functools.cache
def formal_names_of(nickname: str) -> frozenset[str]:
    """The formal given names the `nicknames` table lists for a nickname (bob -> robert, bert, bobby)."""
    return frozenset(_nicknamer().canonicals_of(nickname)) if nickname else frozenset()


@dataclass(frozen=True)
class NameForm:
    """One recorded form of a person's name, folded: the name fields, or an alias parsed like a written name."""

    first: str
    other_given: tuple[str, ...]  # further given names and middle names, in order
    last: str
    suffix: str
    nickname: str

    @classmethod
    def of(cls, name: PersonName) -> NameForm:
        given = fold(name.first).split()
        return cls(
            first=given[0] if given else "",
            other_given=tuple(given[1:]) + tuple(fold(name.middle).split()),
            last=fold(name.last),
            suffix=fold(name.suffix),
            nickname=fold(name.nickname),
        )

    @classmethod
    def of_alias(cls, alias: str) -> NameForm | None:
        written = parse(alias)
        if written is None:
            return None
        return cls(written.first, written.middles, written.last, written.suffix, "")


def forms_of(person: Person) -> tuple[NameForm, ...]:
    """Every recorded form of the person's name: the name fields, the official full name, each alias."""
    forms = [NameForm.of(person.name)]
    for alias in (person.name.official_full, *person.aliases):
        form = NameForm.of_alias(alias) if alias else None
        if form is not None and form.last:
            forms.append(form)
    return tuple(dict.fromkeys(forms))


def agreement(written: WrittenName, form: NameForm) -> int:
    """How well a written name agrees with one recorded form: 0 when any part the text gives contradicts it;
    higher for an exact given name than a recorded nickname, a nickname-table pair or an initial."""
    if written.last != form.last:
        return 0
    if written.suffix and form.suffix and written.suffix != form.suffix:
        return 0
    if not _middles_agree(written.middles, form):
        return 0
    given = _given_agreement(written.first, form) if written.first else ABSENT
    # Middle names the text gives and the record confirms outrank a record silent on them: "John Quincy
    # Adams" is John Quincy, not John Adams, whose record has no middle name to contradict it.
    confirmed = 1 if given and written.middles and form.other_given else 0
    return 2 * given + confirmed


def _given_agreement(first: str, form: NameForm) -> int:
    if first == form.first:
        return EXACT
    if form.nickname and first == form.nickname:
        return RECORDED_NICKNAME
    if len(first) == 1:
        return INITIAL if first == form.first[:1] or (form.nickname[:1] == first) else 0
    # People known by a middle name ("Mitt" Romney is Willard Mitt): the record's other given names count too.
    if first in form.other_given:
        return RECORDED_NICKNAME
    # Only the formal given name is compared through the table: its pairs are loose (Bob and Bill are both
    # listed for Robert), so "Robert Barr" must not reach William "Bill" Barr through his nickname.
    if first in nicknames_of(form.first) or form.first in nicknames_of(first):
        return NICKNAME_TABLE
    return 0


def _middles_agree(middles: tuple[str, ...], form: NameForm) -> bool:
    """Written middle names or initials must match the record's in order, where the record has any: "George W.
    Bush" is not George Herbert Walker Bush, "George H. W. Bush" is, and so is "George H. Bush"."""
    if not middles or not form.other_given:
        return True
    recorded = form.other_given
    if len(middles) > len(recorded):
        return False
    for written, known in zip(middles, recorded, strict=False):
        if len(written) == 1 or len(known) == 1:
            if written[:1] != known[:1]:
                return False
        elif written != known:
            return False
    return True
