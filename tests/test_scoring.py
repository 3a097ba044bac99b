"""The learned stage: candidates proposed from sentences, the scorer's decisions, and training.

Every sentence is invented (fictional people and bodies; real counties only where the gazetteer must know
them). The training test writes a tiny annotated corpus in which money is given with a verb no rule knows
("bankrolled") and checks that the trained model keeps that fact in a new sentence while the rules alone miss it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.extract import extraction_of, propose_facts
from kg.facts import DocumentInfo, Evidence, Fact
from kg.scoring import Scorer, Tree, TypeModel, model_version
from kg.scoring.candidates import Candidate, Proposal, propose
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


def test_a_candidate_knows_the_genre_and_where_and_whether_the_title_names_its_entities(nlp):
    text = (
        "OFFICE OF THE GOVERNOR\nEXECUTIVE ORDER 2031-04\n\nThe drought has lasted three years. The rivers are low. "
        "Farmers are worried. Wells are dry. The Braxton Water Board shall ration water in Lassen County."
    )
    ctx, rule_facts = propose_facts(
        nlp(text), DocumentInfo("test.txt", HASH, date="2031-03-15", title="Executive Order 2031-04: Lassen County")
    )
    candidates = propose(ctx, rule_facts).candidates
    applies = next(
        c for c in candidates if c.fact.type == "applies_to" and ctx.entities[c.fact.object].label == "Lassen County"
    )
    assert applies.features["genre=order"] == 1.0
    assert applies.features["o_title"] == 1.0 and applies.features["s_title"] == 1.0
    assert applies.features["ofirst=3-9"] == 1.0 and applies.features["sfirst=0"] == 1.0
    board = next(c for c in candidates if ctx.entities[c.fact.object].label == "Braxton Water Board")
    assert "o_title" not in board.features


@pytest.mark.parametrize(("text", "outlet"), [
    ("SALEM, Ore. — The City Council passed Resolution No. 25-38 on Monday. The resolution bars new permits.",
     "The Grayport Sentinel"),
    ("The City Council passed Resolution No. 25-38 on Monday, a Grayport Sentinel review of its minutes shows.",
     "The Grayport Sentinel"),
])
def test_the_outlet_that_published_a_story_may_have_reported_the_order_it_is_about(nlp, text, outlet):
    info = DocumentInfo("test.txt", HASH, date="2031-03-15", publisher=f"{outlet} (Grayport, Ore.)")
    ctx, rule_facts = propose_facts(nlp(text), info)
    proposal = propose(ctx, rule_facts)
    reported = [c for c in proposal.candidates if c.fact.type == "reported" and "frame_outlet=1" in c.features]
    assert len(reported) == 1
    assert reported[0].fact.subject == "mediaorganization/grayport-sentinel"  # as a text's "the Sentinel" is keyed
    assert proposal.entities[reported[0].fact.subject].label.endswith("Grayport Sentinel")
    assert proposal.entities[reported[0].fact.object].label == "Resolution No. 25-38"
    # the outlet the text names is the one reported; one only the header names is the candidates', not the rules'
    assert (reported[0].fact.subject in ctx.entities) == ("review" in text)


@pytest.mark.parametrize(("text", "feature"), [
    ("By Ada Voss\nSentinel staff\n\nSALEM, Ore. — The City Council passed Resolution No. 25-38 on Monday.",
     "frame_byline"),
    ("SALEM, Ore. — The City Council passed Resolution No. 25-38 on Monday.\n\nAda Voss covers Salem for the "
     "Grayport Sentinel.", "frame_signoff"),
])
def test_a_stories_reporter_named_in_its_byline_or_sign_off_may_work_for_its_outlet(nlp, text, feature):
    info = DocumentInfo("test.txt", HASH, date="2031-03-15", publisher="The Grayport Sentinel")
    ctx, rule_facts = propose_facts(nlp(text), info)
    proposal = propose(ctx, rule_facts)
    staff = [c for c in proposal.candidates if feature in c.features]
    assert [(c.fact.type, proposal.entities[c.fact.subject].label) for c in staff] == [("holds_office", "Ada Voss")]
    assert proposal.entities[staff[0].fact.object].cls == "MediaOrganization"
    # a person named elsewhere is no reporter
    ctx, rule_facts = propose_facts(nlp("Mayor Rex Hill said the council voted by Ada Voss's count."), info)
    signed = [c for c in propose(ctx, rule_facts).candidates if {"frame_byline", "frame_signoff"} & c.features.keys()]
    assert not signed


def test_a_document_no_outlet_published_proposes_no_report_of_its_own(nlp):
    info = DocumentInfo("test.txt", HASH, date="2031-03-15", publisher="Office of the Governor")
    ctx, rule_facts = propose_facts(nlp("The governor signed Executive Order 2031-04 on Monday."), info)
    assert not any("frame_outlet=1" in c.features for c in propose(ctx, rule_facts).candidates)


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


def test_every_official_of_a_list_an_order_says_shall_act_is_proposed_as_its_addressee(nlp):
    ctx, rule_facts = _read(nlp, "Executive Order 14001 takes effect today. Sec. 3. The Secretary of Defense, the "
                                 "Administrator of the Small Business Administration, and the Secretary of "
                                 "Homeland Security shall submit a report within 90 days.")
    shall = {(ctx.entities[c.fact.object].label, "frame_shall_listed" in c.features)
             for c in propose(ctx, rule_facts).candidates
             if c.fact.type == "addressed_to" and "frame_shall" in c.features}
    assert ("Secretary of Defense", False) in shall  # the list's head word is the subject
    assert ("Secretary of Homeland Security", True) in shall  # the last of the list, by its conjunction


def _office_features(proposal: Proposal, person: str, seat: str) -> dict[str, float]:
    named = proposal.entities
    found = next(
        c for c in proposal.candidates
        if c.fact.type == "holds_office"
        and (named[c.fact.subject].label, named[c.fact.object].label) == (person, seat)
    )
    return {k: v for k, v in found.features.items() if k.startswith("title")}


def test_a_lists_names_take_the_title_its_first_name_has(nlp):
    ctx, rule_facts = _read(nlp, "Present: Mayor Ada Quill (presiding); Vice Mayor Tom Brandt; Council Members "
                                 "Rosa Vell, Omar Pike and Lena Hurst.")
    proposal = propose(ctx, rule_facts)
    pike = _office_features(proposal, "Omar Pike", "Council")
    assert pike["title_fits"] == 1.0 and pike["title_names_object"] == 1.0
    assert pike["title_role=council"] == 1.0 and "title_role=mayor" not in pike
    # a name with a title of its own is not read by the list it is in
    brandt = _office_features(proposal, "Tom Brandt", "Council")
    assert brandt["title_role=mayor"] == 1.0 and "title_fits" not in brandt


def test_an_apposition_after_a_name_is_a_title_that_may_name_the_body(nlp):
    ctx, rule_facts = _read(nlp, "Delila Fenn, Administrator, Montana Disaster and Emergency Services, spoke first. "
                                 "Fenn said the county would get aid.")
    features = _office_features(propose(ctx, rule_facts), "Delila Fenn", "Montana Disaster and Emergency Services")
    assert features["title_role=administrator"] == 1.0
    assert features["title_fits"] == 1.0 and features["title_names_object"] == 1.0


def test_a_title_that_names_another_body_does_not_fit_this_one(nlp):
    ctx, rule_facts = _read(nlp, "Wellsburg Transit Secretary Paul Hanrow met the Harlan County Commission on "
                                 "Tuesday.")
    features = _office_features(propose(ctx, rule_facts), "Paul Hanrow", "Harlan County Commission")
    assert features["title_known"] == 1.0
    assert "title_fits" not in features and "title_names_object" not in features


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


def _stump(feature: str, below: float, above: float, threshold: float = 0.6, rule_threshold: float = 0.2) -> TypeModel:
    """A one-split model: candidates without `feature` score logistic(below), those with it logistic(above)."""
    tree = Tree(feature=(0,), threshold=(0.5,), left=(~0,), right=(~1,), leaf=(below, above))
    return TypeModel(0.0, {}, 0.0, (feature,), (tree,), threshold, rule_threshold)


def test_a_type_model_keeps_what_passes_its_threshold_and_rules_have_their_own():
    scorer = Scorer("scorer-test", {"funds": _stump("v=bankroll", -1.0, 2.0)})
    assert scorer.keeps(Candidate(_fact(), {"v=bankroll": 1.0}))[0]  # p = 0.88
    assert not scorer.keeps(Candidate(_fact(), {"v=praise": 1.0}))[0]  # p = 0.27 < 0.6
    assert scorer.keeps(Candidate(_fact("funding"), {"rule": 1.0}))[0]  # p = 0.27 >= 0.2 for a rule's fact


def test_trees_add_their_leaves_and_split_on_features_in_combination():
    # "far" alone says little; "far" with "said" is a good sign, without it a bad one
    deep = Tree(feature=(0, 1), threshold=(0.5, 0.5), left=(~0, ~1), right=(1, ~2), leaf=(0.0, -3.0, 3.0))
    flat = Tree(feature=(), threshold=(), left=(), right=(), leaf=(0.5,))
    model = TypeModel(0.0, {}, 0.0, ("far", "v=say"), (deep, flat), 0.5, 0.5)
    rows = [{}, {"far": 1.0}, {"far": 1.0, "v=say": 1.0}, {"v=say": 1.0, "unknown": 1.0}]
    expected = [1 / (1 + math.exp(-m)) for m in (0.5, -2.5, 3.5, 0.5)]
    assert model.probabilities(rows).tolist() == pytest.approx(expected)
    assert model.probabilities([]).tolist() == []


def test_the_linear_screen_keeps_its_own_score_for_what_it_rejects():
    tree = Tree(feature=(0,), threshold=(0.5,), left=(~0,), right=(~1,), leaf=(1.0, 3.0))
    model = TypeModel(-4.0, {"v=fund": 3.0}, 0.1, ("money",), (tree,), 0.5, 0.5)
    rows = [{"money": 1.0}, {"v=fund": 1.0}, {"v=fund": 1.0, "money": 1.0}]
    # the first is screened out (logistic(-4) = 0.018 < 0.1) though the trees would like it
    expected = [1 / (1 + math.exp(4.0)), 1 / (1 + math.exp(-1.0)), 1 / (1 + math.exp(-3.0))]
    assert model.probabilities(rows).tolist() == pytest.approx(expected)


def test_the_scorers_trees_predict_what_lightgbm_predicts():
    import lightgbm
    import numpy as np

    from kg.train import _BOOSTING, _tree_arrays

    rng = np.random.default_rng(7)
    values = (rng.random((400, 6)) < 0.3).astype("float64")
    values[:, 5] = rng.random(400)  # one graded feature beside the indicators
    labels = ((values[:, 0] + values[:, 1] * values[:, 2] + values[:, 5]) > 1.0).astype(int)
    params = {**_BOOSTING, "min_data_in_leaf": 5}
    booster = lightgbm.train(params, lightgbm.Dataset(values, label=labels, params=params), num_boost_round=30)
    names = [f"f{i}" for i in range(6)]
    model = TypeModel(0.0, {}, 0.0, *_tree_arrays(booster.dump_model(), names), 0.5, 0.5)
    rows = [{n: v for n, v in zip(names, row, strict=True) if v} for row in values.tolist()]
    assert model.probabilities(rows).tolist() == pytest.approx(booster.predict(values).tolist(), abs=1e-6)


def test_a_type_without_a_model_keeps_the_rules_facts_only():
    scorer = Scorer("scorer-test", {})
    assert scorer.keeps(Candidate(_fact("funding"), {"rule": 1.0}))[0]
    assert not scorer.keeps(Candidate(_fact("pair"), {"pair": 1.0}))[0]


def test_a_model_survives_its_json_and_its_version_names_its_trees(tmp_path: Path):
    scorer = Scorer("scorer-x", {"funds": _stump("v=fund", -0.5, 0.75, 0.4, 0.1)})
    scorer.save(tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text())
    assert Scorer.from_json(data) == scorer
    other = Scorer("scorer-x", {"funds": _stump("v=fund", -0.5, 0.5, 0.4, 0.1)}).to_json()
    assert model_version(data) != model_version(other)


def test_decide_names_the_model_in_each_kept_facts_source(nlp):
    ctx, rule_facts = _read(nlp, "The Wexley Foundation bankrolled Story County in May.")
    kept, _ = decide(ctx, rule_facts, Scorer("scorer-test", {"funds": _stump("v=bankroll", 0.0, 2.0, 0.5, 0.5)}))
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
