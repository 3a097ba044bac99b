"""Tests of the gold-fact scorer (`kg eval`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.errors import GoldError
from kg.evaluate import agreement, classes_compatible, evaluate, labels_match, load_gold, normalise

BUNDLED_GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"

DOC = "001_test.txt"

GOLD = f"""\
document: {DOC}
date: 2017-01-27
entities:
  gimenez:    {{class: Person, aliases: [Carlos Gimenez, Gimenez]}}
  miami_dade: {{class: County, aliases: [Miami-Dade County, Miami-Dade]}}
  sanctuary:  {{class: Jurisdiction, aliases: [sanctuary cities, sanctuary jurisdictions]}}
  federal:    {{class: GovernmentBody, aliases: [federal government]}}
  trump:      {{class: Person, aliases: [Donald Trump, Trump]}}
  trump_eo:   {{class: ExecutiveOrder, aliases: [executive order]}}
  memo:       {{class: Directive, aliases: [memo, order]}}
  policy:     {{class: LocalPolicy, aliases: [detention policy]}}
facts:
  - {{fact: holds_office, subject: gimenez, object: miami_dade, role: mayor}}
  - {{fact: issued, subject: gimenez, object: memo, date: 2017-01-26}}
  - {{fact: issued, subject: miami_dade, object: policy, date: 2013}}
  - {{fact: complies_with, subject: miami_dade, object: trump_eo, alt_subject: [gimenez]}}
  - {{fact: funds, subject: federal, object: sanctuary, status: threatened, imposed_by: trump_eo, alt_subject: [trump]}}
