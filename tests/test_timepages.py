"""The deadlines and calendar macros escape every data value."""
from __future__ import annotations

import json
import re

from conftest import FIXTURES, make_project
from macros.outputs.site.macros import time as timepages
from macros.outputs.compose import load

EVIL = "</script><script>alert(1)</script>"


def test_macros_escape_data_and_link_relative(tmp_path):
    root = make_project(tmp_path, FIXTURES / "valid" / "every-deadline-unit" / "files")
    path = root / "data" / "processes" / "time-limits.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 三个工作日", f"name: '{EVIL}'"), encoding="utf-8")
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    macros = timepages.macros(result, "deadlines.md")
    table = macros["deadline_table"]()
    assert EVIL not in table and "&lt;/script&gt;&lt;script&gt;alert(1)" in table
    calc = macros["deadline_calculator"]()
    data = re.search(r'<script type="application/json" id="hb-calc-data">(.*?)</script>', calc, re.S).group(1)
    assert "<" not in data  # nothing can close the script element early
    assert any(r["name"] == EVIL for r in json.loads(data)["rules"])  # the value itself survives
    assert EVIL not in calc.split('<script type="application/json"')[0]
    # Links are relative to the page's source file (docs/calendar.md).
    macros = timepages.macros(result, "calendar.md")
    assert 'href="calendar/department.ics"' in macros["calendar_feeds"]()
    assert 'href="api/v1/handbook.json"' in macros["api_link"]()


def test_deadline_table_states_each_rule_once_grouped_by_process():
    """A clerk's table: the five-day retroactive approval, stated in three
    places, is one row that names the others; rows sit under their process;
    the filters carry ids only in data attributes; no id is shown."""
    from conftest import ROOT
    from macros.time import deadlines
    result = load(ROOT)
    macros = timepages.macros(result, "deadlines.md")
    table = str(macros["deadline_table"]())
    merged = deadlines.merged(result)
    # No two rows state one rule: a shared limit with a shared clause.
    for i, (_, a) in enumerate(merged):
        for _, b in merged[i + 1:]:
            same = deadlines.same_rule_key(a[0]) == deadlines.same_rule_key(b[0])
            assert not (same and {c for r in a for c in r.source} & {c for r in b for c in r.source}), (a, b)
    # Recording a decision and confirming its owner share a limit, not a rule.
    firsts = [places[0].id for _, places in merged]
    assert "record-same-day" in firsts and "confirm-owner-by-email" in firsts
    computable = [r for r in deadlines.rules(result) if r.computable]
    assert sum(len(p) for _, p in merged) == len(computable) > len(merged)
    retro = next(places for _, places in merged if "emergency-decision.submit-approval" in [r.id for r in places])
    assert {"data-leak-response.retroactive-approval", "emergency-decision.retroactive-approval"} <= {
        r.id for r in retro}
    assert table.count('<tr id="rule-') == len(merged)
    visible = re.sub(r"<[^>]+>", " ", table)
    for r in deadlines.rules(result):
        if "." in r.id or "-" in r.id:
            assert r.id not in visible, r.id
    # Group headings follow the business order: the daily reports first, then
    # 新生入学 before 审计整改.
    heads = re.findall(r'scope="rowgroup">([^<]+)<', table)
    assert heads[0] == "报告、纪要与决议"
    assert len(heads) == len(set(heads))
    unspecified = str(macros["unspecified_list"]())
    assert "新生入学" in unspecified and "材料初审" in unspecified
