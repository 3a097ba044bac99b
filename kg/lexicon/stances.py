"""Stance words: complying with, opposing, challenging or refusing an order, and who acts for whom.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

# Stance verbs (lemmas) -> stance.
STANCE_VERBS: dict[str, str] = {
    "comply": "comply",
    "abide": "comply",  # "abide by the conditions"
    "adhere": "comply",
    "cooperate": "comply",
    "obey": "comply",
    "follow": "comply",
    "honor": "comply",
    "implement": "comply",
    "enforce": "comply",
    "accept": "comply",  # "accepted the conditions"
    "satisfy": "comply",  # "has satisfied Special Condition 52"
    "meet": "comply",  # "met the conditions"
    "oppose": "oppose",
    "object": "oppose",  # "objected to the conditions"
    "disagree": "oppose",
    "decry": "oppose",
    "assail": "oppose",
    "fight": "oppose",
    "criticize": "oppose",
    "condemn": "oppose",
    "denounce": "oppose",
    "reject": "oppose",
    "resist": "oppose",
    "protest": "oppose",
    "blast": "oppose",
    "slam": "oppose",
    "veto": "oppose",
    "override": "oppose",
    "block": "oppose",
    "challenge": "challenge",
    "sue": "challenge",
    "appeal": "challenge",
    "contest": "challenge",
    "enjoin": "challenge",
    "refuse": "refuse",
    "decline": "refuse",
    "ignore": "refuse",
    "violate": "refuse",
    "defy": "refuse",
    "end": "refuse",  # "ended the county's 287(g) agreement"
    "terminate": "refuse",
    "rescind": "refuse",
    "repeal": "refuse",
}
# Nouns that carry a stance ("a lawsuit challenging", "filed suit").
STANCE_NOUNS = {
    "lawsuit": "challenge", "suit": "challenge", "challenge": "challenge", "appeal": "challenge",
    "compliance": "comply",  # "certified its compliance with 8 U.S.C. 1373"
    "opposition": "oppose", "objection": "oppose",  # "voiced opposition to the bill"
}
# People and units acting for a jurisdiction or official ("Portland officials", "his deputies", "his office").
STAFF_NOUNS = {
    "official", "officer", "deputy", "jail", "police", "employee", "agent", "staff", "prosecutor",
    "administration", "leader", "lawmaker", "authority", "office", "spokesman", "spokeswoman", "spokesperson",
}
# Words of going to court, whose target may be sentences away ("sued the Attorney General").
SUIT_WORDS = {"sue", "lawsuit", "suit"}
# Governing verbs that turn "comply" into its refusal ("declined to honor", "stopped complying").
# Verbs by which a policy keeps someone from doing something ("bars the jail from honoring detainers").
BARRING_VERBS = {"bar", "prohibit", "forbid", "prevent", "ban", "block", "keep", "stop"}
REFUSAL_VERBS = {"refuse", "decline", "stop", "cease", "fail", "reject"}
# Verbs of taking a side in a debate: "against" an order opposes it ("testified against the bill").
ADVOCACY_VERBS = {"vote", "testify", "speak", "argue", "campaign", "lobby", "rally", "advocate", "organize"}
# Verbs that permit an act ("allowed Texas to enforce the law"): no stance of the one permitted.
PERMISSION_VERBS = {"allow", "permit", "let", "authorize", "enable"}
# Verbs and adverbs that make an act intended rather than done ("vowed to challenge").
INTENT_VERBS = {"vow", "plan", "threaten", "promise", "intend", "pledge", "seek", "want", "aim", "prepare", "hope"}
# Verbs of holding someone in custody: held "on a detainer" complies with it ("has not held anyone on a detainer").
CUSTODY_VERBS = {"hold", "detain", "keep"}
