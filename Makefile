# 学籍手册: the two commands people need are `make serve` and `make test`.
# Everything else is set up on demand by these targets.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# System packages (Debian names). A build needs a CJK font and Pango/HarfBuzz
# for WeasyPrint's PDFs; the tests need those plus Chromium (browser tests),
# poppler (reading the PDFs back) and nginx (the intranet-hosting test,
# tests/test_nginx.py).
BUILD_PACKAGES := fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_PACKAGES := chromium poppler-utils nginx

# Every Python package `make setup` installs, pinned with hashes: the runtime
# and the extras below. Regenerate it after changing pyproject.toml's
# dependencies with `make lock` (keeps the other pins; `make lock
# LOCK_ARGS=--upgrade` takes the newest releases), then commit both files.
# An optional extra that `make setup` should install goes into LOCK_EXTRAS.
LOCK := requirements.lock
# zensical: the second site engine is locked and installed like everything
# else, so `make test` always builds with both engines (tests/test_engines.py).
LOCK_EXTRAS := test zensical
LOCK_PYTHON := 3.11.5
UV_VERSION := 0.13.8
LOCK_TOOL := $(VENV)/lock-tool
LOCK_ARGS ?=

.PHONY: help setup lock serve build test test-slow check checklists bench clean system-deps system-deps-build

help:
	@echo "make serve   build and serve the handbook at http://127.0.0.1:8000"
	@echo "make test    run every test but the slow benchmark run (make test-slow runs that)"
	@echo "make build   strict static site into site/ (ENGINE=zensical: built by Zensical)"
	@echo "make check   check the data (handbook check)"
	@echo "make checklists  print the checklists and the handbook as A4 PDFs into print/"

# Idempotent: re-installs only when the lock or pyproject.toml changes. The
# lock is installed as is (--require-hashes: every package pinned, every file
# checked), then the project itself without resolving anything more. pip's
# output is filtered of this machine's "Location ... is ignored" noise;
# pipefail keeps pip's own failure.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	set -o pipefail; $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK) 2>&1 \
	  | { grep -v -e 'is ignored' -e '^$$' || true; }
	set -o pipefail; $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e . 2>&1 \
	  | { grep -v -e 'is ignored' -e '^$$' || true; }
	@$(BIN)/python -c 'import macros, mkdocs, material, jsonschema' \
	  || { echo "setup failed: see the pip output above"; exit 1; }
	@touch $@

setup: $(STAMP)

# uv (from PyPI, in a venv of its own) resolves pyproject.toml for every
# platform and Python from LOCK_PYTHON on, with the hashes of every file.
lock:
	@test -x $(LOCK_TOOL)/bin/uv || { $(PY) -m venv $(LOCK_TOOL) \
	  && $(LOCK_TOOL)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	$(LOCK_TOOL)/bin/uv pip compile pyproject.toml $(addprefix --extra ,$(LOCK_EXTRAS)) --universal \
	  --python-version $(LOCK_PYTHON) --generate-hashes --custom-compile-command "make lock" \
	  --output-file $(LOCK) --quiet $(LOCK_ARGS)

# Installs what is missing when run as root; otherwise says what to install.
# `system-deps-build`: what a build needs; `system-deps`: that and the tests'.
system-deps-build: PACKAGES := $(BUILD_PACKAGES)
system-deps-build: WITHOUT := (the PDFs, and so the build, fail without them)
system-deps: PACKAGES := $(BUILD_PACKAGES) $(TEST_PACKAGES)
system-deps: WITHOUT := (tests that need them are skipped; REQUIRE_BROWSER=1 makes that a failure)
system-deps system-deps-build:
	@missing=""; \
	for pkg in $(PACKAGES); do \
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
	    echo "$(WITHOUT)"; \
	  fi; \
	fi

check: $(STAMP)
	$(BIN)/handbook check

# The site engine: mkdocs (MkDocs + Material + mkdocs-macros, the default) or
# zensical (from the `zensical` extra, installed by setup from the lock).
ENGINE ?= mkdocs

build: $(STAMP) system-deps-build
	$(BIN)/handbook build --engine $(ENGINE)

# One A4 PDF per checklist, the booklet and the handbook PDF, into print/.
checklists: $(STAMP) system-deps-build
	$(BIN)/handbook checklists

# Previews what `make build` publishes (pages, PDFs, feeds, export): a saved
# edit rebuilds the changed pages at once and the rest in the background;
# data with problems shows the check's lines and keeps the last good site.
serve: $(STAMP)
	$(BIN)/handbook serve --engine $(ENGINE) --dev-addr 127.0.0.1:8000

# Both cores (pytest-xdist): one file's tests stay on one worker, so a
# module's fixture (a build, a browser) is made once; the session build of
# the shipped site is shared by the workers (tests/conftest.py).
TEST_JOBS ?= 2
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder

# The tests marked slow (the benchmark end to end); CI runs them after `make test`.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf site build .cache .pytest_cache

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
