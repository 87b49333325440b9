"""Clause coverage: for every clause of the policy, where the data implements it.

A leaf clause (one with no sub-clauses in data/sources.yml) is
- covered: cited in the `source` of some data (an entity, or a block such as
  the naming rule) other than an open question or a glossary term;
- out_of_scope: the clause index marks it so, with the reason;
- open: an open question stands for it (the clause's `open_question`, or a
  question citing it) and no data implements it;
- uncovered: none of these (the `clause-coverage` rule reports it).

A parent clause takes its status from its children: uncovered if any child is,
else open if any child is, else out_of_scope if every child is, else covered.
So a chapter counts as covered when all its sentences are.

Questions and glossary terms cite clauses too, but a question says the clause is
*not* settled and a term only explains a word, so neither counts as covering it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

COVERED, OUT_OF_SCOPE, OPEN, UNCOVERED = "covered", "out_of_scope", "open", "uncovered"
STATUS_NAMES = {COVERED: "已覆盖", OUT_OF_SCOPE: "不在范围内", OPEN: "待决", UNCOVERED: "未覆盖"}
# Citing kinds that do not cover a clause (see the module docstring).
NOT_COVERING = {"question", "term"}


@dataclass(frozen=True)
class Citer:
    """Something in the data that cites a clause."""
    kind: str  # entity kind, or "file" for a block that is not an entity
    id: str  # entity id, or "data/documents.yml > naming"
    name: str

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class ClauseStatus:
    id: str
    heading: str
    status: str
    parent: str = ""
    children: tuple = ()
    covered_by: tuple = ()  # Citers that implement it
    questions: tuple = ()  # question ids that keep it open or concern it
    mentioned_by: tuple = ()  # glossary terms citing it
    reason: str = ""  # out-of-scope reason

    @property
    def leaf(self) -> bool:
        return not self.children

    @property
    def resolved(self) -> bool:
        return self.status != UNCOVERED


@dataclass(frozen=True)
class Coverage:
    clauses: tuple = ()  # ClauseStatus in the order of data/sources.yml
    by_id: dict = field(default_factory=dict)

    def leaves(self):
        return [c for c in self.clauses if c.leaf]

    def count(self, status: str, leaves_only: bool = True) -> int:
        pool = self.leaves() if leaves_only else self.clauses
        return sum(1 for c in pool if c.status == status)

    @property
    def percent(self) -> float:
        """Share of all clauses that are covered, out of scope or open."""
        if not self.clauses:
            return 100.0
        return 100.0 * sum(c.resolved for c in self.clauses) / len(self.clauses)


def parent_id(clause_id: str) -> str:
    return clause_id.rsplit(".", 1)[0] if "." in clause_id else ""


def citers(model, clause) -> list[Citer]:
    """Everything that cites `clause`, innermost entity first found."""
    out, seen = [], set()
    for ref in model.referrers.get(("clause", clause.id), []):
        owner = model.owner_of(ref.doc, ref.path)
        if owner is not None and owner.kind != "clause":
            citer = Citer(owner.kind, owner.id, owner.name)
        elif owner is None:
            where = model.breadcrumb(ref.doc, ref.path[:1]) or ref.doc.file
            citer = Citer("file", f"{ref.doc.file} > {where}", where)
        else:
            continue
        if citer not in seen:
            seen.add(citer)
            out.append(citer)
    return out


def compute(model) -> Coverage:
    """The coverage of the policy's clauses: once per model (several rules and
    pages ask), kept as a view of it (Model.view)."""
    return model.view(_compute)


def _compute(model) -> Coverage:
    clauses = model.all("clause")
    ids = [c.id for c in clauses]
    children = {cid: tuple(k for k in ids if parent_id(k) == cid) for cid in ids}
    leaf_status = {}
    facts = {}
    for clause in clauses:
        found = citers(model, clause)
        covering = tuple(c for c in found if c.kind not in NOT_COVERING)
        questions = [c.id for c in found if c.kind == "question"]
        if clause.get("open_question") and clause.get("open_question") not in questions:
            questions.insert(0, clause.get("open_question"))
        terms = tuple(c for c in found if c.kind == "term")
        if covering:
            status = COVERED
        elif clause.get("out_of_scope"):
            status = OUT_OF_SCOPE
        elif questions:
            status = OPEN
        else:
            status = UNCOVERED
        leaf_status[clause.id] = status
        facts[clause.id] = (covering, tuple(questions), terms)

    def status_of(cid):
        kids = children[cid]
        if not kids:
            return leaf_status[cid]
        states = {status_of(k) for k in kids}
        for s in (UNCOVERED, OPEN):
            if s in states:
                return s
        return OUT_OF_SCOPE if states == {OUT_OF_SCOPE} else COVERED

    result = []
    for clause in clauses:
        covering, questions, terms = facts[clause.id]
        result.append(ClauseStatus(
            id=clause.id, heading=clause.get("heading", ""), status=status_of(clause.id),
            parent=parent_id(clause.id) if parent_id(clause.id) in children else "",
            children=children[clause.id], covered_by=covering, questions=questions,
            mentioned_by=terms, reason=clause.get("out_of_scope", "")))
    return Coverage(tuple(result), {c.id: c for c in result})


def summary(coverage: Coverage) -> str:
    leaves = coverage.leaves()
    return (f"{len(coverage.clauses)} clauses ({len(leaves)} leaves): "
            f"{coverage.count(COVERED)} covered, {coverage.count(OUT_OF_SCOPE)} out of scope, "
            f"{coverage.count(OPEN)} open, {coverage.count(UNCOVERED)} uncovered; "
            f"{coverage.percent:.0f}% resolved")
