"""Self-check questions generated from the data, per role, each with the
wrong answers the model offers (distractors are drawn from it, never typed).

Each question is asked about something the role's first week covers (see
duties.duties) or must know (who may see which files), and carries its
answer, the entity whose page holds the answer, and `pools`: tiers of other
values of the same sort found in the model, most plausible first (other
approvers before other roles; other amounts and units of time limits; other
permission levels; other steps of the same process). Change an approver or a
time limit in the data and the question's answer changes with it.
Scenario questions come from the rules and paths (scenarios.py);
quiz.py puts both together and turns them into the seeded multiple-choice quiz.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from macros.model.queries import process_steps
from macros.time.words import UNITS, cycle_text, deadline_text
from macros.onboarding.duties import duties

MIN_QUESTIONS = 10
TOPICS = ("情景", "流程", "时限", "权限", "会议", "报告", "周期事务")


@dataclass(frozen=True)
class Question:
    topic: str  # one of TOPICS
    text: str
    answer: str
    entity: object  # where the answer is: its page is linked
    pools: tuple = ()  # tiers of wrong answers drawn from the model, most plausible first

    @property
    def scenario(self) -> bool:
        return self.topic == "情景"


def names(model, value) -> str:
    ids = value if isinstance(value, list) else [value] if value else []
    return "、".join(model.get("role", i).name if model.get("role", i) else i for i in ids)


def _limit(deadline) -> str:
    return deadline_text(deadline) if isinstance(deadline, dict) and not deadline.get("unspecified") else ""


class Pools:
    """Values of one sort across the whole model, for distractors."""

    def __init__(self, model):
        self.model = model
        steps = [r.step for p in model.all("process") for r in process_steps(model, p)]
        self.approvers = _uniq(names(model, (s.get("raci") or {}).get("accountable")) for s in steps)
        internal = [r for r in model.all("role") if r.get("kind") == "internal"]
        self.roles = _uniq([r.name for r in internal] + self.approvers)
        self.levels = _uniq(e.name for e in model.all("permission"))
        self.limits = [d for d in _deadlines(model, steps) if d.get("unit")]
        cycles = [e.get("cycle") for k in ("meeting", "report", "drill", "audit", "compliance", "assessment", "kpi")
                  for e in model.all(k) if isinstance(e.get("cycle"), dict)]
        self.cycles = _uniq(cycle_text(c) for c in cycles)
        self.reader_sets = _uniq(names(model, a.get("readers")) for a in model.all("access-class"))

    @functools.cached_property
    def limit_pairs(self) -> list:
        """Every (amount, unit) the model uses, asked once per question."""
        return _uniq((d.get("amount"), d["unit"]) for d in self.limits)

    def limit_variants(self, deadline: dict) -> tuple:
        """The same limit from the same start with other units and amounts:
        (same amount, other unit), (same unit, other amount), then every other
        (amount, unit) the model uses. Never another start event: "下周一" is
        confused with "本周结束当日", not with "制度生效后 3 个月内"."""
        amount, unit = deadline.get("amount"), deadline.get("unit")
        pairs = self.limit_pairs

        def words(a, u):
            d = {k: v for k, v in deadline.items() if k not in ("amount", "unit")}
            return deadline_text({**d, "unit": u, **({"amount": a} if a else {})})

        same_amount = [words(amount, u) for u in UNITS if u != unit] if amount else []
        same_unit = [words(a, unit) for a, u in pairs if u == unit and a and a != amount]
        other = [words(a or amount or 1, u) if u in UNITS else words(None, u) for a, u in pairs]
        return (tuple(same_amount), tuple(same_unit), tuple(_uniq(other)))


def pools_of(model) -> Pools:
    """The model's pools, built once per model (a view, see Model.view)."""
    return model.view(Pools)


def _uniq(values) -> list:
    """Truthy values, first occurrence kept. A set beside the list: the pools
    grow with the department, and `v not in out` made them quadratic."""
    out, seen = [], set()
    for v in values:
        key = repr(v)  # pools hold strings and tuples; repr also takes a list
        if v and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _deadlines(model, steps) -> list[dict]:
    out = [s.get("deadline") for s in steps]
    for kind in ("report", "decision-rule", "document-rule", "goal", "audit"):
        for e in model.all(kind):
            out += [e.get("deadline"), e.get("rectification")]
    return [d for d in out if isinstance(d, dict) and not d.get("unspecified")]


