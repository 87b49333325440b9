"""The JSON export validates against the schemas it publishes (Draft 2020-12),
covers the whole model, and is reproducible."""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT
from macros.outputs.export import api as export
from macros.load.kinds import FILES
from macros.outputs.compose import load


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    assert result.ok
    return result


@pytest.fixture(scope="module")
def published(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "api" / "v1"
    export.write(shipped, out)
    return out


def validator(out):
    """What a consumer does: load every published schema into a registry by $id."""
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    schemas = {name: json.loads((out / rel).read_text(encoding="utf-8")) for name, rel in index["schemas"].items()}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return Draft202012Validator(schemas[index["schema"].split("/")[-1]], registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_export_validates_against_its_published_schemas(published):
    doc = json.loads((published / "handbook.json").read_text(encoding="utf-8"))
    errors = [f"{e.json_path}: {e.message}" for e in validator(published).iter_errors(doc)]
    assert errors == []


@pytest.mark.parametrize("damage", [
    lambda d: d["data"]["roles"]["roles"][0].__setitem__("kind", "robot"),
    lambda d: d["deadlines"][0]["limit"].__setitem__("unit", "dayz"),
    lambda d: d["recurring"][0]["cycle"].__setitem__("unit", "fortnight"),
    lambda d: d["data"].__setitem__("surprise", {}),
    lambda d: d.__setitem__("api", "v2"),
])
def test_the_published_schemas_reject_a_damaged_export(published, damage):
    doc = json.loads((published / "handbook.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(doc)
    damage(bad)
    assert not validator(published).is_valid(bad)


def test_export_covers_the_whole_model(shipped, published):
    doc = json.loads((published / "handbook.json").read_text(encoding="utf-8"))
    assert set(doc["data"]) == {export.data_key(fk.pattern) for fk in FILES}
    assert len(doc["data"]["processes"]) == len(shipped.model.all("process"))
    expected = sum(len(v) for v in shipped.model.by_kind.values())
    assert len(doc["entities"]) == expected
    kinds = {e["kind"] for e in doc["entities"]}
    assert {"role", "process", "step", "permission", "meeting"} <= kinds
    assert len({r["id"] for r in doc["deadlines"]}) == len(doc["deadlines"]) > 0
    assert all(r["limit"].get("unit") or r["limit"].get("unspecified") for r in doc["deadlines"])
    assert doc["working_days"]["holidays"]["2026-10-01"] == "国庆节"
    for rel in doc["feeds"].values():
        assert rel.startswith("../../calendar/") and rel.endswith(".ics")


def test_export_is_reproducible(shipped, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    export.write(shipped, tmp_path / "a")
    export.write(shipped, tmp_path / "b")
    for path in sorted((tmp_path / "a").rglob("*.json")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    export.write(shipped, tmp_path / "c")
    assert json.loads((tmp_path / "c" / "handbook.json").read_text())["generated"] == "2026-01-01T00:00:00Z"
