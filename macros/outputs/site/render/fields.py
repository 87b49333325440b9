"""Generic rendering of any entity: a heading, its fields as a table, its
source clauses and review date.

Works from the data and the reference map alone, so a field or a kind added
later is rendered (and its references linked) without new code here.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from macros.core.text import Html
from macros.outputs.site.render.html import block, heading, joined, table, ul
from macros.outputs.site.render.links import anchor_id, target
from macros.core.words import RACI
from macros.model.review import review_of
from macros.outputs.site.render.standing import entity_note, field_mark, limit_html
from macros.time.words import cycle_text, every_text

# Rendered apart (heading, sources, review) or as child entities.
ALWAYS_SKIP = {"id", "name", "source", "review", "basis"}
_ENUMISH = re.compile(r"^[a-z][a-z0-9_-]*$")


def is_deadline(v) -> bool:
    return isinstance(v, dict) and ("unspecified" in v or ("unit" in v and "from" in v))


def is_cycle(v) -> bool:
    return isinstance(v, dict) and "interval" in v and "unit" in v


def value_html(ctx, file: str, path: tuple, value) -> Markup:
    """One field value: references linked, time limits and cycles in words."""
    ref = ctx.ref_at(file, path)
    if ref is not None and isinstance(value, str):
        return ctx.ref(ref[0], ref[1])
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return ctx.text(value)
    if isinstance(value, str):
        key = path[-1] if path and isinstance(path[-1], str) else ""
        return ctx.enum(value, key) if _ENUMISH.fullmatch(value) else ctx.text(value)
    if is_deadline(value):
        return limit_html(ctx, value)
    if is_cycle(value):
        return ctx.text(cycle_text(value))
    if isinstance(value, dict):
        if set(value) == {"count"}:
            return ctx.text(f"{value['count']} 人")
        if value.get("unspecified"):
            q = value.get("open_question")
            return Html("制度未规定（见待决问题 {}）").format(ctx.ref("question", q)) if q \
                else Html("制度未规定")
        if "responsible" in value and "accountable" in value:
            return raci_html(ctx, file, path, value)
        parts = [Html("{}：{}").format(ctx.label(k), value_html(ctx, file, path + (k,), v))
                 for k, v in value.items()]
        return joined(parts, "；")
    if isinstance(value, list):
        items = [value_html(ctx, file, path + (i,), v) for i, v in enumerate(value)]
        if all(not isinstance(v, (dict, list)) for v in value) and len(value) <= 6 \
                and all(len(str(v)) <= 30 and not str(v).endswith(("。", "；", "！", "？")) for v in value):
            return joined(items)
        return ul(items)
    return ctx.text(value)


def raci_html(ctx, file, path, raci) -> Markup:
    parts = []
    for key, (letter, word) in RACI.items():
        if key in raci:
            parts.append(Html("{} {}：{}").format(word, letter, value_html(ctx, file, path + (key,), raci[key])))
    return joined(parts, "；")


def field_rows(ctx, entity, skip=()) -> list:
    rows = []
    for key, value in entity.data.items():
        if key in ALWAYS_SKIP or key in skip:
            continue
        rows.append((ctx.text(ctx.label(key, entity.kind)), value_html(ctx, entity.doc.file, entity.path + (key,), value)
                     + field_mark(ctx, entity, key)))
    return rows


def fields_table(ctx, entity, skip=()) -> Markup:
    rows = field_rows(ctx, entity, skip)
    if not rows:
        return Html("")
    # The colon is for the search index, which reads the cells' text run
    # together ("概要当天办理…"): it keeps labels apart from values in the
    # result snippets; on screen the column already does (CSS hides it).
    body = Html("\n").join(Html('<tr><th scope="row">{}<span class="hb-colon">：</span></th>\n<td>{}</td></tr>')
                              .format(k, v) for k, v in rows)
    return Html('<table class="hb-fields"><tbody>{}</tbody></table>').format(body)


def sources_html(ctx, entity) -> Markup:
    note = entity_note(ctx, entity)
    src = entity.get("source") or []
    if not src:
        return note
    links = [ctx.ref("clause", c, ctx.text(f"{c}")) for c in src]
    return note + Html('<p class="hb-source">制度出处：{}</p>').format(joined(links))


def review_html(ctx, entity) -> Markup:
    review = entity.get("review") or entity.get("review_info")
    if not isinstance(review, dict) or "last_reviewed" not in review:
        return Html("")
    parts = [Html("上次审核：{}").format(ctx.text(review["last_reviewed"]))]
    fresh = review_of(entity.data)
    if fresh is not None:
        parts.append(Html("审核周期：{}").format(ctx.text(every_text(fresh.cycle_months, "month"))))
        parts.append(Html("下次审核：{} 前").format(ctx.text(fresh.due.isoformat())))
    if review.get("reviewer"):
        parts.append(Html("审核人：{}").format(ctx.ref("role", review["reviewer"])))
    return Html('<p class="hb-review">{}</p>').format(joined(parts, " · "))


def entity_anchor(entity) -> str:
    t = target(entity)
    return t.partition("#")[2] or anchor_id(f"{entity.kind}-{entity.id}")


def entity_section(ctx, entity, level: int = 3, skip=(), extra: Markup | str = "", title=None) -> str:
    """Heading + field table + sources + review, as Markdown."""
    html = Html("").join([fields_table(ctx, entity, skip), Html(extra or ""),
                            sources_html(ctx, entity), review_html(ctx, entity)])
    return heading(level, title or entity.name, entity_anchor(entity)) + block(html)


def sources_footer(ctx, entities) -> str:
    """Every clause cited by `entities`, once, as one paragraph."""
    seen = []
    for e in entities:
        for c in e.get("source") or []:
            if c not in seen:
                seen.append(c)
    if not seen:
        return ""
    return block(Html('<p class="hb-source">本页内容的制度出处：{}</p>').format(
        joined([ctx.ref("clause", c, ctx.text(c)) for c in seen])))


def listing(ctx, entities, columns) -> Markup:
    """A table of entities: columns = [(header, fn(entity) -> Markup)]."""
    return table([ctx.text(h) for h, _ in columns], [[fn(e) for _, fn in columns] for e in entities])


def name_cell(ctx):
    return lambda e: ctx.to(e)


def field_cell(ctx, keys: str):
    """A column showing the first present of "a|b" (a field renamed in the
    schema keeps its column)."""
    names = keys.split("|")

    def cell(e):
        for key in names:
            if e.get(key) is not None:
                return value_html(ctx, e.doc.file, e.path + (key,), e.get(key))
        return Html("—")
    return cell
