"""`handbook impact BASE`: after a real change (a role renamed, a deadline
changed) the report lists the changed entities, their fields, what they
affect, who must re-read, and the pages; the working tree is never touched."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import make_project
from git_helpers import commit_all, edit, git, init
from macros.outputs.site.urls import page_url

HANDBOOK = [sys.executable, "-m", "macros.cli.main"]


def impact(repo, *args):
    return subprocess.run(HANDBOOK + ["impact", *args], cwd=repo, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def repo(tmp_path):
    root = make_project(tmp_path)
    init(root)
    commit_all(root, "Base handbook")
    # The change under review: rename a role, give a gate a deadline.
    edit(root / "data/roles.yml", "name: 招生学籍主管", "name: 招生学籍业务主管")
    edit(root / "data/processes/enrolment.yml",
         "deadline: {unspecified: true, open_question: gate-deadlines-unspecified}",
         "deadline: {amount: 3, unit: working_days, from: materials_received}")
    commit_all(root, "Rename the enrolment manager; material review within 3 working days")
    return root


def test_report_after_a_rename_and_a_deadline_change(repo):
    r = impact(repo, "HEAD~1")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("## 数据改动影响报告（对比 `HEAD~1`）")
    assert "共 2 处改动（修改 2 项）" in out
    # the rename, with the changed field
    assert "### 修改：角色「招生学籍业务主管」(`manager-enrolment`)" in out
    assert "  - `name`：「招生学籍主管」 → 「招生学籍业务主管」" in out
    # the deadline, with its fields
    assert "### 修改：步骤「材料初审」(`enrolment.material-review`)" in out
    assert "  - `deadline.amount`：（无） → 「3」" in out
    # what they affect: the process, its steps, the meeting the manager chairs
    rename = out.split("### 修改：角色")[1].split("### ")[0]
    assert "- 受影响的流程：流程「新生入学」(`enrolment`)" in rename
    assert "会议「周会」(`weekly-meeting`)" in rename
    assert "需要重新阅读的角色：" in rename and "招生学籍专员（`specialist-enrolment`）" in rename
    for page in ("/roles/manager-enrolment/", "/processes/enrolment/", "/meetings/"):
        assert f"`{page}`" in rename
    deadline = out.split("### 修改：步骤")[1].split("### ")[0]
    assert "- 受影响的流程：流程「新生入学」(`enrolment`)" in deadline
    assert "`/processes/enrolment/`" in deadline
    assert "/roles/" not in deadline  # a deadline does not change a role's page
    assert "**受影响的页面：**" in out.split("### 汇总")[1]


def test_working_tree_changes_are_compared_and_never_touched(repo):
    edit(repo / "data/meetings.yml", "name: 周会", "name: 每周例会")
    status = git(repo, "status", "--porcelain")
    r = impact(repo, "HEAD")
    assert r.returncode == 0, r.stderr
    assert "### 修改：会议「每周例会」(`weekly-meeting`)" in r.stdout
    assert "共 1 处改动" in r.stdout
    assert git(repo, "status", "--porcelain") == status
    assert "name: 每周例会" in (repo / "data/meetings.yml").read_text(encoding="utf-8")


def test_added_and_removed_entities(repo):
    assert subprocess.run(HANDBOOK + ["new", "role", "archivist", str(repo)], capture_output=True).returncode == 0
    r = impact(repo, "HEAD")
    assert "### 新增：角色" in r.stdout and "(`archivist`)" in r.stdout
    git(repo, "checkout", "-q", "--", ".")
    edit(repo / "data/glossary.yml", "  - id: raci", "  - id: raci-matrix")
    r = impact(repo, "HEAD")
    assert "### 删除：术语「RACI」(`raci`)" in r.stdout and "（基线版本）" in r.stdout
    assert "### 新增：术语「RACI」(`raci-matrix`)" in r.stdout


def test_data_text_is_inert_in_the_markdown(repo):
    edit(repo / "data/roles.yml", "name: 总监", 'name: "总监 <script>x</script> | [a](javascript:x)"')
    out = impact(repo, "HEAD").stdout
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "\\|" in out and "\\[a\\](javascript:x)" in out


def test_no_change_says_so(repo):
    r = impact(repo, "HEAD")
    assert r.returncode == 0 and "没有实体改动" in r.stdout


def test_project_in_a_subfolder_of_the_repository(tmp_path):
    outer = tmp_path / "outer"
    root = make_project(outer)  # outer/project
    init(outer)
    commit_all(outer, "Base")
    edit(root / "data/roles.yml", "name: 总监", "name: 部门总监")
    r = impact(root, "HEAD")
    assert r.returncode == 0, r.stderr
    assert "### 修改：角色「部门总监」(`director`)" in r.stdout


def test_bad_revision_and_no_git_are_usage_errors(repo, tmp_path):
    r = impact(repo, "no-such-branch")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr == "handbook impact: no commit 'no-such-branch' in this repository\n"
    plain = make_project(tmp_path / "plain")
    r = impact(plain, "HEAD")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert impact(repo, "HEAD", "--site-url", "javascript:alert(1)").returncode == 2


def test_site_url_turns_pages_into_links(repo):
    out = impact(repo, "HEAD~1", "--site-url", "https://handbook.example.edu/").stdout
    assert "[/processes/enrolment/](https://handbook.example.edu/processes/enrolment/)" in out


def test_page_urls_follow_the_documented_scheme():
    assert page_url("role", "director") == "roles/director/"
    assert page_url("process", "enrolment") == "processes/enrolment/"
    assert page_url("step", "enrolment.data-entry", "process") == "processes/enrolment/#step-data-entry"
    assert page_url("meeting", "weekly-meeting") == "meetings/#meeting-weekly-meeting"
    assert page_url("owner-area", "ops") is None
