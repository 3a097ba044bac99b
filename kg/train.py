"""Train the fact scorer from the annotated corpus, and measure it by cross-validation over authors.

``python -m kg.train`` (what ``make train`` runs) reads every annotated document of ``data/`` (the probe
batches of ``data/probe/folds.yaml`` and the bundled tuning gold), proposes candidate facts for each
(`kg.scoring.candidates`), labels each candidate by whether it matches a gold fact (the matching of
``kg eval``), fits one ensemble of boosted trees per fact type (LightGBM, deterministic), and writes
``kg/scoring/scorer.json``. Each type's decision threshold is the one that maximises F-beta on predictions for
documents the model did not see (each bucket of authors' documents scored by a model trained on the others').

``python -m kg.train --cv`` reports, for authors held out a bucket at a time, the rules alone, the model alone
(sentence and document pairings without the rules) and the two combined, with thresholds chosen inside
the training folds only: the figures to quote for text by an author the model has not read.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.evaluate import EvalReport, GoldDocument, fact_matches, load_gold_file, score
from kg.extract import extraction_of, propose_facts
from kg.extract.context import Context
from kg.facts import FACT_TYPES, Entity, Extraction, Fact
from kg.scoring import MODEL_FILE, Scorer, Tree, TypeModel, model_version
from kg.scoring.candidates import Candidate, propose

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent / "scoring" / MODEL_FILE
_NUMBER = re.compile(r"^p0*(\d+)_")
_THRESHOLDS = [0.0, *(i / 100 for i in range(5, 96, 5))]
# The rules' own proposals are dropped only where the model is sure they are wrong: the rules were written
# with care for precision, and a threshold fitted to short fictional texts should not undo them on long real ones.
_RULE_THRESHOLDS = [0.0, 0.05, 0.1, 0.15, 0.2]
# Thresholds maximise F-beta with this beta: under 1 weighs precision above recall (the issue asks P >= 0.75).
_BETA = 0.6
_C = 0.5  # inverse regularisation strength of the linear screen
# The screen passes all but this share of the training positives, and at most rejects candidates scored this low.
_SCREEN_LOSS = 0.02
_SCREEN_MOST = 0.05
_BUCKETS = 6  # groups of authors whose out-of-fold scores choose the shipped model's thresholds
_INNER_BUCKETS = 4  # groups of authors inside a cross-validation's training folds, for its thresholds
_ROUNDS = 200  # trees per type
# LightGBM's settings, chosen by cross-validation over authors (docs/quality.md); one thread count and
# `deterministic` make `make train` give the same trees on any machine.
_BOOSTING = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "feature_fraction": 0.5,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_col_wise": True,
    "num_threads": 2,
    "seed": 0,
    "verbose": -1,
}


@dataclass
class Example:
    """One annotated document, read and proposed once: its candidates and which gold facts each matches."""

    name: str
    fold: str
    domain: str
    gold: GoldDocument
    ctx: Context
    rule_facts: list[Fact]
    candidates: list[Candidate]
    entities: dict[str, Entity]  # the rules' and the loose mentions'
    matches: list[set[int]] = field(default_factory=list)  # per candidate: indices of the gold facts it matches


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


def annotated_documents(data: Path) -> Iterator[tuple[Path, Path, str, str]]:
    """(text, gold, fold, domain) of every annotated document to train on: the probe batches by author and
    the bundled tuning gold (fold ``bundled``); the held-out gold and unread batches are left out."""
    folds_file = yaml.safe_load((data / "probe" / "folds.yaml").read_text(encoding="utf-8"))
    ranges = {name: (lo, hi) for name, (lo, hi) in folds_file["folds"].items()}
    domains = folds_file.get("domains", {})
    unread = folds_file.get("unread") or []
    for gold_path in sorted((data / "probe" / "gold").glob("*.yaml")):
        match = _NUMBER.match(gold_path.name)
        if not match:
            continue
        number = int(match.group(1))
        if _within(number, unread):
            continue
        fold = next((name for name, (lo, hi) in ranges.items() if lo <= number <= hi), None)
        if fold is None:
            continue
        domain = next((d for d, spans in domains.items() if _within(number, spans)), "")
        yield data / "probe" / "corpus" / f"{gold_path.stem}.txt", gold_path, fold, domain or "immigration"
    for gold_path in sorted((data / "gold" / "tuning").glob("*.yaml")):
        yield data / "corpus" / f"{gold_path.stem}.txt", gold_path, "bundled", "immigration"


def _within(number: int, spans: list[list[int]]) -> bool:
    """Whether a document number falls in one of the inclusive ranges ``[[lo, hi], ...]`` of folds.yaml."""
    return any(lo <= number <= hi for lo, hi in spans)


def read_examples(documents: Iterable[tuple[Path, Path, str, str]], *, progress: bool = True) -> list[Example]:
    """Parse each document once and propose its candidates, labelled against its gold."""
    from kg.documents import read_document
    from kg.parsing import load_nlp

    nlp = load_nlp()
    items = []
    for text_path, gold_path, fold, domain in documents:
        items.append((read_document(text_path), load_gold_file(gold_path), fold, domain))
    examples = []
    texts = ((document.text, (document, gold, fold, domain)) for document, gold, fold, domain in items)
    for n, (doc, (document, gold, fold, domain)) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=8)):
        ctx, rule_facts = propose_facts(doc, document.info())
        proposal = propose(ctx, rule_facts)
        example = Example(document.name, fold, domain, gold, ctx, rule_facts, proposal.candidates, proposal.entities)
        example.matches = [_matched(example, c.fact) for c in example.candidates]
        examples.append(example)
        if progress and ((n + 1) % 25 == 0 or n + 1 == len(items)):
            print(f"read {n + 1}/{len(items)} documents", file=sys.stderr)
    return examples


def prediction(name: str, fact: Fact, entities: dict[str, Entity]) -> dict[str, Any]:
    """A fact as `kg eval` reads it (the shape of ``kg facts`` output)."""

    def node(key: str) -> dict[str, Any]:
        entity = entities[key]
        return {"label": entity.label, "class": entity.cls, "aliases": sorted(entity.aliases)}

    return {
        "document": name,
        "fact": fact.type,
        "subject": node(fact.subject),
        "object": node(fact.object),
        "date": fact.date,
        "status": fact.status,
    }


def _matched(example: Example, fact: Fact) -> set[int]:
    predicted = prediction(example.name, fact, example.entities)
    return {i for i, g in enumerate(example.gold.facts) if fact_matches(predicted, g)}


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------

Selector = Any  # a callable Candidate -> bool: which candidates a variant of the model sees


def combined(candidate: Candidate) -> bool:
    """The rules' facts and every pairing."""
    return True


