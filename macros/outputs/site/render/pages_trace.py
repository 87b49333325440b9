"""Traceability: the open questions, and each policy clause with where the
handbook implements it (or why it does not)."""
from __future__ import annotations

from markupsafe import Markup

from macros.core.text import Html
from macros.outputs.site.render.fields import entity_anchor, entity_section, field_cell, listing, name_cell
from macros.outputs.site.render.html import block, heading, joined, link, table
from macros.outputs.site.render.pages_process import kind_label
from macros.check.coverage import ORDER, STATUS_NAMES, UNCOVERED, compute, open_questions
from macros.core import words
from macros.model import basis as b
from macros.outputs.site.render.standing import mark


def questions_page(ctx) -> str:
    """The decision log: open questions first (each with its proposed default
    and what it affects), then the decided and the withdrawn ones with dates."""
    model = ctx.model
    qs = model.all("question")
    groups = {s: [q for q in qs if b.status(q) == s] for s in (b.OPEN, b.DECIDED, b.WITHDRAWN)}
    for s in (b.DECIDED, b.WITHDRAWN):  # newest decision first
        groups[s].sort(key=lambda q: str(b.decision_of(q).get("date", "")), reverse=True)
    out = ["# 待决问题与决定记录\n\n",
           block(Html("<p>制度没有说清、没有规定或前后矛盾的地方。负责人作出决定之前，手册按“建议的默认做法”办理，"
                        "并在用到建议的每个地方标出{}；决定之后改为{}，写明决定人和日期。"
                        "共 {} 个问题：待决 {} 个，已决定 {} 个，已撤回 {} 个。</p>").format(
               mark(ctx, b.Basis(b.PROPOSAL)), mark(ctx, b.Basis(b.DECISION)), len(qs), len(groups[b.OPEN]),
               len(groups[b.DECIDED]), len(groups[b.WITHDRAWN])))]
    if groups[b.OPEN]:
        out.append(heading(2, f"待决（{len(groups[b.OPEN])}）", "open"))
        # Two columns, so the log reads on a phone: who and when go under the question.
        out.append(block(listing(ctx, groups[b.OPEN], [
            ("问题", lambda q: ctx.to(q) + Html('<br><span class="hb-meta-inline">{} 提出 · {}决定</span>').format(
                ctx.text(q.get("raised", "")), ctx.ref("role", q.get("owner")))),
            ("建议的默认做法", field_cell(ctx, "proposed_default"))])))
    for state, title in ((b.DECIDED, "已决定"), (b.WITHDRAWN, "已撤回")):
        if groups[state]:
            out.append(heading(2, f"{title}（{len(groups[state])}）", state))
            out.append(block(listing(ctx, groups[state], [
                ("问题", name_cell(ctx)), ("日期", _decision_cell(ctx, "date")),
                ("决定人", _decision_cell(ctx, "by")), ("决定" if state == b.DECIDED else "撤回理由",
                                                     _decision_cell(ctx, "text"))])))
    out.append(heading(2, "逐条说明", "details"))
    for state in (b.OPEN, b.DECIDED, b.WITHDRAWN):
        for q in groups[state]:
            title = f"{q.name}（{words.QUESTION_STATUS[state]}）"
            out.append(entity_section(ctx, q, 3, extra=_used_by(ctx, q), title=title))
    return "".join(out)


def _decision_cell(ctx, key):
    def cell(q):
        value = b.decision_of(q).get(key)
        if not value:
            return Html("—")
        return ctx.ref("role", value) if key == "by" else ctx.text(value)
    return cell


def _used_by(ctx, q) -> Markup:
    """Where the handbook applies the question's proposal (or decision) today."""
    seen = []
    for owner, _ in ctx.model.referring(q):
        if owner.kind not in ("question", "clause") and owner not in seen:
            seen.append(owner)
    if not seen:
        return Html("")
    word = "按此建议办理的地方" if b.status(q) == b.OPEN else "引用此问题的地方"
    return Html("<p>{}：{}</p>").format(word, joined([ctx.to(e) for e in seen]))


