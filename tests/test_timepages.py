"""The deadlines and calendar macros escape every data value."""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

from conftest import FIXTURES, make_project
from macros.outputs.site.macros import time as timepages
from macros.outputs.compose import load

EVIL = "</script><script>alert(1)</script>"


class FakeEnv:
    def __init__(self, url):
        self.macros = {}
        self.page = SimpleNamespace(url=url)

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def test_macros_escape_data_and_link_relative(tmp_path):
    root = make_project(tmp_path, FIXTURES / "valid" / "every-deadline-unit" / "files")
    path = root / "data" / "processes" / "time-limits.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 三个工作日", f"name: '{EVIL}'"), encoding="utf-8")
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    env = FakeEnv("deadlines/")
    timepages.register(env, result)
    table = env.macros["deadline_table"]()
    assert EVIL not in table and "&lt;/script&gt;&lt;script&gt;alert(1)" in table
    calc = env.macros["deadline_calculator"]()
    data = re.search(r'<script type="application/json" id="hb-calc-data">(.*?)</script>', calc, re.S).group(1)
    assert "<" not in data  # nothing can close the script element early
    assert any(r["name"] == EVIL for r in json.loads(data)["rules"])  # the value itself survives
    assert EVIL not in calc.split('<script type="application/json"')[0]
    env = FakeEnv("calendar/")
    timepages.register(env, result)
    assert 'href="department.ics"' in env.macros["calendar_feeds"]()
    assert 'href="../api/v1/handbook.json"' in env.macros["api_link"]()
