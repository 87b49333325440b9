"""Role pages, written by what the person does (issue 18, item 4).

A role page answers, in this order: what I carry out (R), what I approve (A),
where I am asked (C) or told (I), what comes round on a cycle and when next,
what I may do in the system, and only then the post's particulars. Each fact
appears once: a step under the letter it gives this role, a process once per
letter with its steps beside it, an entity that names the role in several
fields once with those fields joined.
"""
from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from macros.core.text import Html
from macros.core.words import ROLE_DOING, ROLE_IN
from macros.model import queries as q
from macros.outputs.site.render.fields import fields_table, review_html, sources_html
from macros.outputs.site.render.html import block, heading, joined, md_inline, table, ul
from macros.outputs.site.render.links import NOT_SHOWN
from macros.time.words import cycle_text, deadline_text

# Fields shown in a section of their own, or internal bookkeeping (a rank number).
_SKIP_FIELDS = {"summary", "duties", "rank", "permission", "kind"}
# Kinds a role page shows in its own sections.
_SHOWN_APART = {"step", "process", "path", "role", "onboarding"}


def role_page(ctx, role) -> str:
    model = ctx.model
    title = role.name if role.get("kind") != "external" else f"{role.name}（部门外）"
    out = [f"# {md_inline(title)}\n\n",
           block(Html("<p>{}</p>").format(ctx.text(role.get("summary"))))]
    if role.get("duties"):
        # "总监的职责", not "岗位职责": jieba keeps 岗位职责 whole, and search
        # matches a question like 总监 职责 only within one section.
        out.append(heading(2, f"{role.name}的职责", "duties"))
        out.append(block(ul([ctx.text(d) for d in role.get("duties")])))
    steps = q.role_steps(model, role.id)
    for letter in "RACI":
        mine = [row for row, lt in steps if letter in lt]
        if mine:
            title, note = ROLE_DOING[letter]
            out.append(heading(2, f"{title}（{letter}）", f"raci-{letter.lower()}"))
            out.append(block(Html("<p>{}</p>").format(note) + _by_process(ctx, mine)))
    duties = recurring(ctx, role)
    if duties:
        out.append(heading(2, "周期性工作", "recurring"))
        out.append(block(duties))
    if role.get("permission"):
        out.append(heading(2, "系统权限", "permissions"))
        out.append(block(_permissions(ctx, role)))
    others, count, kinds = _other_mentions(ctx, role)
    if others:
        # Folded: the list is long for the 总监 and rarely what one came for.
        out.append(heading(2, "其他与本岗位有关的规定", "other-duties"))
        out.append(block(Html('<details class="note"><summary>展开 {} 项：{}</summary>{}</details>')
                         .format(count, "、".join(kinds[:4]) + ("等" if len(kinds) > 4 else ""), others)))
    out.append(heading(2, "岗位信息", "basics"))
    info = fields_table(ctx, role, skip=_SKIP_FIELDS)
    reports = q.direct_reports(model, role.id)
    if reports:
        info += Html("<p>直接下属：{}</p>").format(joined([ctx.to(r) for r in reports]))
    out.append(block(info))
    plans = q.onboarding_for(model, role.id)
    if plans:
        from macros.outputs.site.render.pages_org import _plan_links
        out.append(heading(2, "入职第一周", "onboarding"))
        out.append(block(_plan_links(ctx, plans, hours=False)))
    out.append(block(sources_html(ctx, role) + review_html(ctx, role)))
    return "".join(out)


def _by_process(ctx, rows) -> Markup:
    """One row per process (business order), its steps with their time limits."""
    order = q.process_rank(ctx.model)
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.process.id, (row.process, []))[1].append(row)
    lines = []
    for pid in sorted(groups, key=lambda i: order.get(i, len(order))):
        process, mine = groups[pid]
        items = []
        for row in mine:
            name = ctx.to(row.entity, ctx.text(row.step.get("name"))) if not row.path_name else \
                Html("{}（{}）").format(ctx.text(row.step.get("name")), ctx.to(row.entity))
            limit = deadline_text(row.step.get("deadline"))
            items.append(name + (Html('<span class="hb-meta-inline">：{}</span>').format(limit) if limit else ""))
        # Steps run on in one paragraph: the table fills the column instead of
        # growing a line per step (the 总监's page was 11,700 px tall).
        lines.append([ctx.to(process), Html("；").join(items)])
    return table(["流程", "步骤与时限"], lines, "hb-grid")


