# 学籍手册: the two commands people need are `make serve` and `make test`.
# Everything else is set up on demand by these targets.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# System packages the tests and the PDFs need (Debian names): Chromium for the
# browser tests, a CJK font and Pango/HarfBuzz for WeasyPrint's PDFs, poppler
# for checking the PDFs, nginx for the intranet-hosting test (tests/test_nginx.py).
SYSTEM_PACKAGES := chromium fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 \
  libharfbuzz-subset0 poppler-utils nginx

.PHONY: help setup serve build test check checklists bench clean system-deps

help:
	@echo "make serve   build and serve the handbook at http://127.0.0.1:8000"
	@echo "make test    run every test"
	@echo "make build   strict static site into site/"
	@echo "make check   check the data (handbook check)"
	@echo "make checklists  print the checklists and the handbook as A4 PDFs into print/"

# Idempotent: re-installs only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 \
	  | grep -v -e 'is ignored' -e '^$$' || true
	@$(BIN)/python -c 'import macros, mkdocs, material, jsonschema' \
	  || { echo "setup failed: see the pip output above"; exit 1; }
	@touch $@

setup: $(STAMP)

# Installs what is missing when run as root; otherwise says what to install.
system-deps:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	      || { echo "could not install:$$missing"; exit 1; }; \
	  else \
	    echo "missing system packages:$$missing"; \
	    echo "install them with: sudo apt-get install --no-install-recommends$$missing"; \
	    echo "(tests that need them are skipped; REQUIRE_BROWSER=1 makes that a failure)"; \
	  fi; \
	fi

check: $(STAMP)
	$(BIN)/handbook check

build: $(STAMP) system-deps
	$(BIN)/handbook build

# One A4 PDF per checklist, the booklet and the handbook PDF, into print/.
checklists: $(STAMP) system-deps
	$(BIN)/handbook checklists

serve: $(STAMP)
	$(BIN)/handbook check
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf site .pytest_cache

# Files generated from the data and declarations (CODEOWNERS, editor settings):
# `make generated` rewrites them; `make generated-check` fails when stale.
.PHONY: generated generated-check
generated: $(STAMP)
	$(BIN)/handbook codeowners --write >/dev/null
	$(BIN)/handbook editor --write >/dev/null

generated-check: $(STAMP)
	$(BIN)/handbook codeowners >/dev/null
	$(BIN)/handbook editor >/dev/null

# Performance benchmark (docs/maintainers/performance.md): synthetic handbooks
# at 1x, 10x and 50x; prints a table ending in `bench: build_ratio=…`.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/handbook bench $(BENCH_ARGS)
