"""CI and pre-commit configuration: valid against their schemas, offline, and
doing what CONTRIBUTING.md promises."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_workflows_validate_against_the_vendored_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    r = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                        *files], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def _runs(job):
    return "\n".join(step.get("run", "") for step in job["steps"])


def _uses(job):
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_pull_request_workflow_checks_tests_builds_uploads_and_comments():
    wf = _load(WORKFLOWS / "pr.yml")
    assert "pull_request" in wf[True]  # PyYAML reads the `on:` key as True
    (job,) = wf["jobs"].values()
    assert job["container"].startswith("python:3.11")
    runs = _runs(job)
    for command in ("make system-deps\n", "make check", "make test", "make build",
                    "make build ENGINE=zensical", "tests/test_engines.py"):
        assert command in runs + "\n"
    test_step = next(s for s in job["steps"] if s.get("run") == "make test")
    assert test_step["env"]["REQUIRE_BROWSER"] == "1"
    assert 'handbook impact "origin/${{ github.base_ref }}"' in runs
    assert "actions/upload-artifact" in _uses(job) and "actions/github-script" in _uses(job)
    assert wf["permissions"]["pull-requests"] == "write"


def test_pages_workflow_deploys_main():
    wf = _load(WORKFLOWS / "pages.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert "make build" in _runs(wf["jobs"]["build"])
    assert "make system-deps-build" in _runs(wf["jobs"]["build"])
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" make build' in _runs(wf["jobs"]["build"])
    assert "actions/upload-pages-artifact" in _uses(wf["jobs"]["build"])
    assert _uses(wf["jobs"]["deploy"]) == ["actions/deploy-pages"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def _make_variable(name):
    r = subprocess.run(["make", "--no-print-directory", "-s", "-f", "-", "show"], cwd=ROOT, text=True,
                       input=f"include Makefile\nshow:\n\t@echo $({name})\n", capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_a_build_installs_only_what_a_build_needs():
    """The publish job builds a static site: Chromium and poppler are for the
    tests. Nothing installs graphviz (the diagrams are hand-drawn SVG)."""
    build = _make_variable("BUILD_PACKAGES")
    assert "fonts-noto-cjk" in build and "libpango-1.0-0" in build
    assert not {"chromium", "poppler-utils"} & set(build)
    assert {"chromium", "poppler-utils"} <= set(_make_variable("TEST_PACKAGES"))
    rules = dict(re.findall(r"^(build|checklists|test): (.*)$", (ROOT / "Makefile").read_text(), re.M))
    assert rules == {"build": "$(STAMP) system-deps-build", "checklists": "$(STAMP) system-deps-build",
                     "test": "$(STAMP) system-deps"}
    for path in WORKFLOWS.glob("*.yml"):
        assert "graphviz" not in path.read_text(encoding="utf-8"), path.name


def test_pre_commit_config_is_valid_and_its_hooks_pass_on_the_shipped_data():
    config = ROOT / ".pre-commit-config.yaml"
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    hooks = {h["id"]: h for repo in _load(config)["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"handbook-check", "handbook-generated"}
    for hook in hooks.values():
        assert hook["language"] == "system" and hook["pass_filenames"] is False
    # The check hook runs as is; the generated-files hook rewrites files, so
    # here its read-only twin runs (the repository must not be written by a test).
    assert hooks["handbook-generated"]["entry"].endswith(" generated")
    for entry in (hooks["handbook-check"]["entry"], "make --no-print-directory --silent generated-check"):
        r = subprocess.run(shlex.split(entry), cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, entry + ": " + r.stdout + r.stderr
    # the hook fires on the files that feed the generated ones
    pattern = re.compile(hooks["handbook-generated"]["files"])
    for path in ("data/owners.yml", "data/processes/graduation.yml", "macros/load/kinds.py"):
        assert pattern.search(path), path
