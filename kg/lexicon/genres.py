"""What kind of document a text is, read from its opening lines and its title.

A line that opens a document's own form ("EXECUTIVE ORDER 2024-07", "FOR IMMEDIATE RELEASE", "Dear Mayor Ruiz:",
"IN THE UNITED STATES DISTRICT COURT") names its genre best; failing that, many speakers' lines make it a
transcript and a dateline, byline or outlet news; failing those, its title. The first genre in this table whose
cue is found wins (a court's order is a court document, not an order). The genre is a feature of every candidate
fact: the county named in a letter's opening is its addressee, in a news story rarely.
"""

from __future__ import annotations

# genre -> (a line of the opening that names it, a title that names it): regular expressions matched
# case-insensitively, the first at the start of any line of the document's first characters
GENRE_CUES: dict[str, tuple[str, str]] = {
    "transcript": (r"(?:official\s+)?transcript\b", r"\btranscript\b"),
    "minutes": (r"(?:official\s+|meeting\s+)?minutes\b", r"\bminutes\b"),
    "editorial": (r"(?:editorial|our view)\b", r"^\s*(?:editorial|opinion|op-ed|our view|commentary)\b"),
    "press release": (
        r"(?:for immediate release|news release|press release|media advisory|statement)\b",
        r"\bpress release\b|\bstatement\b",
    ),
    "court": (
        r"(?:in the\b.{0,80}\bcourt\b|(?-i:(?:[A-Z][A-Z.'-]*\s+){0,6}COURT\b)|"
        r"(?:supreme|superior|circuit|district) court\b)",
        r"\bv\.\s|\bvs\.\s|\bin re\b|\binjunction\b|\bjudgment\b|\bopinion and order\b",
    ),
    "order": (  # an executive's, a health officer's, an agency's order, or a proclamation
        r"(?:(?-i:(?:[A-Z][A-Z.'-]*\s+){0,4}ORDER\b)|executive order|proclamation|executive directive|"
        r"by the authority vested|declaration of (?:a )?(?:state of )?(?:local )?(?:disaster|emergency))",
        r"^\s*(?:[\w.'-]+\s+){0,3}(?:order|proclamation)\b",
    ),
    "legislation": (
        r"(?:an act|a bill|an ordinance|a resolution|(?:ordinance|resolution|bill|act) no\.|"
        r"(?:house|senate|assembly) (?:bill|file|joint resolution)|be it (?:enacted|ordained|resolved))\b",
        r"\b(?:ordinance|resolution|bill|act|statute)\b.{0,12}\b(?:no\.|number|\d)|^\s*(?:[hs]\.?\s?[bf]\.?|ab|sb)\s?\d",
    ),
    "letter": (r"dear\b", r"\bletter\b|\bnotice\b"),
    "memorandum": (r"(?:memorandum\b|to:|subject:|re:)", r"\bmemorandum\b|\bmemo\b|\bdirective\b|\bguidance\b"),
    "report": (r"(?:report|audit)\b", r"\breport\b|\baudit\b|\bnewsletter\b"),
}

OPENING_CHARS = 1200  # how much of a document's beginning is its opening
SPEAKER_LINES = 3  # lines opening "NAME:" that make a text a transcript
HEADER_LABELS = {"to", "from", "subject", "date", "re", "cc", "bcc", "attn", "attention", "memorandum for"}
