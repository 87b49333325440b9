"""The CLI as editors meet it: exit codes, formats, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT, make_project

HANDBOOK = [sys.executable, "-m", "macros.cli.main"]


def run(*args, cwd=ROOT):
    return subprocess.run(HANDBOOK + list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_shipped_data_is_clean():
    r = run("check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 error(s)" in r.stdout or "OK" in r.stdout


def test_reads_data_from_the_given_dir_not_the_package(tmp_path):
    root = make_project(tmp_path, FIXTURES / "invalid" / "broken-reference" / "files")
    r = run("check", str(root))
    assert r.returncode == 1
    assert "data/processes/withdrawal.yml:9:26: error:" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


# Every problem naming file:line:col, for every invalid case, is pinned by
# tests/test_corpus.py (the same `handbook check` entry point, one loop over
# the corpus).


def test_json_format_keeps_errors_and_warnings_apart(tmp_path):
    root = make_project(tmp_path, FIXTURES / "invalid" / "misspelt-key" / "files")
    r = run("check", str(root), "--format", "json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert set(report) == {"errors", "warnings"}
    first = report["errors"][0]
    assert (first["file"], first["line"], first["severity"]) == ("data/processes/withdrawal.yml", 7, "error")
    assert first["breadcrumb"] == "Process(id='withdrawal') > step 'apply'"


def test_usage_errors_exit_2(tmp_path):
    assert run("check", str(tmp_path)).returncode == 2  # not a project
    assert "not a handbook project" in run("check", str(tmp_path)).stderr
    assert run("frobnicate").returncode == 2
    assert run("check", "--format", "xml").returncode == 2
