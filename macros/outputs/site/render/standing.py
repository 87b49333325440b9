"""Marks for what rests on a proposal or a decision, in place and short:

    时限：制度未规定 · 建议：下周一前（待决问题：…）
    决定：总监，2027-01-05（记录：…）

Styled apart from policy text by the hb-basis classes (docs/assets/handbook.css).
The standing itself comes from macros/model/basis.py.
"""
from __future__ import annotations

from markupsafe import Markup

from macros.core.text import Html
from macros.core import words
from macros.model import basis as b
from macros.time.words import deadline_text


def mark(ctx, one: b.Basis, what: Markup | str = "") -> Markup:
    """建议：what（待决问题：name） / 决定：what（总监，2027-01-05）; empty for policy."""
    if one.is_policy:
        return Html("")
    label = words.STANDING[one.kind]
    body = Html("{}：{}").format(label, what) if what else Html(label)
    return Html('<span class="hb-basis hb-basis-{}">{}{}</span>').format(one.kind, body, _why(ctx, one))


def _why(ctx, one: b.Basis) -> Markup:
    if one.kind == b.PROPOSAL:
        return Html("（待决问题：{}）").format(ctx.ref("question", one.question)) if one.question else Html("")
    parts = [ctx.ref("role", one.by) if one.by else None, ctx.text(one.date) if one.date else None]
    parts = [p for p in parts if p]
    if one.question:
        parts.append(Html("见{}").format(ctx.ref("question", one.question)))
    elif one.record:
        parts.append(Html("记录：{}").format(ctx.text(one.record)))
    return Html("（{}）").format(Html("，").join(parts)) if parts else Html("")


def limit_html(ctx, limit) -> Markup:
    """A time limit in words with its standing: the policy's figure, the
    policy's figure read as a question proposes, or a value the policy does
    not give (a proposal or a decision)."""
    if not isinstance(limit, dict):
        return Html("")
    if limit.get("unspecified"):
        own = b.read(ctx.model, limit.get("basis"))
        if own is not None:  # the handbook proposes (or the department decided) to set none
            return Html("{} · {}").format(words.POLICY_SILENT, mark(ctx, own, words.NO_LIMIT))
        q = limit.get("open_question")
        return Html("{}（待决问题：{}）").format(words.POLICY_SILENT, ctx.ref("question", q)) if q \
            else Html(words.POLICY_SILENT)
    text = ctx.text(deadline_text(limit))
    own = b.of_limit(limit, b.PLAIN, ctx.model)
    if b.limit_fills_gap(limit):
        return Html("{} · {}").format(words.POLICY_SILENT, mark(ctx, own, text))
    if own.kind == b.PROPOSAL:  # the policy's figure, its reading proposed
        return Html('{} <span class="hb-basis hb-basis-proposal">口径为建议（待决问题：{}）</span>').format(
            text, ctx.ref("question", own.question))
    return text


def entity_note(ctx, entity) -> Markup:
    """One line under an entity whose own standing is not policy."""
    one = b.of_entity(ctx.model, entity)
    if one.is_policy or not one.own:
        return Html("")
    lead = "制度没有这样规定，本条是本手册的建议" if one.kind == b.PROPOSAL else "本条是部门的决定"
    return Html('<p class="hb-basis-note">{}。{}</p>').format(lead, mark(ctx, one))


def field_mark(ctx, entity, key: str) -> Markup:
    one = b.of_field(ctx.model, entity, key)
    return Html(" ") + mark(ctx, one) if one is not None else Html("")


def process_notice(ctx, process) -> Markup:
    """A process that is mostly proposal opens with a notice."""
    own = b.of_entity(ctx.model, process)
    proposed, total = b.process_share(ctx.model, process)
    if own.kind != b.PROPOSAL and not (total and proposed * 2 > total):
        return Html("")
    if own.kind == b.PROPOSAL:
        count = Html("")
    else:
        count = Html("（{} 步中有 {} 步是建议）").format(total, proposed)
    return Html('<div class="admonition warning hb-basis-notice"><p class="admonition-title">建议，非制度</p>'
                  '<p>{}{} {}</p></div>').format(words.PROPOSAL_NOTICE, count, mark(ctx, own) if not own.is_policy
                                               else Html(""))
