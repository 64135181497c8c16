# Marsad. The README's two commands: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve install system-deps bench quality catalogs clean help mutation stability

help:
	@echo "make site    install everything, build the site (and PDFs) from content/ into site/"
	@echo "make test    install everything, run the whole test suite"
	@echo "make serve   preview with live reload on http://127.0.0.1:8000"
	@echo "make quality print every fuzzy stage's figures beside its floor (labelled corpus, gold data)"
	@echo "make bench   run the benchmark suite (prints figures, writes docs/benchmarks.md)"
	@echo "make mutation  mutmut on the modules a reader sees, score per module (MODULES='dates clean' for some)"
	@echo "make stability run the suite N times (N=5) and name the flaky tests"

site: install
	$(BIN)/marsad build

test: install
	$(BIN)/python -m pytest -n auto -q

serve: install
	$(BIN)/marsad serve

bench: install
	$(BIN)/python bench/run.py

quality: install
	$(BIN)/python scripts/quality.py

# Slow (minutes per module) and niced: see docs/dev/mutation.md.
mutation: install
	nice -n 19 $(BIN)/python scripts/mutation.py $(MODULES)

stability: install
	scripts/stability.sh $(or $(N),5)

catalogs: install
	$(BIN)/python scripts/update_catalogs.py

install: system-deps $(STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build site .pytest_cache
