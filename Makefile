# infogen — `make run` serves the app, `make test` runs the whole suite. Both install
# what they need into .venv first.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

AXE     = $(VENV)/npm/node_modules/axe-core/axe.min.js

.PHONY: install system-tools browser-tools run audit test check bench bench-stats extract update compile clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) compile

# Catalogs: Swedish source strings are extracted into locales/messages.pot; each
# language's locales/<code>/LC_MESSAGES/messages.po is compiled at install, never committed.
extract: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ --sort-by-file --add-location=file --no-wrap \
	  --project=infogen --copyright-holder="infogen" --msgid-bugs-address="" \
	  -o locales/messages.pot .
	$(BIN)/pybabel -q extract -F babel-staff.cfg --no-default-keywords -k S_ -k _ --sort-by-file --add-location=file --no-wrap \
	  --project=infogen --copyright-holder="infogen" --msgid-bugs-address="" \
	  -o locales/staff.pot .

update: extract
	$(BIN)/infogen catalogs update

compile: $(STAMP)
	$(BIN)/infogen catalogs compile

run: install
	@echo "A sample leaflet: http://$(HOST):$(PORT)/l/0180/victim/sv  (PDF: http://$(HOST):$(PORT)/l/0180/victim/sv.pdf)"
	$(BIN)/infogen serve --host $(HOST) --port $(PORT)

# Tests look at output as a person would: PDFs rasterised (poppler), QR codes scanned (zbar), the
# usage CSV opened by a spreadsheet program (LibreOffice Calc without its desktop parts).
system-tools:
	@if ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; then \
	  echo "installing poppler-utils and zbar-tools"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null; \
	fi
	@if ! command -v soffice >/dev/null; then \
	  echo "installing libreoffice-calc-nogui"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui >/dev/null; \
	fi

# Browser tests drive Debian's Chromium with Playwright (no browser download) and check
# accessibility with axe-core from the npm registry.
browser-tools:
	@if ! command -v chromium >/dev/null; then \
	  echo "installing chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -f $(AXE) || npm install --silent --no-save --no-package-lock --prefix $(VENV)/npm axe-core@4.10.3

# Known vulnerabilities in the installed dependencies (pip-audit); see tools/audit.py.
# AUDIT_STRICT=1 also fails when a package could not be looked up.
AUDIT_STRICT ?=

audit: install
	@AUDIT_STRICT=$(AUDIT_STRICT) $(BIN)/python tools/audit.py

test: install audit system-tools browser-tools
	INFOGEN_AXE=$(AXE) $(BIN)/python -m pytest -q

check: install
	$(BIN)/infogen check

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@ldconfig -p | grep -q libpangoft2 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null)
	$(BIN)/python bench/render.py

# The usage report over 1 000 000 staff generations, in SQLite and in the local PostgreSQL.
bench-stats: install
	$(BIN)/python bench/stats.py

clean:
	rm -rf $(VENV) var build *.egg-info
	find locales -name '*.mo' -delete
