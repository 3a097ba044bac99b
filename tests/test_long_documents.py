"""Long documents: a text over the piece size is parsed in pieces (`kg.parsing.parse`) and loses no fact at the
seams, and a text file up to the byte limit (5 MB) is read.

The paragraphs are invented (fictional people; real cities for the gazetteer). The pieces here are a thousand
characters, so that a short text has several; a build's are `kg.documents.PIECE_CHARS`.

What a seam can change: the model reads a few tokens of context on either side of each token, across a blank
line too, so a tag or entity in the last or first words of a paragraph at a seam may differ from the whole
parse; the sentences cannot (a blank line always ends one), nor can extraction, which sees one joined `Doc`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from spacy.tokens import Doc

from kg.documents import read_document
from kg.extract import extract, extraction_of, propose_facts
from kg.facts import DocumentInfo, Extraction
from kg.parsing import parse, pieces

PIECE = 1_000
FRIDAY = "2019-03-15"

_SENTENCES = (
    "Mayor {person} of {city} signed an executive order on Tuesday that bars the police from asking about "
    "immigration status.",
    "Sheriff {person} of {city} County said the county would not honor detainer requests from federal "
    "immigration agents.",
    "The Justice Department warned {city} that it could lose $2.5 million in Byrne JAG grants, {person} said.",
    "Governor {person} sued the administration over the order, calling it unconstitutional, in a statement "
    "from {city}.",
)
# one person a paragraph: what a person says in one paragraph changes what the text makes of them in another
_PEOPLE = [f"{first} {last}" for first in ("Ann", "Tom", "Lena", "Carl", "Rosa", "Ivan") for last in ("Rivera",
           "Okafor", "Marsh", "Whitby")]  # fmt: skip
_CITIES = ("Tacoma", "Boise", "Eugene", "Provo", "Reno", "Fresno", "Tulsa", "Akron")
PARAGRAPHS = [
    _SENTENCES[i % len(_SENTENCES)].format(person=person, city=_CITIES[i % len(_CITIES)])
    for i, person in enumerate(_PEOPLE)
]
TEXT = "\n\n".join(PARAGRAPHS)


def info(name: str) -> DocumentInfo:
    return DocumentInfo(name=name, content_hash=hashlib.sha256(name.encode()).hexdigest(), date=FRIDAY)


def facts_of(extraction: Extraction) -> set[tuple[str, str, str, str]]:
    """(type, subject label, object label, evidence) of every fact."""
    label = {key: entity.label for key, entity in extraction.entities.items()}
    return {(f.type, label[f.subject], label[f.object], f.evidence.text) for f in extraction.facts}


def test_pieces_join_back_into_the_text_and_end_after_blank_lines() -> None:
    cut = pieces(TEXT, PIECE)
    assert len(cut) > 2 and "".join(cut) == TEXT
    assert all(len(piece) <= PIECE for piece in cut)
    assert all(piece.endswith("\n\n") for piece in cut[:-1])  # never inside a paragraph, when one fits
    assert pieces(TEXT, len(TEXT)) == [TEXT]


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_else_a_word() -> None:
    paragraph = " ".join(PARAGRAPHS[:12])  # one paragraph, no line break
    cut = pieces(paragraph, PIECE)
    assert "".join(cut) == paragraph and all(len(piece) <= PIECE for piece in cut)
    assert all(piece.endswith(". ") for piece in cut[:-1])
    words = "word " * 300
    assert all(piece.endswith(" ") for piece in pieces(words, PIECE)[:-1])


@pytest.mark.model
def test_a_text_parsed_in_pieces_is_one_doc_with_the_facts_of_the_whole(nlp) -> None:
    ((pieced, context),) = parse(nlp, [(TEXT, "long")], batch_size=1, piece_chars=PIECE)
    whole = nlp(TEXT)
    assert context == "long" and pieced.text == TEXT
    assert [s.start_char for s in pieced.sents] == [s.start_char for s in whole.sents]
    long_facts = facts_of(extract(pieced, info("long.txt")))
    assert long_facts == facts_of(extract(whole, info("long.txt")))
    assert len(long_facts) >= len(PARAGRAPHS)


@pytest.mark.model
@pytest.mark.parametrize("text", [TEXT, " ".join(PARAGRAPHS[:12])], ids=["paragraphs", "one paragraph"])
def test_the_pieces_are_freed_without_changing_the_doc_they_join_into(nlp, text: str) -> None:
    """Freeing each piece's token vectors and the pieces as soon as they are joined (a 5 MB text's build peaks
    600 MiB lower) leaves the document `Doc.from_docs` made of them: every token attribute, entity and sentence."""
    ((pieced, _),) = parse(nlp, [(text, None)], batch_size=1, piece_chars=PIECE)
    expected = Doc.from_docs(list(nlp.pipe(pieces(text, PIECE))), ensure_whitespace=False, exclude=["tensor"])
    assert pieced.to_bytes(exclude=["tensor"]) == expected.to_bytes(exclude=["tensor"])


@pytest.mark.model
def test_each_paragraph_has_in_the_long_document_the_facts_it_has_alone(nlp) -> None:
    """What the rules read in a paragraph alone they read in the long document too. The long document may have more
    (an order named in one paragraph is "the order" of a later one), never fewer. (The rules, not the scorer: a
    model that weighs the whole document may keep in it what it drops in one paragraph, and the reverse.)"""

    def read(doc: Doc, name: str) -> set[tuple[str, str, str]]:
        return {fact[:3] for fact in facts_of(extraction_of(*propose_facts(doc, info(name))))}

    ((pieced, _),) = parse(nlp, [(TEXT, None)], batch_size=1, piece_chars=PIECE)
    # without their evidence: the long document keeps one fact per subject and object, with its first evidence
    long_facts = read(pieced, "long.txt")
    for n, paragraph in enumerate(PARAGRAPHS):
        alone = read(nlp(paragraph), f"paragraph-{n}.txt")
        # alone, the governor's "the order" is the paragraph's own unnamed order; after the mayors' paragraphs it is
        # the executive order they signed
        assert alone and {(t, s, "executive order" if o == "order" else o) for t, s, o in alone} <= long_facts


@pytest.mark.model
def test_short_and_long_texts_keep_their_order(nlp) -> None:
    items = [(PARAGRAPHS[0], 0), (TEXT, 1), (TEXT, 2), (PARAGRAPHS[1], 3), (PARAGRAPHS[2], 4), (TEXT, 5)]
    parsed = list(parse(nlp, items, batch_size=2, piece_chars=PIECE))
    assert [(doc.text, context) for doc, context in parsed] == items


def test_a_text_file_over_a_million_characters_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    text = "\n\n".join(PARAGRAPHS) + "\n\n"
    path.write_text(text * (1_000_001 // len(text) + 1), encoding="utf-8")
    document = read_document(path)
    assert len(document.text) > 1_000_000 and document.text.startswith(PARAGRAPHS[0])
