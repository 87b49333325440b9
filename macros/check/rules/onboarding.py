"""Rules for the first-week plans (data/onboarding/*.yml): the week is real.

- every read target is a page of the handbook (not another first-week page);
- days 1 to 5 in order, item ids unique, prerequisites listed earlier;
- each day fits the learning budget of a working day (plan.BUDGET_MINUTES of
  plan.WORKDAY_HOURS; the reason is in onboarding/plan.py);
- by the end of day 5 the plan covers every duty of its role
  (onboarding/coverage.py says what that means);
- the quiz has at least selfcheck.MIN_QUESTIONS questions and asks about
  every page that holds a duty of the role;
- the pass mark leaves room for one wrong answer (a quiz generated from the
  data may word one question awkwardly; 100 % would fail everyone on it).
"""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule, warn
from macros.onboarding import duties as coverage, plan as plans, quiz, reading, selfcheck

FIRST_WEEK = "first-week/"


def _plans(model):
    return model.all("onboarding")


@rule("onboarding-read-target")
def read_target(model):
    """A read item names a real handbook page (kind:id or a docs path), not a first-week page."""
    known = reading.known_pages(model)
    for p in _plans(model):
        for item in plans.items(model, p):
            if item.kind != "read":
                continue
            page = reading.target_page(model, item.target)
            if page is None or page not in known:
                yield Finding(p, f"'{item.target}' is not a page of the handbook: write kind:id "
                                 "(e.g. process:enrolment) or a page path such as meetings/index.md",
                              item.path + ("read",))
            elif page.startswith(FIRST_WEEK):
                yield Finding(p, f"'{item.target}' is a first-week page: read the handbook pages themselves",
                              item.path + ("read",))


@rule("onboarding-structure")
def structure(model):
    """A plan belongs to an internal role, lists days 1-5 in order, uses each item id once and ends in a self-check."""
    for p in _plans(model):
        role = model.get("role", p.get("role"))
        if role is not None and role.get("kind") != "internal":
            yield Finding(p, f"role '{role.id}' is not a role of the department (kind internal)", ("role",))
        for i, day in enumerate(p.data["days"]):
            if day["day"] != i + 1:
                yield Finding(p, f"day {day['day']} is listed as day {i + 1}: list days 1 to 5 in order",
                              ("days", i, "day"))
        seen = {}
        for item in plans.items(model, p):
            if item.id in seen:
                yield Finding(p, f"item id '{item.id}' is used twice (first on day {seen[item.id]}): "
                                 "item ids must be unique in a plan", item.path + ("id",))
            seen.setdefault(item.id, item.day)
        if not any(i.kind == "check" for i in plans.items(model, p)):
            yield Finding(p, "the plan has no self-check: add an item `check: ...` (usually on day 5)", ("days",))


@rule("onboarding-prerequisites")
def prerequisites(model):
    """`after` names items listed earlier in the week, so the plan is a valid order."""
    for p in _plans(model):
        all_ids = {i.id for i in plans.items(model, p)}
        done = set()
        for item in plans.items(model, p):
            for j, before in enumerate(item.after):
                if before not in all_ids:
                    yield Finding(p, f"item '{item.id}' comes after '{before}', which is not an item of this plan",
                                  item.path + ("after", j))
                elif before not in done:
                    yield Finding(p, f"item '{item.id}' comes after '{before}', which is not listed before it: "
                                     "move it later or the prerequisite earlier", item.path + ("after", j))
            done.add(item.id)


@rule("onboarding-day-budget")
def day_budget(model):
    """Each day fits the learning budget of a working day (plans.BUDGET_MINUTES of plans.WORKDAY_HOURS)."""
    for p in _plans(model):
        for i, day in enumerate(plans.days(model, p)):
            if day.minutes > plans.BUDGET_MINUTES:
                yield Finding(p, f"day {day.day} needs {day.minutes} minutes, more than the learning budget of "
                                 f"{plans.BUDGET_MINUTES} minutes ({plans.BUDGET_MINUTES // 60} of "
                                 f"{plans.WORKDAY_HOURS} working hours): move items to a lighter day",
                              ("days", i))


@rule("onboarding-covers-duties")
def covers_duties(model):
    """By day 5 the plan covers every step the role is R or A for, its permissions and its recurring duties."""
    # A process that no plan reads or practises yet is new: a policy change
    # may publish it at once, and the plans catch up (a warning, as for a step
    # no checklist lists). A process some plans already teach must reach
    # every role that works in it (an error).
    taught = set()
    for p in _plans(model):
        taught |= plans.read_pages(model, p) | coverage.practised(model, p)[0]
    for p in _plans(model):
        for duty in coverage.uncovered(model, p):
            e = duty.entity
            fix = f"`- read: {duty.page}`" + (" or practise its checklist" if duty.process else "")
            if duty.process and not {duty.page, duty.process} & taught:
                yield warn(p, f"no first-week plan covers {e.kind} '{e.id}' ({e.name}; {duty.why}) yet: add {fix}",
                           ("role",))
            else:
                yield Finding(p, f"the week does not cover {e.kind} '{e.id}' ({e.name}; {duty.why}): add {fix}",
                              ("role",))


@rule("onboarding-self-check")
def self_check_size(model):
    """The quiz has at least selfcheck.MIN_QUESTIONS questions and asks about every page holding a duty."""
    for p in _plans(model):
        n = quiz.size(model, p)
        if n < selfcheck.MIN_QUESTIONS:
            yield Finding(p, f"the self-check has {n} question(s), fewer than {selfcheck.MIN_QUESTIONS}: "
                             "the role's data gives too little to ask about", ("role",))
        for page in quiz.uncovered_pages(model, p):
            yield Finding(p, f"no self-check question asks about {page}, which holds a duty of the role: "
                             f"the data there offers no question with {quiz.MIN_WRONG} wrong answers", ("role",))


@rule("onboarding-pass-mark")
def pass_mark(model):
    """The pass mark can be reached with one wrong answer."""
    for p in _plans(model):
        n = quiz.size(model, p)
        if n > 1 and quiz.needed(p, n) >= n:
            most = (n - 1) * 100 // n
            yield Finding(p, f"pass_mark {quiz.pass_mark(p)} needs all {n} answers right: a single awkward "
                             f"question would fail everyone; set it to {most} or lower", ("pass_mark",))
