"""The learned stage: candidates proposed from sentences, the scorer's decisions, and training.

Every sentence is invented (fictional people and bodies; real counties only where the gazetteer must know
them). The training test writes a tiny annotated corpus in which money is given with a verb no rule knows
("bankrolled") and checks that the trained model keeps that fact in a new sentence while the rules alone miss it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.extract import extraction_of, propose_facts
from kg.facts import DocumentInfo, Evidence, Fact
from kg.scoring import Scorer, TypeModel, model_version
from kg.scoring.candidates import Candidate, propose
from kg.scoring.decision import decide
from kg.scoring.loose import loose_mentions

pytestmark = pytest.mark.model

HASH = "0123456789abcdef"


def _read(nlp, text: str):
    return propose_facts(nlp(text), DocumentInfo("test.txt", HASH, date="2019-03-15"))


def _labelled(ctx, candidates: list[Candidate]) -> set[tuple[str, str, str, str]]:
    return {
        (c.fact.type, ctx.entities[c.fact.subject].label, ctx.entities[c.fact.object].label, c.fact.source)
        for c in candidates
    }


# -- candidates --------------------------------------------------------------------------------------


def test_the_rules_facts_are_candidates_that_name_their_rule(nlp):
    ctx, rule_facts = _read(nlp, "Mayor Dana Whitlock of Springfield signed Executive Order 12 on Monday.")
    found = _labelled(ctx, propose(ctx, rule_facts).candidates)
    assert ("holds_office", "Dana Whitlock", "Springfield", "offices") in found
    assert ("issued", "Dana Whitlock", "Executive Order 12", "orders") in found


def test_a_sentence_pairs_entities_whose_classes_fit_a_fact_type(nlp):
    ctx, rule_facts = _read(nlp, "The Wexley Foundation bankrolled Story County in May.")
    candidates = propose(ctx, rule_facts).candidates
    found = _labelled(ctx, candidates)
    assert ("funds", "Wexley Foundation", "Story County", "pair") in found
    # a foundation cannot issue a county, nor a county hold office
    assert not any(c.fact.type in ("issued", "holds_office", "part_of") for c in candidates)
    funds = next(c for c in candidates if c.fact.type == "funds" and ctx.entities[c.fact.subject].cls == "Organization")
    assert funds.features["path=nsubj^ bankroll dobjv"] == 1.0
    assert funds.features["v=bankroll"] == 1.0
    assert funds.fact.evidence.text == "The Wexley Foundation bankrolled Story County in May."


def test_a_rule_and_a_pairing_of_the_same_fact_are_one_candidate_with_both_features(nlp):
    ctx, rule_facts = _read(nlp, "Governor Ellen Marsh signed Executive Order 2019-04 on Tuesday.")
    issued = [c for c in propose(ctx, rule_facts).candidates if c.fact.type == "issued"]
    assert len(issued) == 1
    assert issued[0].fact.source == "orders" and issued[0].fact.date == "2019-03-12"
    assert {"rule", "pair", "R|pair"} <= issued[0].features.keys()


def test_entities_a_few_sentences_apart_are_paired_with_their_distance_and_farther_ones_not(nlp):
    text = (
        "The Wexley Foundation met in Des Moines. Story County held a hearing. The clerk read the minutes aloud. "
        "Polk County adjourned early. Nobody objected. The room emptied. Marion County sent a letter."
    )
    ctx, rule_facts = _read(nlp, text)
    candidates = propose(ctx, rule_facts).candidates
    label = {k: e.label for k, e in ctx.entities.items()}

    def funds(a: str, b: str) -> list[Candidate]:
        return [
            c for c in candidates if c.fact.type == "funds" and {label[c.fact.subject], label[c.fact.object]} == {a, b}
        ]

    assert funds("Wexley Foundation", "Story County")
    assert all(
        c.features.get("xsent_d=1") == 1.0 and "pair" not in c.features
        for c in funds("Wexley Foundation", "Story County")
    )
    assert all(c.features.get("xsent_d=3") == 1.0 for c in funds("Wexley Foundation", "Polk County"))
    assert funds("Wexley Foundation", "Polk County")
    assert not funds("Wexley Foundation", "Marion County")  # six sentences apart


def test_a_funding_pairing_is_read_with_each_status_its_sentence_or_document_supports(nlp):
    text = "The Wexley Foundation withheld $2 million from Story County in May. It had threatened the grant in April."
    ctx, rule_facts = _read(nlp, text)
    label = {k: e.label for k, e in ctx.entities.items()}
    funds = {
        c.fact.status: c.features
        for c in propose(ctx, rule_facts).candidates
        if c.fact.type == "funds"
        and (label[c.fact.subject], label[c.fact.object]) == ("Wexley Foundation", "Story County")
    }
    assert {"withheld", "threatened"} <= funds.keys()
    assert funds["withheld"].get("status_sent") == 1.0 and funds["withheld"].get("status_doc=1") == 1.0
    assert "status_sent" not in funds["threatened"]  # only the next sentence speaks of a threat
    assert "reimbursement" not in funds  # no word of the document supports it


def test_a_pairing_knows_whether_a_rival_of_the_same_family_is_nearer(nlp):
    ctx, rule_facts = _read(nlp, "Mayor Tom Reed of Salem and Mayor Lia Ortiz of Eugene signed the pact.")
    label = {k: e.label for k, e in ctx.entities.items()}
    offices = {
        (label[c.fact.subject], label[c.fact.object]): c.features
        for c in propose(ctx, rule_facts).candidates
        if c.fact.type == "holds_office"
    }
    assert offices[("Tom Reed", "Salem")].get("o_nearest") == 1.0
    assert "o_nearest" not in offices[("Tom Reed", "Eugene")]  # Salem is nearer to him


def test_a_pair_the_text_joins_again_and_again_says_so(nlp):
    text = (
        "The Wexley Foundation paid Story County in May. The Wexley Foundation paid Story County again in June. "
        "The Wexley Foundation thanked Polk County."
    )
    ctx, rule_facts = _read(nlp, text)
    label = {k: e.label for k, e in ctx.entities.items()}
    counts = {
        label[c.fact.object]: {k for k in c.features if k.startswith("pairings=")}
        for c in propose(ctx, rule_facts).candidates
        if c.fact.type == "funds" and label[c.fact.subject] == "Wexley Foundation" and c.fact.status == "provided"
    }
    assert counts["Story County"] == {"pairings=5+"}  # two sentences, and each one with the other
    assert counts["Polk County"] == {"pairings=3-4"}  # its own sentence, and across from the two before


def test_a_numbered_order_in_a_states_style_is_the_rules_own(nlp):
    # tagged by a pattern of kg/patterns/orders.jsonl, which names its class: no longer left to the loose mentions
    text = "Gov. Ellen Marsh signed Executive Order D 2025-014 on Tuesday."
    ctx, rule_facts = _read(nlp, text)
    proposal = propose(ctx, rule_facts)
    orders = [e for e in proposal.entities.values() if "2025-014" in e.label]
    assert [(e.cls, e.label) for e in orders] == [("ExecutiveOrder", "Executive Order D 2025-014")]
    issued = [c for c in proposal.candidates if c.fact.type == "issued" and c.fact.object == orders[0].key]
    assert issued and issued[0].by_rule and "o_loose" not in issued[0].features


def test_a_name_no_rule_claimed_is_a_loose_mention_of_its_patterns_class():
    doc = Doc(Vocab(), words=["Ms.", "Ruiz", "cited", "Fire", "Order", "12", "and", "Rule", "4", "."])
    doc.ents = [Span(doc, 1, 2, label="PERSON"), Span(doc, 3, 6, label="LAW", span_id="Directive")]
    doc.ents = [*doc.ents, Span(doc, 7, 9, label="LAW")]
    entities, marks = loose_mentions(doc, {1: "person/ana-ruiz"})  # a rule claimed "Ruiz"
    assert [(e.cls, e.label) for e in entities.values()] == [("Directive", "Fire Order 12"), ("Legislation", "Rule 4")]
    assert set(marks) == {3, 4, 5, 7, 8}


# -- the scorer -------------------------------------------------------------------------------------


def _fact(source: str = "pair") -> Fact:
    return Fact("funds", "a", "b", Evidence("d", "s", 0, 1), source=source)


def test_a_type_model_keeps_what_passes_its_threshold_and_rules_have_their_own():
    model = TypeModel(bias=-1.0, weights={"v=bankroll": 3.0}, threshold=0.6, rule_threshold=0.2)
    scorer = Scorer("scorer-test", {"funds": model})
    assert scorer.keeps(Candidate(_fact(), {"v=bankroll": 1.0}))[0]  # p = 0.88
    assert not scorer.keeps(Candidate(_fact(), {"v=praise": 1.0}))[0]  # p = 0.27 < 0.6
    assert scorer.keeps(Candidate(_fact("funding"), {"rule": 1.0}))[0]  # p = 0.27 >= 0.2 for a rule's fact


def test_a_type_without_a_model_keeps_the_rules_facts_only():
    scorer = Scorer("scorer-test", {})
    assert scorer.keeps(Candidate(_fact("funding"), {"rule": 1.0}))[0]
    assert not scorer.keeps(Candidate(_fact("pair"), {"pair": 1.0}))[0]


def test_a_model_survives_its_json_and_its_version_names_its_weights(tmp_path: Path):
    model = TypeModel(bias=-0.5, weights={"v=fund": 1.25}, threshold=0.4, rule_threshold=0.1)
    scorer = Scorer("scorer-x", {"funds": model})
    scorer.save(tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text())
    assert Scorer.from_json(data) == scorer
    other = {**data, "types": {"funds": {**data["types"]["funds"], "bias": 0.0}}}
    assert model_version(data) != model_version(other)


def test_decide_names_the_model_in_each_kept_facts_source(nlp):
    ctx, rule_facts = _read(nlp, "The Wexley Foundation bankrolled Story County in May.")
    model = TypeModel(bias=0.0, weights={"v=bankroll": 2.0}, threshold=0.5, rule_threshold=0.5)
    kept, _ = decide(ctx, rule_facts, Scorer("scorer-test", {"funds": model}))
    assert {(f.type, f.source) for f in kept} >= {("funds", "pair+scorer-test")}
    assert all(0.5 <= f.confidence <= 1.0 for f in kept)


# -- training ---------------------------------------------------------------------------------------

# Short invented articles: each gives money with "bankrolled" and names other pairs that are no funding.
_ARTICLES = [
    (
        "The Wexley Foundation bankrolled Story County last year. The Wexley Foundation praised Polk County.",
        "wexley",
        "Wexley Foundation",
        "story",
        "Story County",
        "polk",
        "Polk County",
    ),
    (
        "The Harmon Trust bankrolled Linn County in 2018. The Harmon Trust criticized Scott County.",
        "harmon",
        "Harmon Trust",
        "linn",
        "Linn County",
        "scott",
        "Scott County",
    ),
    (
        "The Ostrander Fund bankrolled Johnson County. The Ostrander Fund visited Dallas County.",
        "ostrander",
        "Ostrander Fund",
        "johnson",
        "Johnson County",
        "dallas",
        "Dallas County",
    ),
    (
        "The Pellman Foundation bankrolled Boone County in March. The Pellman Foundation thanked Warren County.",
        "pellman",
        "Pellman Foundation",
        "boone",
        "Boone County",
        "warren",
        "Warren County",
    ),
    (
        "The Quist Foundation bankrolled Marion County. The Quist Foundation mentioned Jasper County.",
        "quist",
        "Quist Foundation",
        "marion",
        "Marion County",
        "jasper",
        "Jasper County",
    ),
    (
        "The Rudd Alliance bankrolled Clinton County. The Rudd Alliance praised Benton County.",
        "rudd",
        "Rudd Alliance",
        "clinton",
        "Clinton County",
        "benton",
        "Benton County",
    ),
]


def _write_corpus(root: Path) -> None:
    (root / "probe" / "corpus").mkdir(parents=True)
    (root / "probe" / "gold").mkdir()
    (root / "probe" / "folds.yaml").write_text("folds:\n  a: [1, 3]\n  b: [4, 6]\nunread: []\n")
    for n, (text, funder, funder_name, paid, paid_name, other, other_name) in enumerate(_ARTICLES, start=1):
        name = f"p{n}_article"
        (root / "probe" / "corpus" / f"{name}.txt").write_text(f"date: 2019-03-15\n---\n{text}\n")
        gold = {
            "document": f"{name}.txt",
            "date": "2019-03-15",
            "entities": {
                funder: {"class": "Organization", "aliases": [funder_name]},
                paid: {"class": "County", "aliases": [paid_name]},
                other: {"class": "County", "aliases": [other_name]},
            },
            "facts": [{"fact": "funds", "subject": funder, "object": paid, "status": "provided"}],
        }
        (root / "probe" / "gold" / f"{name}.yaml").write_text(json.dumps(gold))


def test_training_on_a_tiny_corpus_learns_a_funding_verb_no_rule_knows(tmp_path: Path, nlp):
    from kg.train import annotated_documents, read_examples, train

    _write_corpus(tmp_path)
    examples = read_examples(annotated_documents(tmp_path), progress=False)
    assert [e.fold for e in examples] == ["a", "a", "a", "b", "b", "b"]
    scorer, report = train(examples)
    assert report.counts["funds"].tp >= 5 and report.counts["funds"].fp == 0  # out of fold: each half taught the other

    text = "The Yarrow Foundation bankrolled Story County. The Yarrow Foundation praised Polk County."
    ctx, rule_facts = _read(nlp, text)
    assert not any(f.type == "funds" for f in rule_facts)  # no rule reads "bankrolled"
    extraction = extraction_of(ctx, *decide(ctx, rule_facts, scorer))
    funds = {
        (extraction.entities[f.subject].label, extraction.entities[f.object].label)
        for f in extraction.facts
        if f.type == "funds"
    }
    assert funds == {("Yarrow Foundation", "Story County")}


def test_cross_validation_scores_each_author_with_a_model_that_never_saw_them(tmp_path: Path, nlp):
    from kg.train import annotated_documents, cross_validate, format_cv, read_examples

    _write_corpus(tmp_path)
    examples = read_examples(annotated_documents(tmp_path), progress=False)
    cv = cross_validate(examples, buckets=2, progress=False)
    assert set(cv.variants) == {"rules", "model", "combined"}
    assert cv.variants["rules"].counts.get("funds") is None or cv.variants["rules"].counts["funds"].tp == 0
    assert cv.variants["combined"].counts["funds"].tp >= 5  # each half learned "bankrolled" from the other
    assert set(cv.folds) == {"a", "b"}
    assert "| combined |" in format_cv(cv, len(examples))
