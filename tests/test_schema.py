"""Every schema is valid Draft 2020-12, Chinese-titled, closed and reachable."""
from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from macros.load.kinds import FILES
from macros.schema.validate import check_all_schemas

SCHEMAS = sorted((ROOT / "data" / "schemas").glob("*.schema.json"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_schema_is_valid():
    assert check_all_schemas(ROOT) == sorted(p.name for p in SCHEMAS)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_draft_2020_12_with_chinese_title(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert HAN.search(schema["title"]) and HAN.search(schema["description"])


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_objects_are_closed(path):
    """A misspelt key must be an error, so every object forbids extra keys."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    for obj in _objects(schema):
        assert obj.get("additionalProperties") is False, sorted(obj["properties"])


def test_every_declared_schema_exists():
    names = {p.name for p in SCHEMAS}
    assert {fk.schema for fk in FILES} <= names
