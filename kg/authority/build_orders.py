"""Derive `kg/data/authority/executive_orders.yaml` from Federal Register HTML files of executive orders.

    python -m kg.authority.build_orders SRC [--people PEOPLE_DIR] [--out FILE]

SRC holds one `EO_NNNNN.html` per order, as the Federal Register's online edition published it (a `<pre>`
block: volume, issue and date of the Register, "Executive Order 13768 of January 25, 2017", the title, the
text, "THE WHITE HOUSE, <date>."). Number, title and signing date are read from the text; the president is
the one in office that day by the presidents table (`--people`), so the script needs no list of its own.
PEOPLE_DIR defaults to `kg/data/authority/people`, FILE to `kg/data/authority/executive_orders.yaml`. The output is
committed; kg never reads SRC at run time. Same SRC, same bytes out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from pathlib import Path
from typing import Any

from kg.authority.records import Person, dump_yaml, read_tables

_UPSTREAM = "Federal Register (public domain), via tony-landreth/presidential_executive_order_corpus (commit 6b44f11)"

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}"
# The order's own heading (not the table of contents' "Executive Order 13494--Title"); a few say "No.".
_HEADING = re.compile(r"^[ \t]*Executive Order (?:No\. )?(\d{5}),?(?: of)? (.*)$", re.M)  # EO 13739 lacks "of"
# The signature block's date, the fallback when the heading's date is garbled (EO 13494 repeats its title there).
_SIGNED = re.compile(rf"THE WHITE HOUSE,\s+({_DATE})")
_REGISTER = re.compile(r"\[Federal Register Volume (\d+), Number \d+ \(\w+, ({_DATE})\)\]".replace("{_DATE}", _DATE))
_FIRST_PAGE = re.compile(r"\[Pages? (\d+)")
_TAG = re.compile(r"<[^>]*>")
# GPO writes accented letters as bracketed entity names: "C[ocirc]te d'Ivoire".
_GPO_ENTITY = re.compile(r"\[([a-zA-Z]{1,2}(?:acute|grave|circ|uml|tilde|cedil|ring))\]")
# How the body of an order starts, when no blank line parts it from the title.
_BODY_START = re.compile(r"\s*(?:By (?:the|virtue)|Disputes? exists? |Section 1\.|Pursuant |Whereas )")
_MAX_TITLE_LINES = 8  # the longest title in the collection wraps over 6 lines
SUBJECT_WORDS = 12  # per order: enough to tell apart two orders of one day
_DATE_LIKE = re.compile(r"\s*[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s*$")


def parse_date(text: str) -> dt.date:
    return dt.datetime.strptime(re.sub(r"\s+", " ", text.replace(".", "")), "%B %d, %Y").date()


def parse_order(raw: bytes) -> dict[str, Any]:
    """Number, title, signing date, citation and publication date of one order's HTML."""
    # Some files carry stray NUL bytes between lines (an artefact of the GPO export), never inside words.
    text = html.unescape(_TAG.sub("", raw.replace(b"\x00", b"").decode("utf-8", errors="replace")))
    text = _GPO_ENTITY.sub(lambda m: html.unescape(f"&{m.group(1)};"), text)
    heading = _HEADING.search(text)
    if heading is None:
        raise ValueError("no 'Executive Order NNNNN of ...' heading")
    lines = text[heading.end() + 1 :].splitlines()
    slot = heading.group(2)
    if _DATE_LIKE.match(slot):
        headed = _try_date(slot)  # None for a misspelt month ("Janaury 15, 2001"): the signature decides
    else:
        # The date slot holds the title's first words (EO 13494): skip that wrapped heading first.
        headed = None
        lines = _rest_after_wrapped(slot, lines)
    title = _join(_title_lines(lines))
    if not title:
        raise ValueError("no title after the heading")
    signature = _SIGNED.search(text)
    signed = _try_date(signature.group(1)) if signature else None
    if signed is None and headed is None:
        raise ValueError("no signing date in the heading or the signature")
    register, page = _REGISTER.search(text), _FIRST_PAGE.search(text)
    return {
        "number": int(heading.group(1)),
        "title": title,
        "signed": signed,
        "citation": f"{register.group(1)} FR {page.group(1)}" if register and page else "",
        "published": parse_date(register.group(2)) if register else None,
        "headed": headed,
        "signature": signed,
        "text": text[heading.end() :],
    }


def _try_date(text: str) -> dt.date | None:
    try:
        return parse_date(text.strip())
    except ValueError:
        return None


def _rest_after_wrapped(first: str, lines: list[str]) -> list[str]:
    """The lines after a paragraph that starts with `first` and wraps while its lines end in a space."""
    line, rest = first, lines
    while line.endswith(" ") and rest and rest[0].strip():
        line, rest = rest[0], rest[1:]
    return rest


def _title_lines(lines: list[str]) -> list[str]:
    """The title: the lines after the heading up to where the body starts ("By the authority ..."), blank
    lines allowed (EO 13148 breaks its title with one); when no body opener comes within a few lines, the
    first paragraph. GPO typesetting errors (a line of U+FFFD and '*ERR01*') are dropped (EO 13453)."""
    content = [line.strip() for line in lines if line.strip() and "\ufffd" not in line]
    for end, line in enumerate(content[: _MAX_TITLE_LINES + 1]):
        if end and _BODY_START.match(line):
            return content[:end]
    paragraph: list[str] = []
    for line in lines:
        if not line.strip() and paragraph:
            break
        if line.strip() and "\ufffd" not in line:
            paragraph.append(line.strip())
    return paragraph


