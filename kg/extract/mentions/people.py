"""People: a name with its titles dropped, one node per first and last name across documents; surnames and
names NER missed resolved to the full name the text gives."""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg import gazetteer
from kg.extract.context import Context
from kg.extract.mentions.names import shouted
from kg.extract.mentions.places import place_key
from kg.lexicon.names import COURT_WORDS, GOVERNMENT_WORDS
from kg.lexicon.offices import ROLE_WORDS, ROLES
from kg.text import slug

TITLE_WORDS = {
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "hon.",
    "judge",
    "justice",
    "mayor",
    "president",
    "gov.",
    "governor",
    "sen.",
    "senator",
    "rep.",
    "secretary",
    "attorney",
    "general",
    "chief",
    "sheriff",
    "director",
    # a deputy's rank and a party's role in a case: words before a name, never part of it
    "deputy",
    "petitioner",
    "plaintiff",
    "defendant",
    "respondent",
    "appellant",
    "appellee",
    "intervenor",
} | (ROLE_WORDS - {"of", "the"})
_SUFFIX = re.compile(r"Jr\.?|Sr\.?|I{2,3}|IV")  # a generational suffix of a name
GENERATIONAL = re.compile(r"^(?:[A-Z][a-z]+\.? )+(?:[A-Z]\. )?[A-Z][a-z]+,? (?:Jr\.|Sr\.|II|III|IV)$")


def person(ctx: Context, span: Span) -> str:
    """The person a name span names, titles dropped; one node per first and last name."""
    tokens = [t for t in span if t.lower_ not in TITLE_WORDS]
    if not any(t.is_alpha for t in tokens):  # "Sheriff", "County Clerk": an office named without its holder
        title = " ".join(t.text for t in span if t.lower_ not in ("the", "a", "an"))
        return ctx.add("Person", title, f"person/office-{slug(title)}-{ctx.info.content_hash[:8]}")
    name = "".join(t.text_with_ws for t in tokens).strip()  # "Ferris-Tran" stays one word
    name = re.sub(r"\s+", " ", re.sub(r"\s+,", ",", name))
    return ctx.add("Person", name, person_key(name))


def person_key(name: str) -> str:
    """First and last name only, so 'Donald J. Trump' and 'Donald Trump' are one node across documents."""
    words = [w for w in name.replace(",", " ").split() if not (re.fullmatch(r"[A-Z]\.?", w) or _SUFFIX.fullmatch(w))]
    core = [words[0], words[-1]] if len(words) > 2 else words
    return f"person/{slug(' '.join(core) or name)}"


def surname_taken_for_a_body(ctx: Context, key: str | None) -> str | None:
    """The person whose surname NER tagged as an organization ("Quill said ..."), if the text names them in full."""
    entity = ctx.entities.get(key) if key else None
    if entity is None or entity.cls != "Organization" or not re.fullmatch(r"[A-Z][a-z'-]+", entity.label):
        return None
    return person_by_surname(ctx, entity.label)


def person_by_surname(ctx: Context, text: str) -> str | None:
    """NER sometimes tags a known person's surname as ORG, GPE or LAW ("the Trump executive order")."""
    if " " in text:
        return None
    for key, entity in ctx.entities.items():
        if entity.cls == "Person" and entity.label.split()[-1] == text and " " in entity.label:
            return key
    return None


def party(ctx: Context, name: str) -> str | None:
    """The entity a case caption names as a party ("County of Santa Clara", "Trump", "Sessions"), when
    the gazetteer or the text knows it."""
    name = re.sub(r",?\s+et al\.?$", "", name.strip())
    places = gazetteer.lookup(name)
    if places and places[0].cls != "Country":
        return place_key(ctx, places[0], name)
    lowered = name.lower()
    named = next((k for k, e in ctx.entities.items() if any(a.lower() == lowered for a in e.aliases)), None)
    if re.fullmatch(r"[A-Z][a-z]+", name) and ctx.cls_of(named) in (None, "Organization"):
        # a one-word party is a surname ("v. Trump"), whatever NER made of it in the text
        surname = person_by_surname(ctx, name) or ctx.add("Person", name, person_key(name))
        if named:
            ctx.merge(named, surname)
        return surname
    return named