"""


def node(label: str, cls: str, *aliases: str) -> dict[str, Any]:
    """A predicted node as `kg facts --format jsonl` prints it."""
    return {"iri": f"https://example.org/{label}", "label": label, "class": cls, "aliases": list(aliases)}


def fact(
    kind: str, subject: dict[str, Any], obj: dict[str, Any], document: str = DOC, **qualifiers: str
) -> dict[str, Any]:
    """A predicted fact with dummy evidence."""
    evidence = {"text": "...", "start": 0, "end": 3}
    return {"document": document, "fact": kind, "subject": subject, "object": obj, "evidence": evidence, **qualifiers}


GIMENEZ = node("Carlos Gimenez", "Person")
MIAMI_DADE = node("Miami-Dade County", "County")


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "001_test.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def write_gold(tmp_path: Path, text: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")


# Labels ------------------------------------------------------------------------------------


def test_normalise_folds_case_accents_punctuation_and_leading_the() -> None:
    assert normalise("Carlos Giménez") == "carlos gimenez"
    assert normalise("  The   WHITE House ") == "white house"
    assert normalise("U.S. Department of Homeland Security") == "us department of homeland security"
    assert normalise("8 U.S.C. § 1373") == "8 usc 1373"
    assert normalise("Executive Order (EO) 13768") == "executive order eo 13768"


def test_normalise_drops_only_a_leading_the() -> None:
    assert normalise("Department of the Treasury") == "department of the treasury"
    assert normalise("Theodore Roosevelt") == "theodore roosevelt"


def test_labels_match_on_equality_after_normalisation() -> None:
    assert labels_match("U.S.", "US")
    assert labels_match("the White House", "White House")
    assert not labels_match("White House", "Whitehouse Station")


def test_labels_match_whole_word_containment_both_ways() -> None:
    assert labels_match("Miami-Dade County Mayor Carlos Gimenez", "Carlos Gimenez")
    assert labels_match("Gimenez", "Miami-Dade County Mayor Carlos Gimenez")
    assert labels_match("Boston", "Mayors in cities including Los Angeles, Boston and New York")


def test_labels_match_refuses_partial_words() -> None:
    # Punctuation is deleted, so "Miami-Dade" is the single word "miamidade": "Dade" is not a whole word of it.
    assert not labels_match("Dade", "Miami-Dade")
    assert not labels_match("Gimen", "Carlos Gimenez")
    assert not labels_match("Trumpet", "Trump")


def test_labels_match_refuses_stopword_only_containment() -> None:
    assert not labels_match("of the", "Department of the Treasury")
    assert not labels_match("and", "Immigration and Customs Enforcement")
    assert labels_match("of the Treasury", "Department of the Treasury")


# Classes -----------------------------------------------------------------------------------


def test_classes_compatible_follows_the_ontology_hierarchy() -> None:
    assert classes_compatible("City", "Jurisdiction")
    assert classes_compatible("Jurisdiction", "City")
    assert classes_compatible("Court", "Actor")  # Court < GovernmentBody < Organization < Actor
    assert classes_compatible("County", "County")


def test_classes_compatible_refuses_unrelated_and_sibling_classes() -> None:
    assert not classes_compatible("Person", "County")
    assert not classes_compatible("Person", "Organization")  # siblings under Actor
    assert not classes_compatible("City", "County")
    assert not classes_compatible("Nonsense", "Person")


# Gold loading ------------------------------------------------------------------------------


def test_load_gold_normalises_dates_to_iso_strings(gold_dir: Path) -> None:
    [gold] = load_gold(gold_dir)
    assert gold.document == DOC
    assert gold.date == "2017-01-27"
    dates = [f.qualifiers.get("date") for f in gold.facts if f.fact == "issued"]
    assert dates == ["2017-01-26", "2013"]


def test_load_gold_resolves_alternative_readings(gold_dir: Path) -> None:
    [gold] = load_gold(gold_dir)
    funds = next(f for f in gold.facts if f.fact == "funds")
    assert [e.key for e in funds.subjects] == ["federal", "trump"]
    assert funds.qualifiers["status"] == "threatened"


def test_load_gold_reads_subfolders(tmp_path: Path) -> None:
    (tmp_path / "tuning").mkdir()
    (tmp_path / "tuning" / "001_test.yaml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not gold", encoding="utf-8")
    assert [g.document for g in load_gold(tmp_path)] == [DOC]


def test_unknown_fact_type_is_a_gold_error(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD.replace("fact: holds_office", "fact: governs"))
    with pytest.raises(GoldError, match=r"bad\.yaml.*unknown fact type 'governs'"):
        load_gold(tmp_path)


def test_undefined_entity_key_is_a_gold_error(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD.replace("alt_subject: [gimenez]", "alt_subject: [carlos]"))
    with pytest.raises(GoldError, match=r"bad\.yaml: fact 4: subject refers to undefined entity 'carlos'"):
        load_gold(tmp_path)


def test_missing_keys_are_gold_errors(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD.replace("facts:", "rows:"))
    with pytest.raises(GoldError, match=r"bad\.yaml: missing key 'facts'"):
        load_gold(tmp_path)
    write_gold(tmp_path, GOLD.replace(", object: miami_dade, role: mayor", ""))
    with pytest.raises(GoldError, match=r"bad\.yaml: fact 1: a fact needs"):
        load_gold(tmp_path)


def test_unknown_class_and_misspelt_qualifier_are_gold_errors(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD.replace("class: County", "class: Countie"))
    with pytest.raises(GoldError, match="not an ontology class"):
        load_gold(tmp_path)
    write_gold(tmp_path, GOLD.replace("status: threatened", "stauts: threatened"))
    with pytest.raises(GoldError, match="unknown key 'stauts'"):
        load_gold(tmp_path)


def test_empty_gold_folder_is_a_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no gold"):
        load_gold(tmp_path)


def test_two_files_for_one_document_is_a_gold_error(gold_dir: Path) -> None:
    (gold_dir / "copy.yaml").write_text(GOLD, encoding="utf-8")
    with pytest.raises(GoldError, match="already has gold"):
        load_gold(gold_dir)


def test_bundled_gold_loads() -> None:
    golds = load_gold(BUNDLED_GOLD)
    assert sum(len(g.facts) for g in golds) > 50


# Scoring -----------------------------------------------------------------------------------


def test_exact_prediction_is_a_true_positive(gold_dir: Path) -> None:
    report = evaluate([fact("holds_office", GIMENEZ, MIAMI_DADE, role="mayor")], gold_dir)
    assert (report.counts["holds_office"].tp, report.counts["holds_office"].fp) == (1, 0)
    assert report.false_positives == []


def test_a_predicted_alias_or_a_containing_label_is_enough(gold_dir: Path) -> None:
    mayor = node("Miami-Dade County Mayor Carlos Gimenez", "Person")
    county = node("County of Miami", "County", "Miami-Dade")
    report = evaluate([fact("holds_office", mayor, county)], gold_dir)
    assert report.counts["holds_office"].tp == 1


def test_superclass_matches_but_unrelated_class_does_not(gold_dir: Path) -> None:
    as_jurisdiction = node("Miami-Dade County", "Jurisdiction")
    as_city = node("Miami-Dade County", "City")
    report = evaluate([fact("holds_office", GIMENEZ, as_jurisdiction)], gold_dir)
    assert report.counts["holds_office"].tp == 1
    report = evaluate([fact("holds_office", GIMENEZ, as_city)], gold_dir)
    assert report.counts["holds_office"].tp == 0
    assert report.counts["holds_office"].fp == 1


def test_person_does_not_match_a_county(gold_dir: Path) -> None:
    wrong = node("Miami-Dade County", "Person")
    report = evaluate([fact("holds_office", GIMENEZ, wrong)], gold_dir)
    assert (report.counts["holds_office"].tp, report.counts["holds_office"].fp) == (0, 1)


def test_alt_subject_counts_as_a_match(gold_dir: Path) -> None:
    report = evaluate([fact("complies_with", GIMENEZ, node("executive order", "ExecutiveOrder"))], gold_dir)
    assert report.counts["complies_with"].tp == 1
    report = evaluate([fact("funds", node("Trump", "Person"), node("sanctuary cities", "Jurisdiction"))], gold_dir)
    assert report.counts["funds"].tp == 1


@pytest.mark.parametrize(
    ("kind", "subject", "obj", "qualifiers"),
    [
        ("issued", GIMENEZ, node("memo", "Directive"), {"date": "2017-01-25"}),
        ("issued", MIAMI_DADE, node("detention policy", "LocalPolicy"), {"date": "2014"}),
        (
            "funds",
            node("federal government", "GovernmentBody"),
            node("sanctuary cities", "City"),
            {"status": "withheld"},
        ),
    ],
)
def test_date_or_status_mismatch_is_a_false_positive_and_a_false_negative(
    gold_dir: Path, kind: str, subject: dict, obj: dict, qualifiers: dict[str, str]
) -> None:
    assert evaluate([fact(kind, subject, obj)], gold_dir).counts[kind].tp == 1  # the same fact without the qualifier
    report = evaluate([fact(kind, subject, obj, **qualifiers)], gold_dir)
    gold_of_kind = sum(1 for f in load_gold(gold_dir)[0].facts if f.fact == kind)
    assert (report.counts[kind].tp, report.counts[kind].fp, report.counts[kind].fn) == (0, 1, gold_of_kind)
    assert report.false_positives[0]["object"] is obj


def test_matching_or_absent_qualifiers_and_informative_ones_do_not_block(gold_dir: Path) -> None:
    predictions = [
        fact("issued", MIAMI_DADE, node("detention policy", "LocalPolicy"), date="2013"),
        fact("issued", GIMENEZ, node("memo", "Directive")),
        fact("holds_office", GIMENEZ, MIAMI_DADE, role="county commissioner"),
    ]
    report = evaluate(predictions, gold_dir)
    assert report.counts["issued"].tp == 2
    assert report.counts["holds_office"].tp == 1


def test_a_gold_fact_is_matched_at_most_once(gold_dir: Path) -> None:
    prediction = fact("holds_office", GIMENEZ, MIAMI_DADE)
    report = evaluate([prediction, dict(prediction)], gold_dir)
    assert (report.counts["holds_office"].tp, report.counts["holds_office"].fp) == (1, 1)


def test_maximum_matching_beats_input_order(tmp_path: Path) -> None:
    two_orders = (
        GOLD
        + "  - {fact: said, subject: gimenez, object: trump_eo}\n  - {fact: said, subject: gimenez, object: memo}\n"
    )
    write_gold(tmp_path, two_orders)
    # Greedy pairing in input order would give the vague prediction trump_eo and leave the precise one unmatched.
    vague = fact("said", GIMENEZ, node("executive order", "Order"))  # fits memo ("order") and trump_eo
    precise = fact("said", GIMENEZ, node("executive order", "ExecutiveOrder"))  # fits trump_eo only
    report = evaluate([vague, precise], tmp_path)
    assert (report.counts["said"].tp, report.counts["said"].fp, report.counts["said"].fn) == (2, 0, 0)


def test_other_documents_and_unscored_types_are_ignored(gold_dir: Path) -> None:
    predictions = [
        fact("holds_office", GIMENEZ, MIAMI_DADE, document="999_other.txt"),
        fact("mentions", GIMENEZ, MIAMI_DADE),
    ]
    report = evaluate(predictions, gold_dir)
    assert report.micro.fp == 0
    assert report.false_positives == []
    assert report.micro.fn == 5


def test_micro_average_figures(gold_dir: Path) -> None:
    predictions = [
        fact("holds_office", GIMENEZ, MIAMI_DADE),  # tp
        fact("issued", GIMENEZ, node("memo", "Directive")),  # tp
        fact("issued", GIMENEZ, node("detention policy", "LocalPolicy")),  # fp: issued by the county
        fact("part_of", MIAMI_DADE, node("Florida", "State")),  # fp: not in gold
    ]
    report = evaluate(predictions, gold_dir)
    counts = {name: (c.tp, c.fp, c.fn) for name, c in report.counts.items()}
    assert counts == {
        "holds_office": (1, 0, 0),
        "part_of": (0, 1, 0),
        "issued": (1, 1, 1),
        "complies_with": (0, 0, 1),
        "funds": (0, 0, 1),
    }
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (2, 2, 3)
    assert report.precision == pytest.approx(2 / 4)
    assert report.recall == pytest.approx(2 / 5)
    assert report.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert report.counts["issued"].f1 == pytest.approx(0.5)
    assert report.counts["part_of"].precision == 0.0


def test_format_and_to_dict(gold_dir: Path) -> None:
    predictions = [
        fact("holds_office", GIMENEZ, MIAMI_DADE),
        fact("issued", GIMENEZ, node("memo", "Directive"), date="2017-01-20"),
    ]
    report = evaluate(predictions, gold_dir)
    table = report.format()
    assert table.splitlines()[0].split() == ["fact", "tp", "fp", "fn", "P", "R", "F1"]
    assert table.splitlines()[-1].split() == ["micro", "1", "1", "4", "0.500", "0.200", "0.286"]
    assert "False positives" not in table
    verbose = report.format(verbose=True)
    assert f"{DOC}  issued  Carlos Gimenez → memo  date=2017-01-20" in verbose
    assert f"{DOC}  issued  Carlos Gimenez → memo  date=2017-01-26" in verbose
    data = json.loads(json.dumps(report.to_dict()))
    assert data["micro"]["tp"] == 1
    assert data["types"]["issued"] == {"tp": 0, "fp": 1, "fn": 2, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert len(data["false_negatives"]) == 4
    assert data["false_negatives"][0]["document"] == DOC


# Agreement between two annotations ----------------------------------------------------------

# A second reader of 001_test.txt: other keys and alias forms, the county's mayor and the county's compliance as the
# first reader has them, the memo dated a day later, the funding threat from Trump (the first reader's alternative
# subject), no 2013 policy, and one fact the first reader did not record.
SECOND = f"""\
document: {DOC}
date: 2017-01-27
entities:
  mayor:   {{class: Person, aliases: [Mayor Carlos Gimenez, Gimenez]}}
  county:  {{class: County, aliases: [Miami-Dade]}}
  trump:   {{class: Person, aliases: [Trump]}}
  eo:      {{class: ExecutiveOrder, aliases: [the executive order]}}
  memo:    {{class: Directive, aliases: [the memo]}}
  places:  {{class: Jurisdiction, aliases: [sanctuary jurisdictions]}}