def _citer_link(ctx, citer) -> Markup:
    entity = ctx.model.get(citer.kind, citer.id) if citer.kind != "file" else None
    if entity is not None:
        return ctx.to(entity)
    # A file-level section (risks.yml `register`) is named by its data key:
    # the reader gets the field's Chinese label instead.
    label = ctx.label(citer.name)
    return ctx.text(label if label != citer.name else "数据文件中的规定")


def coverage_page(ctx) -> str:
    """Each clause, its status and where it is implemented; the statuses
    come from macros/check/coverage.py, the same computation `handbook check` uses."""
    model = ctx.model
    cov = compute(model)
    policy = _policy(model)
    leaves = cov.leaves()
    counts = "，".join(f"{STATUS_NAMES[s]} {cov.count(s)} 条" for s in ORDER if cov.count(s) or s != UNCOVERED)
    pending = open_questions(model)
    out = ["# 制度条款对照\n\n",
           block(Html("<p>《{}》的每一条款，以及本手册在哪里落实它。共 {} 条，其中最细一级 {} 条：{}。"
                        "“制度已落实”指条款的内容作为制度写进了数据；“建议”指只有本手册的建议落实它；"
                        "“待决”指条款的内容本身没有定下来。已定下来的（制度已落实、已决定、不在范围内）占最细一级条款的 {}%"
                        "{}。</p>").format(
               ctx.text(policy.get("name", "")), len(cov.clauses), len(leaves), counts, f"{cov.percent:.0f}",
               Html("；还有 {} 个待决问题（见{}），决定之前不算全部落实").format(
                   pending, link(ctx.url_src("questions/index.md"), "待决问题与决定记录")) if pending else ""))]
    if policy.get("text_version") or policy.get("version"):
        out.append(block(Html('<p class="hb-meta">{}</p>').format(ctx.text(_text_version(policy)))))
    if policy.get("note"):
        out.append(block(Html('<p class="hb-note">{}</p>').format(ctx.text(policy.get("note")))))
    out.append(heading(2, "条款覆盖一览", "summary"))
    out.append(block(table(["条款", "标题", "状态", "落实处数"], [
        [ctx.ref("clause", c.id, ctx.text(c.id)), ctx.text(c.heading), ctx.text(STATUS_NAMES.get(c.status, c.status)),
         ctx.text(len(c.covered_by))] for c in cov.clauses])))
    for c in cov.clauses:
        entity = model.get("clause", c.id)
        html = Html("<p>状态：{}</p>").format(ctx.text(STATUS_NAMES.get(c.status, c.status)))
        if c.reason:
            html += Html("<p>不在本部门范围的原因：{}</p>").format(ctx.text(c.reason))
        if c.questions:
            html += Html("<p>待决问题：{}</p>").format(joined([ctx.ref("question", q) for q in c.questions]))
        if c.children:
            html += Html("<p>下级条款：{}</p>").format(joined([ctx.ref("clause", k, ctx.text(k)) for k in c.children]))
        if c.covered_by:
            html += table(["落实在", "类别"], [[_citer_link(ctx, t), ctx.text(kind_label(t.kind))] for t in c.covered_by])
        if c.mentioned_by:
            html += Html("<p>相关术语：{}</p>").format(joined([_citer_link(ctx, t) for t in c.mentioned_by]))
        out.append(heading(2 if not c.parent else 3, f"{c.id} {c.heading}", entity_anchor(entity)))
        out.append(block(html))
    return "".join(out)


def _text_version(policy: dict) -> str:
    """Where the text came from: the web page's upload date is not the
    policy's effective date, and the page says so."""
    parts = [f"原文来源：{policy.get('retrieved_from', '')}".rstrip("：。")]
    if policy.get("page_date"):
        parts.append(f"网页发布日期 {policy['page_date']}（不是制度的生效日期）")
    parts.append(f"生效日期：{policy.get('effective') or '未知'}")
    return "；".join(p for p in parts if p) + "。"


def _policy(model) -> dict:
    for c in model.all("clause"):
        data = c.doc.data
        if isinstance(data, dict) and isinstance(data.get("policy"), dict):
            return data["policy"]
    return {}


def data_version(model) -> str:
    """The policy version the data restates (shown in every page footer)."""
    return str(_policy(model).get("version", ""))
