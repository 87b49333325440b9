"""Processes: the overview and one page per process (diagram, step table,
step details, alternative paths, checklist, sources)."""
from __future__ import annotations

from macros.core import words

from markupsafe import Markup

from macros.core.text import Html
from macros.model import queries as q
from macros.core.words import value as value_words
from macros.outputs.site.render.fields import (
    entity_anchor,
    fields_table,
    review_html,
    sources_html,
    value_html,
)
from macros.outputs.site.render.html import block, heading, joined, link, table, ul
from macros.outputs.site.render.links import NOT_SHOWN
from macros.outputs.site.render.svg import flow
from macros.outputs.site.render.standing import limit_html, mark, process_notice
from macros.model import basis as b
from macros.time.words import deadline_text


def category_label(cat) -> str:
    return value_words(cat) or "其他流程"


def processes_index(ctx) -> str:
    model = ctx.model
    out = ["# 流程总览\n\n",
           block(Html("<p>每个流程一页：流程图、每一步由谁执行、谁批准、需要什么权限、留下什么记录、时限多长。</p>"))]
    groups: dict = {}
    for p in q.ordered_processes(model):
        groups.setdefault(p.get("category") or "", []).append(p)
    for cat in groups:  # ordered_processes already runs category by category, in the declared order
        out.append(heading(2, category_label(cat), f"category-{cat or 'other'}"))
        rows = [[ctx.to(p), value_html(ctx, p.doc.file, ("owner",), p.get("owner")),
                 ctx.text(len(model.children(p, "step"))), ctx.text(p.get("summary"))] for p in groups[cat]]
        out.append(block(table(["流程", "负责人", "步骤数", "概要"], rows)))
    return "".join(out)


def _owner(ctx, step: dict) -> str:
    """Every role responsible for the step, grouped where a whole rank shares it."""
    return "、".join(q.role_group_names(ctx.model, (step.get("raci") or {}).get("responsible") or []))


def diagram(ctx, process) -> Markup:
    model = ctx.model
    steps = []
    for s in model.children(process, "step"):
        d = s.data
        sub = " · ".join(x for x in (_owner(ctx, d), _limit_words(d.get("deadline"))) if x)
        steps.append({"key": s.local_id, "title": s.name, "sub": sub, "href": ctx.url(s),
                      "gate": bool(d.get("gate")), "after": d.get("after") or [],
                      "returns": [{"to": r["back_to"].rsplit(".", 1)[-1], "when": r["when"]}
                                  for r in d.get("returns") or []]})
    paths = []
    for p in model.children(process, "path"):
        paths.append({"key": p.local_id, "title": p.name, "href": ctx.url(p),
                      "replaces": [r.rsplit(".", 1)[-1] for r in p.get("replaces") or []],
                      "steps": [{"title": s.get("name"), "sub": " · ".join(
                          x for x in (_owner(ctx, s), _limit_words(s.get("deadline"))) if x)}
                          for s in p.get("steps") or []]})
    return flow(f"{process.name}流程图", steps, paths, mid=f"arrow-{process.id}")


def _limit_words(limit) -> str:
    """A limit in the diagram's few words, with 建议/决定 where the handbook
    or the department, not the policy, set it."""
    text = deadline_text(limit)
    if text and b.limit_fills_gap(limit) and not limit.get("unspecified"):
        text += f"（{words.STANDING[b.of_limit(limit).kind]}）"
    return text


def _step_cells(ctx, file, path, step) -> list:
    raci = step.get("raci") or {}
    rec = step.get("record") or {}
    return [
        value_html(ctx, file, path + ("raci", "responsible"), raci.get("responsible") or []),
        value_html(ctx, file, path + ("raci", "accountable"), raci.get("accountable")),
        value_html(ctx, file, path + ("permission",), step.get("permission")),
        Html("{}（{}）").format(ctx.text(rec.get("name")), ctx.enum(rec.get("kind"), "kind")) if rec else Html("—"),
        limit_html(ctx, step.get("deadline")),
    ]


HEADERS = ["#", "步骤", "执行人 R", "批准人 A", "所需权限", "留存记录", "时限"]


