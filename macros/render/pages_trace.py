"""Traceability: the open questions, and each policy clause with where the
handbook implements it (or why it does not)."""
from __future__ import annotations

from markupsafe import Markup

from .fields import entity_anchor, entity_section, field_cell, listing, name_cell
from .html import block, heading, joined, table
from .pages_process import _kind_label


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


def coverage(model) -> list[tuple]:
    """[(clause, status, [(entity, field)])]: status is 'covered', 'children',
    'out_of_scope', 'open' or 'uncovered'."""
    clauses = model.all("clause")
    direct = {}
    for c in clauses:
        users = []
        for owner, path in model.referring(c):
            key = next((k for k in reversed(path) if isinstance(k, str)), "")
            if owner.kind != "clause" and (owner, key) not in users:
                users.append((owner, key))
        direct[c.id] = users
    out = []
    for c in clauses:
        kids = [k for k in clauses if k.id.startswith(c.id + ".") and direct[k.id]]
        if c.get("out_of_scope"):
            status = "out_of_scope"
        elif c.get("open_question"):
            status = "open"
        elif direct[c.id]:
            status = "covered"
        elif kids:
            status = "children"
        else:
            status = "uncovered"
        out.append((c, status, direct[c.id]))
    return out


STATUS = {"covered": "已落实", "children": "由下级条款落实", "out_of_scope": "不在本部门范围",
          "open": "待决", "uncovered": "未覆盖"}


def coverage_page(ctx) -> str:
    model = ctx.model
    rows = coverage(model)
    done = sum(1 for _, s, _ in rows if s != "uncovered")
    policy = _policy(model)
    out = ["# 制度条款对照\n\n",
           block(Markup("<p>《{}》（版本 {}）的每一条款，以及本手册在哪里落实它。覆盖率：{} / {} 条。</p>").format(
               ctx.text(policy.get("name", "")), ctx.text(policy.get("version", "")), done, len(rows)))]
    if policy.get("note"):
        out.append(block(Markup('<p class="hb-note">{}</p>').format(ctx.text(policy.get("note")))))
    out.append(heading(2, "条款覆盖一览", "summary"))
    out.append(block(table(["条款", "标题", "状态", "落实处数"], [
        [ctx.to(c, ctx.text(c.id)), ctx.text(c.get("heading")), ctx.text(STATUS[s]), ctx.text(len(users))]
        for c, s, users in rows])))
    for c, status, users in rows:
        html = Markup("<p>状态：{}</p>").format(ctx.text(STATUS[status]))
        if status == "out_of_scope":
            html += Markup("<p>原因：{}</p>").format(ctx.text(c.get("out_of_scope")))
        if status == "open":
            html += Markup("<p>见待决问题：{}</p>").format(ctx.ref("question", c.get("open_question")))
        if users:
            html += table(["落实在", "类别", "字段"], [
                [ctx.to(e), ctx.text(_kind_label(e.kind)), ctx.text(ctx.label(k))] for e, k in users])
        out.append(heading(2, f"{c.id} {c.get('heading')}", entity_anchor(c)))
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
