"""Office words: titles and the roles they name, and political parties.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

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
    "undersheriff": "undersheriff",
    "clerk": "clerk",
    "county clerk": "county clerk",
    "city clerk": "city clerk",
    "superintendent": "superintendent",
    "treasurer": "treasurer",
    "auditor": "auditor",
    "administrator": "administrator",
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
# Roles that several people hold in one place at once (a county's commissioners, a court's judges): an unnamed
# holder of one is not the one holder another document names.
SHARED_ROLES = {"judge", "district judge", "circuit judge", "justice", "senator", "representative", "commissioner",
                "council member", "supervisor", "attorney", "assistant attorney general", "spokesperson",
                "freeholder", "vice chair", "council vice president"}
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
JUDGE_WORDS = {"judge", "justice", "magistrate"}
