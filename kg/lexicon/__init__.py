"""Trigger words, one module per family: `orders`, `offices`, `names` (of bodies, courts, outlets and sets of
jurisdictions), `stances`, `funding` and `statements`. Each rule family and mention finder reads its own, and
the one of another family it needs, by name.

These are general English and general US-government vocabulary, never names taken from one document. A domain's
own words are added from a ``triggers.json`` (`extend`, ``kg build --patterns DIR``; docs/patterns.md): the
lists of `EXTENDABLE`, which the rules read as they run (lists built from other lists when kg is imported, such
as the words of every title, cannot be extended this way).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from kg.facts import FUNDING_STATUSES, STANCES
from kg.vocab import SUBCLASSES

_ORDER_CLASSES = tuple(sorted(SUBCLASSES["Order"]))

# The lists a user may add to, as "family.NAME", with the values a word may map to (None: a plain list of words).
EXTENDABLE: dict[str, tuple[str, ...] | None] = {
    "orders.ISSUE_VERBS": None,
    "orders.DIRECT_VERBS": None,
    "orders.JUDGING_VERBS": None,
    "orders.ORDER_NOUNS": _ORDER_CLASSES,
    "orders.NUMBERED_ORDER_NOUNS": _ORDER_CLASSES,
    "stances.STANCE_VERBS": STANCES,
    "stances.STANCE_NOUNS": None,
    "stances.SUIT_WORDS": None,
    "stances.REFUSAL_VERBS": None,
    "stances.INTENT_VERBS": None,
    "funding.FUNDING_VERBS": FUNDING_STATUSES,
    "funding.FUNDING_NOUNS": None,
    "funding.PAYMENT_VERBS": None,
    "funding.THREAT_WORDS": None,
    "funding.CONDITION_WORDS": None,
    "funding.PROGRAM_CONTEXT": None,
    "statements.SPEECH_VERBS": None,
    "statements.BREACH_VERBS": None,
    "statements.CONDEMNATION_WORDS": None,
}


def check_additions(additions: Any) -> None:
    """Raise ValueError, saying what to write instead, unless `additions` maps names of `EXTENDABLE` to words:
    a list of words for a plain list, an object of word -> value for a table (``"disburse": "provided"``)."""
    if not isinstance(additions, Mapping):
        raise ValueError('triggers are an object: {"funding.FUNDING_VERBS": {"disburse": "provided"}, ...}')
    for name, words in additions.items():
        if name not in EXTENDABLE:
            raise ValueError(f"no trigger list {name!r}; extendable: {', '.join(EXTENDABLE)}")
        values = EXTENDABLE[name]
        if values is None:
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise ValueError(f"{name} takes a list of words")
            continue
        if not isinstance(words, Mapping) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{name} takes an object of word -> one of {', '.join(values)}")
        for word, value in words.items():
            if value not in values:
                raise ValueError(f"{name}: {word!r} -> {value!r}; the value is one of {', '.join(values)}")


def extend(additions: Mapping[str, Any]) -> None:
    """Add a domain's trigger words (checked by `check_additions`), lower-cased, to the lists the rules read.
    The lists are the process's: what is added stays for as long as it runs."""
    check_additions(additions)
    for name, words in additions.items():
        family, _, constant = name.partition(".")
        target = getattr(importlib.import_module(f"kg.lexicon.{family}"), constant)
        if isinstance(target, dict):
            target.update({w.strip().lower(): v for w, v in words.items()})
        else:
            target.update(w.strip().lower() for w in words)
