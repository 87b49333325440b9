"""Pages for clerks (issue 18, items 6 and 7): the 立即做 box of emergency
processes, diagrams that show every responsible role without cutting text,
with a legend for what they show and the data's return paths drawn, and the
reports page's author → recipient pairs. Rendered from the shipped data
without MkDocs."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from macros.model.queries import report_pairs, role_group_names
from macros.outputs.compose import load
from macros.outputs.site import pages as page_list
from macros.outputs.site.render import Ctx, shared_for
from macros.outputs.site.render.svg import box_height, flow


@pytest.fixture(scope="module")
def model():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    return result.model


def render(model, path: str) -> str:
    page = next(p for p in page_list.generated(model) if p.path == path)
    return page.render(Ctx(shared_for(model), page.path))


def svg_text(html: str) -> str:
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    return "".join(ET.fromstring(svg).itertext())


def test_emergency_process_opens_with_what_to_do_now(model):
    html = render(model, "processes/data-leak-response.md")
    box = html.index("立即做")
    assert box < html.index("概要") and box < html.index("流程图")  # before anything else
    now = html[box:html.index("</div>", box)]
    assert "立即报告" in now and "控制影响" in now and "补办处置审批" not in now
    assert "各线专员、各线主管" in now and "发现泄露当日" in now
    assert "立即做" not in render(model, "processes/enrolment.md")


def test_diagram_shows_every_responsible_role(model):
    text = svg_text(render(model, "processes/data-leak-response.md"))
    # Six roles report a leak: the two whole ranks, not just the first role.
    assert "各线专员、各线主管" in text
    purchase = svg_text(render(model, "processes/purchase.md"))
    first = model.children(model.get("process", "purchase"), "step")[0]
    names = role_group_names(model, first.get("raci")["responsible"])
    assert all(n in purchase for n in names) and len(first.get("raci")["responsible"]) > 1


def test_no_diagram_text_is_cut(model):
    for p in model.all("process"):
        html = render(model, f"processes/{p.id}.md")
        assert "…" not in svg_text(html), p.id
    long = "处置执行后 5 个自然日内（建议）· 总监、运营总监、各线主管"
    svg = str(flow("长", [{"key": "a", "title": "补办处置审批", "sub": long, "href": "#a"}], []))
    assert long.replace(" ", "") in "".join(ET.fromstring(svg).itertext()).replace(" ", "")
    assert box_height("补办处置审批", long) > box_height("短", "")


def test_legend_explains_only_what_the_chart_has(model):
    leak = render(model, "processes/data-leak-response.md")  # no gates, no other path, no returns
    legend = leak[leak.index("流程图"):leak.index("<svg")]
    assert "虚线框" not in legend and "关卡" not in legend and "退回" not in legend
    purchase = render(model, "processes/purchase.md")  # the urgent path
    assert "虚线框是例外路径" in purchase[purchase.index("流程图"):purchase.index("<svg")]


def test_return_paths_in_the_data_are_drawn(model):
    html = render(model, "processes/enrolment.md")
    assert "左侧的虚线箭头是退回重做" in html
    text = svg_text(html)
    assert "退回新生补交" in text.replace(" ", "") or "退回新生" in text
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg.count('stroke-dasharray="4 3"') == 2  # 材料初审 → itself, 系统校验 → 信息录入


def test_reports_go_to_the_authors_superior(model):
    pairs = {r.id: dict((a, tuple(t)) for a, t in report_pairs(model, r)) for r in model.all("report")}
    assert pairs["weekly-report"]["specialist-enrolment"] == ("manager-enrolment",)
    assert pairs["weekly-report"]["manager-archives"] == ("director",)
    assert pairs["monthly-report"]["director"] == ("operations-director",)
    html = render(model, "documents/reports.md")
    assert "谁把报告交给谁" in html and html.count("→") == sum(len(p) for p in pairs.values())


def test_role_groups_name_whole_ranks_only(model):
    specialists = ["specialist-enrolment", "specialist-graduation", "specialist-archives"]
    assert role_group_names(model, specialists + ["director"]) == ["各线专员", "总监"]
    assert role_group_names(model, specialists[:2]) == [model.get("role", r).name for r in specialists[:2]]


def test_search_snippets_keep_labels_apart_from_values(model):
    """Material's own indexer reads the rendered page: a field's label and its
    value, and neighbouring table cells, do not run together in a snippet."""
    import markdown
    from material.plugins.search.plugin import Parser
    html = markdown.markdown(render(model, "documents/reports.md"), extensions=["attr_list", "md_in_html"])
    parser = Parser()
    parser.feed(html)
    text = " ".join("".join(section.text) for section in parser.data)
    text = re.sub(r"<[^>]+>", "", text)
    assert re.search(r"概要：\s+\S", text), text[:300]
    assert re.search(r"周期：\s+每日一次", text)
    assert re.search(r"提交时限\s+日报\s+每日一次\s+报告当日", text)  # cell after cell
    assert re.search(r"交给谁\s+日报\s+招生学籍专员\s+→ 招生学籍主管", text)
