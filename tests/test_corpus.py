"""The corpus: every case is a small project (the base plus overlay files).

invalid/<case>/expected.txt pins the exact problem lines `handbook check`
prints; valid/<case> must check clean. Add a case by adding a folder.
"""
from __future__ import annotations

import pytest

from conftest import FIXTURES, make_project
from macros.cli import main
from macros.project import load

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case_reports_exact_messages(case, tmp_path, capsys):
    root = make_project(tmp_path, case / "files")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "an invalid case must expect at least one message"
    code = main(["check", str(root)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:-1] == expected
    assert "Traceback" not in "\n".join(out)
    assert out[-1].startswith("handbook check: ")


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_is_clean(case, tmp_path):
    result = load(make_project(tmp_path, case / "files"))
    assert [p.format() for p in result.errors] == []


def test_bom_and_crlf_keep_their_values(tmp_path):
    root = make_project(tmp_path, FIXTURES / "valid" / "bom-crlf" / "files")
    process = load(root).model.get("process", "withdrawal")
    assert process.data["id"] == "withdrawal"  # no BOM glued to the first key
    assert process.data["trigger"] == "学生申请退学。"  # no trailing \r


def test_dates_stay_strings(tmp_path):
    root = make_project(tmp_path, FIXTURES / "valid" / "dates-stay-strings" / "files")
    process = load(root).model.get("process", "withdrawal")
    assert process.data["review"]["last_reviewed"] == "2026-01-19"
