"""Trigger words of the policy domain, in one place so every rule reads the same lists.

These are general English and general US-government vocabulary, never names taken from one
document. Lemmas are lower case.
"""

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
}

# Order nouns that take a number as a name ("Resolution No. 2017-11", "Jail Operations Policy 4.17").
NUMBERED_ORDER_NOUNS = {
    "resolution": "LocalPolicy", "ordinance": "LocalPolicy", "policy": "LocalPolicy", "procedure": "LocalPolicy",
    "directive": "Directive", "memorandum": "Directive", "order": "Directive",
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

# Office titles: lower-case title -> canonical role. Longest titles are tried first.
ROLES: dict[str, str] = {
    "president": "president",
    "vice president": "vice president",
    "mayor": "mayor",
    "governor": "governor",
    "gov.": "governor",
    "press secretary": "press secretary",
    "secretary": "secretary",
    "attorney general": "attorney general",
    "assistant attorney general": "assistant attorney general",
    "inspector general": "inspector general",
    "director": "director",
    "executive director": "executive director",
    "interim corrections director": "corrections director",
    "corrections director": "corrections director",
    "police chief": "police chief",
    "chief": "chief",
    "chief of police": "police chief",
    "sheriff": "sheriff",
    "judge": "judge",
    "district judge": "district judge",
    "united states district judge": "district judge",
    "circuit judge": "circuit judge",
    "chief judge": "chief judge",
    "justice": "justice",
    "senator": "senator",
    "sen.": "senator",
    "representative": "representative",
    "rep.": "representative",
    "commissioner": "commissioner",
    "council member": "council member",
    "councilman": "council member",
    "councilwoman": "council member",
    "city attorney": "city attorney",
    "county executive": "county executive",
    "county judge": "county judge",
    "minority leader": "minority leader",
    "majority leader": "majority leader",
    "speaker": "speaker",
    "council president": "council president",
    "council vice president": "council vice president",
    "vice chair": "vice chair",
    "board president": "board president",
    "lieutenant governor": "lieutenant governor",
    "lt. gov.": "lieutenant governor",
    "county manager": "county manager",
    "city manager": "city manager",
    "city solicitor": "city solicitor",
    "county attorney": "county attorney",
    "district attorney": "district attorney",
    "public defender": "public defender",
    "attorney": "attorney",
    "u.s. attorney": "u.s. attorney",
    "united states attorney": "u.s. attorney",
    "police commissioner": "police commissioner",
    "freeholder": "freeholder",
    "freeholder director": "freeholder director",
    "alderman": "council member",
    "supervisor": "supervisor",
    "assemblyman": "representative",
    "assemblywoman": "representative",
    "chair": "chair",
    "chairman": "chair",
    "chairwoman": "chair",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
}
# Every word of a title ("county", "executive", ...): words no name is made of.
ROLE_WORDS = {word for role in ROLES for word in role.split()}

# Where an office sits when the text names none: the office of a country's head of state.
COUNTRY_ROLES = {"president", "vice president"}

# Party adjectives and nouns -> canonical party name.
PARTIES = {
    "republican": "Republican Party",
    "republicans": "Republican Party",
    "gop": "Republican Party",
    "democratic": "Democratic Party",
    "democrat": "Democratic Party",
    "democrats": "Democratic Party",
    "dfl": "Democratic-Farmer-Labor Party",  # Minnesota's Democrats
    "dfler": "Democratic-Farmer-Labor Party",
}
# The letter of a legislator's party before a hometown ("Tom Brekke, R-Elk River", "(D-Texas)").
PARTY_LETTERS = {"r": "Republican Party", "d": "Democratic Party", "dfl": "Democratic-Farmer-Labor Party"}

# Words that make an organization name a government body.
GOVERNMENT_WORDS = {
    "department", "agency", "office", "bureau", "administration", "commission", "board", "congress",
    "senate", "house", "council", "legislature", "assembly", "police", "sheriff", "government",
    "enforcement", "service", "services", "corrections", "ministry", "secretary", "attorney",
    "marshals", "prisons", "customs", "immigration", "justice", "homeland", "white", "capitol",
    "agencies", "departments", "offices",
}
# Federal departments called by their short name ("the Justice Department"): NER misses the name
# when it modifies a noun ("Justice Department grants").
DEPARTMENT_SHORT_NAMES = {
    "justice", "treasury", "defense", "interior", "agriculture", "commerce", "labor", "transportation",
    "energy", "education",
}
COURT_WORDS = {"court", "circuit", "tribunal"}
JUDGE_WORDS = {"judge", "justice", "magistrate"}
# What a judge or court does in deciding ("ruled", "found", "held", "ordered the city to", "enjoined").
JUDGING_VERBS = {"rule", "find", "hold", "order", "enjoin", "bar", "block"}
# Words that begin or end a body's name after a place ("Texas Legislature", "Oregon Supreme Court").
BODY_HEADS = {
    "department", "agency", "office", "bureau", "commission", "board", "council", "legislature", "assembly",
    "senate", "house", "court", "administration", "police", "patrol",
}
# Federal bodies texts name by acronym alone, without spelling them out first.
FEDERAL_ACRONYMS = {
    "ICE": "Immigration and Customs Enforcement", "DHS": "Department of Homeland Security",
    "DOJ": "Department of Justice", "OJP": "Office of Justice Programs", "BJA": "Bureau of Justice Assistance",
    "FBI": "Federal Bureau of Investigation", "CBP": "Customs and Border Protection",
    "USCIS": "Citizenship and Immigration Services",
}
# Words that end an agency's name ("U.S. Immigration and Customs Enforcement", "U.S. Marshals Service").
BODY_TAILS = {"enforcement", "protection", "service", "services", "security", "corrections"}
# Words that end a non-government organization's name ("the Nevada Immigrant Rights Network").
ORGANIZATION_TAILS = {
    "network", "coalition", "alliance", "association", "union", "center", "project", "institute", "foundation",
    "committee", "federation", "society", "league",
}
MEDIA_WORDS = {
    "news", "times", "post", "journal", "tribune", "herald", "gazette", "press", "radio", "tv",
    "television", "broadcasting", "magazine", "cnn", "npr", "reuters", "associated",
    "affiliate", "newspaper", "chronicle", "msnbc", "fox", "ledger", "courier", "observer", "sentinel", "inquirer",
    "examiner", "dispatch", "bulletin", "globe", "beacon", "daily", "monitor", "courant", "enquirer", "telegraph",
    "telegram", "mercury", "blade",
}
# Nouns that call a name an outlet in apposition ("LNP, the Lancaster daily").
OUTLET_NOUNS = {"newspaper", "paper", "daily", "weekly", "magazine", "station", "outlet", "broadcaster", "tabloid"}
# Words that follow a city's name in the name of its body, office or outlet, or in a date ("Austin Monday"),
# rather than a surname ("Warren Tidwell").
NAME_WORDS_AFTER_PLACES = (
    ROLE_WORDS | GOVERNMENT_WORDS | BODY_HEADS | BODY_TAILS | ORGANIZATION_TAILS | MEDIA_WORDS | COURT_WORDS
    | {"metro", "metropolitan", "area", "region", "public", "schools", "airport"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
       "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)

# Generic sets of jurisdictions ("sanctuary cities", "local jurisdictions").
JURISDICTION_NOUNS = {
    "jurisdiction", "city", "county", "state", "locality", "municipality", "town", "government",
}
SANCTUARY_MODIFIERS = {"sanctuary"}

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

# Verbs of issuing an order (lemmas).
ISSUE_VERBS = {
    "issue", "sign", "send", "adopt", "enact", "impose", "pass", "release", "publish", "announce",
    "order", "direct", "instruct", "grant", "hand", "write", "file", "have", "place", "enter", "attach", "approve",
    "lodge",
}
# Verbs of holding someone in custody: held "on a detainer" complies with it ("has not held anyone on a detainer").
CUSTODY_VERBS = {"hold", "detain", "keep"}
# Verbs by which someone makes money depend on conditions they set ("tied receipt of the funds to ...").
CONDITIONING_VERBS = {"tie", "condition", "link"}
# Verbs by which an order directs someone ("instructing the director to").
DIRECT_VERBS = {
    "direct", "instruct", "order", "require", "tell", "ask", "command", "remind", "urge", "bar", "prohibit", "forbid",
}

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
