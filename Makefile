# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sitrep.db

.PHONY: venv demo test lint typecheck unit bench model clean

$(BIN)/sitrep: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/sitrep

venv: $(BIN)/sitrep

demo: venv
	rm -f $(DB)
	$(BIN)/sitrep ingest examples --db $(DB)
	$(BIN)/sitrep summary --db $(DB)

lint: venv
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

test: lint typecheck unit

bench: venv
	$(BIN)/python -m sitrep.bench examples

# sitrep's own English pipeline from UD EWT, GUM and Universal NER in ../shared (hours on a CPU):
# 12000 steps, then 2000 more from those weights with an annealed rate (the shipped sitrep-cnn,
# src/sitrep/models/en_sitrep_backbone, is build/backbone/model-2).
model: venv
	$(BIN)/sitrep train backbone --shared ../shared --output build/backbone/model --seed 0 --max-steps 12000
	$(BIN)/sitrep train backbone --shared ../shared --output build/backbone/model-2 --seed 0 \
		--max-steps 2000 --base-model build/backbone/model

clean:
	rm -rf $(VENV) $(DB) .mypy_cache .ruff_cache .pytest_cache
