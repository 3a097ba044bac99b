"""Every command works against a remote SPARQL server exactly as against the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import servers

from kg.cli import main

pytestmark = [pytest.mark.server, pytest.mark.model]

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
DOCS = [str(CORPUS / "000_267d39d85851adfe.txt"), str(CORPUS / "08_crs_legal_sidebar_plan_to_restrict_grants.txt")]


@pytest.fixture(scope="module")
def remote(tmp_path_factory) -> list[str]:
    servers.require_oxigraph()
    with servers.oxigraph_server(tmp_path_factory.mktemp("cli-oxigraph")) as base:
        yield ["--endpoint", f"{base}/query", "--update-endpoint", f"{base}/update", "--graph-store", f"{base}/store"]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> list[str]:
    return ["--store", str(tmp_path_factory.mktemp("cli-embedded") / "store")]


def _run(capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_build_facts_stats_and_queries_agree(capsys, remote, embedded):
    for store in (remote, embedded):
        _run(capsys, "build", *DOCS, "--no-progress", *store)
    remote_facts = [json.loads(line) for line in _run(capsys, "facts", *remote).splitlines()]
    embedded_facts = [json.loads(line) for line in _run(capsys, "facts", *embedded).splitlines()]
    assert remote_facts and remote_facts == embedded_facts
    assert _run(capsys, "stats", *remote) == _run(capsys, "stats", *embedded)
    for name in ("orders_issued", "stances", "funding_at_risk"):
        assert _run(capsys, "query", name, "--format", "csv", *remote) == _run(
            capsys, "query", name, "--format", "csv", *embedded
        )


def test_validate_export_and_remove_work_remotely(capsys, remote, embedded):
    assert _run(capsys, "validate", "--no-reasoner", *remote).startswith("valid")
    assert _run(capsys, "export", "--format", "ntriples", *remote)
    _run(capsys, "remove", "08_crs_legal_sidebar_plan_to_restrict_grants.txt", *remote)
    documents = {json.loads(line)["document"] for line in _run(capsys, "facts", *remote).splitlines()}
    assert documents == {"000_267d39d85851adfe.txt"}


def test_remote_options_reach_the_remote_store(monkeypatch):
    import kg.cli

    opened = {}
    monkeypatch.setattr(kg.cli, "open_store", lambda location, **options: opened.update(options))
    args = kg.cli._parser().parse_args(
        ["stats", "--endpoint", "http://127.0.0.1:1/sparql", "--user", "u", "--password", "p", "--auth", "digest"]
    )
    kg.cli._open(args)
    assert (opened["endpoint"], opened["user"], opened["password"], opened["auth"]) == (
        "http://127.0.0.1:1/sparql",
        "u",
        "p",
        "digest",
    )
