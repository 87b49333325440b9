"""Shared test helpers: project copies, the built site, the browser gate.

Fixtures and helpers for every test module (use them before writing another
build: a full build costs ~40 s on this project's 2-core machines):

    shipped_site        session fixture: ONE full `handbook build` (pages,
                        PDFs, feeds, API) of a copy of the shipped project,
                        shared by the whole session. READ-ONLY: a test that
                        edits the project or the site takes its own copy
                        (copy_shipped + sitetools.build / build_pages).
                        Fields: .root, .site, .model.
    make_project(tmp)   the base fixture's data + the repo's schemas
    copy_shipped(tmp)   the whole shipped project (data, docs, config, code)
    need_system(what, ok)  skip (fail under REQUIRE_BROWSER=1) without a system package
    TODAY               the checker's pinned "today" (HANDBOOK_TODAY)

Every build in the session (in-process or a `handbook build` subprocess)
shares one PDF cache (HANDBOOK_PRINT_CACHE, macros/outputs/print/cache.py):
a print document is rendered once per session, whichever test builds it
first. The cache is keyed by content, so a test that changes a document
gets a fresh render; tests of the cache itself unset the variable.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"

# The checker's "today" for every test (HANDBOOK_TODAY, read by
# macros.rules.today_default, reaches subprocesses too): the date-dependent
# rules (review-overdue, holidays-next-year) must not make a test pass in
# October and fail in November. A day when no shipped or fixture review is
# due and no holiday reminder is due (it starts on 1 November).
TODAY = date(2027, 1, 10)
os.environ["HANDBOOK_TODAY"] = TODAY.isoformat()
SESSION_EPOCH = "1790000000"  # 2026-09-21 UTC: the session build's SOURCE_DATE_EPOCH


def pytest_configure(config):
    """The session's shared PDF cache (see the module docstring). Set once by
    the first process: pytest-xdist's workers inherit it and share it."""
    if not os.environ.get("HANDBOOK_PRINT_CACHE"):
        folder = tempfile.mkdtemp(prefix="handbook-print-cache-")
        os.environ["HANDBOOK_PRINT_CACHE"] = folder
        config._handbook_print_cache = folder


def copy_print_cache(source: str | Path, target: Path):
    """A copy of the session's shared PDF cache (`source`) as it stands. The other worker
    may be writing into it: its half-written files are dot-named temporaries
    (core.atomic) that vanish when renamed into place, so they are left
    out; finished entries are only ever added, never removed."""
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".*"))


def pytest_unconfigure(config):
    folder = getattr(config, "_handbook_print_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


# The test files that take longest (measured with pytest --durations on this
# 2-core machine), longest first. `make test` runs two workers with one file
# per worker at a time (--dist loadfile) and hands out files in collection
# order (--no-loadscope-reorder; by default xdist orders them by how many
# tests they have, which put the few slow browser files last and left one
# worker alone with them). Longest first keeps both workers busy to the end.
# The first is a file that needs the session build, the second one that does
# not: one worker builds the site while the other works. A file not listed
# runs after these, in the usual order; a wrong guess costs time, never a test.
SLOWEST_FIRST = (
    "test_incremental_build.py", "test_site_browser.py", "test_site_serve.py", "test_onboarding_browser.py",
    "test_readers_site.py",
    "test_deadline_browser.py", "test_print_cache.py", "test_reproducible.py", "test_engines.py",
    "test_printing.py", "test_scaffold.py", "test_rules.py", "test_onboarding.py", "test_fuzz.py",
    "test_nginx.py", "test_reader_pages.py", "test_corpus.py", "test_print_site.py", "test_build_safety.py",
)


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


def case_today(case: Path) -> date:
    """A corpus case's day: its today.txt (YYYY-MM-DD) if it has one, else TODAY."""
    f = case / "today.txt"
    return date.fromisoformat(f.read_text(encoding="utf-8").strip()) if f.exists() else TODAY


def make_project(tmp_path: Path, overlay: Path | None = None, base: Path = BASE) -> Path:
    """A project folder: `base` data + the repo's schemas (+ overlay files)."""
    root = tmp_path / "project"
    shutil.copytree(base, root)
    shutil.copytree(ROOT / "data" / "schemas", root / "data" / "schemas")
    if overlay is not None and overlay.exists():
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    return root


def copy_shipped(tmp_path: Path) -> Path:
    """A full copy of the shipped project (data, checklists, docs, config)."""
    root = tmp_path / "shipped"
    anywhere = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache")
    top_only = {".venv", "site", "build", ".git", ".cache", "print"}  # macros/outputs/site/ is code: copy it

    def ignore(folder, names):
        skip = set(anywhere(folder, names))
        return skip | (top_only & set(names) if Path(folder) == ROOT else set())
    shutil.copytree(ROOT, root, ignore=ignore)
    return root


def need_system(what: str, ok: bool):
    """Skip when a system package is missing, unless REQUIRE_BROWSER=1 (CI)."""
    if ok:
        return
    message = f"{what} is not installed (make test installs it as root; see the Makefile)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and REQUIRE_BROWSER=1")
    pytest.skip(message)


@dataclass(frozen=True)
class Built:
    """A built project: its root and its published site folder."""
    root: Path
    site: Path

    @cached_property
    def model(self):
        from macros.outputs.compose import load
        result = load(self.root)
        assert result.ok, [p.format() for p in result.errors]
        return result.model


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory, worker_id) -> Built:
    """The shipped project, built once for the whole session with every
    output step (read-only: see the module docstring). Under pytest-xdist
    the workers share one build: the first builds it (under a file lock)
    in the folder all workers' temporary folders sit in, the others wait."""
    import fcntl
    from macros.outputs.site.build import build_site
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    tmp = shared / "shipped-site"
    root, site, done = tmp / "shipped", tmp / "site", tmp / "built"
    with open(shared / "shipped-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            copy_shipped(tmp)
            (root / "checklists").mkdir(exist_ok=True)
            # Reproducible, and the same print HTML as test_reproducible's builds
            # and test_printing's documents: their PDFs come from the session's cache.
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("SOURCE_DATE_EPOCH", SESSION_EPOCH)
                assert build_site(root, site) == 0
            done.touch()
    return Built(root, site)


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's worker name ("gw0", ...), "master" without it (xdist
    defines the same fixture; this one serves a run without the plugin)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"
