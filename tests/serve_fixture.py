"""Three small invented documents about one state executive order, built into a store with `kg build`.

Not a test module: `build_serve_store(folder)` writes the documents and builds them (the real pipeline, spaCy
included), for the `kg serve` tests. What they say, as kg reads it: Governor Helen Marsh of Colorado issued
Executive Order 7-19 (one node, `executiveorder/us-co-7-19`: resolution keys a state order by its state and
number); Denver vowed to challenge it and then sued; Pueblo County complied; the order threatens
$2.5 million in federal grant money for Denver. Names, numbers and events are invented.

`threatened(store)` is the funding relation an order puts at risk (the fixture's one threat, whatever else the
scorer keeps of that sentence).
"""

from __future__ import annotations

from pathlib import Path

DOCUMENTS = {
    "01_order.txt": """title: Governor orders state agencies to report detainer requests
date: 2019-03-04
---
Governor Helen Marsh of Colorado issued Executive Order 7-19 on March 4, 2019, directing state agencies to report \
every immigration detainer request they receive.

The order is addressed to the Commissioner of Public Safety, Daniel Okafor.

The order applies to Denver and to every county in Colorado.
""",
    "02_reaction.txt": """title: Denver mayor vows to fight Marsh order
date: 2019-03-12
---
Denver Mayor Ruth Calloway said on March 12, 2019 that the city would challenge Executive Order 7-19 in court.

"We will not turn our police into immigration agents," Calloway said.

Pueblo County complied with Executive Order 7-19 on March 15, 2019.
""",
    "03_funding.txt": """title: Justice Department threatens grants over detainer order
date: 2019-04-02
---
Under Executive Order 7-19, the Justice Department threatened to withhold $2.5 million in federal grant money from \
Denver.

The Colorado Department of Public Safety gave Pueblo County $400,000 in reimbursement grants for complying with \
Executive Order 7-19.

On April 10, 2019, the City of Denver sued Governor Helen Marsh in federal court over Executive Order 7-19.
""",
}

MARSH = "https://w3id.org/policykg/id/person/us-co-helen-marsh"
DENVER_LABEL = "Denver"


def threatened(store: object) -> dict:
    """The row of `funding_at_risk.rq` for the money Executive Order 7-19 threatens."""
    from kg.queries import load_query

    rows = store.query(load_query("funding_at_risk").text).rows  # type: ignore[attr-defined]
    return next(row for row in rows if row["order"] is not None and str(row["status"]) == "threatened")


def build_serve_store(folder: Path) -> Path:
    """Write the documents under `folder`/corpus, build them into `folder`/store, and return the store's path."""
    from kg.build import build
    from kg.store import EmbeddedStore

    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    location = folder / "store"
    with EmbeddedStore(location) as store:
        report = build([corpus], store, progress=False)
    assert len(report.built) == len(DOCUMENTS), report.failed
    return location
