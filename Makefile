# The README's two commands: `make run` and `make test`. Both create .venv when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED ?= ../shared/seed/000_23adf52500061cf6.txt

.PHONY: run test lint types unit venv clean bench eval

$(BIN)/khabar: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/khabar

venv: $(BIN)/khabar

# The main job on the embedded default: analyse the reference page, store it in SQLite
# (khabar.db here), list the events stored.
run: venv
	$(BIN)/khabar analyze $(SEED)
	$(BIN)/khabar ingest $(SEED) --db khabar.db
	$(BIN)/khabar events --db khabar.db

lint: venv
	$(BIN)/ruff check src tests scripts benchmarks eval

types: venv
	$(BIN)/mypy src/khabar

unit: venv
	scripts/with_postgres.sh $(BIN)/python -m pytest -q -n 2

test: lint types unit

bench: venv
	$(BIN)/python benchmarks/bench_text.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