def _join(lines: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen ("Faith-", "COVID-") continues the same word."""
    text = ""
    for line in lines:
        text += line if text.endswith("-") or not text else f" {line}"
    return text


def settle_dates(orders: list[dict[str, Any]]) -> None:
    """Set each order's `signed` date (and a `note` where heading and signature disagree).

    Where the two disagree, the date that fits between the neighbouring orders' dates wins, since numbers
    mostly follow signing order (not always: EO 13947 was signed a month before EO 13946). So EO 13299 is
    dated by its signature (May 8, 2003; heading May 12) and EO 13526 by its heading (2009-12-29; signature
    2010-12-29). If both or neither fit, the signature wins, being the president's own dating."""
    for order in orders:
        order["signed"] = order["signature"] or order["headed"]
    for i, order in enumerate(orders):
        headed, signature = order["headed"], order["signature"]
        if headed is None or signature is None or headed == signature:
            continue
        low = orders[i - 1]["signed"] if i else dt.date.min
        high = orders[i + 1]["signed"] if i + 1 < len(orders) else dt.date.max
        fits = [d for d in (signature, headed) if low <= d <= high]
        order["signed"] = fits[0] if len(fits) == 1 else signature
        other = headed if order["signed"] == signature else signature
        which = "heading" if other == headed else "signature"
        order["note"] = "; ".join(filter(None, [order.get("note"), f"the {which} dates it {other.isoformat()}"]))


def president_on(day: dt.date, presidents: list[Person]) -> Person:
    holders = [p for p in presidents if any(t.office == "president" and t.covers(day) for t in p.terms)]
    if len(holders) != 1:
        raise ValueError(f"{len(holders)} presidents on {day}")
    return holders[0]


def build(src: Path, people: Path, out: Path) -> list[dict[str, Any]]:
    """Parse every `EO_*.html` of `src` and write the table to `out`; returns the rows written."""
    presidents = [p for p in read_tables(people).people if any(t.office == "president" for t in p.terms)]
    orders = []
    for path in sorted(src.glob("EO_*.html")):
        try:
            order = parse_order(path.read_bytes())
        except ValueError as exc:
            raise SystemExit(f"{path}: {exc}") from exc
        order["file"] = path.name
        number = int(path.stem.removeprefix("EO_"))
        if order["number"] != number:
            # The collection names each file by the order's number; a heading can misprint it (EO 13523's says
            # 15323), which the note keeps in view.
            order["note"] = f"the heading misprints the number as {order['number']}"
            order["number"] = number
        orders.append(order)
    orders.sort(key=lambda o: o["number"])
    settle_dates(orders)
    subjects = subject_words([o.pop("text") for o in orders])
    rows = []
    for order, words in zip(orders, subjects, strict=True):
        president = president_on(order["signed"], presidents)
        row = {
            "number": order["number"],
            "title": order["title"],
            "signed": order["signed"].isoformat(),
            "president": president.id,
            "president_name": president.label,
            "subjects": words,
            "citation": order["citation"],
            "published": order["published"].isoformat() if order["published"] else "",
            "source": f"{order['file']} of the {_UPSTREAM}",
        }
        if order.get("note"):
            row["note"] = order["note"]
        rows.append(row)
    rows.sort(key=lambda r: r["number"])
    header = (
        f"{len(rows)} US executive orders; generated by `python -m kg.authority.build_orders` "
        "from the Federal Register texts: do not edit"
    )
    dump_yaml(out, kind="executive_orders", records=rows, comment=header)
    return rows


def subject_words(texts: list[str], count: int = SUBJECT_WORDS) -> list[list[str]]:
    """The words that most set each order's text apart from the others' (tf-idf): what a news story about it
    says ("sanctuary", "jurisdictions") where its title does not ("Enhancing Public Safety in the Interior")."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english",
        token_pattern=r"(?u)\b[a-zA-Z]{4,}\b",
        sublinear_tf=True,
        max_df=0.2 if len(texts) >= 20 else 1.0,  # a word in a fifth of the orders says nothing of one
    )
    weights = vectorizer.fit_transform(texts)
    vocabulary = vectorizer.get_feature_names_out()
    chosen = []
    for row in range(weights.shape[0]):
        line = weights.getrow(row).tocoo()
        ranked = sorted(zip(line.data, line.col, strict=True), key=lambda pair: (-pair[0], vocabulary[pair[1]]))
        chosen.append([str(vocabulary[col]) for _, col in ranked[:count]])
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.authority.build_orders", description=__doc__.split("\n")[0])
    parser.add_argument("src", type=Path, help="folder of EO_NNNNN.html files")
    parser.add_argument("--people", type=Path, default=Path("kg/data/authority/people"))
    parser.add_argument("--out", type=Path, default=Path("kg/data/authority/executive_orders.yaml"))
    args = parser.parse_args(argv)
    rows = build(args.src, args.people, args.out)
    print(f"{args.out}: {len(rows)} executive orders", file=sys.stderr)


if __name__ == "__main__":
    main()
