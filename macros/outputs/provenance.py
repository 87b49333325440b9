"""Where a print comes from: handbook version, data date, build date, review due.

The handbook version is one string everywhere a reader meets the handbook:
every web page's footer, every PDF, the .ics feeds and the export. It is the
release tag when HEAD is tagged, else the commit's day and short hash
(2026-12-02-a1b2c3d), so a print can be matched to the web at a glance and
a reader sees from it how old the version is.

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

from macros.core import git, words
from macros.model.review import review_of
from macros.time import stamp

UNCOMMITTED = "未提交"


@dataclass(frozen=True)
class Provenance:
    version: str  # release tag, or commit day + short hash (+ "（有未提交改动）"), or 未提交
    data_date: str  # YYYY-MM-DD: when the sources last changed (time/stamp.py, as in the export)
    build_date: str  # YYYY-MM-DD: today, or SOURCE_DATE_EPOCH's day

    @property
    def year(self) -> str:
        return self.build_date[:4]


def version(root: Path) -> str:
    if git.answer(root, "rev-parse", "--is-inside-work-tree") != "true":
        return UNCOMMITTED
    tag = git.answer(root, "describe", "--tags", "--exact-match", "HEAD")
    ident = tag or _dated(git.answer(root, "log", "-1", "--abbrev=7", *_DAY, "--format=%cd %h"))
    if not ident:
        return UNCOMMITTED  # a repository with no commit yet
    return f"{ident}（有未提交改动）" if stamp.dirty(root) else ident


# The committer's day in UTC (core/git.py runs git with TZ=UTC): the same
# commit gives the same version on every machine.
_DAY = ("--date=format-local:%Y-%m-%d",)


def _dated(line: str | None) -> str:
    """'2026-12-02 a1b2c3d' -> '2026-12-02-a1b2c3d'; '' when git gave nothing."""
    day, _, short = (line or "").partition(" ")
    return f"{day}-{short}" if day and short else ""


@dataclass(frozen=True)
class Revision:
    version: str  # as version() words it for that commit (its tag, else day-hash)
    date: str
    changed: str  # what changed, in the data's own Chinese names


def revisions(root: Path, model, limit: int = 8) -> list[Revision]:
    """The data's last `limit` revisions, newest first, from git history: the
    revision table of the printed handbook. [] outside git. Commit subjects
    are not used (they are English and unchecked); a revision names the
    entities of the files it touched, as the model names them today."""
    out = git.answer(root, "log", "--no-merges", f"-n{limit}", "--abbrev=7", *_DAY,
                     "--format=%x1e%cd %h%x1f%D", "--name-only", "--", *stamp.SOURCES, *_NOT_CONTENT)
    if not out:
        return []
    names = _file_names(model)
    found = []
    # str.strip() (in git.answer) counts \x1e as white space: no [1:] here.
    for block in filter(None, out.split("\x1e")):
        head, _, files = block.partition("\n")
        dated, _, refs = head.partition("\x1f")
        tags = [r[5:] for r in refs.split(", ") if r.startswith("tag: ")]
        touched = []
        for f in files.split():
            if not f.endswith((".yml", ".json", ".j2")):
                continue  # a README or .gitkeep: not data
            name = names.get(f) or next((w for prefix, w in _OTHER_FILES if f.startswith(prefix)),
                                        "已删除或改名的文件")
            if name not in touched:
                touched.append(name)
        shown = "、".join(touched[:6]) + (f" 等共 {len(touched)} 项" if len(touched) > 6 else "")
        found.append(Revision(tags[0] if tags else _dated(dated), dated.partition(" ")[0], shown))
    return found


# A commit that only changes the data's format or the print layout is not a
# revision of the policy the approval copy asks the 总监 to sign: it stays
# out of the revision table (the web changelog keeps it).
_NOT_CONTENT = (":(exclude)data/schemas", ":(exclude)checklists/templates")
# Files under data/ and checklists/ that hold no entity.
_OTHER_FILES = (("data/holidays/", "节假日安排"),)


def _file_names(model) -> dict:
    """data file -> the Chinese name of what it holds (its first entity's
    name, or its kind's name for a file of many entities)."""
    names = {}
    for doc in model.docs:
        entities = [e for es in model.by_kind.values() for e in es.values() if e.doc is doc and not e.parent]
        if len(entities) == 1:
            names[doc.file] = f"{words.kind(entities[0].kind)}「{entities[0].name}」"
        elif entities:
            kinds = []
            for e in entities:
                if words.kind(e.kind) not in kinds:
                    kinds.append(words.kind(e.kind))
            names[doc.file] = "、".join(kinds[:3])
    return names


def build_date() -> str:
    epoch = stamp.epoch()
    if epoch is None:
        return dt.date.today().isoformat()
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()


def of(root: Path) -> Provenance:
    root = Path(root)
    return Provenance(version(root), stamp.data_date_of(root).isoformat(), build_date())


def of_result(result) -> Provenance:
    """of(result.root), asking git once per loaded model (Model.view). Every
    print job, feed, export and page footer of one build wants it, and each
    answer costs five to seven git processes: 21 askings were about 90 git
    runs, a third of a second of every build. A preview loads a new model at
    every edit, so the version still turns "（有未提交改动）" when it should."""
    if result.model.root is None:  # a model made by hand (tests): no view to keep it in
        return of(result.root)
    return result.model.view(_of_model)


def _of_model(model) -> Provenance:
    return of(Path(model.root))


def review_due(review: dict | None) -> str:
    """last_reviewed + cycle_months, as YYYY-MM-DD ('' without a review)."""
    fresh = review_of({"review": review}) if review else None
    return fresh.due.isoformat() if fresh else ""
