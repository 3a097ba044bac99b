"""The Neo4j import pair (`kg export --format neo4j`) and the pandas frames (`kg.frames`) of the fixture graph."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import fixture_graph as fx
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.export import export
from kg.frames import ENTITY_COLUMNS, entities_frame, facts_frame
from kg.output import FACT_COLUMNS
from kg.store import EmbeddedStore

POL = "https://w3id.org/policykg/ontology#"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("neo4j") / "store"
    fx.build_fixture_store(path).close()
    return str(path)


@pytest.fixture()
def store(store_dir: str) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(store_dir, read_only=True) as opened:
        yield opened


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as lines:
        reader = csv.DictReader(lines)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def pair(store_dir: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("neo4j-out") / "import"
    assert main(["export", "--store", store_dir, "--format", "neo4j", "--out", str(out)]) == 0
    return out / "nodes.csv", out / "relationships.csv"


def test_nodes_csv_has_the_import_header_and_each_entity(pair: tuple[Path, Path]) -> None:
    header, rows = _read(pair[0])
    assert header == ["iri:ID", "label", "class", "kind", "aliases:string[]", "date", "evidence_count:int", ":LABEL"]
    by_id = {row["iri:ID"]: row for row in rows}
    assert by_id[fx.TRUMP]["label"] == "Donald Trump"
    assert by_id[fx.TRUMP][":LABEL"] == "Actor;Person"
    assert set(by_id[fx.TRUMP]["aliases:string[]"].split("|")) == {"President Trump", "Trump"}
    assert by_id[fx.MIAMI_DADE][":LABEL"] == "Jurisdiction;County"
    assert by_id[fx.EO]["class"] == "ExecutiveOrder" and by_id[fx.EO]["date"] == "2017-01-25"


def test_relationships_csv_joins_known_nodes_with_typed_facts(pair: tuple[Path, Path]) -> None:
    _, nodes = _read(pair[0])
    header, rows = _read(pair[1])
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"evidence_count:int", "sentences:string[]", "documents:string[]", "stance", "status", "order"} <= {*header}
    ids = {row["iri:ID"] for row in nodes}
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in rows)
    (issued,) = [row for row in rows if row[":TYPE"] == "ISSUED" and row[":START_ID"] == fx.TRUMP]
    assert (issued[":END_ID"], issued["date"]) == (fx.EO, "2017-01-25")
    assert issued["sentences:string[]"] == fx.A_ISSUED and issued["documents:string[]"] == fx.DOC_A.name
    (funds,) = [row for row in rows if row[":TYPE"] == "FUNDS" and row[":END_ID"] == fx.SANCTUARY]
    assert (funds["status"], funds["order"], funds["instrument"]) == ("threatened", fx.EO, "federal grants")


def test_neo4j_needs_a_folder(store_dir: str, store: EmbeddedStore, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--store", store_dir, "--format", "neo4j"]) == 2
    assert "--out DIR" in capsys.readouterr().err
    with pytest.raises(KgError, match="pair of files"):
        export(store, "neo4j")


def test_facts_frame_has_the_csv_columns_and_types(store: EmbeddedStore) -> None:
    frame = facts_frame(store)
    assert list(frame.columns) == list(FACT_COLUMNS)
    issued = frame[frame["fact"] == "issued"].iloc[0]
    assert (issued["subject_iri"], issued["object_iri"], issued["date"]) == (fx.TRUMP, fx.EO, "2017-01-25")
    assert issued["evidence"] == fx.A_ISSUED and issued["start"] == 0 and issued["confidence"] == 0.9
    assert str(frame["start"].dtype) == "Int64" and frame["page"].isna().all()
    only_b = facts_frame(store, document=fx.DOC_B.name)
    assert set(only_b["document"]) == {fx.DOC_B.name} and 0 < len(only_b) < len(frame)


def test_entities_frame_lists_names_and_documents(store: EmbeddedStore) -> None:
    frame = entities_frame(store)
    assert list(frame.columns) == list(ENTITY_COLUMNS)
    trump = frame[(frame["entity"] == fx.TRUMP) & (frame["class"] == POL + "Person")].iloc[0]
    assert trump["label"] == "Donald Trump" and trump["aliases"] == ["Donald Trump", "President Trump", "Trump"]
    assert trump["documents"] == 2
