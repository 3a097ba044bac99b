"""The store package's layering: the abstract base imports no backend, backends are loaded by name, and the old
import paths (`from kg.store import ...`) still work."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg.remote
import kg.store
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, backend, open_store
from kg.store.base import Store

STORE = Path(kg.store.__file__).parent


def _imported(path: Path) -> set[str]:
    """The kg modules a file imports at module level (imports inside functions left out)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "kg" or name.startswith("kg.")}


def test_the_base_imports_no_backend() -> None:
    assert _imported(STORE / "base.py") <= {"kg.errors"}
    assert _imported(STORE / "sparql.py") <= {"kg.errors", "kg.store.base"}


def test_no_module_of_the_store_package_imports_the_remote_backend() -> None:
    for path in STORE.glob("*.py"):
        assert "kg.remote" not in _imported(path), path.name
    assert not _imported(Path(kg.remote.__file__)) & {"kg.store", "kg.store.embedded"}


def test_backends_are_loaded_by_name(tmp_path: Path) -> None:
    assert backend("embedded") is EmbeddedStore and backend("remote") is RemoteStore
    assert issubclass(RemoteStore, Store) and issubclass(EmbeddedStore, Store)
    with open_store(tmp_path / "store", create=True) as store:
        assert isinstance(store, EmbeddedStore)
    with pytest.raises(KeyError):
        backend("nosuch")