def process_page(ctx, process) -> str:
    model = ctx.model
    steps = model.children(process, "step")
    out = [f"# {_esc_title(process.name)}流程\n\n",
           block(Html('<p class="hb-lead">{}</p>').format(ctx.text(process.get("summary"))))]
    now = immediate_box(ctx, process)
    if now:
        out.append(block(now))
    notice = process_notice(ctx, process)
    if notice:
        out.append(block(notice))
    out.append(heading(2, "概要", "overview"))
    # `order` places the process in the navigation; as a number it tells a reader nothing
    out.append(block(fields_table(ctx, process, skip={"steps", "paths", "summary"} | words.PLACEMENT_FIELDS)))
    out.append(heading(2, "流程图", "diagram"))
    # The legend explains only what this chart has.
    legend = (["◆ 标记的是关卡：未通过不得进入下一步。"] if any(s.get("gate") for s in steps) else []) \
        + (["虚线框是例外路径。"] if model.children(process, "path") else []) \
        + (["左侧的虚线箭头是退回重做。"] if any(s.get("returns") for s in steps) else []) + ["点击方框查看该步详情。"]
    out.append(block(Html("<p>{}</p>").format("".join(legend)) + diagram(ctx, process)))
    out.append(heading(2, "步骤一览", "steps"))
    rows = []
    for i, s in enumerate(steps, 1):
        name = ctx.to(s) + (Html(" ◆") if s.get("gate") else Html("")) + _step_mark(ctx, b.of_entity(model, s))
        rows.append([ctx.text(i), name] + _step_cells(ctx, s.doc.file, s.path, s.data))
    out.append(block(table(HEADERS, rows, "hb-steps")))
    out.append(heading(2, "步骤详解", "step-details"))
    for i, s in enumerate(steps, 1):
        out.append(heading(3, f"第 {i} 步：{s.name}" + ("（关卡）" if s.get("gate") else ""), entity_anchor(s)))
        out.append(block(fields_table(ctx, s) + sources_html(ctx, s)))
    for p in model.children(process, "path"):
        out.append(heading(2, p.name, entity_anchor(p)))
        replaced = joined([ctx.ref("step", r if "." in r else f"{process.id}.{r}") for r in p.get("replaces") or []])
        html = Html("<p>适用条件：{}</p><p>代替常规步骤：{}</p>").format(ctx.text(p.get("condition")), replaced)
        prow = [[ctx.text(i), ctx.text(s.get("name")) + _step_mark(ctx, b.read(model, s.get("basis")) or b.PLAIN)]
                + _step_cells(ctx, p.doc.file, p.path + ("steps", i - 1), s)
                for i, s in enumerate(p.get("steps") or [], 1)]
        out.append(block(html + table(HEADERS, prow, "hb-steps") + sources_html(ctx, p)))
    checklists = q.checklists_for(model, process.id)
    out.append(heading(2, "检查单与相关内容", "related"))
    items = [link(ctx.url_src(f"print/{c.id}.pdf"), Html("打印检查单：{}（PDF）").format(ctx.text(c.name)))
             for c in checklists]
    for r in process.get("related") or []:
        items.append(Html("相关流程：{}").format(ctx.ref("process", r)))
    for owner, _ in model.referring(process):
        if owner.kind not in ("process", "step", "path", "checklist", *NOT_SHOWN):
            items.append(Html("{}：{}").format(ctx.text(kind_label(owner.kind)), ctx.to(owner)))
    if not items:
        items.append(Html("本流程暂无单独的检查单。"))
    out.append(block(ul(list(dict.fromkeys(items)))))
    out.append(block(sources_html(ctx, process) + review_html(ctx, process)))
    return "".join(out)


def immediate_box(ctx, process) -> Markup:
    """An emergency process opens with what to do right now: its steps marked
    `immediate`, each with who does it and by when, before anything else."""
    steps = [s for s in ctx.model.children(process, "step") if s.get("immediate")]
    if not steps:
        return Html("")
    items = []
    for s in steps:
        who = ctx.text(_owner(ctx, s.data))
        limit = deadline_text(s.get("deadline")) if not (s.get("deadline") or {}).get("unspecified") else ""
        items.append(Html("<li><strong>{}</strong>：{}<br><small>谁做：{}{}</small></li>").format(
            ctx.to(s), ctx.text(s.get("description")), who,
            Html("；时限：{}").format(limit) if limit else Html("")))
    return Html('<div class="admonition danger hb-now"><p class="admonition-title">立即做</p>'
                  "<ol>{}</ol><p>然后按下面的步骤补齐审批和记录。</p></div>").format(Html("").join(items))


def _step_mark(ctx, one) -> Markup:
    """A step's own standing, after its name (a step of a proposed process
    is covered by the notice at the top, not marked on every row)."""
    return Html(" ") + mark(ctx, one) if not one.is_policy and one.own else Html("")


def _esc_title(name: str) -> str:
    from macros.outputs.site.render.html import md_inline
    return md_inline(name)


def kind_label(kind: str) -> str:
    return words.kind(kind)