def _surname(name: str) -> str:
    """'Edmund G. Brown Jr.' -> 'Brown'."""
    words = [w for w in name.replace(",", " ").split() if not _SUFFIX.fullmatch(w)]
    return words[-1] if words else name


def resolve_short_names(ctx: Context) -> None:
    """'Gimenez' after (or before) 'Carlos Gimenez' is the same person: merge surname-only persons,
    and a surname NER took for an organization or a place the gazetteer does not know."""
    full = {
        _surname(e.label): k
        for k, e in ctx.entities.items()
        if e.cls == "Person" and " " in e.label and not k.startswith("person/office-")
    }
    for key, entity in list(ctx.entities.items()):
        # a one-word place the gazetteer does not know, and no kind of place ("a State")
        unknown_place = (
            entity.cls == "Jurisdiction" and key.startswith("jurisdiction/") and key not in ctx.jurisdiction_sets
        )
        if entity.cls not in ("Person", "Organization") and not unknown_place or " " in entity.label:
            continue
        target = full.get(entity.label)
        if target and target != key:
            ctx.merge(key, target)


def propagate_names(ctx: Context) -> None:
    """A person's surname that NER missed elsewhere in the document ('..., Gimenez wrote') is still them."""
    surnames = {e.label.split()[-1]: k for k, e in ctx.entities.items() if e.cls == "Person" and " " in e.label}
    for token in ctx.tokens:
        key = surnames.get(token.text)
        if (
            key
            and token.i not in ctx.token_keys
            and token.pos_ == "PROPN"
            and not shouted(ctx, ctx.doc[token.i : token.i + 1])
        ):
            ctx.mark(token.i, token.i + 1, key)


# A signature block's name in capitals, alone on its line or before ", <title>": "LYDIA M. WHITLOCK" over "UNITED
# STATES DISTRICT JUDGE", "CURTIS EILERT, President of the Senate." Two to four words, initials among them.
_SIGNED = re.compile(
    r"^[ \t]*(?:/s/[ \t]*)?"
    r"(?P<name>[A-Z][A-Z'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Z'-]+)){1,3}(?:,?[ \t]+(?:JR|SR)\.|[ \t]+I{2,3})?)"
    r"(?:,[ \t]+|[ \t]*\n[ \t]*)(?P<title>[^\n]{2,80})",
    re.MULTILINE,
)
# The words a title ends in ("judge", "secretary", "general"): a signed name's next words must hold one.
_ROLE_HEADS = {role.split()[-1] for role in ROLES}
_NOT_NAME_WORDS = ROLE_WORDS | GOVERNMENT_WORDS | COURT_WORDS | {"of", "the", "and", "for", "state", "county", "city"}


def signed_names(ctx: Context) -> None:
    """The names of a signature block, which NER does not read in capitals: a line that is a name in capitals,
    with the signer's title after a comma or on the next line, is a person ("Lydia M. Whitlock")."""
    for found in _SIGNED.finditer(ctx.text):
        words = found["name"].replace(",", " ").split()
        title = {w.strip(".,;:").lower() for w in found["title"].split()[:6]}
        if not title & _ROLE_HEADS or {w.lower() for w in words} & _NOT_NAME_WORDS:
            continue
        if gazetteer.state_named(found["name"]) or gazetteer.lookup(found["name"].title()):
            continue  # "NEW MEXICO" over "Office of the Governor"
        span = ctx.doc.char_span(found.start("name"), found.end("name"), alignment_mode="contract")
        if span is None or any(t.i in ctx.token_keys for t in span):
            continue
        name = " ".join(w if re.fullmatch(r"[A-Z]\.|I{2,3}", w) else w.capitalize() for w in found["name"].split())
        ctx.mark(span.start, span.end, ctx.add("Person", name, person_key(name), aliases=(found["name"],)))
