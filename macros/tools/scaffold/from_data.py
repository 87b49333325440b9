"""Scaffolds that need the data, not just the schema.

A schema says which keys a process, a checklist or a first-week plan has; the
policy rules say more, and a new entry that breaks them is of no use to an
editor:
- a process comes with its checklist in the same change (process-has-checklist);
- a checklist lists its process's steps (step-covered-by-checklist);
- a first-week plan reads the pages that hold every duty of its role, within
  the learning budget of each day (onboarding-covers-duties, -day-budget).
The generic Generator (scaffold.py) fills the rest from the schema. Text
the data cannot know stays PLACEHOLDER, which `placeholder-left` warns about
until an editor writes it.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from macros.model.queries import category_order
from macros.onboarding import duties as coverage, plan as plans, reading
from macros.tools.scaffold.generator import CHECK_MARK, PLACEHOLDER

CHECKLIST_DIR = "checklists"
PLAN_DIR = "data/onboarding"
# A first-week plan's fixed frame (minutes are the plan's own estimates, as in
# the shipped plans): meet the mentor on day 1; the self-check and a review
# with the mentor close day 5.
MEET_MENTOR, SELF_CHECK, REVIEW = 30, 45, 30
PRACTISE = 90  # one practice round of a checklist with a fictitious case
MAX_PRACTISED = 2  # the role's main processes; the other duties are read


class ScaffoldError(ValueError):
    """The entry cannot be scaffolded; the message says what to do instead."""


# -- processes ---------------------------------------------------------------------

def place_process(model, data: dict, comments: dict) -> dict:
    """`data` with a place in the reading order (queries.ordered_processes):
    last in the first category of the declared order (学籍业务, the
    department's own business), ten after the last number there, so the new
    process shows at once where a reader expects it; a number between two
    neighbours moves it. Both values are marked for the editor to check."""
    cats = category_order(model)
    cat = data.get("category") or (cats[0] if cats else None)
    if cat is None:  # no readable category list: the schema check says why
        return data
    taken = [p.get("order") for p in model.all("process") if p.get("category") == cat and p.get("order")]
    number = min((max(taken, default=0) // 10 + 1) * 10, 999)
    out: dict = {}
    for key, value in data.items():
        if key not in ("category", "order"):
            out[key] = value
        if key == "summary":  # where the shipped process files have them
            out["category"], out["order"] = cat, number
    out.setdefault("category", cat)
    out.setdefault("order", number)
    comments[("category",)] = f"流程类别；{CHECK_MARK}"
    comments[("order",)] = f"排列顺序：本类别的最后；要排到两个流程之间，改成它们之间的数字；{CHECK_MARK}"
    return out


# -- checklists -------------------------------------------------------------------

def checklist_for(process: dict, today: date) -> tuple[dict, dict]:
    """(data, comments) of a checklist listing every step of `process` (its data)."""
    pid = process["id"]
    data = {
        "id": pid,
        "name": f"{PLACEHOLDER}：检查单名称",
        "process": pid,
        "purpose": f"{PLACEHOLDER}：何时用，每份对应什么（例如每名学生一份）",
        "sections": [{"name": "流程步骤",
                      "items": [{"step": f"{pid}.{s['id']}"} for s in process.get("steps", [])]}],
        "source": list(process.get("source") or []),
        # Reviewed with its process; a process without review data gets the
        # yearly review cycle, the one cycle the policy sets (制度 四.一.3).
        "review": dict(process.get("review") or {"last_reviewed": today.isoformat(), "cycle_months": 12}),
    }
    comments = {
        ("id",): "标识 (id)", ("name",): "检查单名称", ("process",): "对应的流程",
        ("purpose",): "用途",
        ("sections",): "检查项引用流程步骤，打印的文字取自流程数据；可分成几节",
        ("source",): f"出处（制度条款），同流程；{CHECK_MARK}", ("review",): "审核信息，同流程",
    }
    return data, comments


def checklist_of_existing(model, ident: str, today: date) -> tuple[dict, dict]:
    """A checklist for process `ident`, which must exist and have none."""
    process = model.get("process", ident)
    if process is None:
        raise ScaffoldError(f"no process {ident!r}: a checklist lists a process's steps. For a new process "
                            f"run `handbook new process {ident}`, which writes both")
    for c in model.all("checklist"):
        if c.get("process") == ident:
            raise ScaffoldError(f"process {ident!r} already has a checklist: {c.doc.file}")
    return checklist_for(process.data, today)


# -- first-week plans ---------------------------------------------------------------

PASS_MARK = 80  # per cent, as the shipped plans; the editor confirms it


def onboarding_plan(model, ident: str, today: date) -> tuple[dict, dict]:
    """(data, comments) of a five-day plan for role `ident`: day 1 orientation,
    then every page that holds one of the role's duties, spread over days 2-5
    within the learning budget, and day 5 closing with the self-check."""
    role = model.get("role", ident)
    if role is None:
        raise ScaffoldError(f"no role {ident!r}: a first-week plan is named after its role (data/roles.yml)")
    if role.get("kind") != "internal":
        raise ScaffoldError(f"role {ident!r} is not a role of the department (kind internal): "
                            "only they get a first week")
    for p in model.all("onboarding"):
        if p.get("role") == ident:
            raise ScaffoldError(f"role {ident!r} already has a first-week plan: {p.doc.file}")
    mentor = _mentor(model, role)
    ids: set = set()
    day1 = [{"id": "meet-mentor", "meet": mentor, "topic": f"{PLACEHOLDER}：认识带教人，约定本周的答疑时间。",
             "minutes": MEET_MENTOR}]
    orientation = ["index.md", *(f"organisation:{o.id}" for o in model.all("organisation")),
                   f"role:{ident}", "glossary/index.md"]
    known = reading.known_pages(model)
    day1 += [_read(t, ids) for t in orientation if _page(model, t) in known]

    duties = coverage.duties(model, role)
    targets = list(_duty_targets(model, duties, orientation))
    # Practise the processes where the role does the most; read those first.
    weight = Counter(d.process for d in duties if d.process)
    main = [t for t in sorted(targets, key=lambda t: -weight[t[2]]) if t[1]][:MAX_PRACTISED]
    work = []
    for target, checklist, _ in main + [t for t in targets if t not in main]:
        read = _read(target, ids)
        work.append(read)
        if (target, checklist, _) in main:
            work.append({"id": _unique(f"practise-{checklist}", ids), "practise": checklist,
                         "case": f"{PLACEHOLDER}：一份虚构的样例案件。", "minutes": PRACTISE,
                         "after": [read["id"]]})
    closing = [{"id": "self-check", "check": "做完本岗位自检题，错题回到链接的页面重读。", "minutes": SELF_CHECK},
               {"id": "meet-review", "meet": mentor, "topic": "一周回顾：核对自检结果，在打印的第一周计划上签字。",
                "minutes": REVIEW, "after": ["self-check"]}]
    days = _fill(model, [day1, [], [], [], []], work, reserve={5: SELF_CHECK + REVIEW})
    days[-1] += closing
    themes = ["部门、岗位与权限"] + [f"{PLACEHOLDER}：当天主题"] * 3 + ["自检与一周回顾"]
    data = {
        "id": ident, "name": f"{role.name}的第一周", "role": ident, "mentor": mentor,
        "summary": f"{PLACEHOLDER}：第一周结束时能独立做什么。",
        "days": [{"day": n + 1, "theme": themes[n], "items": items} for n, items in enumerate(days)],
        "pass_mark": PASS_MARK,
        "source": list(role.get("source") or []) or ["一.二"],
        "review": {"last_reviewed": today.isoformat(), "cycle_months": 12, "reviewer": mentor},
    }
    comments = {("mentor",): f"带教人；{CHECK_MARK}", ("days",): "五天日程：阅读时间由页面字数计算，"
                "每天不超过学习预算；按需要调整顺序", ("source",): f"出处（制度条款）；{CHECK_MARK}",
                ("pass_mark",): f"自检及格线（答对的百分比）；{CHECK_MARK}"}
    return data, comments


def _mentor(model, role) -> str:
    """Whom the role reports to (the director's is the operations director)."""
    boss = model.get("role", role.get("reports_to") or "")
    return boss.id if boss is not None else role.id


def _duty_targets(model, duties, skip):
    """(read target, checklist id or None, process id) for each page holding
    a duty, in duty order."""
    done = {_page(model, t) for t in skip}
    checklists = {c.get("process"): c.id for c in model.all("checklist") if c.get("process")}
    for duty in duties:
        e = duty.entity
        target = f"process:{duty.process}" if duty.process else f"{e.kind}:{e.id}"
        page = _page(model, target)
        if page is None or page in done:
            continue
        done.add(page)
        yield target, checklists.get(duty.process) if duty.process else None, duty.process


def _fill(model, days: list, work: list, reserve: dict) -> list:
    """Items in order onto days 2-5, spread evenly (a new hire should not read
    all day on Tuesday and idle on Thursday) and never past a day's learning
    budget; what does not fit stays on day 5, where the budget rule names it."""
    cost = [item.get("minutes") or reading.reading_minutes(model, item["read"]) or 0 for item in work]
    i = 0
    for n in range(1, len(days)):
        budget = plans.BUDGET_MINUTES - reserve.get(n + 1, 0)
        left_days = len(days) - n
        share = sum(cost[i:]) / left_days if left_days else 0
        used = 0
        while i < len(work) and (n == len(days) - 1 or (used + cost[i] <= budget and (used < share or not used))):
            days[n].append(work[i])
            used += cost[i]
            i += 1
    # A role with few duties leaves days empty; a day needs an item.
    mentor = days[0][0]["meet"]
    return [d or [{"id": f"shadow-day-{n + 1}", "meet": mentor, "minutes": 60,
                   "topic": f"{PLACEHOLDER}：跟岗观察带教人办理当天的业务。"}] for n, d in enumerate(days)]


def _page(model, target: str):
    return reading.target_page(model, target)


def _read(target: str, ids: set) -> dict:
    item = {"id": _unique("read-" + re.sub(r"[^a-z0-9]+", "-", target.lower().removesuffix(".md")).strip("-"), ids),
            "read": target}
    return item


def _unique(base: str, ids: set) -> str:
    ident, n = base, 2
    while ident in ids:
        ident, n = f"{base}-{n}", n + 1
    ids.add(ident)
    return ident
