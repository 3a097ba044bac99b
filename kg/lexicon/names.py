"""Name words: what makes a name a government body, a court, an outlet or a set of jurisdictions.

General English and US-government vocabulary, never names taken from one document; lemmas in lower case.
"""

from __future__ import annotations

from kg.lexicon.offices import ROLE_WORDS

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
# Words that end the name of a local public body that is not an office of government ("the Holmes County School
# District", "the Green Bay Water Utility", "Grand Rapids Public Schools", "the New Mexico Mortgage Finance Authority").
PUBLIC_BODY_TAILS = {"district", "utility", "utilities", "schools", "authority"}
# Words that end a non-government organization's name ("the Nevada Immigrant Rights Network").
ORGANIZATION_TAILS = {
    "network", "coalition", "alliance", "association", "union", "center", "project", "institute", "foundation",
    "committee", "federation", "society", "league", "academy",
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
