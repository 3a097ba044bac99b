# `make run` builds the graph of the bundled corpus; `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= .kg/store
STAMP := $(VENV)/.installed

.PHONY: install run test fuzz lint vocab train cv bench bench-smoke screenshots serve clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint constraints.txt --editable '.[dev,cluster]'
	@# LightGBM (make train) links the system's OpenMP runtime: Debian's libgomp1
	@$(PY) -c "import ctypes; ctypes.CDLL('libgomp.so.1')" 2>/dev/null \
		|| apt-get install --yes --quiet --no-install-recommends libgomp1 \
		|| { echo "make train needs the OpenMP runtime: apt-get install libgomp1"; exit 1; }
	touch $(STAMP)

install: $(STAMP)

run: install
	$(KG) build data/corpus --store $(STORE)
	$(KG) stats --store $(STORE)
	$(KG) validate --store $(STORE)
	$(KG) export --store $(STORE) --format turtle --out out/kg.ttl
	$(KG) query orders_issued --store $(STORE)
	$(KG) query funding_at_risk --store $(STORE)
	$(KG) query stances --store $(STORE)
	$(KG) analyze --store $(STORE) --out out/analysis
	@echo "browse the graph: $(KG) serve --store $(STORE)   (then open http://127.0.0.1:8000/)"

test: install lint
	$(PY) -m kg.vocabgen --check
	$(PY) -m pytest -q

# 1,000 seeded hostile inputs in batches of 25 (make test runs 40 of them); prints the figures the docs/architecture.md gives.
fuzz: install
	$(PY) -m pytest -q tests/test_fuzz.py --fuzz-inputs 1000

lint: install
	$(PY) -m ruff check kg tests benchmarks

vocab: install
	$(PY) -m kg.vocabgen

# The fact scorer, from the annotated corpus (data/probe, data/gold/tuning): kg/scoring/scorer.json.
train: install
	$(PY) -m kg.train

# Cross-validation by author of rules, model and both (the README's quality figures).
cv: install
	$(PY) -m kg.train --cv --report docs/cross-validation.md

# PNGs of the explorer's home, entity and order pages and of graph.html (headless chromium; apt-get install chromium
# chromium-driver).
screenshots: install
	$(KG) build data/corpus --store $(STORE) --no-progress
	$(PY) tests/screenshots.py --store $(STORE) --out docs/screenshots

serve: install
	$(KG) serve --store $(STORE)

bench: install
	$(PY) -m benchmarks --size small

bench-smoke: install
	$(PY) -m benchmarks --smoke

clean:
	rm -rf .kg out
