# Every target sets itself up from scratch: a fresh machine needs only `make run` / `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: browser tests will skip"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m wiktlex.cli.demo

test: $(STAMP)
	$(BIN)/ruff check wiktlex tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) lexicon.sqlite lexicon.raw.sqlite .pytest_cache .mypy_cache
