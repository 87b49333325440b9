"""Family pages: documents, reports, meetings, KPIs, incentives, compliance,
risks, glossary, and a generic page for any kind without a page of its own.

Most are declared as sections (kind, heading, overview columns); each
entity then gets its own heading and field table, so search lands on it.
"""
from __future__ import annotations

import re
from markupsafe import Markup

from macros.core.text import Html
from macros.outputs.site.render.fields import (
    entity_section,
    field_cell,
    listing,
    name_cell,
    sources_footer,
    value_html,
)
from macros.outputs.site.render.html import block, heading, joined, md_inline, table


def family_page(ctx, title: str, intro: str, sections) -> str:
    """sections: [(kind, heading, anchor, [(column, key)])]."""
    out = [f"# {title}\n\n", block(Html("<p>{}</p>").format(intro))]
    shown = []
    for kind, head, anchor, columns in sections:
        entities = ctx.model.all(kind)
        if not entities:
            continue
        shown += entities
        out.append(heading(2, head, anchor))
        if columns:
            out.append(block(listing(ctx, entities, [(columns[0][0], name_cell(ctx))] +
                                     [(c, field_cell(ctx, k)) for c, k in columns[1:]])))
        for e in entities:
            out.append(entity_section(ctx, e, 3))
    return "".join(out) + sources_footer(ctx, shown)


def meetings_page(ctx) -> str:
    return family_page(ctx, "会议与决议跟踪", "部门的例会由谁主持、多久开一次、谁参加；会议决议如何记录、确认和检查执行。", [
        ("meeting", "例会一览", "meetings", [("会议", ""), ("周期", "cycle"), ("主持人", "chairs|chair"), ("目的", "purpose")]),
        ("decision-rule", "决议的记录与跟踪", "decision-rules",
         [("规则", ""), ("时限", "deadline"), ("负责人", "responsible")]),
    ])


def kpis_page(ctx) -> str:
    return family_page(ctx, "KPI 与绩效考核", "本部门的考核指标、由谁负责、多久统计一次、在哪个会议审议；以及自评和上级考核的周期。", [
        ("kpi", "考核指标（KPI）", "kpis", [("指标", ""), ("负责人", "owner"), ("周期", "cycle"), ("审议会议", "reviewed_in")]),
        ("assessment", "考核周期", "assessments", [("考核", ""), ("周期", "cycle"), ("评估人", "assessor")]),
    ])


def incentives_page(ctx) -> str:
    return family_page(ctx, "奖励与惩罚", "什么情况下给予奖励，什么情况下给予处罚，由谁决定。", [
        ("incentive", "奖惩措施", "measures", [("措施", ""), ("类别", "type"), ("说明", "summary")]),
    ])


def compliance_page(ctx) -> str:
    return family_page(ctx, "合规要求", "法律法规与保密要求：保密协议、第三方安全认证、合规培训。", [
        ("compliance", "合规要求一览", "requirements", [("要求", ""), ("负责人", "responsible"), ("周期", "cycle")]),
    ])


def risks_page(ctx) -> str:
    return family_page(ctx, "风险、应急演练与内部审计", "风险登记册、应急预案、每月演练和每季度的内部审计及整改时限。", [
        ("risk", "风险登记册", "risks", [("风险", ""), ("负责人", "owner"), ("应对预案", "plan")]),
        ("drill", "应急演练", "drills", [("演练", ""), ("周期", "cycle"), ("负责人", "owner")]),
        ("audit", "内部审计与整改", "audits", [("审计", ""), ("周期", "cycle"), ("整改时限", "rectification")]),
    ])


def glossary_page(ctx) -> str:
    terms = sorted(ctx.model.all("term"), key=lambda t: str(t.get("abbr") or t.name))
    out = ["# 术语与缩写\n\n", block(Html("<p>手册中的术语和缩写。页面上带虚线的缩写，鼠标悬停即可看到释义。</p>"))]
    out.append(block(listing(ctx, terms, [("术语", name_cell(ctx)), ("缩写", field_cell(ctx, "abbr")),
                                          ("释义", field_cell(ctx, "definition"))])))
    for t in terms:
        out.append(entity_section(ctx, t, 2))
    return "".join(out)