def pairings_only(candidate: Candidate) -> bool:
    """The model alone: sentence and document pairings (whether or not a rule proposed the same fact too)."""
    return "pair" in candidate.features or "frame" in candidate.features


def _features(candidate: Candidate, selector: Selector) -> dict[str, float]:
    if selector is pairings_only:
        return {k: v for k, v in candidate.features.items() if not k.startswith(("rule", "R|"))}
    return candidate.features


def _rows(examples: list[Example], fact_type: str, selector: Selector) -> tuple[list[dict], list[int]]:
    rows, labels = [], []
    for example in examples:
        for candidate, matched in zip(example.candidates, example.matches, strict=True):
            if candidate.fact.type == fact_type and selector(candidate):
                rows.append(_features(candidate, selector))
                labels.append(int(bool(matched)))
    return rows, labels


def fit_type(
    examples: list[Example], fact_type: str, selector: Selector, thresholds: tuple[float, float] = (0.5, 0.5)
) -> TypeModel | None:
    """The two stages for one fact type, or None when the training data has no positive or no negative: a
    logistic model over every candidate, then boosted trees over the candidates it does not screen out."""
    import numpy as np

    rows, labels = _rows(examples, fact_type, selector)
    if len(set(labels)) < 2:
        return None
    bias, weights = _linear(rows, labels)
    linear = TypeModel(bias, weights, 1.0, (), (), *thresholds)
    scores = linear.probabilities(rows)
    positives = np.sort(scores[np.array(labels) == 1])
    # the screen lets through all but the least likely few of the training positives
    screen = min(_SCREEN_MOST, float(positives[int(len(positives) * _SCREEN_LOSS)]))
    kept = np.flatnonzero(scores >= screen)
    features, trees = _trees([rows[i] for i in kept], [labels[i] for i in kept])
    return TypeModel(bias, weights, round(screen, 6), features, trees, *thresholds)


