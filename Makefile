# Cobranza — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo/cobranza-demo.sqlite
STAMP := $(VENV)/.installed
# requirements.lock pins every package (runtime, the `test` extra, and setuptools to build this one) with
# the hashes of its released files; `make lock` rewrites it, `make test-latest` tries the newest versions.
LOCK := requirements.lock
LATEST := .venv-latest
TOOLS := .venv-tools

.PHONY: run test install system-deps demo clean screenshots bench lint lock test-latest dist dist-test dist-tar

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

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Refresh the lock: the newest versions that pyproject.toml's lower bounds allow, for CPython 3.11.
# uv reads no pip configuration, so the hashes are those of the registry's files, not of a local mirror.
lock:
	test -x $(TOOLS)/bin/uv || { $(PY) -m venv $(TOOLS) && $(TOOLS)/bin/pip install -q uv; }
	printf 'setuptools>=77\n' | $(TOOLS)/bin/uv pip compile --no-config --quiet pyproject.toml - \
	  --extra test --extra dist --generate-hashes --python-version 3.11 --custom-compile-command "make lock" -o $(LOCK)

# The suite against today's newest versions, unpinned, in a venv of its own: an upstream change is
# found on purpose here, not by a newcomer's `make test`.
test-latest: system-deps
	rm -rf $(LATEST)
	$(PY) -m venv $(LATEST)
	$(LATEST)/bin/pip install -q --upgrade pip
	$(LATEST)/bin/pip install -q --upgrade -e ".[test]"
	$(LATEST)/bin/pip list --format=freeze > $(LATEST)/versions.txt
	QT_QPA_PLATFORM=offscreen $(LATEST)/bin/python -m pytest -n 2 -q $(PYTEST_ARGS)

demo: install
	rm -f "$(DEMO_DB)"*
	$(MAKE) run

screenshots: install
	bash scripts/screenshots.sh

# the app's bytecode compiled first, as an installed app has it (PYTHONDONTWRITEBYTECODE, set on some machines,
# would otherwise have every timed process compile the app's sources again: ~0.2 s of CPU per start)
bench: install
	$(BIN)/python -m compileall -q app
	$(BIN)/python -m bench.run

# The one-folder application (dist/cobranza: the GUI and every subcommand in one executable), built with
# PyInstaller from the lock file's versions; installer/ has the Linux, Windows and macOS recipes.
dist: install
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/cobranza.spec

# The Linux download: the bundle with installer/linux (install.sh, menu entry, AppStream, MIME type)
dist-tar: dist
	rm -rf build/tar && mkdir -p build/tar/cobranza-linux
	cp -a dist/cobranza installer/linux/* build/tar/cobranza-linux/
	sed -i "s/@VERSION@/$$($(BIN)/python -c 'import app; print(app.__version__)')/; s/@DATE@/$$(date +%F)/" \
	  build/tar/cobranza-linux/com.cobranza.Cobranza.metainfo.xml
	tar -C build/tar -czf dist/cobranza-$$($(BIN)/python -c 'import app; print(app.__version__)')-linux.tar.gz cobranza-linux

# Build it, then run it outside the virtualenv: --version, init, demo, a report and the GUI's self-check.
dist-test: dist
	bash installer/dist_test.sh dist/cobranza $(BIN)/cobranza

clean:
	rm -rf $(VENV) $(LATEST) $(TOOLS) demo build dist *.egg-info .pytest_cache .hypothesis