def documents_page(ctx) -> str:
    model = ctx.model
    out = ["# 文档命名、备份与调阅权限\n\n",
           block(Html("<p>归档文件怎么命名、重要文档怎么备份、哪些文件谁可以调阅。报告的提交时限见"
                        '<a href="{}">日报、周报与月报</a>。</p>').format(ctx.url_src("documents/reports.md")))]
    files = sorted({e.doc.file for e in model.all("business-type")})
    for file in files:
        naming = model.doc(file).data.get("naming") if isinstance(model.doc(file).data, dict) else None
        if not isinstance(naming, dict):
            continue
        out.append(heading(2, "文件命名规则", "naming"))
        # The patterns are what `handbook check` matches file names against:
        # the rule in words and the example say the same to a reader.
        rows = [(ctx.text(ctx.label(k)), value_html(ctx, file, ("naming", k), v))
                for k, v in naming.items() if k != "source" and not k.endswith("pattern")]
        out.append(block(table(["项目", "内容"], rows)))
        types = model.all("business-type")
        # The year comes from the rule's own example: builds stay reproducible.
        year = (re.match(r"\d{4}", str(naming.get("example", ""))) or ["2026"])[0]
        out.append(heading(3, "业务类型与文件名示例", "business-types"))
        out.append(block(table(["业务类型", "所属业务线", "文件名示例"], [
            [Html('<span id="{}">{}</span>').format(f"business-type-{t.id}", ctx.text(t.name)),
             field_cell(ctx, "line")(t),
             Html("<code>{}</code>").format(_example(naming, t.name, year))] for t in types])))
    for kind, head, anchor in (("storage", "备份与保存", "storage"), ("access-class", "调阅权限", "access"),
                               ("document-rule", "其他文档规则", "document-rules")):
        if model.all(kind):
            out.append(heading(2, head, anchor))
            for e in model.all(kind):
                out.append(entity_section(ctx, e, 3))
    return "".join(out) + sources_footer(ctx, model.all("business-type") + model.all("storage")
                                         + model.all("access-class") + model.all("document-rule"))


def _example(naming: dict, type_name: str, year: int) -> str:
    """A file name for this type in the naming rule's format."""
    fmt = str(naming.get("format", "年份-业务类型-编号"))
    return fmt.replace("年份", str(year)).replace("业务类型", type_name).replace("编号", "001")


def reports_page(ctx) -> str:
    reports = ctx.model.all("report")
    out = ["# 日报、周报与月报\n\n",
           block(Html("<p>每种工作报告多久写一次、什么时候交、谁写、交给谁。</p>"))]
    out.append(heading(2, "报告提交时限一览", "report-deadlines"))
    out.append(block(listing(ctx, reports, [("报告", name_cell(ctx)), ("周期", field_cell(ctx, "cycle")),
                                            ("提交时限", field_cell(ctx, "deadline"))])))
    out.append(heading(2, "谁把报告交给谁", "who-to-whom"))
    out.append(block(_pairs_table(ctx, reports)))
    question = _recipients_question(ctx, reports)
    out.append(block(Html("<p>每人把报告交给自己的上级（按组织架构中的汇报关系配对）。{}</p>").format(
        Html("制度没有规定谁提交、交给谁：这是手册的建议，见待决问题「{}」。").format(ctx.text(question))
        if question else "")))
    for r in reports:
        out.append(entity_section(ctx, r, 2, title=f"{r.name}什么时候交"))
    return "".join(out) + sources_footer(ctx, reports)


def _pairs_table(ctx, reports) -> Markup:
    """One row per author and report (招生学籍专员 → 招生学籍主管), the
    report's name spanning its rows: who hands what to whom, as pairs."""
    from macros.model.queries import report_pairs
    rows = []
    for r in reports:
        pairs = report_pairs(ctx.model, r)
        for i, (author, to) in enumerate(pairs):
            first = Html('<th scope="rowgroup" rowspan="{}">{}</th>').format(len(pairs), ctx.to(r)) if i == 0 \
                else Html("")
            rows.append(Html("<tr>{} <td>{}</td> <td>→ {}</td></tr>").format(
                first, ctx.ref("role", author), joined([ctx.ref("role", t) for t in to])))
    return Html('<table class="hb-pairs"><thead><tr><th>报告</th> <th>谁写</th> <th>交给谁</th></tr></thead>\n'
                  "<tbody>{}</tbody></table>").format(Html("\n").join(rows))


def _recipients_question(ctx, reports) -> str:
    for r in reports:
        for field in ("submitted_to", "submitted_by"):
            q = ((r.get("basis") or {}).get("fields") or {}).get(field, {}).get("proposal")
            if q and ctx.model.get("question", q):
                return ctx.model.get("question", q).name
    return ""


def kind_page(ctx, kind: str) -> str:
    """Any kind without its own page: every entity, generically."""
    entities = ctx.model.all(kind)
    from macros.outputs.site.render.pages_process import kind_label
    out = [f"# {md_inline(kind_label(kind))}\n\n"]
    for e in entities:
        out.append(entity_section(ctx, e, 2))
    return "".join(out) + sources_footer(ctx, entities)