def recurring(ctx, role) -> Markup:
    """The role's recurring work (the same obligations as its calendar feed),
    with the next date on or after the data date."""
    from macros.outputs.calendar import feeds
    from macros.time import stamp
    obs, _ = ctx.model.view(feeds.model_obligations)
    everyone = role.get("kind") == "internal"
    mine = [o for o in obs if role.id in o.roles or (not o.roles and everyone)]
    if not mine:
        return Html("")
    today, until = stamp.data_date(ctx.model), stamp.horizon(ctx.model)
    nexts = {o.uid: next_date(o.series, today, until) for o in mine}
    rows = []
    for o in sorted(mine, key=lambda o: (nexts[o.uid] or dt.date.max, o.name)):
        nxt = nexts[o.uid]
        # The cycle in words, without the feed's note on holiday corrections.
        rows.append([ctx.text(o.summary), ctx.text(cycle_text(o.cycle)),
                     ctx.text(f"{nxt:%Y-%m-%d}" if nxt else "—")])
    return Html("<p>下次日期从手册数据日期 {} 起算；订阅日历后会自动更新。</p>").format(
        f"{today:%Y-%m-%d}") + table(["事项", "周期", "下次"], rows, "hb-grid")


def next_date(series, today: dt.date, until: dt.date) -> dt.date | None:
    """The first occurrence on or after `today` (through `until`), with the
    holiday corrections: the feed's own dates (calendar/feeds.occurrences)."""
    from macros.outputs.calendar.feeds import occurrences
    return next((d for d in occurrences(series, until) if d >= today), None)


def _permissions(ctx, role) -> Markup:
    level = ctx.model.get("permission", role.get("permission"))
    html = Html("<p>权限级别：{}。{}</p>").format(
        ctx.to(level) if level else "", ctx.text(level.get("summary") if level else ""))
    actions = q.allowed_actions(ctx.model, role)
    if actions:
        html += Html("<p>可以办理：{}</p>").format(joined([ctx.to(a) for a in actions]))
    return html


def _other_mentions(ctx, role) -> tuple[Markup, int, list]:
    """Everything else that names the role: one row per kind of thing and
    part the role plays in it (检查单 · 使用 · …), each entity once."""
    from macros.core.words import kind as kind_word
    rows: dict = {}
    for owner, path in ctx.model.referring(role):
        if owner.kind in NOT_SHOWN:
            continue
        if owner.kind in _SHOWN_APART and not (owner.kind == "process" and path[-1:] == ("owner",)):
            continue
        key = next((k for k in reversed(path) if isinstance(k, str)), "")
        as_what = ROLE_IN.get(key) or ctx.label(key)
        entry = rows.setdefault((owner.kind, as_what if as_what != key else "相关"), [])
        if owner not in entry:
            entry.append(owner)
    lines = [[ctx.text(kind_word(k)), ctx.text(what), joined([ctx.to(e) for e in owners])]
             for (k, what), owners in rows.items()]
    count = len({(k, e.id) for (k, _), owners in rows.items() for e in owners})
    kinds = list(dict.fromkeys(kind_word(k) for k, _ in rows))
    return (table(["类别", "本岗位是", "事项"], lines, "hb-grid"), count, kinds) if lines else (Html(""), 0, [])


def roles_index(ctx) -> str:
    """/roles/: the department's posts, then the outside parties."""
    roles = q.sort_roles(ctx.model.all("role"))
    inside = [r for r in roles if r.get("kind") in ("internal", "temporary")]
    outside = [r for r in roles if r not in inside]
    out = ["# 岗位与相关方\n\n",
           block(Html("<p>每个岗位一页：负责执行、批准的步骤，需要征求意见或知会的事项，周期性工作和系统权限。</p>"))]
    if inside:
        out.append(heading(2, "部门内岗位", "internal"))
        out.append(block(table(["岗位", "做什么"], [[ctx.to(r), ctx.text(r.get("summary"))] for r in inside],
                               "hb-grid")))
    if outside:
        out.append(heading(2, "部门外相关方", "external"))
        out.append(block(table(["相关方", "与本部门的关系"],
                               [[ctx.to(r), ctx.text(r.get("summary"))] for r in outside], "hb-grid")))
    return "".join(out)

