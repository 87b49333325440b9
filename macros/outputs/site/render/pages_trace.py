"""Traceability: the open questions, and each policy clause with where the
handbook implements it (or why it does not)."""
from __future__ import annotations

from markupsafe import Markup

from macros.outputs.site.render.fields import entity_anchor, entity_section, field_cell, listing, name_cell
from macros.outputs.site.render.html import block, heading, joined, table
from macros.outputs.site.render.pages_process import kind_label
from macros.check.coverage import STATUS_NAMES, compute


def questions_page(ctx) -> str:
    qs = ctx.model.all("question")
    open_qs = [q for q in qs if q.get("status", "open") == "open"]
    out = ["# 待决问题\n\n",
           block(Markup("<p>制度没有说清、没有规定或前后矛盾的地方。在负责人作出决定之前，手册按“建议的默认做法”执行。"
                        "目前共 {} 个问题，其中 {} 个待决。</p>").format(len(qs), len(open_qs)))]
    out.append(block(listing(ctx, qs, [("问题", name_cell(ctx)), ("负责决定", field_cell(ctx, "owner")),
                                       ("建议的默认做法", field_cell(ctx, "proposed_default"))])))
    for q in qs:
        out.append(entity_section(ctx, q, 2))
    return "".join(out)


def _citer_link(ctx, citer) -> Markup:
    entity = ctx.model.get(citer.kind, citer.id) if citer.kind != "file" else None
    return ctx.to(entity) if entity is not None else ctx.text(citer.name)


def coverage_page(ctx) -> str:
    """Each clause, its status and where it is implemented; the statuses
    come from macros/check/coverage.py, the same computation `handbook check` uses."""
    model = ctx.model
    cov = compute(model)
    policy = _policy(model)
    leaves = cov.leaves()
    resolved = sum(1 for c in cov.clauses if c.resolved)
    out = ["# 制度条款对照\n\n",
           block(Markup("<p>《{}》（版本 {}）的每一条款，以及本手册在哪里落实它。"
                        "共 {} 条（其中 {} 条为最细一级），已落实、不在范围内或待决的共 {} 条（{}%）。</p>").format(
               ctx.text(policy.get("name", "")), ctx.text(policy.get("version", "")), len(cov.clauses), len(leaves),
               resolved, f"{cov.percent:.0f}"))]
    if policy.get("note"):
        out.append(block(Markup('<p class="hb-note">{}</p>').format(ctx.text(policy.get("note")))))
    out.append(heading(2, "条款覆盖一览", "summary"))
    out.append(block(table(["条款", "标题", "状态", "落实处数"], [
        [ctx.ref("clause", c.id, ctx.text(c.id)), ctx.text(c.heading), ctx.text(STATUS_NAMES.get(c.status, c.status)),
         ctx.text(len(c.covered_by))] for c in cov.clauses])))
    for c in cov.clauses:
        entity = model.get("clause", c.id)
        html = Markup("<p>状态：{}</p>").format(ctx.text(STATUS_NAMES.get(c.status, c.status)))
        if c.reason:
            html += Markup("<p>不在本部门范围的原因：{}</p>").format(ctx.text(c.reason))
        if c.questions:
            html += Markup("<p>待决问题：{}</p>").format(joined([ctx.ref("question", q) for q in c.questions]))
        if c.children:
            html += Markup("<p>下级条款：{}</p>").format(joined([ctx.ref("clause", k, ctx.text(k)) for k in c.children]))
        if c.covered_by:
            html += table(["落实在", "类别"], [[_citer_link(ctx, t), ctx.text(kind_label(t.kind))] for t in c.covered_by])
        if c.mentioned_by:
            html += Markup("<p>相关术语：{}</p>").format(joined([_citer_link(ctx, t) for t in c.mentioned_by]))
        out.append(heading(2 if not c.parent else 3, f"{c.id} {c.heading}", entity_anchor(entity)))
        out.append(block(html))
    return "".join(out)


def _policy(model) -> dict:
    for c in model.all("clause"):
        data = c.doc.data
        if isinstance(data, dict) and isinstance(data.get("policy"), dict):
            return data["policy"]
    return {}


def data_version(model) -> str:
    """The policy version the data restates (shown in every page footer)."""
    return str(_policy(model).get("version", ""))
