"""Funding words: money given, withheld, threatened or conditioned, and the programs it comes from.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

# Verbs by which someone makes money depend on conditions they set ("tied receipt of the funds to ...").
CONDITIONING_VERBS = {"tie", "condition", "link"}
# Funding vocabulary.
FUNDING_NOUNS = {
    "grant", "fund", "funding", "money", "dollar", "payment", "reimbursement", "aid", "appropriation",
    "award", "subsidy",
}
# Federal grant programs by the department that runs them (names and acronyms as texts write them).
PROGRAM_ADMINISTRATORS = {
    "Department of Justice": (
        "Byrne", "JAG", "SCAAP", "State Criminal Alien Assistance", "COPS", "Community Oriented Policing",
    ),
}
# Their one-word names, which NER may take for a person or a body ("Byrne JAG").
PROGRAM_WORDS = {name.lower() for names in PROGRAM_ADMINISTRATORS.values() for name in names if " " not in name}
# What follows a program's name ("Byrne JAG funds", "the Byrne Memorial grant").
PROGRAM_CONTEXT = {"grant", "grants", "fund", "funds", "funding", "money", "award", "awards", "program", "memorial"}
# Verbs by which a body pays a jurisdiction a sum ("pays the county $1.2 million a year").
PAYMENT_VERBS = {"pay", "give", "award", "allocate", "send"}
# Verb lemmas -> funding status when the act is done (past / present fact).
FUNDING_VERBS: dict[str, str] = {
    "strip": "withheld",
    "withhold": "withheld",
    "withdraw": "withheld",
    "cut": "withheld",
    "deny": "withheld",
    "deprive": "withheld",
    "revoke": "withheld",
    "terminate": "withheld",
    "restrict": "withheld",
    "lose": "withheld",
    "cost": "withheld",
    "block": "withheld",
    "tie": "conditioned",
    "condition": "conditioned",
    "reimburse": "reimbursement",
    "receive": "provided",
    "release": "provided",
    "disburse": "provided",
    "allocate": "provided",
    "award": "provided",
    "provide": "provided",
    "give": "provided",
    "fund": "provided",
    "pay": "provided",
}
# What a court grants that is not money ("the grant of a motion").
RELIEF_NOUNS = {"injunction", "motion", "relief", "petition", "stay", "certiorari", "request", "application"}
# Words that make a funding act a threat rather than a fact.
THREAT_WORDS = {
    "will", "would", "shall", "could", "may", "might", "threaten", "threat", "prospect", "plan",
    "ineligible", "eligible", "vow", "propose", "seek", "question", "whether", "risk", "review",
}
CONDITION_WORDS = {"condition", "conditions", "conditioned", "contingent", "tied", "requirement"}
