"""The permission matrix (role × action) and the RACI matrix (role × step)."""
from __future__ import annotations

from macros.core.text import Html
from macros.core.words import RACI_LETTER
from macros.model import queries as q
from macros.outputs.site.render.fields import entity_section, review_html, sources_footer
from macros.outputs.site.render.html import block, heading, table



def _role_head(ctx, roles):
    return [Html("")] + [ctx.to(r) for r in roles]


def permissions_page(ctx) -> str:
    model = ctx.model
    roles = q.sort_roles([r for r in model.all("role") if r.get("permission")])
    out = ["# 权限与授权\n\n",
           block(Html("<p>部门实行三级权限：级别高的角色也可以做级别低的操作；标明“仅限”的操作只有指定角色可以做。</p>"))]
    out.append(heading(2, "权限矩阵（角色 × 操作）", "permission-matrix"))
    rows = []
    for a in sorted(model.all("action"), key=lambda a: (q.level_rank(model, a.get("level")), a.id)):
        level = model.get("permission", a.get("level"))
        cells = [Html('<span class="hb-yes" title="可以">✓</span>') if q.may(model, r, a)
                 else Html('<span class="hb-no" title="不可以">—</span>') for r in roles]
        rows.append([Html("{}<br>（需{}）").format(ctx.to(a), ctx.to(level) if level else "")] + cells)
    out.append(block(table([Html("操作（所需级别）")] + [ctx.to(r) for r in roles], rows, "hb-matrix")))
    out.append(heading(2, "权限级别", "levels"))
    for level in sorted(model.all("permission"), key=lambda e: e.get("rank", 0)):
        holders = [r for r in model.all("role") if r.get("permission") == level.id]
        extra = Html("<p>持有此级别的角色：{}</p>").format(
            Html("、").join(ctx.to(r) for r in holders)) if holders else ""
        out.append(entity_section(ctx, level, 3, extra=extra))
    out.append(heading(2, "操作说明", "actions"))
    for a in model.all("action"):
        out.append(entity_section(ctx, a, 3))
    perm_docs = {e.doc.file for e in model.all("permission")}
    for file in sorted(perm_docs):
        doc = model.doc(file)
        review = doc.data.get("review") if isinstance(doc.data, dict) else None
        if isinstance(review, dict):
            from macros.outputs.site.render.fields import value_html
            out.append(heading(2, "授权范围复核", "scope-review"))
            rows = [(ctx.text(ctx.label(k)), value_html(ctx, file, ("review", k), v))
                    for k, v in review.items() if k != "source"]
            out.append(block(table(["项目", "内容"], rows)))
    return "".join(out) + sources_footer(ctx, model.all("permission") + model.all("action"))


def raci_page(ctx) -> str:
    model = ctx.model
    roles = q.roles_in_raci(model)
    out = ["# RACI 职责矩阵\n\n",
           block(Html("<p>每个流程的每一步由谁执行（R）、谁批准并负责（A，每步恰好一个）、"
                        "需要咨询谁（C）、需要知会谁（I）。</p>"))]
    for p in q.ordered_processes(model):
        rows = []
        for row in q.process_steps(model, p):
            name = ctx.to(row.entity, ctx.text(row.step.get("name")))
            if row.path_name:
                name = Html("{}<br>（{}）").format(ctx.text(row.step.get("name")), ctx.to(row.entity))
            cells = []
            by_role = q.letters_by_role(row.step.get("raci") or {})
            for r in roles:
                lt = by_role.get(r.id, "")
                # "R/A", not "RA": two letters, each with its meaning on hover.
                cells.append(Html('<abbr title="{}">{}</abbr>').format(
                    "、".join(RACI_LETTER[c] for c in lt), "/".join(lt)) if lt else Html(""))
            rows.append([name] + cells)
        used = [i for i, r in enumerate(roles) if any(row[i + 1] for row in rows)]
        heads = [Html("步骤")] + [ctx.to(roles[i]) for i in used]
        rows = [[row[0]] + [row[i + 1] for i in used] for row in rows]
        out.append(heading(2, f"{p.name}的 RACI", f"raci-{p.id}"))
        out.append(block(Html("<p>流程：{}</p>").format(ctx.to(p)) + table(heads, rows, "hb-matrix")))
    return "".join(out)
