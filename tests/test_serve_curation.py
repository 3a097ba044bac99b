"""Curation from `kg serve`'s explorer (kg.serve.curation), through Starlette's TestClient: each form writes the
curation file and changes what the pages show; without --allow-update, or without the token, it is refused.

Each test curates its own copy of the store `kg build` made from the invented documents of tests/serve_fixture.py.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from serve_fixture import MARSH

from kg.serve import app

with warnings.catch_warnings():  # Starlette 1.x warns that it would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "s3cret-token"
ID = "https://w3id.org/policykg/id/"
MARSH_PAGE = "/entity/person/us-co-helen-marsh"
COMMISSIONER = "organization/commissioner-of-public-safety"
# the body an office is curated into: the fixture's Justice Department, whose threat to Denver's grants the serve
# tests all read (the Colorado Department of Public Safety's one funding fact is a model's close call)
BODY = "governmentbody/us-doj"
PUEBLO_COMPLIES = "complies with"
PUEBLO = "Pueblo County"


@pytest.fixture
def store(serve_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kg" / "store"
    shutil.copytree(serve_store, copy)
    return copy


@pytest.fixture
def curating(store: Path) -> Iterator[TestClient]:
    with TestClient(app(store, allow_update=True, token=TOKEN), follow_redirects=False) as client:
        yield client


def curation(store: Path) -> dict:
    return yaml.safe_load((store.parent / "curation.yaml").read_text(encoding="utf-8"))


def test_rename_from_the_entity_page_with_the_token_field(curating: TestClient, store: Path) -> None:
    page = curating.get(MARSH_PAGE).text
    assert 'id="curate"' in page and "reject this fact" in page
    answer = curating.post("/curate/rename", data={"entity": MARSH, "label": "Gov. Helen Marsh", "token": TOKEN})
    assert answer.status_code == 303 and answer.headers["location"] == MARSH_PAGE + "?curated=rename"
    shown = curating.get(answer.headers["location"]).text
    assert '<h1 id="entity-label">Gov. Helen Marsh</h1>' in shown and 'id="curated"' in shown
    assert "recorded in curation.yaml" in shown and str(store.parent) not in shown  # not where the server keeps it
    assert "Helen Marsh" in shown.split('id="aliases">', 1)[1].split("</dd>", 1)[0]  # the old label kept as a name
    assert curation(store)["rename"] == {"person/us-co-helen-marsh": "Gov. Helen Marsh"}


def test_same_as_moves_the_entity_to_the_other_page_with_the_authorization_header(curating: TestClient,
                                                                                   store: Path) -> None:
    before = curating.get(f"/entity/{BODY}").text
    assert "Commissioner of Public Safety" not in before
    answer = curating.post("/curate/same", data={"entity": ID + COMMISSIONER, "same_as": BODY},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 303 and answer.headers["location"] == f"/entity/{BODY}?curated=same"
    after = curating.get(answer.headers["location"]).text
    assert "Commissioner of Public Safety" in after and "Merged" in after
    assert curating.get(f"/entity/{COMMISSIONER}").status_code == 404
    assert curation(store)["same"] == [[BODY, COMMISSIONER]]


def test_distinct_is_recorded_and_then_same_is_refused_with_its_reason(curating: TestClient, store: Path) -> None:
    fields = {"entity": ID + COMMISSIONER, "token": TOKEN}
    answer = curating.post("/curate/distinct", data={**fields, "distinct_from": BODY})
    assert answer.status_code == 303 and answer.headers["location"] == f"/entity/{COMMISSIONER}?curated=distinct"
    assert "never one node" in curating.get(answer.headers["location"]).text
    assert curation(store)["distinct"] == [[COMMISSIONER, BODY]]
    refused = curating.post("/curate/same", data={**fields, "same_as": BODY})
    assert refused.status_code == 400 and "curated as distinct" in refused.text
    missing = curating.post("/curate/same", data={**fields, "same_as": "person/nobody"})
    assert missing.status_code == 400 and "no entity person/nobody" in missing.text
    empty = curating.post("/curate/rename", data={**fields, "label": " "})
    assert empty.status_code == 400 and "fill in the new label" in empty.text


def test_reject_a_fact_from_the_document_page(curating: TestClient, store: Path) -> None:
    page = "/document/02_reaction.txt"
    assert PUEBLO_COMPLIES in curating.get(page).text
    fact = _fact_iri(store, "02_reaction.txt", "complies_with", subject=PUEBLO)
    answer = curating.post("/curate/reject", data={"fact": fact, "back": page, "token": TOKEN})
    assert answer.status_code == 303 and answer.headers["location"] == page + "?curated=reject"
    shown = curating.get(answer.headers["location"]).text
    assert f'value="{fact}"' not in shown and "Rejected" in shown
    assert PUEBLO_COMPLIES not in curating.get("/entity/county/fips-08101").text
    assert curation(store)["reject"] == [fact]
    # the page to return to is on this server only
    other = _fact_iri(store, "02_reaction.txt", "said")
    away = curating.post("/curate/reject", data={"fact": other, "back": "//elsewhere.example/x", "token": TOKEN})
    assert away.headers["location"] == "/?curated=reject"


def test_without_the_token_nothing_is_curated(curating: TestClient, store: Path) -> None:
    for token in ({}, {"token": "wrong"}):
        answer = curating.post("/curate/rename", data={"entity": MARSH, "label": "X", **token})
        assert answer.status_code == 403 and "update token" in answer.text
    answer = curating.post("/curate/rename", data={"entity": MARSH, "label": "X"},
                           headers={"Authorization": "Bearer no"})
    assert answer.status_code == 403
    assert not (store.parent / "curation.yaml").exists()
    assert '<h1 id="entity-label">Helen Marsh</h1>' in curating.get(MARSH_PAGE).text


def test_a_read_only_server_shows_no_forms_and_refuses_them(store: Path) -> None:
    with TestClient(app(store, token=TOKEN), follow_redirects=False) as client:
        page = client.get(MARSH_PAGE).text
        assert 'id="curate"' not in page and "reject this fact" not in page
        assert "reject this fact" not in client.get("/document/02_reaction.txt").text
        assert 'id="curated"' not in client.get(MARSH_PAGE + "?curated=rename").text
        answer = client.post("/curate/rename", data={"entity": MARSH, "label": "X", "token": TOKEN})
        assert answer.status_code == 403 and "read-only" in answer.text and "--allow-update" in answer.text
    assert not (store.parent / "curation.yaml").exists()


def test_the_curation_file_given_to_the_app(store: Path, tmp_path: Path) -> None:
    given = tmp_path / "decisions.yaml"
    with TestClient(app(store, allow_update=True, token=TOKEN, curation=given), follow_redirects=False) as client:
        client.post("/curate/rename", data={"entity": MARSH, "label": "Governor Marsh", "token": TOKEN})
    assert yaml.safe_load(given.read_text(encoding="utf-8"))["rename"] == {"person/us-co-helen-marsh": "Governor Marsh"}
    assert not (store.parent / "curation.yaml").exists()


def _fact_iri(store: Path, document: str, fact_type: str, subject: str | None = None) -> str:
    from kg.queries import facts
    from kg.store import EmbeddedStore

    with EmbeddedStore(store, create=False, read_only=True) as opened:
        return next(f["fact_iri"] for f in facts(opened, document=document)
                    if f["fact"] == fact_type and subject in (None, f["subject"]["label"]))