def _linear(rows: list[dict[str, float]], labels: list[int]) -> tuple[float, dict[str, float]]:
    """A logistic model's bias and weights over every feature seen at least twice."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform(_frequent(rows, 2)).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=_C, solver="liblinear", random_state=0, max_iter=1000).fit(matrix, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return round(float(model.intercept_[0]), 4), weights


def _trees(rows: list[dict[str, float]], labels: list[int]) -> tuple[tuple[str, ...], tuple[Tree, ...]]:
    """Boosted trees over the rows (none where they hold a single class), and the features they split on."""
    import lightgbm
    from sklearn.feature_extraction import DictVectorizer

    if len(set(labels)) < 2:
        return (), ()
    # rare features (most dependency paths) are left out: they teach nothing and slow every round; a small
    # corpus keeps more of them and may split on fewer candidates
    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform(_frequent(rows, min(20, max(2, len(rows) // 1000))))
    params = {**_BOOSTING, "min_data_in_leaf": min(20, max(1, len(rows) // 100))}
    data = lightgbm.Dataset(matrix.tocsr().astype("float32"), label=labels, params=params)
    booster = lightgbm.train(params, data, num_boost_round=_ROUNDS)
    return _tree_arrays(booster.dump_model(), list(vectorizer.get_feature_names_out()))


def _frequent(rows: list[dict[str, float]], least: int) -> list[dict[str, float]]:
    """The rows with only the features found in at least `least` of them."""
    counts: Counter[str] = Counter(name for row in rows for name in row)
    return [{k: v for k, v in row.items() if counts[k] >= least} for row in rows]


def _tree_arrays(dump: dict, names: list[str]) -> tuple[tuple[str, ...], tuple[Tree, ...]]:
    """LightGBM's dumped trees as the scorer's arrays, and the features they split on (by the trees' index)."""
    used: dict[int, int] = {}  # LightGBM's feature index -> the model's
    trees = []
    for info in dump["tree_info"]:
        root = info["tree_structure"]
        if "leaf_value" in root and "split_index" not in root:
            trees.append(Tree((), (), (), (), (round(root["leaf_value"], 8),)))
            continue
        splits = info["num_leaves"] - 1
        feature, threshold_, left, right = [0] * splits, [0.0] * splits, [0] * splits, [0] * splits
        leaf = [0.0] * info["num_leaves"]

        def child(node: dict) -> int:
            return node["split_index"] if "split_index" in node else ~node["leaf_index"]

        stack = [root]
        while stack:
            node = stack.pop()
            if "split_index" not in node:
                leaf[node["leaf_index"]] = round(node["leaf_value"], 8)
                continue
            if node["decision_type"] != "<=" or node["missing_type"] == "Zero":
                raise ValueError(f"a split the scorer cannot read: {node['decision_type']}, {node['missing_type']}")
            i = node["split_index"]
            feature[i] = used.setdefault(node["split_feature"], len(used))
            threshold_[i] = float(node["threshold"])
            left[i], right[i] = child(node["left_child"]), child(node["right_child"])
            stack += [node["left_child"], node["right_child"]]
        trees.append(Tree(tuple(feature), tuple(threshold_), tuple(left), tuple(right), tuple(leaf)))
    return tuple(names[j] for j, _ in sorted(used.items(), key=lambda item: item[1])), tuple(trees)


Thresholds = dict[str, tuple[float, float]]  # fact type -> (for pairings, for rules' proposals)


def fit(examples: list[Example], selector: Selector, thresholds: Thresholds | None = None) -> Scorer:
    """One model per fact type, with the given thresholds (0.5 where none is given)."""
    types = {}
    for fact_type in FACT_TYPES:
        model = fit_type(examples, fact_type, selector, (thresholds or {}).get(fact_type, (0.5, 0.5)))
        if model is not None:
            types[fact_type] = model
    scorer = Scorer(version="", types=types)
    return Scorer(version=model_version(scorer.to_json()), types=types)


# ---------------------------------------------------------------------------------------------
# Predicting and scoring
# ---------------------------------------------------------------------------------------------


def _probabilities(scorer: Scorer, example: Example, selector: Selector) -> list[float | None]:
    out: list[float | None] = [None] * len(example.candidates)
    chosen = [i for i, candidate in enumerate(example.candidates) if selector(candidate)]
    scores = scorer.scores([example.candidates[i] for i in chosen], lambda candidate: _features(candidate, selector))
    for i, p in zip(chosen, scores, strict=True):
        out[i] = p
    return out


def kept_facts(example: Example, probabilities: list[float | None], thresholds: Thresholds) -> list[Fact]:
    """The candidates at or above their type's threshold (a type with no model keeps its rules' facts)."""
    kept = []
    for candidate, p in zip(example.candidates, probabilities, strict=True):
        fact = candidate.fact
        if p is None:
            if fact.type not in thresholds and candidate.by_rule:
                kept.append(fact)
        elif p >= thresholds.get(fact.type, (0.5, 0.5))[candidate.by_rule]:
            kept.append(fact)
    return kept


def _report(examples: list[Example], facts_of: dict[str, list[Fact]]) -> EvalReport:
    predicted = []
    for example in examples:
        extraction: Extraction = extraction_of(example.ctx, facts_of[example.name], example.entities)
        predicted += [prediction(example.name, f, extraction.entities) for f in extraction.facts]
    return score(predicted, [e.gold for e in examples])


def choose_thresholds(examples: list[Example], probabilities: dict[str, list[float | None]]) -> Thresholds:
    """Per fact type, the pair of thresholds (for pairings, for the rules' proposals) that maximises that
    type's F-beta over the given out-of-fold scores."""
    import numpy as np

    chosen: Thresholds = {}
    for fact_type in FACT_TYPES:
        # per gold fact, the best score of a pairing and of a rule's proposal that match it; per wrong
        # candidate, its score: a threshold pair then counts hits and false positives in a few array operations
        best: dict[tuple[str, int], list[float]] = {}
        wrong: tuple[list[float], list[float]] = ([], [])
        for e in examples:
            for i, g in enumerate(e.gold.facts):
                if g.fact == fact_type:
                    best[(e.name, i)] = [-1.0, -1.0]
            for c, p, matched in zip(e.candidates, probabilities[e.name], e.matches, strict=True):
                if p is None or c.fact.type != fact_type:
                    continue
                by_rule = int(c.by_rule)
                if not matched:
                    wrong[by_rule].append(p)
                for i in matched:
                    best[(e.name, i)][by_rule] = max(best[(e.name, i)][by_rule], p)
        if not best:
            continue
        gold = np.array(list(best.values()))
        wrong_pair, wrong_rule = np.sort(wrong[0]), np.sort(wrong[1])
        top = (-1.0, (0.5, 0.5))
        for pair_threshold in _THRESHOLDS:
            for rule_threshold in _RULE_THRESHOLDS:
                tp = int(np.count_nonzero((gold[:, 0] >= pair_threshold) | (gold[:, 1] >= rule_threshold)))
                fp = len(wrong_pair) - int(np.searchsorted(wrong_pair, pair_threshold, side="left"))
                fp += len(wrong_rule) - int(np.searchsorted(wrong_rule, rule_threshold, side="left"))
                f = _f_beta(tp, fp, len(gold) - tp)
                if f > top[0] + 1e-9:
                    top = (f, (pair_threshold, rule_threshold))
        chosen[fact_type] = top[1]
    return chosen


def _f_beta(tp: int, fp: int, fn: int) -> float:
    b2 = _BETA * _BETA
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0


def out_of_fold(
    examples: list[Example], selector: Selector, *, buckets: int | None = None
) -> dict[str, list[float | None]]:
    """Each document's candidate scores from a model trained on every other fold's documents (or, with
    `buckets`, on the other buckets of folds: fewer fits, for the thresholds inside a cross-validation)."""
    folds = sorted({e.fold for e in examples})
    group = {fold: (i % buckets if buckets else i) for i, fold in enumerate(folds)}
    probabilities: dict[str, list[float | None]] = {}
    for held_out in sorted(set(group.values())):
        scorer = fit([e for e in examples if group[e.fold] != held_out], selector)
        for example in examples:
            if group[example.fold] == held_out:
                probabilities[example.name] = _probabilities(scorer, example, selector)
    return probabilities


def train(examples: list[Example]) -> tuple[Scorer, EvalReport]:
    """The shipped model: thresholds chosen on out-of-fold scores, weights fitted on every document; with
    the out-of-fold report those thresholds give."""
    probabilities = out_of_fold(examples, combined, buckets=_BUCKETS)
    thresholds = choose_thresholds(examples, probabilities)
    facts = {e.name: kept_facts(e, probabilities[e.name], thresholds) for e in examples}
    return fit(examples, combined, thresholds), _report(examples, facts)


@dataclass
class CrossValidation:
    """Nested cross-validation by author: one report per variant, and per fold and per domain."""

    variants: dict[str, EvalReport]
    folds: dict[str, dict[str, EvalReport]]
    domains: dict[str, dict[str, EvalReport]]
    buckets: int


def cross_validate(examples: list[Example], *, buckets: int = 6, progress: bool = True) -> CrossValidation:
    """Hold authors out, a bucket of them at a time (no author's documents are ever trained on and scored
    together); thresholds come from the training buckets only. Reported per author as well."""
    facts: dict[str, dict[str, list[Fact]]] = {"rules": {}, "model": {}, "combined": {}}
    for example in examples:
        facts["rules"][example.name] = example.rule_facts
    folds = sorted({e.fold for e in examples})
    group = {fold: i % buckets for i, fold in enumerate(folds)}
    for held_out in range(buckets):
        train_set = [e for e in examples if group[e.fold] != held_out]
        test_set = [e for e in examples if group[e.fold] == held_out]
        for variant, selector in (("model", pairings_only), ("combined", combined)):
            inner = out_of_fold(train_set, selector, buckets=_INNER_BUCKETS)
            thresholds = choose_thresholds(train_set, inner)
            scorer = fit(train_set, selector, thresholds)
            for example in test_set:
                probabilities = _probabilities(scorer, example, selector)
                facts[variant][example.name] = kept_facts(example, probabilities, thresholds)
        if progress:
            names = ", ".join(f for f in folds if group[f] == held_out)
            print(f"cross-validated {held_out + 1}/{buckets} buckets ({names})", file=sys.stderr)
    variants = {v: _report(examples, f) for v, f in facts.items()}
    by_fold = {
        fold: {v: _report([e for e in examples if e.fold == fold], f) for v, f in facts.items()} for fold in folds
    }
    by_domain = {
        domain: {v: _report([e for e in examples if e.domain == domain], f) for v, f in facts.items()}
        for domain in sorted({e.domain for e in examples})
    }
    return CrossValidation(variants, by_fold, by_domain, buckets)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def _line(name: str, report: EvalReport) -> str:
    c = report.micro
    return f"| {name} | {c.precision:.3f} | {c.recall:.3f} | **{c.f1:.3f}** | {c.tp} | {c.fp} | {c.fn} |"


def format_cv(cv: CrossValidation, documents: int) -> str:
    """The cross-validation as Markdown tables."""
    head = "| {} | P | R | F1 | tp | fp | fn |\n| --- | --- | --- | --- | --- | --- | --- |"
    lines = [
        f"Cross-validation by author over {documents} documents ({len(cv.folds)} authors in {cv.buckets} held-out"
        " buckets).",
        "",
    ]
    lines += [head.format("variant"), *(_line(v, r) for v, r in cv.variants.items()), ""]
    lines += [head.format("fact type (combined)")]
    for fact_type, c in cv.variants["combined"].counts.items():
        lines.append(f"| {fact_type} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.tp} | {c.fp} | {c.fn} |")
    for title, groups in (("held-out fold", cv.folds), ("domain", cv.domains)):
        lines += ["", f"| {title}: rules / combined F1 | rules F1 | combined F1 | P | tp | fp | fn |"]
        lines += ["| --- | --- | --- | --- | --- | --- | --- |"]
        for name, reports in groups.items():
            c, rules = reports["combined"].micro, reports["rules"]
            lines.append(f"| {name} | {rules.f1:.3f} | **{c.f1:.3f}** | {c.precision:.3f} | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the folder holding probe/ and gold/")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    parser.add_argument("--cv", action="store_true", help="report nested cross-validation by author; write no model")
    parser.add_argument("--report", type=Path, help="also write the figures to this Markdown file")
    args = parser.parse_args(argv)
    examples = read_examples(annotated_documents(args.data))
    if args.cv:
        text = format_cv(cross_validate(examples), len(examples))
    else:
        scorer, report = train(examples)
        scorer.save(args.out)
        text = f"wrote {args.out} ({scorer.version}); out-of-fold figures:\n\n{report.format()}"
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
