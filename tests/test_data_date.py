"""One meaning of "data date" (time/stamp.py) in the export header, the PDF
footer and the calendar's DTSTAMP; one git helper (core/git.py)."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from conftest import make_project
from git_helpers import commit_all, edit, init
from macros.core import git
from macros.outputs import provenance
from macros.outputs.compose import load
from macros.outputs.export import api as export
from macros.time import stamp


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_project(tmp_path)
    init(root)
    commit_all(root, "Data", date="2027-03-04T10:00:00Z")
    return root


def test_the_data_date_is_the_last_commit_touching_the_sources(repo, tmp_path):
    # Not the newest review date in the data (the fixtures' are 2026 dates).
    assert stamp.data_date_of(repo) == dt.date(2027, 3, 4)
    (repo / "README.md").write_text("not a source\n", encoding="utf-8")
    commit_all(repo, "Docs only", date="2027-05-06T10:00:00Z")
    assert stamp.data_date_of(repo) == dt.date(2027, 3, 4)


def test_export_header_print_footer_and_calendar_say_the_same_day(repo, tmp_path):
    result = load(repo)
    assert result.ok, [p.format() for p in result.errors]
    export.write(result, tmp_path / "api")
    header = json.loads((tmp_path / "api" / "handbook.json").read_text(encoding="utf-8"))["data_date"]
    assert header == provenance.of(repo).data_date == "2027-03-04"
    assert stamp.build_stamp(result.model) == dt.datetime(2027, 3, 4, tzinfo=dt.timezone.utc)


def test_changed_sources_date_from_the_newest_file_and_never_pass_the_epoch(repo, monkeypatch):
    path = repo / "data" / "roles.yml"
    edit(path, "name: 总监", "name: 部门总监")
    os.utime(path, (1830000000, 1830000000))  # 2027-12-28
    assert stamp.data_date_of(repo) == dt.date(2027, 12, 28)
    assert provenance.version(repo).endswith("（有未提交改动）")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert stamp.data_date_of(repo) == dt.date(2026, 1, 1)


def test_git_errors_name_the_command_and_answer_gives_none(tmp_path):
    with pytest.raises(git.GitError, match=r"^git rev-parse --verify no-such-thing: fatal: "):
        git.run(tmp_path, "rev-parse", "--verify", "no-such-thing")
    assert git.answer(tmp_path, "rev-parse", "--is-inside-work-tree") is None


def test_without_git_the_helper_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the PATH
    with pytest.raises(git.GitError, match="^git is not installed$"):
        git.run(tmp_path, "status")
    assert provenance.version(tmp_path) == provenance.UNCOMMITTED
