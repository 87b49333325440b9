"""What a role must have met by the end of its first week, and whether a plan
covers it.

A role must cover (issue 6):
- every process step (or alternative path) where it is responsible (R) or
  accountable (A), and every process it owns;
- its permission level and every action that level allows it;
- every recurring duty it takes part in: meetings it chairs, attends or is
  invited to, reports it submits, drills, audits, trainings and other cyclic
  compliance duties, assessments it undergoes, decision rules it carries out
  or approves, KPIs it owns.

A duty is covered when the plan reads the page that holds it (reading the
process page covers its steps), or, for a step, path or process, when the
plan practises a checklist of that process or one that lists the step.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.model.routes import target
from macros.model.queries import allowed_actions, ordered_processes, role_steps
from macros.onboarding.plan import items, read_pages


@dataclass(frozen=True)
class Duty:
    entity: object  # the Entity to be covered
    why: str  # in words, for messages and pages
    process: str = ""  # the process id, for steps, paths and processes

    @property
    def page(self) -> str:
        return target(self.entity).split("#", 1)[0]


def _has(value, role_id) -> bool:
    return value == role_id or (isinstance(value, list) and role_id in value)


# kind -> (fields that name the roles taking part, words for the duty)
RECURRING = (
    ("meeting", ("chairs", "participants", "invited"), "参加的例会"),
    ("report", ("submitted_by",), "提交的报告"),
    ("drill", ("owner", "participants"), "参加的演练"),
    ("audit", ("owner",), "负责的审计"),
    ("compliance", ("applies_to",), "周期性合规要求（培训等）"),
    ("assessment", ("assessed",), "接受的考核"),
    ("decision-rule", ("responsible", "approver"), "执行或批准的会议决议规则"),
    ("kpi", ("owner",), "负责的 KPI"),
)


def duties(model, role) -> list[Duty]:
    out, seen = [], set()

    def add(entity, why, process=""):
        if (entity.kind, entity.id) not in seen:
            seen.add((entity.kind, entity.id))
            out.append(Duty(entity, why, process))

    for process in ordered_processes(model):  # the reading order, as the site lists them
        if process.get("owner") == role.id:
            add(process, "负责的流程", process.id)
    for row, lt in role_steps(model, role.id):
        if "R" in lt or "A" in lt:
            add(row.entity, "执行（R）或负责（A）的步骤", row.process.id)
    level = model.get("permission", role.get("permission") or "")
    if level is not None:
        add(level, "持有的权限级别")
    for action in allowed_actions(model, role):
        add(action, "可以办理的操作")
    for kind, keys, why in RECURRING:
        for e in model.all(kind):
            if kind == "compliance" and not e.get("cycle"):
                continue  # one-off requirements are not recurring duties
            if any(_has(e.get(k), role.id) for k in keys):
                add(e, why)
    return out


def practised(model, plan) -> tuple[set, set]:
    """(process ids, step ids) the plan practises through checklists."""
    processes, steps = set(), set()
    for item in items(model, plan):
        if item.kind != "practise":
            continue
        checklist = model.get("checklist", item.target)
        if checklist is None:
            continue
        if checklist.get("process"):
            processes.add(checklist.get("process"))
        for section in checklist.data["sections"]:
            for raw in section["items"]:
                if "step" in raw:
                    steps.add(raw["step"])
                elif raw.get("ref", "").startswith(("process:", "path:")):
                    kind, _, ident = raw["ref"].partition(":")
                    (processes if kind == "process" else steps).add(ident)
    return processes, steps


def uncovered(model, plan) -> list[Duty]:
    role = model.get("role", plan.get("role"))
    if role is None:
        return []
    pages = read_pages(model, plan)
    processes, steps = practised(model, plan)
    return [d for d in duties(model, role)
            if d.page not in pages and d.process not in processes and d.entity.id not in steps]
