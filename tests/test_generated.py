"""Files generated from the data and declarations must match what is committed:
.github/CODEOWNERS (from data/owners.yml) and .vscode/settings.json (from
kinds.FILES). A stale copy fails here, in pre-commit and in CI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import PurePosixPath

from conftest import ROOT, make_project
from macros.tools.generated import CODEOWNERS, VSCODE_SETTINGS, codeowners, vscode_settings
from macros.load.kinds import FILES
from macros.outputs.compose import load

HANDBOOK = [sys.executable, "-m", "macros.cli.main"]


def test_committed_codeowners_is_what_the_data_generates():
    committed = (ROOT / CODEOWNERS).read_text(encoding="utf-8")
    assert committed == codeowners(load(ROOT).model), "run: handbook codeowners --write"


def test_codeowners_names_a_team_for_every_data_file():
    owners = load(ROOT).model.doc("data/owners.yml").data
    handles = {t["handle"] for t in owners["teams"]}
    text = (ROOT / CODEOWNERS).read_text(encoding="utf-8")
    lines = [ln.split() for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert lines[0] == ["*", owners["maintainers"]]  # first: the last match wins
    for fk in FILES:  # every data file is owned by a role's team (the default at least)
        matching = [h for pat, h in lines if pat.startswith(("/data", "/checklists")) and (
            PurePosixPath(fk.pattern).match(pat.lstrip("/")) or fk.pattern.startswith(pat.lstrip("/"))
            or pat.lstrip("/") == fk.pattern)]
        assert matching and matching[-1] in handles, fk.pattern


def test_stale_codeowners_fails_and_write_fixes_it(tmp_path):
    root = make_project(tmp_path)
    r = subprocess.run(HANDBOOK + ["codeowners", str(root)], capture_output=True, text=True)
    assert r.returncode == 1 and "is missing" in r.stderr
    assert subprocess.run(HANDBOOK + ["codeowners", str(root), "--write"], capture_output=True).returncode == 0
    owners = root / "data" / "owners.yml"
    owners.write_text(owners.read_text(encoding="utf-8").replace(
        "@xueji-handbook/director", "@xueji-handbook/policy-owner"), encoding="utf-8")
    r = subprocess.run(HANDBOOK + ["codeowners", str(root)], capture_output=True, text=True)
    assert r.returncode == 1 and "differs from what the data generates" in r.stderr
    assert "/data/roles.yml  @xueji-handbook/policy-owner" in r.stdout


def test_committed_vscode_settings_map_every_data_file_to_its_schema():
    committed = (ROOT / VSCODE_SETTINGS).read_text(encoding="utf-8")
    assert committed == vscode_settings(), "run: handbook editor --write"
    mapping = json.loads(committed)["yaml.schemas"]
    patterns = {p: schema for schema, pats in mapping.items() for p in pats}
    for fk in FILES:
        assert patterns[fk.pattern] == f"./data/schemas/{fk.schema}"
        assert (ROOT / "data" / "schemas" / fk.schema).is_file()


def test_vscode_recommends_the_yaml_extension():
    ext = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in ext["recommendations"]


def test_each_process_file_is_approved_by_its_own_owner():
    model = load(ROOT).model
    teams = {t["role"]: t["handle"] for t in model.doc("data/owners.yml").data["teams"]}
    lines = [ln.split() for ln in (ROOT / CODEOWNERS).read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    processes = model.all("process")
    assert processes
    for process in processes:
        last = [h for pat, h in lines if PurePosixPath(process.doc.file).match(pat.lstrip("/"))][-1]
        assert last == teams[process.data["owner"]], process.doc.file


def test_a_process_owner_without_a_team_falls_back_to_the_area_role(tmp_path):
    root = make_project(tmp_path)
    owners = root / "data/owners.yml"
    owners.write_text(owners.read_text(encoding="utf-8").replace("    role: manager-enrolment\n", "    role: director\n"),
                      encoding="utf-8")
    text = codeowners(load(root).model)
    assert "/data/processes/*.yml  @xueji-handbook/director" in text
    assert "/data/processes/enrolment.yml  @xueji-handbook/enrolment-records" in text  # its owner has a team
    owners.write_text(owners.read_text(encoding="utf-8").replace(
        '  - {role: manager-enrolment, handle: "@xueji-handbook/enrolment-records"}\n', ""), encoding="utf-8")
    text = codeowners(load(root).model)
    assert "/data/processes/enrolment.yml" not in text  # no team: the glob line (director) covers it
