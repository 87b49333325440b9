"""Self-check questions generated from the data, per role.

Each question is asked about something the role's first week covers (see
coverage.duties) or must know (who may see which files), and carries its
answer and the entity whose page holds the answer. Nothing is typed by hand:
change an approver or a time limit in the data and the question's answer
changes with it.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.model.queries import process_steps
from macros.time.words import cycle_text, deadline_text
from macros.onboarding.duties import duties

MIN_QUESTIONS = 10


@dataclass(frozen=True)
class Question:
    topic: str  # group heading on the page
    text: str
    answer: str
    entity: object  # where the answer is: its page is linked


def _names(model, value) -> str:
    ids = value if isinstance(value, list) else [value] if value else []
    return "、".join(model.get("role", i).name if model.get("role", i) else i for i in ids)


def _limit(deadline) -> str:
    return deadline_text(deadline) if isinstance(deadline, dict) and not deadline.get("unspecified") else ""


def _step_questions(model, duty):
    process = model.get("process", duty.process)
    if duty.entity.kind == "process":
        yield Question("流程", f"「{process.name}」流程由谁负责（流程负责人）？", _names(model, process.get("owner")), process)
        return
    rows = [r for r in process_steps(model, process) if r.entity is duty.entity]
    for n, row in enumerate(rows):
        step = row.step
        where = f"「{process.name}」的「{step['name']}」"
        raci = step["raci"]
        yield Question("流程", f"{where}由谁批准（A，负责）？", _names(model, raci["accountable"]), duty.entity)
        if _limit(step.get("deadline")):
            yield Question("时限", f"{where}的时限是多少？", _limit(step.get("deadline")), duty.entity)
        same = [r for r in process_steps(model, process) if r.path_name == row.path_name]
        i = next(k for k, r in enumerate(same) if r.step is step)
        if i + 1 < len(same):
            nxt = same[i + 1].step
            gate = "关卡" if step.get("gate") and nxt.get("gate") else "步骤"
            yield Question("流程", f"{where}之后是哪一道{gate}？", f"「{nxt['name']}」", duty.entity)


def _entity_questions(model, role, e):
    d = e.data
    if e.kind == "permission":
        yield Question("权限", f"{role.name}持有什么权限级别？", e.name, e)
    elif e.kind == "action":
        level = model.get("permission", d.get("level", ""))
        if d.get("only"):
            yield Question("权限", f"谁可以「{e.name}」？", f"只有{_names(model, d['only'])}", e)
        elif level is not None:
            yield Question("权限", f"「{e.name}」至少需要什么权限级别？", level.name, e)
    elif e.kind == "meeting":
        yield Question("会议", f"「{e.name}」由谁主持？", _names(model, d.get("chairs")), e)
        yield Question("会议", f"「{e.name}」多久开一次？", cycle_text(d.get("cycle")), e)
    elif e.kind == "report":
        yield Question("报告", f"「{e.name}」什么时候交？", _limit(d.get("deadline")) or cycle_text(d.get("cycle")), e)
        yield Question("报告", f"「{e.name}」交给谁？", _names(model, d.get("submitted_to")), e)
    elif e.kind == "decision-rule":
        if _limit(d.get("deadline")):
            yield Question("会议", f"「{e.name}」的时限是多少？", _limit(d.get("deadline")), e)
        if d.get("approver"):
            yield Question("会议", f"「{e.name}」由谁批准？", _names(model, d.get("approver")), e)
    elif e.kind in ("drill", "audit", "compliance", "assessment", "kpi") and d.get("cycle"):
        yield Question("周期事务", f"「{e.name}」多久一次？", cycle_text(d.get("cycle")), e)
        if isinstance(d.get("rectification"), dict):
            yield Question("时限", f"「{e.name}」发现的问题要在多长时间内整改？", _limit(d.get("rectification")), e)


def questions(model, role) -> list[Question]:
    out, seen = [], set()

    def add(q):
        if q.answer and q.text not in seen:
            seen.add(q.text)
            out.append(q)

    for duty in duties(model, role):
        gen = _step_questions(model, duty) if duty.process else _entity_questions(model, role, duty.entity)
        for q in gen:
            add(q)
    # Who may see what: every new hire must know where the limits are.
    for access in model.all("access-class"):
        add(Question("权限", f"谁可以调阅「{access.name}」？", _names(model, access.get("readers")), access))
    order = {t: i for i, t in enumerate(("流程", "时限", "权限", "会议", "报告", "周期事务"))}
    return sorted(out, key=lambda q: order.get(q.topic, 99))
