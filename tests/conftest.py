"""Shared test helpers: project copies, the built site, the browser gate."""
from __future__ import annotations

import os
import shutil
from datetime import date
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
    top_only = {".venv", "site", ".git", ".cache", "print"}  # macros/outputs/site/ is code: copy it

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