facts:
  - {{fact: holds_office, subject: mayor, object: county, role: mayor}}
  - {{fact: issued, subject: mayor, object: memo, date: 2017-01-27}}
  - {{fact: complies_with, subject: county, object: eo}}
  - {{fact: funds, subject: trump, object: places, status: threatened}}
  - {{fact: addressed_to, subject: memo, object: county}}
"""


def test_agreement_of_an_annotation_with_itself_is_complete(gold_dir: Path) -> None:
    report = agreement(gold_dir, gold_dir)
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (5, 0, 0)


def test_agreement_scores_a_second_reader_by_the_matching_of_kg_eval(
    gold_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    second = tmp_path_factory.mktemp("second")
    (second / "001_test.yaml").write_text(SECOND, encoding="utf-8")
    report = agreement(gold_dir, second)
    # matched: the office, the compliance, the threat (by the first reader's alternative subject)
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (3, 2, 2)
    assert sorted(p["fact"] for p in report.false_positives) == ["addressed_to", "issued"]
    assert sorted(g.fact for g in report.false_negatives) == ["issued", "issued"]
    # the other way round, the first reader's threat stands by its main reading (the federal government) alone
    reverse = agreement(second, gold_dir)
    assert (reverse.micro.tp, reverse.micro.fp, reverse.micro.fn) == (2, 3, 3)


def test_agreement_scores_only_the_documents_both_annotate(
    gold_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (gold_dir / "002_other.yaml").write_text(GOLD.replace(DOC, "002_other.txt"), encoding="utf-8")
    second = tmp_path_factory.mktemp("second")
    (second / "001_test.yaml").write_text(GOLD, encoding="utf-8")
    assert agreement(gold_dir, second).micro.fn == 0
    (second / "001_test.yaml").write_text(GOLD.replace(DOC, "003_unrelated.txt"), encoding="utf-8")
    with pytest.raises(GoldError, match="annotates none of the documents"):
        agreement(gold_dir, second)


def test_kg_eval_against_needs_no_store_and_refuses_linking(
    gold_dir: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    second = tmp_path_factory.mktemp("second")
    (second / "001_test.yaml").write_text(SECOND, encoding="utf-8")
    nowhere = tmp_path_factory.mktemp("empty") / "no-store"
    assert main(["eval", str(gold_dir), "--against", str(second), "--json", "--store", str(nowhere)]) == 0
    assert json.loads(capsys.readouterr().out)["micro"]["tp"] == 3
    assert not nowhere.exists()
    assert main(["eval", str(gold_dir), "--against", str(second), "--linking"]) == 2
    assert "does not go with --linking" in capsys.readouterr().err


def test_the_second_reading_of_probe_documents_agrees_with_their_gold() -> None:
    """data/probe/agreement is a second annotation of 24 probe documents: it loads, and it recovers most of the first
    gold (0.880 when written), so an edit that breaks either shows here."""
    probe = BUNDLED_GOLD.parent / "probe"
    report = agreement(probe / "gold", probe / "agreement")
    assert report.micro.tp + report.micro.fn == 657  # the first gold's facts of those documents, and no others
    assert report.f1 > 0.85
