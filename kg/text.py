"""Text as kg keeps it: one Unicode form, no invisible characters, nothing XML cannot hold.

Documents are normalised as they are read, before any identity (entity key, IRI) or label is made from
them: "Ses\\u200bsions" with a zero-width space inside is the same name as "Sessions", and a decomposed
"é" the same as a composed one. File names become text that can always be printed and stored, and names become
the key parts of entity keys (`slug`), which extraction and resolution both make.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import PurePath

# Format characters that change no letter but make two equal-looking names differ: soft hyphen, Mongolian vowel
# separator, zero-width space and (non-)joiners, left-to-right and right-to-left marks, embeddings, overrides and
# isolates, word joiner and invisible operators, byte-order mark.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
# Control characters other than tab and line feed (carriage returns are made line feeds before): XML 1.0 cannot
# hold most of them, and none of them is text. DEL and the C1 range are included.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters XML 1.0 forbids, for the last guard before an XML writer (data from an older or remote store).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def normalise(text: str) -> str:
    """NFC; invisible format characters removed; page breaks made paragraph breaks; other controls spaces."""
    text = _INVISIBLE.sub("", text).replace("\f", "\n\n").replace("\v", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub(" ", text))


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def shown(path: str | PurePath) -> str:
    """A path as text that can always be printed, encoded and stored: bytes of its name that are not UTF-8
    (which Python keeps as lone surrogates) and control characters written as ``\\xNN``, the rest in NFC."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    # A line break in a file name would break the one-line messages that name the file.
    return unicodedata.normalize("NFC", _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text))


def outlet_name(name: str) -> str:
    """An outlet's name as a story calls it: without what a header adds in parentheses ("The Blade (Toledo, Ohio)")
    and without its leading "the"."""
    return re.sub(r"^the\s+", "", name.split("(")[0].strip(), flags=re.I)


def slug(text: str) -> str:
    """A lower-case key part: 'Miami-Dade County' -> 'miami-dade-county', 'José' -> 'jose'.

    Letters that do not fold to ASCII stay as they are ('Сергей Собянин' -> 'сергей-собянин'; IRIs percent-encode
    them): folding dropped them, and every name in another script became 'x', one person. A text with no letter or
    digit at all is keyed by a digest of it, for the same reason.
    """
    key = re.sub(r"-+", "-", "".join(map(_key_char, unicodedata.normalize("NFC", text).lower()))).strip("-")
    return key or "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _key_char(char: str) -> str:
    """A character of a key: its ASCII letters or digits without accents, else the letter, digit or mark itself
    (the marks of Indic and other scripts are part of their letters), else a dash."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if folded and folded.isascii():
        return folded if folded.isalnum() else "-"
    return char if unicodedata.category(char)[0] in "LMN" else "-"
