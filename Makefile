# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
MO := $(patsubst %.po,%.mo,$(wildcard src/pasok/locale/*/LC_MESSAGES/django.po))

.PHONY: install run test lint messages bench clean

install: $(STAMP) $(MO) $(NODE_STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Data from the npm registry (package.json): the foundries map's land.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Catalogues compile with Babel (pure Python), so a fresh machine needs no GNU gettext.
%.mo: %.po $(STAMP)
	$(PY) -m babel.messages.frontend compile -i $< -o $@

# Development, stated: Pasok's default is production (see README.md, "Production").
run: install
	PASOK_DEBUG=1 $(VENV)/bin/pasok run

lint: install
	$(VENV)/bin/ruff check src tests bench

test: lint
	$(VENV)/bin/pytest -p xdist -n 2 --dist loadfile

# Re-extract translatable strings (needs GNU gettext), then translate src/pasok/locale/*/django.po.
# Locations name files, not lines, and Babel rewrites the catalogue 100 columns wide, so a
# re-extraction changes only what changed (and parallel branches merge).
messages: install
	cd src/pasok && PASOK_DEBUG=1 ../../$(VENV)/bin/pasok makemessages --locale id \
		--ignore 'migrations/*' --no-obsolete --add-location=file
	$(PY) -c "import sys; from babel.messages.pofile import read_po, write_po; \
		path = sys.argv[1]; catalogue = read_po(open(path, 'rb')); \
		write_po(open(path, 'wb'), catalogue, width=100)" src/pasok/locale/id/LC_MESSAGES/django.po

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var node_modules