def _step_questions(model, pools, duty):
    process = model.get("process", duty.process)
    if duty.entity.kind == "process":
        yield Question("流程", f"「{process.name}」流程由谁负责（流程负责人）？", names(model, process.get("owner")),
                       process, (tuple(pools.roles),))
        return
    rows = [r for r in process_steps(model, process) if r.entity is duty.entity]
    for row in rows:
        step = row.step
        where = f"「{process.name}」的「{step['name']}」"
        yield Question("流程", f"{where}由谁批准（A，负责）？", names(model, step["raci"]["accountable"]),
                       duty.entity, (tuple(pools.approvers), tuple(pools.roles)))
        if _limit(step.get("deadline")):
            yield Question("时限", f"{where}的时限是多少？", _limit(step.get("deadline")), duty.entity,
                           pools.limit_variants(step["deadline"]))
        same = [r for r in process_steps(model, process) if r.path_name == row.path_name]
        i = next(k for k, r in enumerate(same) if r.step is step)
        if i + 1 < len(same):
            nxt = same[i + 1].step
            gate = "关卡" if step.get("gate") and nxt.get("gate") else "步骤"
            others = tuple(f"「{r.step['name']}」" for r in process_steps(model, process)
                           if r.step is not nxt and r.step is not step)
            yield Question("流程", f"{where}之后是哪一道{gate}？", f"「{nxt['name']}」", duty.entity, (others,))


def _entity_questions(model, pools, role, duty):
    e = duty.entity
    d = e.data
    roles = (tuple(pools.roles),)
    if e.kind == "permission":
        yield Question("权限", f"{role.name}持有什么权限级别？", e.name, e, (tuple(pools.levels),))
    elif e.kind == "action":
        level = model.get("permission", d.get("level", ""))
        if d.get("only"):
            yield Question("权限", f"谁可以「{e.name}」？", f"只有{names(model, d['only'])}", e,
                           (tuple(f"只有{r}" for r in pools.roles),))
        elif level is not None:
            yield Question("权限", f"「{e.name}」至少需要什么权限级别？", level.name, e, (tuple(pools.levels),))
    elif e.kind == "meeting":
        yield Question("会议", f"「{e.name}」由谁主持？", names(model, d.get("chairs")), e, roles)
        yield Question("会议", f"「{e.name}」多久开一次？", cycle_text(d.get("cycle")), e, (tuple(pools.cycles),))
    elif e.kind == "report":
        when = _limit(d.get("deadline"))
        yield Question("报告", f"「{e.name}」什么时候交？", when or cycle_text(d.get("cycle")), e,
                       pools.limit_variants(d["deadline"]) if when else (tuple(pools.cycles),))
        yield Question("报告", f"「{e.name}」交给谁？", names(model, d.get("submitted_to")), e, roles)
    elif e.kind == "decision-rule":
        if _limit(d.get("deadline")):
            yield Question("会议", f"「{e.name}」的时限是多少？", _limit(d.get("deadline")), e,
                           pools.limit_variants(d["deadline"]))
        if d.get("approver"):
            yield Question("会议", f"「{e.name}」由谁批准？", names(model, d.get("approver")), e,
                           (tuple(pools.approvers), tuple(pools.roles)))
    elif e.kind in ("drill", "audit", "compliance", "assessment", "kpi") and d.get("cycle"):
        yield Question("周期事务", f"「{e.name}」多久一次？", cycle_text(d.get("cycle")), e, (tuple(pools.cycles),))
        if isinstance(d.get("rectification"), dict):
            yield Question("时限", f"「{e.name}」发现的问题要在多长时间内整改？", _limit(d.get("rectification")), e,
                           pools.limit_variants(d["rectification"]))


def questions(model, role, pools: Pools | None = None, first=()) -> list[Question]:
    """Every question the data gives about the role's duties; `first` (the
    scenario questions) come before the lookups."""
    pools = pools or pools_of(model)
    out, seen = [], set()

    def add(q):
        if q.answer and q.text not in seen:
            seen.add(q.text)
            out.append(q)

    for q in first:
        add(q)
    for duty in duties(model, role):
        gen = _step_questions(model, pools, duty) if duty.process else _entity_questions(model, pools, role, duty)
        for q in gen:
            add(q)
    # Who may see what: every new hire must know where the limits are.
    for access in model.all("access-class"):
        add(Question("权限", f"谁可以调阅「{access.name}」？", names(model, access.get("readers")), access,
                     (tuple(pools.reader_sets), tuple(pools.roles))))
    order = {t: i for i, t in enumerate(TOPICS)}
    return sorted(out, key=lambda q: order.get(q.topic, 99))
