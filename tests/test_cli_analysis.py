"""The analysis commands print what the `kg.analysis` functions compute on the store."""

from __future__ import annotations

import json

import pytest
from fixture_graph import build_fixture_store

from kg.cli import main


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("analysis-cli") / "store"
    build_fixture_store(path).close()
    return str(path)


def _json_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_centrality_ranks_by_pagerank_and_honours_top(store_dir, capsys):
    assert main(["centrality", "--store", store_dir, "--top", "3"]) == 0
    rows = _json_lines(capsys)
    assert len(rows) == 3
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)


def test_exposure_lists_the_threatened_funding_with_its_order(store_dir, capsys):
    assert main(["exposure", "--store", store_dir]) == 0
    rows = _json_lines(capsys)
    threatened = [r for r in rows if r["status"] == "threatened"]
    assert threatened and all(r["order_label"] for r in threatened)


def test_path_prints_each_hop_with_evidence(store_dir, capsys):
    assert main(["path", "Donald Trump", "Miami-Dade County", "--store", store_dir]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Donald Trump ")
    assert any(line.startswith("    evidence: ") for line in out)


def test_path_between_unconnected_names_fails(store_dir, capsys):
    assert main(["path", "Donald Trump", "no such entity at all", "--store", store_dir]) != 0


def test_timeline_and_coalitions_print_json(store_dir, capsys):
    assert main(["timeline", "--store", store_dir, "--freq", "week"]) == 0
    weeks = _json_lines(capsys)
    assert weeks and all(sum(w["counts"].values()) > 0 for w in weeks)
    assert main(["coalitions", "--store", store_dir]) == 0
    (coalitions,) = _json_lines(capsys)
    assert coalitions["blocs"]
