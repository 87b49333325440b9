"""fastcheck must agree with jsonschema: on every fixture (valid and
invalid) `handbook check` reports exactly the same problems with and
without the fast path."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.schema import validate as schema
from macros.outputs.compose import load

from conftest import make_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = sorted(p for group in ("valid", "invalid", "warnings") if (FIXTURES / group).is_dir()
               for p in (FIXTURES / group).iterdir() if (p / "files").is_dir())


def _project(tmp_path, case):
    return make_project(tmp_path, None if case is None else case / "files")


def _problems(root):
    return [p.format() if hasattr(p, "format") else repr(p) for p in load(root).problems]


@pytest.mark.parametrize("case", [None, *CASES], ids=lambda c: "base" if c is None else f"{c.parent.name}/{c.name}")
def test_fast_path_reports_exactly_what_jsonschema_reports(tmp_path, monkeypatch, case):
    root = _project(tmp_path, case)
    fast = _problems(root)
    monkeypatch.setattr(schema, "_fast", lambda s: None)
    assert fast == _problems(root)


def test_the_shipped_schemas_take_the_fast_path():
    registry, by_name = schema.load_registry(Path(__file__).resolve().parent.parent)
    inlined = schema.inline_refs(by_name, registry)
    from macros.schema.fastcheck import compile as compile_schema
    slow = [name for name, s in inlined.items() if compile_schema(s) is None]
    assert not slow, slow
