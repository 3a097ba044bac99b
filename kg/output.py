"""What the commands print: rows as an aligned table, CSV, TSV, JSON or JSON lines.

Tables keep every value whole (an IRI copied from a table can be pasted back into ``--param``) unless a column is
given a width; the facts table cuts only its long text columns, and ``kg facts --full`` not even those.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass

from kg.errors import KgError
from kg.store import QueryResult

RECORD_FORMATS = ("table", "csv", "tsv", "json", "jsonl")

# The flat columns of a fact, in the order `kg facts --format csv|tsv|table` prints them.
FACT_COLUMNS = (
    "document", "fact", "subject", "object", "date", "role", "status", "stance", "modality", "instrument", "amount",
    "imposed_by", "quote", "evidence", "start", "end", "page", "confidence", "subject_iri", "object_iri",
    "imposed_by_iri", "fact_iri",
)  # fmt: skip
# The facts table: what a reader scans, the text columns cut (unless --full) so that a row stays one line.
_FACT_TABLE = ("document", "fact", "subject", "object", "date", "role", "status", "stance", "modality", "instrument",
               "amount", "imposed_by", "quote", "evidence")
_FACT_TABLE_WIDTHS = {"quote": 40, "evidence": 60}


def fact_rows(records: Iterable[dict]) -> list[dict[str, object]]:
    """The JSON records of `kg.queries.facts` as flat rows of `FACT_COLUMNS` (labels and IRIs apart)."""
    rows = []
    for record in records:
        row: dict[str, object] = {column: "" for column in FACT_COLUMNS}
        row.update({k: v for k, v in record.items() if not isinstance(v, dict)})
        for role in ("subject", "object", "imposed_by"):
            if role in record:
                row[role], row[f"{role}_iri"] = record[role]["label"], record[role]["iri"]
        evidence = record["evidence"]
        row.update(evidence=evidence["text"], start=evidence["start"], end=evidence["end"],
                   page=evidence.get("page", ""))
        rows.append(row)
    return rows


def facts_text(records: list[dict], fmt: str, *, full: bool = False) -> str:
    """`kg facts` output: JSON lines, JSON, CSV, TSV or a table (`full`: no column cut)."""
    if fmt in ("jsonl", "json"):
        return records_text(records, fmt)
    rows = fact_rows(records)
    if fmt == "table":
        return table(rows, _FACT_TABLE, widths=None if full else _FACT_TABLE_WIDTHS)
    return records_text(rows, fmt, FACT_COLUMNS)


def plain(item: object) -> object:
    """A dataclass as a dict (recursively); anything else as it is."""
    return asdict(item) if is_dataclass(item) and not isinstance(item, type) else item


def records_text(items: Sequence[object], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Records (dicts or dataclasses) in one of `RECORD_FORMATS`; `columns` default to the first record's keys."""
    if fmt not in RECORD_FORMATS:
        raise KgError(f"unknown output format {fmt!r}; choose one of {', '.join(RECORD_FORMATS)}")
    rows = [plain(item) for item in items]
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n"
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "table":
        return table(rows, columns)
    return delimited(rows, columns, "\t" if fmt == "tsv" else ",")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def table(rows: Sequence[dict], columns: Sequence[str], *, widths: dict[str, int] | None = None) -> str:
    """An aligned text table with a header and a row count; only the columns in `widths` are cut (with "…")."""
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    limits = widths or {}
    for line in cells:
        for i, column in enumerate(columns):
            limit = limits.get(column)
            if limit and len(line[i]) > limit:
                line[i] = line[i][: limit - 1] + "…"
    sizes = [max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(size) for column, size in zip(columns, sizes, strict=True)).rstrip(),
             "  ".join("-" * size for size in sizes)]
    lines += ["  ".join(cell.ljust(size) for cell, size in zip(line, sizes, strict=True)).rstrip() for line in cells]
    return "\n".join(lines) + f"\n({len(rows)} row{'' if len(rows) == 1 else 's'})\n"


def delimited(rows: Sequence[dict], columns: Sequence[str], separator: str = ",") -> str:
    """CSV (RFC 4180: CRLF line ends) or TSV with a header; lists joined by ", ", values otherwise as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n" if separator == "," else "\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) if isinstance(v, (list, tuple, dict)) else ("" if v is None else v)
                         for v in (row.get(column) for column in columns)])
    return buffer.getvalue()


def query_text(result: QueryResult, fmt: str) -> str:
    """A query result as a table (values whole), CSV, JSON records, or a SPARQL results format."""
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\n"
    if result.kind == "graph":
        return result.graph.serialize(format="turtle")
    if fmt in ("srj", "srx", "tsv"):
        from kg.export import sparql_results

        return sparql_results(result, fmt)
    rows = [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in result.rows]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return delimited(rows, result.vars)
    return table(rows, result.vars)
