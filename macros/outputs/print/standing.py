"""Proposals and decisions in print, worded as on the site
(macros/outputs/site/render/standing.py) but in plain text: a printed page
cannot link, so the open question is named in full.

    时限：制度未规定 · 建议：下周一前（待决问题：哪些是重要文档、何时归档）
"""
from __future__ import annotations

from macros.core import words
from macros.model import basis as b
from macros.time.words import deadline_text as limit_words


def question_name(model, qid: str) -> str:
    q = model.get("question", qid) if qid else None
    return q.name if q is not None else qid


def mark(model, one: b.Basis, what: str = "") -> str:
    """建议：what（待决问题：…） / 决定：what（总监，2027-01-05）; '' for policy."""
    if one.is_policy:
        return ""
    head = f"{words.STANDING[one.kind]}：{what}" if what else words.STANDING[one.kind]
    if one.kind == b.PROPOSAL:
        return f"{head}（待决问题：{question_name(model, one.question)}）" if one.question else head
    who = model.get("role", one.by).name if one.by and model.get("role", one.by) else one.by
    parts = [p for p in (who, one.date) if p]
    if one.record and not one.question:
        parts.append(f"记录：{one.record}")
    return f"{head}（{'，'.join(parts)}）" if parts else head


def limit_text(model, limit) -> str:
    if not isinstance(limit, dict):
        return ""
    own = b.read(model, limit.get("basis"))
    if limit.get("unspecified"):
        if own is not None:
            return f"{words.POLICY_SILENT} · {mark(model, own, words.NO_LIMIT)}"
        q = limit.get("open_question")
        return f"{words.POLICY_SILENT}（待决问题：{question_name(model, q)}）" if q else words.POLICY_SILENT
    text = limit_words(limit)
    if own is not None:
        return f"{words.POLICY_SILENT} · {mark(model, own, text)}"
    if limit.get("open_question"):
        return f"{text}（口径为建议，待决问题：{question_name(model, limit['open_question'])}）"
    return text


def marks(model, one: b.Basis, fields: dict, labels: dict) -> str:
    """One line for a printed item: its own standing, then the fields whose
    standing differs ("职责分工为建议（待决问题：…）")."""
    out = []
    if not one.is_policy:
        out.append(mark(model, one))
    for key, f in fields.items():
        out.append(f"{labels.get(key, key)}为{mark(model, f)}")
    return "；".join(out)


def process_notice(model, process) -> str:
    """The print form of the site's notice for a process that is mostly proposal."""
    own = b.of_entity(model, process)
    proposed, total = b.process_share(model, process)
    if own.kind != b.PROPOSAL and not (total and proposed * 2 > total):
        return ""
    count = "" if own.kind == b.PROPOSAL else f"（{total} 步中有 {proposed} 步是建议）"
    tail = f" {mark(model, own)}" if not own.is_policy else ""
    return words.PROPOSAL_NOTICE + count + tail
