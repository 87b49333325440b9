"""Organisation, roles, the first week and the home page's data parts."""
from __future__ import annotations

from markupsafe import Markup

from macros.core.text import Html
from macros.core.words import RACI_LETTER, value as value_words
from macros.model import queries as q
from macros.outputs.site.render.fields import (
    entity_section,
    field_cell,
    fields_table,
    listing,
    name_cell,
    review_html,
    sources_footer,
    sources_html,
    value_html,
)
from macros.outputs.site.render.html import block, heading, joined, md_inline, table, ul
from macros.outputs.site.render.links import NOT_SHOWN, target
from macros.outputs.site.render.svg import org
from macros.time.words import deadline_text


def _org(ctx):
    return (ctx.model.all("organisation") or [None])[0]


def org_chart(ctx) -> Markup:
    """Internal and temporary roles under their superiors, topped by the
    external role the department reports to."""
    model = ctx.model
    inside = [r for r in model.all("role") if r.get("kind") in ("internal", "temporary")]
    keys = {r.id for r in inside}
    tops = {r.get("reports_to") for r in inside if r.get("reports_to") and r.get("reports_to") not in keys}
    shown = q.sort_roles([model.get("role", t) for t in tops if model.get("role", t)]) + q.sort_roles(inside)
    nodes = []
    for r in shown:
        sub = ""
        if r.get("line"):
            line = model.get("line", r.get("line"))
            sub = line.name if line else ""
        elif r.get("kind") != "internal":
            # An outside role on the chart is the one the department reports to.
            sub = "上级" if r.get("kind") == "external" else value_words(r.get("kind") or "")
        nodes.append({"key": r.id, "title": r.name, "sub": sub, "href": ctx.url(r),
                      "parent": r.get("reports_to") if r in inside else None})
    org_entity = _org(ctx)
    return org(f"{org_entity.name if org_entity else ''}组织架构图", nodes)


def organisation_page(ctx) -> str:
    o = _org(ctx)
    model = ctx.model
    out = [f"# 组织架构与跨部门协作\n\n"]
    if o:
        out.append(block(Html("<p>{}</p>").format(ctx.text(o.get("summary")))))
        out.append(heading(2, "部门定位与汇报关系", "department"))
        out.append(block(fields_table(ctx, o, skip={"principles", "goals", "lines", "interfaces", "summary"})))
    out.append(heading(2, "组织架构图", "org-chart"))
    out.append(block(org_chart(ctx)))
    roles = q.sort_roles(model.all("role"))
    out.append(heading(2, "岗位一览", "roles"))
    out.append(block(listing(ctx, roles, [
        ("角色", name_cell(ctx)), ("类型", field_cell(ctx, "kind")), ("汇报对象", field_cell(ctx, "reports_to")),
        ("权限级别", field_cell(ctx, "permission")), ("编制人数", field_cell(ctx, "headcount")),
        ("一句话职责", field_cell(ctx, "summary"))])))
    if model.all("line"):
        out.append(heading(2, "业务线", "lines"))
        for line in model.all("line"):
            heads = [r for r in roles if r.get("line") == line.id]
            extra = Html("<p>岗位：{}</p>").format(joined([ctx.to(r) for r in heads])) if heads else ""
            out.append(entity_section(ctx, line, 3, extra=extra))
    if model.all("interface"):
        out.append(heading(2, "跨部门接口", "interfaces"))
        for itf in model.all("interface"):
            dept = model.get("role", itf.get("department"))
            out.append(entity_section(ctx, itf, 3, skip={"department"},
                                      title=f"与{dept.name if dept else itf.get('department')}的接口"))
    for kind, title, anchor in (("principle", "核心原则", "principles"), ("goal", "部门目标", "goals")):
        if model.all(kind):
            out.append(heading(2, title, anchor))
            for e in model.all(kind):
                out.append(entity_section(ctx, e, 3))
    if o:
        out.append(block(sources_html(ctx, o) + review_html(ctx, o)))
    return "".join(out)


def first_week_page(ctx) -> str:
    """Where a new hire starts: the one-week goal and each role's path."""
    model = ctx.model
    out = ["# 新人第一周\n\n"]
    goals = [g for g in model.all("goal") if "week" in str((g.get("deadline") or {}).get("unit", ""))]
    for g in goals:
        out.append(block(Html("<p>{}：{}</p>").format(ctx.to(g), ctx.text(g.get("summary")))))
    roles = q.sort_roles([r for r in model.all("role") if r.get("kind") == "internal"])
    out.append(heading(2, "按岗位选择你的第一周", "by-role"))
    rows = []
    for r in roles:
        mine = q.onboarding_for(model, r.id)
        rows.append([ctx.to(r), ctx.text(r.get("summary")),
                     _plan_links(ctx, mine) if mine else ctx.to(r, ctx.text("岗位页"))])
    out.append(block(table(["岗位", "做什么", "第一周计划"], rows)))
    out.append(heading(2, "第一周必读", "must-read"))
    pages = [("organisation/index.md", "组织架构与跨部门协作"), ("processes/index.md", "流程总览"),
             ("permissions/index.md", "权限与授权"), ("documents/index.md", "文档命名、备份与调阅"),
             ("meetings/index.md", "会议与决议跟踪"), ("glossary/index.md", "术语与缩写")]
    out.append(block(ul([Html('<a href="{}">{}</a>').format(ctx.url_src(p), t) for p, t in pages])))
    return "".join(out)


def _plan_links(ctx, plans, hours: bool = True) -> Markup:
    """Each plan: its 第一周 page (with the week's hours), the self-check, the PDF."""
    from macros.outputs.site.render import pages_onboarding as ob
    from macros.onboarding import plan as op
    parts = []
    for p in plans:
        total = Html("（五天共 {}）").format(op.hours(op.total_minutes(ctx.model, p))) if hours else ""
        parts.append(Html("{}{} · {} · {}").format(
            ctx.to(p), total, Html('<a href="{}">自检题</a>').format(ctx.url_src(ob.self_check_path(p))),
            ob.pdf_link(ctx, p)))
    return Html("<br>").join(parts)


def home_overview(ctx) -> str:
    """What the department does, its principles and goals (home page)."""
    o = _org(ctx)
    model = ctx.model
    out = []
    if o:
        out.append(block(Html('<p class="hb-lead">{}</p>').format(ctx.text(o.get("summary")))))
        if o.get("scope"):
            out.append(block(Html("<p>适用范围：{}</p>").format(ctx.text(o.get("scope")))))
    if model.all("principle"):
        out.append(heading(3, "核心原则", "principles"))
        out.append(block(ul([Html("<strong>{}</strong>：{}").format(ctx.to(p), ctx.text(p.get("summary")))
                             for p in model.all("principle")])))
    if model.all("goal"):
        out.append(heading(3, "部门目标", "goals"))
        out.append(block(listing(ctx, model.all("goal"), [
            ("目标", name_cell(ctx)), ("期限类型", field_cell(ctx, "term")),
            ("时限", field_cell(ctx, "deadline")), ("说明", field_cell(ctx, "summary"))])))
    return "".join(out)
