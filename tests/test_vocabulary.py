"""One vocabulary: every Chinese word the program prints for a kind, field,
enum value, unit or cycle comes from core/words.py or time/words.py (plus
the schemas' own titles, which are data, read by schema/labels.py)."""
from __future__ import annotations

import ast
import re

import icalendar
import pytest

from conftest import ROOT, copy_shipped
from macros.outputs.calendar import feeds
from macros.outputs.compose import load
from macros.time.words import cycle_text

PKG = ROOT / "macros"
VOCABULARY = {"macros/core/words.py", "macros/time/words.py"}
# The CLI's help lines are sentences about commands, not words for data.
NOT_DATA_WORDS = ("macros/cli/",)
_HAN = re.compile(r"[\u3400-\u9fff]")
_IDENT = re.compile(r"^[a-z][a-z0-9_-]*$|^[A-Z]$")
# A string piece that is a cycle word, or text that goes on with a number to
# make one: "每月", "每年 ", f"审核周期：每 {n} 个月".
_CYCLE_PIECE = re.compile(r"^\s*每\s*(?:两|\d+)?\s*个?(?:日|天|周|月|季度|年)?\s*$|每\s*$")


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in VOCABULARY and not rel.startswith(NOT_DATA_WORDS):
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_no_word_table_outside_the_vocabulary():
    """A dict or a (key, word) pair that maps identifiers to Chinese is a
    vocabulary table: it belongs in core/words.py or time/words.py."""
    found = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and node.keys:
                keys, values = [_text(k) for k in node.keys], [_text(v) for v in node.values]
                if all(k and _IDENT.match(k) for k in keys) and all(v and _HAN.search(v) for v in values):
                    found.append(f"{rel}:{node.lineno} {keys[:3]}")
            elif isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 2:
                key, word = (_text(e) for e in node.elts)
                if key and word and _IDENT.match(key) and _HAN.search(word) and len(word) <= 12:
                    found.append(f"{rel}:{node.lineno} ({key!r}, {word!r})")
    assert found == []


def test_no_cycle_word_is_built_outside_the_vocabulary():
    found = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            text = _text(node)
            if text and _CYCLE_PIECE.search(text):
                found.append(f"{rel}:{node.lineno} {text!r}")
    assert found == []


@pytest.fixture(scope="module")
def fortnightly(tmp_path_factory):
    """The shipped data with a KPI measured weekly but reviewed in the
    fortnightly meeting: the check must say so, in the same words."""
    root = copy_shipped(tmp_path_factory.mktemp("vocab"))
    kpis = root / "data" / "kpis.yml"
    text = kpis.read_text(encoding="utf-8")
    kpis.write_text(text.replace("cycle: {interval: 1, unit: month}", "cycle: {interval: 1, unit: week}", 1),
                    encoding="utf-8")
    return load(ROOT), load(root)


def test_a_cycle_reads_the_same_on_the_site_in_the_calendar_and_in_check_messages(fortnightly):
    shipped, edited = fortnightly
    meeting = shipped.model.get("meeting", "biweekly-meeting")
    words = cycle_text(meeting.get("cycle"))
    assert words == "每两周一次"
    # The site: the meetings page (the same text the build renders).
    assert words in shipped.model.pages.text("meetings/index.md")
    # The calendar page, the export and the .ics feeds: the series' words.
    obligation = next(o for o in feeds.obligations(shipped)[0] if o.id == "biweekly-meeting")
    assert obligation.series.words.startswith(words + "（")
    event = next(e for e in icalendar.Calendar.from_ical(feeds.feed(shipped, [obligation], "t")).walk("VEVENT"))
    assert words in str(event["DESCRIPTION"])
    # `handbook check`.
    messages = [p.message for p in edited.problems if p.rule == "kpi-reviewed-often-enough"]
    assert messages == ["KPI is measured 每周一次 but reviewed in 'biweekly-meeting' only 每两周一次: "
                        "review it in a meeting held at least as often"]
