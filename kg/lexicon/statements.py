"""Statement words: saying, reporting and condemning.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

# Speech verbs (lemmas).
SPEECH_VERBS = {
    "call",
    "say", "state", "write", "tell", "argue", "claim", "declare", "announce", "note", "add",
    "warn", "insist", "contend", "assert", "explain", "testify", "respond",
}
REPORT_VERBS = {"report"}
# What a speaker calls an order to oppose it ("said the order was unconstitutional").
# Verbs by which a speaker says an order breaks the law ("the policies violate federal law").
BREACH_VERBS = {"violate", "break", "defy", "undermine"}
CONDEMNATION_WORDS = {
    "unlawful", "illegal", "unconstitutional", "invalid", "void", "wrong", "erroneous", "un-american", "cruel",
    "unjust", "outrageous", "dangerous", "coercive", "reckless", "misguided",
}
