"""Where a print comes from: handbook version, data date, build date, review due.

Every value is fail-safe (no git, no repository, a shallow clone: each gives a
plain answer, never an exception) and reproducible: with SOURCE_DATE_EPOCH
set (https://reproducible-builds.org/specs/source-date-epoch/) the same
sources give the same PDF, to the byte. The data date is time/stamp.py's, the
same the export header states.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.core import git
from macros.model.review import review_of
from macros.time import stamp

UNCOMMITTED = "未提交"


@dataclass(frozen=True)
class Provenance:
    version: str  # release tag, short commit hash (+ "（有改动）"), or 未提交
    data_date: str  # YYYY-MM-DD: when the sources last changed (time/stamp.py, as in the export)
    build_date: str  # YYYY-MM-DD: today, or SOURCE_DATE_EPOCH's day

    @property
    def year(self) -> str:
        return self.build_date[:4]


def version(root: Path) -> str:
    if git.answer(root, "rev-parse", "--is-inside-work-tree") != "true":
        return UNCOMMITTED
    tag = git.answer(root, "describe", "--tags", "--exact-match", "HEAD")
    short = tag or git.answer(root, "rev-parse", "--short=7", "HEAD")
    if not short:
        return UNCOMMITTED  # a repository with no commit yet
    return f"{short}（有未提交改动）" if stamp.dirty(root) else short


def build_date() -> str:
    epoch = stamp.epoch()
    if epoch is None:
        return dt.date.today().isoformat()
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()


def of(root: Path) -> Provenance:
    root = Path(root)
    return Provenance(version(root), stamp.data_date_of(root).isoformat(), build_date())


def review_due(review: dict | None) -> str:
    """last_reviewed + cycle_months, as YYYY-MM-DD ('' without a review)."""
    fresh = review_of({"review": review}) if review else None
    return fresh.due.isoformat() if fresh else ""
