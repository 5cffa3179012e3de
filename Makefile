# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MO := $(patsubst %.po,%.mo,$(wildcard src/pasok/locale/*/LC_MESSAGES/django.po))

.PHONY: install run test lint messages bench clean

install: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Catalogues compile with Babel (pure Python), so a fresh machine needs no GNU gettext.
%.mo: %.po $(STAMP)
	$(PY) -m babel.messages.frontend compile -i $< -o $@

run: install
	$(VENV)/bin/pasok run

lint: install
	$(VENV)/bin/ruff check src tests bench

test: lint
	$(VENV)/bin/pytest -p xdist -n 2 --dist loadfile

# Re-extract translatable strings (needs GNU gettext), then translate src/pasok/locale/*/django.po.
messages: install
	cd src/pasok && ../../$(VENV)/bin/pasok makemessages --locale id \
		--ignore 'migrations/*' --no-obsolete

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
