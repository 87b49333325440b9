"""Traceability: every clause accounted for, every open question wired to what
it affects, and no placeholder hiding outside the open questions."""
from __future__ import annotations

import re

from macros.check import coverage
from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import file_anchor, strings

QUESTIONS_FILE = "data/open_questions.yml"
# Text that marks something as not yet decided. The policy's own "X人" is one;
# the open questions are the one place such text belongs.
PLACEHOLDERS = re.compile(
    r"[XＸ]+\s*(?:人|名|天|日|个|元|年)|待定|待补充|待确认|TBD|TODO|FIXME|XXX|\?{2,}|？{2,}|某某",
    re.IGNORECASE)


@rule("clause-coverage")
def clause_coverage(model):
    """Every leaf clause of the policy is cited by data, or marked out_of_scope
    (with the reason), or open (an open question stands for it)."""
    for status in coverage.compute(model).leaves():
        if status.status == coverage.UNCOVERED:
            clause = model.get("clause", status.id)
            yield Finding(clause, f"clause '{status.id}' ({status.heading}) is not covered: cite it in the source "
                                  "of the data that implements it, or mark it out_of_scope (with the reason) "
                                  "or open_question")


@rule("out-of-scope-not-cited")
def out_of_scope_not_cited(model):
    """A clause marked out of scope is not implemented by any data; if data
    cites it, one of the two is wrong."""
    for status in coverage.compute(model).clauses:
        if status.reason and status.covered_by:
            clause = model.get("clause", status.id)
            names = ", ".join(c.ref for c in status.covered_by)
            yield Finding(clause, f"clause '{status.id}' is marked out_of_scope but cited by {names}",
                          ("out_of_scope",))


def _affected(question) -> set:
    return set(question.get("affects", []))


@rule("open-question-linked")
def open_question_linked(model):
    """An open question lists what it affects, and everything that refers to it
    (a deadline, a headcount, a clause) is in that list, so the question's page
    shows every place the answer will change."""
    for question in model.all("question"):
        # The schema requires a non-empty `affects`; here: does it list every referrer?
        listed = _affected(question)
        for owner, path in model.referring(question):
            if owner.kind == "question":
                continue
            refs = {f"{owner.kind}:{owner.id}"}
            if owner.parent:  # a step or path counts as listed through its process
                refs.add(f"process:{owner.parent}")
            if not refs & listed:
                names = " or ".join(f"'{r}'" for r in sorted(refs, reverse=True))
                yield Finding(owner, f"refers to open question '{question.id}', whose affects does not list "
                                     f"{names}", path[len(owner.path):])


@rule("no-placeholder-text")
def no_placeholder_text(model):
    """Placeholders (X人, 待定, TBD, TODO, ??? ...) live only in the open
    questions; anywhere else an undecided value must become an open question."""
    for doc, texts in strings(model):
        if doc.file == QUESTIONS_FILE:
            continue
        for path, text in texts:
            m = PLACEHOLDERS.search(text)
            if m:
                owner = model.owner_of(doc, path) or file_anchor(model, doc.file)
                yield Finding(owner, f"placeholder '{m.group(0)}' in the text: record what is undecided as an "
                                     f"open question in {QUESTIONS_FILE} and reference it", path[len(owner.path):])


