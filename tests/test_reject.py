"""`kg reject` on a store that `kg build` made from invented documents: the rejection is recorded, taken out of the
store at once, and kept by every later build; a changed document's facts are new facts with new IRIs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.cli import main
from kg.queries import facts
from kg.store import EmbeddedStore

pytestmark = pytest.mark.model

ORDER = """title: Governor orders agencies to report detainer requests
date: 2019-03-04
---
Governor Helen Marsh of Colorado issued Executive Order 7-19 on March 4, 2019, directing state agencies to report \
every immigration detainer request they receive.

The order applies to Denver and to every county in Colorado.
"""
REACTION = """title: Pueblo complies
date: 2019-03-16
---
Pueblo County complied with Executive Order 7-19 on March 15, 2019.
"""


def kg(*args: str | Path) -> int:
    return main([str(a) for a in args])


def build(corpus: Path, store: Path, *more: str | Path) -> None:
    # --doc-timeout 0: parsed in this process, without worker processes to start
    assert kg("build", corpus, "--store", store, "--doc-timeout", "0", "--no-progress", *more) == 0


def issued(store_path: Path) -> list[dict]:
    with EmbeddedStore(store_path, create=False, read_only=True) as store:
        return [f for f in facts(store) if f["fact"] == "issued"]


def test_a_rejected_fact_stays_rejected_through_rebuilds(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    (corpus / "order.txt").write_text(ORDER, encoding="utf-8")
    (corpus / "reaction.txt").write_text(REACTION, encoding="utf-8")
    build(corpus, store)
    [fact] = issued(store)
    assert fact["subject"]["label"] == "Helen Marsh"

    assert kg("reject", fact["fact_iri"], "--store", store) == 0
    assert "1 document graphs rewritten" in capsys.readouterr().out
    curation = tmp_path / "curation.yaml"
    assert yaml.safe_load(curation.read_text(encoding="utf-8"))["reject"] == [fact["fact_iri"]]
    assert issued(store) == []
    with EmbeddedStore(store, create=False, read_only=True) as opened:  # nor the direct triple, in the merge graph
        ask = "PREFIX pol: <https://w3id.org/policykg/ontology#> ASK { ?order pol:issuedBy ?governor }"
        assert opened.query(ask).boolean is False

    # the same document read again (removed, then built), a changed neighbour, and a new store with the file
    assert kg("remove", "order.txt", "--store", store) == 0
    (corpus / "reaction.txt").write_text(REACTION + "\nDenver refused to comply with Executive Order 7-19.\n",
                                         encoding="utf-8")
    build(corpus, store)
    assert "built 2 documents" in capsys.readouterr().out
    assert issued(store) == []
    build(corpus, tmp_path / "fresh", "--curation", curation)
    assert issued(tmp_path / "fresh") == []

    # a changed document is read anew: its facts have new IRIs, which no rejection names
    (corpus / "order.txt").write_text(ORDER + "\nThe order takes effect at once.\n", encoding="utf-8")
    build(corpus, store)
    [again] = issued(store)
    assert again["subject"]["label"] == "Helen Marsh" and again["fact_iri"] != fact["fact_iri"]


def test_rejecting_what_the_store_does_not_hold_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    (corpus / "reaction.txt").write_text(REACTION, encoding="utf-8")
    build(corpus, store)
    capsys.readouterr()
    assert kg("reject", "https://w3id.org/policykg/id/fact/0123456789abcdef0123", "--store", store) == 2
    assert "no fact https://w3id.org/policykg/id/fact/0123456789abcdef0123 in the store" in capsys.readouterr().err
    assert kg("reject", "county/us-co-pueblo-county", "--store", store) == 2
    assert "is not a fact IRI" in capsys.readouterr().err
    assert not (tmp_path / "curation.yaml").exists()
