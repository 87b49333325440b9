"""The changelog page: from git history, reproducible for a commit, and a
clear line (not a crash) outside a git checkout."""
from __future__ import annotations

import os
import shutil

from conftest import ROOT, make_project
from git_helpers import commit_all, edit, git, init
from macros.outputs.site.changelog import NO_GIT, render


def _history(tmp_path):
    root = make_project(tmp_path)
    init(root)
    commit_all(root, "Base handbook", date="2026-03-01T09:00:00+08:00")
    edit(root / "data/roles.yml", "name: 招生学籍主管", "name: 招生学籍业务主管")
    commit_all(root, "Rename the enrolment manager", date="2026-04-02T01:30:00+08:00")
    (root / "README.txt").write_text("not data\n", encoding="utf-8")
    commit_all(root, "Docs only: not in the changelog", date="2026-04-03T10:00:00+00:00")
    return root


def test_lists_dates_and_entities_in_chinese(tmp_path):
    """Issue 18: per entity, in Chinese, from the data diff; no commit
    subject, hash, file path or id reaches the reader."""
    text = render(_history(tmp_path))
    lines = text.splitlines()
    # newest first; committer dates in UTC (01:30 +08:00 is the 1st of April in UTC)
    assert lines[0] == "## 2026-04-01"
    assert lines[2] == "- 修改角色「招生学籍业务主管」：名称"
    assert "## 2026-03-01" in lines
    first = text.split("## 2026-03-01")[1]
    assert "- 新增角色「总监」" in first
    assert "等共 " in first  # a first import names a few entities, then counts
    for leak in ("Rename", "Docs only", "data/", ".yml", "manager-enrolment", "director"):
        assert leak not in text


def test_same_commit_same_page_whatever_the_machine(tmp_path, monkeypatch):
    root = _history(tmp_path)
    first = render(root)
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    (root / "data/meetings.yml").write_text("uncommitted edits do not show\n", encoding="utf-8")
    assert render(root) == first


def test_subjects_never_reach_the_page(tmp_path):
    """Commit subjects are unchecked text (review F5: markup, personal data):
    the page is made from the data diff alone. Non-ASCII file names are
    still read (review F21: their entities were lost)."""
    root = _history(tmp_path)
    git(root, "mv", "data/processes/enrolment.yml", "data/processes/新生入学.yml")
    commit_all(root, "<img src=x onerror=alert(1)> 更新 值班 13812345678")
    text = render(root)
    assert "img" not in text and "13812345678" not in text and "值班" not in text
    assert "- 新增流程「新生入学」" in text


def test_outside_git_one_clear_line(tmp_path):
    assert render(make_project(tmp_path)) == NO_GIT


def test_site_builds_outside_git_with_the_clear_line(shipped_site):
    site = shipped_site.site  # conftest's session build: a copy without .git
    assert not (shipped_site.root / ".git").exists()
    html = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "变更记录来自版本库的历史：本次构建不在版本库中" in html
    # README's nginx recipe names this file for gzip and cache rules
    assert (site / "search" / "search_index.json").is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "location = /search/search_index.json" in readme and "application/json" in readme


def test_the_shipped_page_uses_the_macro():
    text = (ROOT / "docs" / "changelog.md").read_text(encoding="utf-8")
    assert "render_macros: true" in text and "{{ changelog() }}" in text


def test_the_next_build_reads_the_page_from_disk_and_a_new_commit_makes_a_new_one(tmp_path, monkeypatch):
    """A build is a new process: the page of a commit it has seen is read
    from .cache/changelog/ (re-reading the history was a tenth of a build
    after a one-field edit). A new commit is a new page; a shallow clone is
    never kept on disk (deepening it keeps HEAD but shows more)."""
    from macros.outputs.compose import load
    from macros.outputs.site import changelog

    root = _history(tmp_path)
    (root / ".gitignore").write_text(".cache/\n", encoding="utf-8")  # as the shipped project's
    commit_all(root, "Ignore the caches")
    model = load(root).model
    made = []
    real = changelog.render
    monkeypatch.setattr(changelog, "render", lambda *a: made.append(1) or real(*a))
    monkeypatch.setattr(changelog, "_by_commit", {})
    first = changelog._page(model)
    assert made == [1] and len(list((root / changelog.CACHE_DIR).glob("*.md"))) == 1
    monkeypatch.setattr(changelog, "_by_commit", {})  # as a new process starts
    assert changelog._page(model) == first and made == [1]

    edit(root / "data/roles.yml", "name: 招生学籍业务主管", "name: 招生学籍主管")
    commit_all(root, "Rename it back", date="2026-05-06T10:00:00+08:00")
    second = changelog._page(load(root).model)
    assert made == [1, 1] and second != first and "## 2026-05-06" in second

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", root.as_uri(), str(shallow))
    changelog._page(load(shallow).model)
    assert made == [1, 1, 1] and not (shallow / changelog.CACHE_DIR).exists()
