"""Where the graph lives: an embedded Oxigraph store on disk, or a remote SPARQL 1.1 server.

Both speak rdflib terms and return the same `QueryResult`, so every command and every query in
`kg/data/queries/` works the same against either. The default graph is the union of the named graphs
(one per document, plus the ontology and the cross-document merge graph).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from kg.store.base import Bindings, QueryResult, Store, Triple
from kg.store.embedded import DEFAULT_LOCATION, EmbeddedStore, to_oxigraph, to_rdflib
from kg.store.sparql import OrderKey, bind, order_key, sort_rows, split_order_by, strip_comments

__all__ = [
    "DEFAULT_LOCATION", "Bindings", "EmbeddedStore", "OrderKey", "QueryResult", "Store", "Triple", "backend", "bind",
    "open_store", "order_key", "sort_rows", "split_order_by", "strip_comments", "to_oxigraph", "to_rdflib",
]  # fmt: skip

# Backends by name: module and class, imported when first asked for. `kg.store.base` imports no backend, and
# `kg.remote` (which builds on the base and the SPARQL helpers) is imported by nothing in this package.
BACKENDS = {"embedded": ("kg.store.embedded", "EmbeddedStore"), "remote": ("kg.remote", "RemoteStore")}


def backend(name: str) -> type[Store]:
    """The store class registered as `name` in `BACKENDS`."""
    module, cls = BACKENDS[name]
    return getattr(importlib.import_module(module), cls)


def open_store(
    location: str | Path = DEFAULT_LOCATION,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    create: bool = True,
    read_only: bool = False,
    **remote_options: object,
) -> Store:
    """The embedded store at `location`, or the remote one at `endpoint` when given.

    With `create=False` a missing embedded store is a StoreError instead of a new empty one; `read_only` opens an
    embedded store beside a process writing it (see `EmbeddedStore`).
    """
    if endpoint:
        remote = backend("remote")(endpoint, update_endpoint=update_endpoint, **remote_options)
        remote.check_default_graph()
        return remote
    return backend("embedded")(location, create=create, read_only=read_only)
