"""Benchmarks of kg: ingest, store, memory, analysis and incremental builds (`python -m benchmarks`).

- `corpus`: large corpora recombined from the bundled documents, names and dates swapped;
- `graph`: a synthetic populated graph of the ontology's shape, as N-Quads;
- `ingest`, `storage`, `memory`, `analysis`, `incremental`: one measurement each;
- `report`: the JSON and Markdown results, with the date and the machine.
"""
