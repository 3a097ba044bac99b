"""Order words: the nouns that name an order by class, and the verbs of issuing, directing and judging.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

# Nouns that name an order, by ontology class. Multi-word entries are matched on lemmas.
ORDER_NOUNS: dict[str, str] = {
    "executive order": "ExecutiveOrder",
    "presidential order": "ExecutiveOrder",
    "memo": "Directive",
    "memorandum": "Directive",
    "directive": "Directive",
    "letter": "Directive",
    "guidance": "Directive",
    "grant condition": "Directive",
    "veto": "Directive",
    "condition": "Directive",
    "agreement": "Directive",  # "a 287(g) agreement" with ICE binds the jail that signs it
    "detainer request": "DetainerRequest",
    "detainer": "DetainerRequest",
    "immigration detainer": "DetainerRequest",
    "policy": "LocalPolicy",
    "ordinance": "LocalPolicy",
    "resolution": "LocalPolicy",
    "law": "Legislation",
    "statute": "Legislation",
    "bill": "Legislation",
    "measure": "Legislation",
    "act": "Legislation",
    "ruling": "CourtRuling",
    "injunction": "CourtRuling",
    "preliminary injunction": "CourtRuling",
    "decision": "CourtRuling",
    "opinion": "CourtRuling",
    "judgment": "CourtRuling",
    # any policy domain's instruments: an executive's emergency declarations, a court's decrees, an agency's permits
    # and rules
    "proclamation": "ExecutiveOrder",
    "emergency declaration": "ExecutiveOrder",
    "disaster declaration": "ExecutiveOrder",
    "decree": "CourtRuling",
    "permit": "Directive",
    "emergency rule": "Legislation",
    "final rule": "Legislation",
    "interim rule": "Legislation",
    "emergency regulation": "Legislation",
    # what an agency sends or a party signs in any domain: "the ten-day notice", "a boil-water advisory", "the bus
    # contract", "the settlement"
    "notice": "Directive",
    "advisory": "Directive",
    "contract": "Directive",
    "settlement": "Directive",
}
# Order nouns that, bare, name a manner rather than one order ("gave ICE notice of releases", "reached settlement").
MANNER_NOUNS = {"notice", "settlement"}
# Order nouns that take a number as a name ("Resolution No. 2017-11", "Jail Operations Policy 4.17").
NUMBERED_ORDER_NOUNS = {
    "resolution": "LocalPolicy", "ordinance": "LocalPolicy", "policy": "LocalPolicy", "procedure": "LocalPolicy",
    "directive": "Directive", "memorandum": "Directive", "order": "Directive",
    "bulletin": "Directive", "advisory": "Directive", "circular": "Directive",  # an agency's numbered guidance
    "general order": "LocalPolicy",  # a police department's standing order
    "bill": "LocalPolicy",  # "Board Bill 214", "Council Bill 119": a chamber's bills ("Senate Bill 4") are Legislation
}
# Ruling nouns that name a court's act only where a court is in view ("the sheriff's decision").
NON_JUDICIAL_RULINGS = {"decision", "opinion", "judgment"}
# Order nouns that can name the same order ("the decision" after "the ruling"), as lemmas.
RULING_NOUNS = {"ruling", "decision", "opinion", "judgment", "injunction"}
ORDER_SYNONYMS = [
    {"memo", "memorandum", "directive"},
    RULING_NOUNS,
    {"law", "statute", "act", "bill", "measure"},
    {"policy", "ordinance", "resolution"},
    {"detainer", "request"},
]
# Nouns for any law or local rule ("the measure" after "an ordinance" or "a bill") and what they refer back to.
GENERAL_ORDER_NOUNS = {"measure": {"law", "bill", "act", "statute", "ordinance", "policy", "resolution"}}
# "The order" / "the EO" refer back to the most salient order of any class.
ORDER_ANAPHORS = {"order", "eo", "e.o."}
# What a judge or court does in deciding ("ruled", "found", "held", "ordered the city to", "enjoined").
JUDGING_VERBS = {"rule", "find", "hold", "order", "enjoin", "bar", "block"}
# Verbs of issuing an order (lemmas).
ISSUE_VERBS = {
    "issue", "sign", "send", "adopt", "enact", "impose", "pass", "release", "publish", "announce",
    "order", "direct", "instruct", "grant", "hand", "write", "file", "have", "place", "enter", "attach", "approve",
    "lodge",
}
# Verbs by which an order directs someone ("instructing the director to").
DIRECT_VERBS = {
    "direct", "instruct", "order", "require", "tell", "ask", "command", "remind", "urge", "bar", "prohibit", "forbid",
}
