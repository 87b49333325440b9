"""The corpus: every case is a small project (the base plus overlay files).

invalid/<case>/expected.txt pins the exact problem lines `handbook check`
prints; valid/<case> must check clean. Add a case by adding a folder.
"""
from __future__ import annotations

import pytest

from conftest import FIXTURES, case_today, make_project
from macros.cli.main import main
from macros.outputs.compose import load

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case_reports_exact_messages(case, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", case_today(case).isoformat())
    root = make_project(tmp_path, case / "files")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "an invalid case must expect at least one message"
    code = main(["check", str(root)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:-1] == expected
    for line in expected:  # every problem names file:line:col
        assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line
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


def test_a_missing_schema_file_is_named(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "data" / "schemas" / "kpis.schema.json").unlink()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == ["data/schemas/kpis.schema.json:1:1: error: schema file is missing (needed to check "
                        "data/kpis.yml); restore it from git: git checkout -- data/schemas/kpis.schema.json"]


def test_a_schema_that_fails_valid_data_is_blamed_not_the_data(tmp_path, capsys):
    """`"required": "id"` is not an error jsonschema raises; it demands keys
    "i" and "d" of valid data. The message must name the schema, not the data."""
    import json
    root = make_project(tmp_path)
    path = root / "data" / "schemas" / "kpis.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["required"] = "kpis"
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index('  "required": "kpis",') + 1
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [f"data/schemas/kpis.schema.json:{line}:1: error: Schema('kpis.schema.json'): not a valid JSON "
                        "Schema at required: 'kpis' is not of type 'array'"]
