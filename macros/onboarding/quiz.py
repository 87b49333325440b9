"""The first-week quiz of a plan: multiple choice, generated from the data,
in a seeded order, so the site and the printed packet ask the same questions
in the same order with the same choices.

Which questions: every scenario question of the role (scenarios.py), then
one lookup question (selfcheck.py) for each page that holds a duty of the
role (duties.py) and has no scenario yet, so each role's set covers its
duties without repeating a page; a role with fewer than
selfcheck.MIN_QUESTIONS such questions is topped up with its other lookups. A question needs at least MIN_WRONG wrong
answers from the model to be asked; MAX_WRONG are taken.

Seeded: every choice between candidates, wrong answers and orders is made
by sorting on a hash of the plan id and the question's text (sha256), not by
a random generator whose sequence a data change would shift: one changed
step changes its own question, not the whole quiz.

Answers stay off the page: the site writes, per question, only
answer_check(plan, number, right answer) (FNV-1a 32-bit, as
docs/javascripts/onboarding-quiz.js computes it); the script hashes the chosen
choice on submission and compares. This keeps the key out of plain sight, it
does not make it secret: hashing the three or four choices finds it.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from macros.core.words import QUIZ
from macros.model.routes import target
from macros.onboarding import scenarios, selfcheck
from macros.onboarding.duties import duties

MIN_WRONG = 2
MAX_WRONG = 3


@dataclass(frozen=True)
class Asked:
    number: int  # 1-based, as printed
    question: selfcheck.Question
    choices: tuple  # strings, in the seeded order
    correct: int  # index into choices

    @property
    def answer_letter(self) -> str:
        return letter(self.correct)

    @property
    def page(self) -> str:
        """Docs-relative page that holds the right answer."""
        return page_of(self.question.entity)


def letter(index: int) -> str:
    return QUIZ["choice_letters"][index]


def page_of(entity) -> str:
    return target(entity).split("#", 1)[0]


def _key(*parts) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def _ranked(values, *parts) -> list:
    """`values` in the order of _key(*parts, value), the shared prefix hashed
    once: a question's wrong answers are drawn from pools of every name in
    the department (hundreds of thousands of keys at 50x)."""
    prefix = hashlib.sha256("".join(f"{p}|" for p in parts).encode("utf-8"))

    def key(value: str) -> bytes:  # digest() orders as hexdigest() does
        h = prefix.copy()
        h.update(value.encode("utf-8"))
        return h.digest()
    return sorted(values, key=key)


def answer_check(plan_id: str, number: int, choice: str) -> str:
    """FNV-1a (32 bit) of 'plan|number|choice' in UTF-8, 8 hex digits."""
    h = 0x811C9DC5
    for b in f"{plan_id}|{number}|{choice}".encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def _wrong(seed: str, q) -> list:
    out = []
    for tier in q.pools:
        for value in _ranked(set(tier) - {q.answer}, seed, q.text):
            if len(out) < MAX_WRONG and value not in out:
                out.append(value)
    return out


def candidates(model, role) -> list:
    pools = selfcheck.pools_of(model)
    return selfcheck.questions(model, role, pools, first=scenarios.questions(model, pools, role))


def _chosen_by_plan(model) -> dict:
    """Every plan's chosen questions, computed once per model: the rules, the
    site and the print all ask for them (a model view, see Model.view)."""
    return {plan.id: _choose(model, plan) for plan in model.all("onboarding")}


def chosen(model, plan) -> list:
    """The plan's questions (unordered): scenarios, then one per duty page."""
    known = model.view(_chosen_by_plan)
    return list(known[plan.id]) if plan.id in known else _choose(model, plan)


def _enough_wrong(q) -> bool:
    """Whether `_wrong` would find MIN_WRONG wrong answers, without hashing
    every value of every pool (the pools grow with the department; only the
    questions asked need their wrong answers chosen)."""
    seen = set()
    for tier in q.pools:
        seen.update(tier)
    seen.discard(q.answer)
    return len(seen) >= MIN_WRONG


def _choose(model, plan) -> list:
    role = model.get("role", plan.get("role"))
    if role is None:
        return []
    seed = plan.id
    usable = [q for q in candidates(model, role) if _enough_wrong(q)]
    out = [q for q in usable if q.scenario]
    covered = {page_of(q.entity) for q in out}
    lookups: dict = {}  # page -> its lookup questions, in candidate order
    for q in usable:
        if not q.scenario:
            lookups.setdefault(page_of(q.entity), []).append(q)
    for duty in duties(model, role):
        if duty.page in covered:
            continue
        here = lookups.get(duty.page)
        if here:
            out.append(min(here, key=lambda q: _key(seed, q.text)))
            covered.add(duty.page)
    # A role with few duty pages still gets a quiz worth taking: top up with
    # the other lookups, in the seeded order.
    taken = set(map(id, out))
    rest = sorted((q for q in usable if id(q) not in taken), key=lambda q: _key(seed, q.text))
    return out + rest[:max(0, selfcheck.MIN_QUESTIONS - len(out))]


def size(model, plan) -> int:
    """How many questions quiz() asks: one per chosen question, known
    without drawing any wrong answers (what the check rules need)."""
    return len(chosen(model, plan))


def _quizzes(model) -> dict:
    """Every plan's quiz, once per model: the site asks twice per plan (the
    quiz page and the week page) and the print once more."""
    return {plan.id: _quiz(model, plan) for plan in model.all("onboarding")}


def quiz(model, plan) -> list[Asked]:
    known = model.view(_quizzes)
    return list(known[plan.id]) if plan.id in known else _quiz(model, plan)


def _quiz(model, plan) -> list[Asked]:
    seed = plan.id
    out = []
    for n, q in enumerate(sorted(chosen(model, plan), key=lambda q: _key(seed, q.text)), start=1):
        choices = sorted([q.answer] + _wrong(seed, q), key=lambda v: _key(seed, q.text, "choice", v))
        out.append(Asked(n, q, tuple(choices), choices.index(q.answer)))
    return out


def uncovered_pages(model, plan) -> list[str]:
    """Duty pages of the role that no quiz question asks about."""
    role = model.get("role", plan.get("role"))
    if role is None:
        return []
    asked = {page_of(q.entity) for q in chosen(model, plan)}
    return sorted({d.page for d in duties(model, role)} - asked)


def pass_mark(plan) -> int:
    """Per cent of right answers to pass (data: the plan's pass_mark)."""
    return int(plan.get("pass_mark") or 0)


def needed(plan, total: int) -> int:
    """Right answers needed to pass: pass_mark per cent of total, rounded up."""
    return math.ceil(total * pass_mark(plan) / 100)
