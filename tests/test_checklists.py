"""Checklists as data: the rules tying them to the processes, the CLI command,
and their place in the built site."""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, ROOT, make_project
from macros.outputs.compose import load
from macros.check.rules.checklists import step_covered_by_checklist

OMITS = FIXTURES / "valid" / "checklist-omits" / "files"


def test_an_uncovered_step_is_a_warning_not_an_error(tmp_path):
    root = make_project(tmp_path, OMITS)
    # Same project, but the checklist no longer explains the extra step.
    (root / "checklists" / "enrolment.yml").write_text(
        (FIXTURES / "base" / "checklists" / "enrolment.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = load(root)
    assert result.ok
    assert [p.format() for p in result.warnings] == [
        "data/processes/enrolment.yml:44:5: warning: Process(id='enrolment') > step 'welcome-letter': "
        "no checklist lists step 'enrolment.welcome-letter': add `- step: enrolment.welcome-letter` "
        "to a checklist, or name it under `omits` with a reason"]
    assert [p.rule for p in result.warnings] == ["step-covered-by-checklist"]
    r = subprocess.run([sys.executable, "-m", "macros.cli.main", "check", str(root)], capture_output=True, text=True)
    assert r.returncode == 0 and "0 error(s), 1 warning(s)" in r.stdout


def test_omits_with_a_reason_silences_the_warning(tmp_path):
    result = load(make_project(tmp_path, OMITS))
    assert result.problems == ()


def test_the_decision_is_documented():
    assert "warning, not an error" in step_covered_by_checklist.__doc__
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "step-covered-by-checklist" in readme and "process-has-checklist" in readme


def test_every_shipped_process_and_step_is_on_a_checklist():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    assert [p.format() for p in result.warnings if p.rule.startswith(("process-has", "step-covered"))] == []
