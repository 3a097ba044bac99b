"""What the commands print for an analyst: facts with every qualifier as a table, CSV and TSV; query tables with
whole values; analyses as tables and CSV; blocs named by their members; and no silent empty answers."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fixture_graph import build_fixture_store

from kg.cli import main


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("outputs") / "store"
    build_fixture_store(path).close()
    return str(path)


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _csv(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_facts_csv_and_tsv_carry_every_qualifier(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, "facts", "--store", store_dir, "--format", "csv")
    rows = _csv(out)
    assert code == 0 and rows
    funding = next(r for r in rows if r["fact"] == "funds" and r["instrument"] == "SCAAP")
    assert funding["amount"] == "$12 million" and funding["status"] == "reimbursement"
    threatened = next(r for r in rows if r["fact"] == "funds" and r["imposed_by"])
    assert threatened["imposed_by_iri"].startswith("https://w3id.org/policykg/id/")
    said = next(r for r in rows if r["fact"] == "said")
    assert said["quote"] == "We will honor every detainer request." and said["evidence"]
    assert next(r for r in rows if r["modality"] == "intended")["stance"] == "challenge"
    code, out, _ = _run(capsys, "facts", "--store", store_dir, "--format", "tsv")
    assert _csv(out, "\t") == rows


def test_facts_table_has_a_header_and_the_qualifier_columns(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, "facts", "--store", store_dir, "--format", "table")
    header = out.splitlines()[0].split()
    assert code == 0
    assert header[:4] == ["document", "fact", "subject", "object"]
    assert {"instrument", "amount", "modality", "imposed_by", "quote", "evidence"} <= set(header)
    assert "$12 million" in out and "We will honor every detainer request." in out
    assert out.rstrip().endswith("rows)")


def test_facts_table_cuts_long_evidence_unless_full(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    _, out, _ = _run(capsys, "facts", "--store", store_dir, "--format", "jsonl")
    longest = max((json.loads(line)["evidence"]["text"] for line in out.splitlines()), key=len)
    assert len(longest) > 60
    _, cut, _ = _run(capsys, "facts", "--store", store_dir, "--format", "table")
    _, full, _ = _run(capsys, "facts", "--store", store_dir, "--format", "table", "--full")
    assert " ".join(longest.split()) not in cut and " ".join(longest.split()) in full


def test_facts_of_a_document_by_name_or_path(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    _, by_name, _ = _run(capsys, "facts", "--store", store_dir, "--document", "eo_13768.txt")
    _, by_path, _ = _run(capsys, "facts", "--store", store_dir, "--document", "/some/where/eo_13768.txt")
    assert by_name and by_name == by_path
    assert all(json.loads(line)["document"] == "eo_13768.txt" for line in by_name.splitlines())


@pytest.mark.parametrize("name", ["no_such_document.txt", "/tmp/no_such_document.txt"])
def test_facts_of_an_unknown_document_is_an_error(store_dir: str, capsys: pytest.CaptureFixture, name: str) -> None:
    code, out, err = _run(capsys, "facts", "--store", store_dir, "--document", name)
    assert code == 2 and out == ""
    assert err.startswith(f"kg: error: {name}: not in the store") and "kg query documents" in err


def test_a_query_without_its_required_parameter_fails(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    code, out, err = _run(capsys, "query", "entity_search", "--store", store_dir)
    assert code == 2 and out == ""
    assert "needs text (literal)" in err and "--param text=VALUE" in err


def test_query_table_values_paste_back_into_param(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    _, out, _ = _run(capsys, "query", "entity_search", "--store", store_dir, "--param", "text=miami")
    iri = next(word for word in out.split() if word.startswith("https://w3id.org/policykg/id/county/"))
    assert len(iri) > 40
    code, evidence, _ = _run(capsys, "query", "evidence", "--store", store_dir, "--param", f"entity={iri}",
                             "--format", "csv")
    assert code == 0 and len(_csv(evidence)) > 1


def test_query_list_keeps_kg_own_queries_apart(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, "query", "--list")
    listed, _, own = out.partition("kg's own queries")
    assert code == 0 and "stances" in listed and "entity_search" in listed
    for name in ("merge_pending", "merge_source", "merged_descriptions", "document_versions", "projection_nodes"):
        assert name not in listed and name in own


@pytest.mark.parametrize("command", [["centrality"], ["exposure"], ["timeline"]])
def test_analyses_print_tables_and_csv(store_dir: str, capsys: pytest.CaptureFixture, command: list[str]) -> None:
    code, table, _ = _run(capsys, *command, "--store", store_dir, "--format", "table")
    header, rule = table.splitlines()[:2]
    assert code == 0 and set(rule) <= {"-", " "} and len(header.split()) >= 2
    code, out, _ = _run(capsys, *command, "--store", store_dir, "--format", "csv")
    rows = _csv(out)
    assert rows and list(rows[0]) == header.split()
    assert table.rstrip().endswith(f"({len(rows)} rows)") or table.rstrip().endswith("(1 row)")


def test_coalitions_name_blocs_by_their_members(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    _, out, _ = _run(capsys, "coalitions", "--store", store_dir, "--format", "jsonl")
    (found,) = [json.loads(line) for line in out.splitlines()]
    assert found["oppositions"], "the fixture has Miami-Dade complying and Chicago challenging the same order"
    opposition = found["oppositions"][0]
    first, second = (found["blocs"][opposition[side]]["labels"] for side in ("first", "second"))
    assert all(label in opposition["first_name"] for label in first)
    assert all(label in opposition["second_name"] for label in second)
    _, table, _ = _run(capsys, "coalitions", "--store", store_dir, "--format", "table")
    assert opposition["first_name"] in table and opposition["second_name"] in table and "opposes" in table


def test_export_with_ontology_includes_it(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    _, without, _ = _run(capsys, "export", "--store", store_dir, "--format", "nquads")
    code, with_ontology, _ = _run(capsys, "export", "--store", store_dir, "--format", "nquads", "--with-ontology")
    ontology = "<https://w3id.org/policykg/ontology> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert code == 0 and ontology in with_ontology and ontology not in without


def test_export_of_an_unknown_format_lists_the_formats(store_dir: str, capsys: pytest.CaptureFixture) -> None:
    code, _, err = _run(capsys, "export", "--store", store_dir, "--format", "rdfxml")
    assert code == 2 and "graphml-triples" in err and "jsonld" in err
