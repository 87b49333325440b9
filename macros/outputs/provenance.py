"""Where a print comes from: handbook version, data date, build date, review due.

Every value is fail-safe (no git, no repository, a shallow clone: each gives a
plain answer, never an exception) and reproducible: with SOURCE_DATE_EPOCH
set (https://reproducible-builds.org/specs/source-date-epoch/) the same
sources give the same PDF, to the byte.
"""
from __future__ import annotations

import calendar
import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.time import stamp

UNCOMMITTED = "未提交"
SOURCES = ("data", "checklists")


@dataclass(frozen=True)
class Provenance:
    version: str  # release tag, short commit hash (+ "（有改动）"), or 未提交
    data_date: str  # YYYY-MM-DD: when the sources last changed
    build_date: str  # YYYY-MM-DD: today, or SOURCE_DATE_EPOCH's day

    @property
    def year(self) -> str:
        return self.build_date[:4]


def _epoch() -> int | None:
    return stamp.source_date_epoch()


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()


def _git(root: Path, *args) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        r = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True,
                           timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def _dirty(root: Path) -> bool:
    status = _git(root, "status", "--porcelain", "--", *SOURCES)
    return bool(status)


def version(root: Path) -> str:
    if _git(root, "rev-parse", "--is-inside-work-tree") != "true":
        return UNCOMMITTED
    tag = _git(root, "describe", "--tags", "--exact-match", "HEAD")
    short = tag or _git(root, "rev-parse", "--short=7", "HEAD")
    if not short:
        return UNCOMMITTED  # a repository with no commit yet
    return f"{short}（有未提交改动）" if _dirty(root) else short


def data_date(root: Path) -> str:
    """The day the sources last changed: the last commit touching them when
    they are committed and clean, else the newest file's mtime; never later
    than SOURCE_DATE_EPOCH when that is set."""
    epoch = _epoch()
    if _git(root, "rev-parse", "--is-inside-work-tree") == "true" and not _dirty(root):
        stamp = _git(root, "log", "-1", "--format=%ct", "--", *SOURCES)
        if stamp and stamp.isdigit():
            ts = int(stamp)
            return _day(min(ts, epoch) if epoch is not None else ts)
    newest = max((p.stat().st_mtime for top in SOURCES for p in (root / top).rglob("*.yml")
                  if p.is_file()), default=0.0)
    if epoch is not None:
        newest = min(newest, epoch) if newest else epoch
    return _day(newest)


def build_date() -> str:
    epoch = _epoch()
    return _day(epoch) if epoch is not None else dt.date.today().isoformat()


def of(root: Path) -> Provenance:
    root = Path(root)
    return Provenance(version(root), data_date(root), build_date())


def review_due(review: dict | None) -> str:
    """last_reviewed + cycle_months, as YYYY-MM-DD ('' without a review)."""
    if not review:
        return ""
    last = dt.date.fromisoformat(review["last_reviewed"])
    months = last.month - 1 + review["cycle_months"]
    year, month = last.year + months // 12, months % 12 + 1
    day = min(last.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day).isoformat()
