"""The store as pandas DataFrames, for analysts who work in notebooks.

`facts_frame` has one row per fact and the columns of `kg facts --format csv` (`kg.output.FACT_COLUMNS`);
`entities_frame` one row per entity and class, as `kg query entities` lists them, with the aliases as a list.
"""

from __future__ import annotations

import pandas as pd

from kg.output import FACT_COLUMNS, fact_rows
from kg.queries import facts, query
from kg.store import Store

ENTITY_COLUMNS = ("entity", "class", "label", "aliases", "documents")


def facts_frame(store: Store, *, document: str | None = None) -> pd.DataFrame:
    """Every fact (or those of one `document`, by name or path) with every qualifier; start, end and page are
    nullable integers, confidence a float, a missing text value an empty string."""
    frame = pd.DataFrame(fact_rows(facts(store, document=document)), columns=list(FACT_COLUMNS))
    for column in ("start", "end", "page"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    frame["confidence"] = frame["confidence"].astype(float)
    return frame


def entities_frame(store: Store) -> pd.DataFrame:
    """Every entity with its class IRI, preferred label, all its names (a sorted list) and how many documents
    mention it."""
    rows = [
        {
            "entity": str(row["entity"]),
            "class": str(row["class"]),
            "label": str(row["label"]),
            "aliases": sorted(set(str(row["aliases"]).split("|"))) if row.get("aliases") else [],
            "documents": int(row["documents"]),
        }
        for row in query(store, "entities").rows
    ]
    return pd.DataFrame(rows, columns=list(ENTITY_COLUMNS)).astype({"documents": "int64"})
