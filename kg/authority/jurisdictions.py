"""Office and jurisdiction names as the tables write them: "US" or a postal code, and a lower-case office."""

from __future__ import annotations

import re

from kg.authority.names import fold

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands",
}  # fmt: skip
_BY_NAME = {fold(name): code for code, name in STATES.items()}
_NATION = {"us", "usa", "united states", "united states of america", "america", "federal", "nation", ""}
_DISTRICT = re.compile(r"^([A-Za-z]{2})[- ]?(\d{1,2}|AL)$")  # "CA-12", "WY-AL" (at large)

# Written office names and the tables' names for them.
_OFFICES = {
    "president": "president",
    "president of the united states": "president",
    "potus": "president",
    "vice president": "vice president",
    "vice president of the united states": "vice president",
    "vp": "vice president",
    "attorney general": "attorney general",
    "attorney general of the united states": "attorney general",
    "ag": "attorney general",
    "secretary of homeland security": "secretary of homeland security",
    "homeland security secretary": "secretary of homeland security",
    "dhs secretary": "secretary of homeland security",
    "senator": "senator",
    "sen": "senator",
    "representative": "representative",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "member of congress": "representative",
}


def office_name(text: str) -> str:
    """The tables' name of an office ("U.S. Attorney General" -> "attorney general"); unknown ones folded."""
    key = fold(text)
    key = re.sub(r"^(?:the |us |united states )+", "", key)
    return _OFFICES.get(key, key)


def jurisdiction_code(text: str) -> tuple[str, int | None] | None:
    """("US", None) for the nation, (postal code, district or None) for a state; None when not recognised."""
    stripped = text.strip()
    district = _DISTRICT.match(stripped)
    if district and district.group(1).upper() in STATES:
        number = district.group(2).upper()
        return district.group(1).upper(), 0 if number == "AL" else int(number)
    if stripped.upper() in STATES:
        return stripped.upper(), None
    key = re.sub(r"^(?:the |state of |commonwealth of )+", "", fold(stripped))
    if key in _NATION:
        return "US", None
    code = _BY_NAME.get(key)
    return (code, None) if code else None
