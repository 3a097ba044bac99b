"""Shared fixtures: throwaway SPARQL servers (one per test session) for the `server` tests, the store the
`kg serve` tests serve (built once per session), and the spaCy pipeline of the extraction tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import servers  # tests/ is on sys.path: pytest puts the folder of a rootless conftest there


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of an `oxigraph serve --union-default-graph`: BASE/query, BASE/update, BASE/store."""
    servers.require_oxigraph()
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SPARQL endpoint (BASE/sparql, updates allowed) of a fresh Virtuoso; BASE/sparql-auth takes dba/dba."""
    if not servers.virtuoso_installed():
        pytest.skip("Virtuoso not installed: apt-get install virtuoso-opensource (done by .ci/run)")
    with servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def nlp():
    """kg's spaCy pipeline (`kg.parsing.load_nlp`, loaded once); the test is skipped where the model is missing."""
    from kg.parsing import load_nlp

    try:
        return load_nlp()
    except RuntimeError as error:  # the model is not installed
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def serve_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by `kg build` from the three invented documents of tests/serve_fixture.py (kg serve tests)."""
    from serve_fixture import build_serve_store

    return build_serve_store(tmp_path_factory.mktemp("serve"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-inputs", type=int, default=40, help="hostile inputs of tests/test_fuzz.py (make fuzz: 1000)"
    )
