"""Unit tests of the pure rendering helpers (no MkDocs involved)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from macros.outputs.site.render.html import Abbreviations, href_ok, link, md_inline
from macros.outputs.site.render.links import relative
from macros.outputs.site.render.svg import flow, org
from macros.time.words import cycle_text, deadline_html, deadline_text


@pytest.mark.parametrize("deadline, words", [
    ({"amount": 3, "unit": "calendar_days", "from": "meeting_end"}, "会后 3 个自然日内"),
    ({"amount": 3, "unit": "working_days", "from": "risk_identified"}, "发现新风险后 3 个工作日内"),
    ({"amount": 7, "unit": "calendar_days", "from": "finding_notified"}, "收到审计问题通知后 7 个自然日内"),
    ({"amount": 2, "unit": "weeks", "from": "project_approved"}, "项目立项后 2 周内"),
    ({"amount": 3, "unit": "years", "from": "appointment", "at_least": True}, "任职起不少于 3 年"),
    ({"unit": "same_day", "from": "meeting_end"}, "会议当日"),
    ({"unit": "next_monday", "from": "week_end"}, "下周一"),
    ({"unit": "first_day_of_next_month", "from": "month_end"}, "下月首日"),
    ({"amount": 1, "unit": "months", "from": "x", "from_name": "季度开始"}, "季度开始后 1 个月内"),
    ({"unspecified": True, "open_question": "q"}, "制度未规定"),
])
def test_deadline_words(deadline, words):
    assert deadline_text(deadline) == words


def test_unspecified_deadline_links_its_question():
    html = deadline_html({"unspecified": True, "open_question": "gate"}, lambda q: Markup('<a href="#{}">Q</a>').format(q))
    assert str(html) == '制度未规定（见待决问题 <a href="#gate">Q</a>）'


@pytest.mark.parametrize("cycle, words", [
    ({"interval": 1, "unit": "week"}, "每周一次"),
    ({"interval": 2, "unit": "week"}, "每两周一次"),
    ({"interval": 1, "unit": "quarter"}, "每季度一次"),
    ({"interval": 1, "unit": "year", "times": 2, "at_least": True}, "每年至少 2 次"),
    ({"interval": 1, "unit": "year", "at_least": True}, "每年至少一次"),
    ({"interval": 1, "unit": "day"}, "每日一次"),
    ({"interval": 3, "unit": "month"}, "每 3 个月一次"),
    ({"interval": 2, "unit": "quarter"}, "每两个季度一次"),
    ({"interval": 1, "unit": "week", "times": 2}, "每周 2 次"),
])
def test_cycle_words(cycle, words):
    assert cycle_text(cycle) == words


# Links name the source file, relative to the source file (what a Markdown
# link means to every engine; docs/maintainers/engines.md).
@pytest.mark.parametrize("to, frm, url", [
    ("roles/director.md", "processes/enrolment.md", "../roles/director.md"),
    ("processes/enrolment.md#step-entry", "processes/enrolment.md", "#step-entry"),
    ("index.md", "roles/director.md", "../index.md"),
    ("coverage/index.md#clause-三-一", "index.md", "coverage/index.md#clause-三-一"),
    ("organisation/index.md", "organisation/index.md", "index.md"),
    ("print/enrolment.pdf", "processes/enrolment.md", "../print/enrolment.pdf"),
    ("print/enrolment.pdf", "index.md", "print/enrolment.pdf"),
])
def test_relative_urls(to, frm, url):
    assert relative(to, frm) == url


def test_links_only_to_safe_schemes():
    assert href_ok("https://example.org/a") and href_ok("mailto:x@example.org") and href_ok("../roles/")
    # a relative page whose name begins like a scheme is still a page
    assert href_ok("data-leak-response.md") and href_ok("../processes/javascript-course/")
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", "java\nscript:x"):
        assert not href_ok(bad)
        assert "<a" not in str(link(bad, "x"))


def test_markdown_syntax_in_data_stays_text():
    s = md_inline("[x](javascript:alert(1)) **b** {: #id } <i>")
    assert "&lt;i&gt;" in s and "\\[x\\]" in s and "\\*\\*b" in s and "\\{" in s


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_every_line_break_becomes_a_space(brk):
    """Red-team F17: `\r` ended a heading early and dropped its anchor."""
    from macros.core.text import code, md_comment
    for out in (md_inline(f"材料初审{brk}==="), md_comment(f"材料初审{brk}==="), code(f"材料初审{brk}===")):
        assert not any(c in out for c in "\n\r\x0b\x0c\x85\u2028\u2029"), repr(out)


def test_pr_comment_text_notifies_nobody_and_links_nothing():
    """Red-team F22: a name with @team and a URL reached the bot's comment verbatim."""
    from macros.core.text import md_comment
    out = md_comment("@xueji-handbook/maintainers 已批准\r\r=== https://evil.example/x")
    assert out == "@\u200bxueji-handbook/maintainers 已批准 === https\u200b://evil.example/x"


def test_abbreviation_lines_only_for_safe_tokens():
    """Red-team F1: the page tail's `*[ABBR]:` line."""
    from macros.core.text import abbreviation
    assert abbreviation("KPI", "关键\n绩效  指标") == "*[KPI]: 关键 绩效 指标"
    for bad in ("CEO\\<img src=x onerror=alert(1)>", "CFO\n\n<img>", "R&D", "", None, "A]B"):
        assert abbreviation(bad, "x") is None


def test_abbreviations_wrap_whole_words_only():
    a = Abbreviations({"KPI": "关键绩效指标", "CEO": "首席执行官"})
    out = str(a.wrap(Markup("KPI 与 KPIs、CEO 签字")))
    assert out.count("<abbr") == 2 and 'title="关键绩效指标"' in out
    hostile = Abbreviations({"A": '"><script>'})
    assert "<script>" not in str(hostile.wrap(Markup("A")))


def test_flow_diagram_is_valid_svg_with_paths_and_gates():
    steps = [{"key": "a", "title": "申请", "href": "#a"}, {"key": "b", "title": "<签字>", "href": "#b", "gate": True},
             {"key": "c", "title": "归档", "href": "#c"}]
    paths = [{"key": "u", "title": "紧急", "href": "#u", "replaces": ["b"], "steps": [{"title": "代签"}]}]
    svg = str(flow("采购", steps, paths))
    root = ET.fromstring(svg)  # well-formed XML (figure wraps the svg)
    texts = "".join(root.itertext())
    assert "<签字>" in texts and "代签" in texts and "关卡" in texts
    assert svg.count("stroke-dasharray") >= 3  # the path box and its arrows
    assert not re.search(r"<签字>", svg.replace("&lt;签字&gt;", ""))


def test_org_chart_places_every_node():
    nodes = [{"key": "d", "title": "总监", "href": "#"}, {"key": "m1", "title": "主管一", "href": "#", "parent": "d"},
             {"key": "m2", "title": "主管二", "href": "#", "parent": "d"}]
    root = ET.fromstring(str(org("组织", nodes)))
    assert {"总监", "主管一", "主管二"} <= set(root.itertext())
