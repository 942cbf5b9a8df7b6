# Cobranza — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo/cobranza-demo.sqlite
STAMP := $(VENV)/.installed

.PHONY: run test install system-deps demo clean screenshots bench lint

run: install
	@if [ ! -f "$(DEMO_DB)" ]; then \
	  mkdir -p $(dir $(DEMO_DB)) && \
	  $(BIN)/cobranza --db "$(DEMO_DB)" init --company "Distribuidora Andina S.A.C." --currency PEN --locale es_PE && \
	  $(BIN)/cobranza --db "$(DEMO_DB)" demo --customers 300 --invoices 4000 --seed 7; \
	fi
	$(BIN)/cobranza --db "$(DEMO_DB)" gui

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

install: system-deps $(STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

demo: install
	rm -f "$(DEMO_DB)"*
	$(MAKE) run

screenshots: install
	bash scripts/screenshots.sh

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) demo build dist *.egg-info .pytest_cache .hypothesis
