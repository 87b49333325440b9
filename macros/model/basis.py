"""The standing of every statement: policy, proposal or decision.

- policy: the policy says it; `source` names the clauses. This is what an
  entity without a `basis` is.
- proposal: the handbook suggests it, naming the open question it answers
  (`basis: {proposal: question-id}`).
- decision: the department decided it: `basis: {decision: {question: id}}`
  takes who, when and the record from the decided question, or
  `basis: {decision: {by, date, record}}` says them itself.

A statement that is policy except for some fields says so per field:
`basis: {fields: {chair: {proposal: weekly-meeting-chair}}}`.

An entity without its own basis stands where its parent stands (a step of a
proposed process is a proposal). A time limit has its own standing: one
with a value and an `open_question` gives the policy's figure read as that
question proposes (for example "三日内" as calendar days), so it is a
proposal of that question; an `unspecified` limit states that the policy is
silent, which is policy.

One module reads `basis`, so the pages, the prints, the export and the rules
cannot disagree on what a statement's standing is.
"""
from __future__ import annotations

from dataclasses import dataclass

POLICY, PROPOSAL, DECISION = "policy", "proposal", "decision"
OPEN, DECIDED, WITHDRAWN = "open", "decided", "withdrawn"


@dataclass(frozen=True)
class Basis:
    kind: str  # POLICY, PROPOSAL or DECISION
    question: str = ""  # the question a proposal answers or a decision settles
    by: str = ""  # decision: the deciding role
    date: str = ""  # decision: YYYY-MM-DD
    record: str = ""  # decision: where it is recorded
    own: bool = True  # False: taken from the parent entity

    @property
    def is_policy(self) -> bool:
        return self.kind == POLICY

    def as_json(self) -> dict:
        out = {"basis": self.kind}
        for key in ("question", "by", "date", "record"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


PLAIN = Basis(POLICY)


def status(question) -> str:
    return (question.get("status") or OPEN) if question is not None else OPEN


def decision_of(question) -> dict:
    d = question.get("decision") if question is not None else None
    return d if isinstance(d, dict) else {}


def read(model, raw) -> Basis | None:
    """A `basis:` block as written; None where there is none. Without a model
    (None), a decision has only the details written beside it."""
    if not isinstance(raw, dict):
        return None
    if isinstance(raw.get("proposal"), str):
        return Basis(PROPOSAL, question=raw["proposal"])
    d = raw.get("decision")
    if isinstance(d, dict):
        qid = d.get("question", "")
        taken = decision_of(model.get("question", qid)) if qid and model is not None else {}
        return Basis(DECISION, question=qid, by=d.get("by") or taken.get("by", ""),
                     date=str(d.get("date") or taken.get("date", "")),
                     record=d.get("record") or taken.get("record", ""))
    return None


def fields_of(model, raw) -> dict:
    """{field name: Basis} for the parts of a statement whose standing
    differs from the statement's (`basis: {fields: {chair: {proposal: q}}}`)."""
    out = {}
    fields = raw.get("fields") if isinstance(raw, dict) else None
    for key, value in (fields or {}).items():
        one = read(model, value)
        if one is not None:
            out[key] = one
    return out


def of_field(model, entity, key: str) -> Basis | None:
    """The standing of one field where it differs from its entity's, else None."""
    return fields_of(model, entity.get("basis")).get(key)


def of_entity(model, entity) -> Basis:
    """The entity's own basis, else its parent's, else policy."""
    own = read(model, entity.get("basis"))
    if own is not None:
        return own
    if entity.parent:
        parent_kind = "process" if entity.kind in ("step", "path") else ""
        parent = model.get(parent_kind, entity.parent) if parent_kind else None
        if parent is not None:
            up = of_entity(model, parent)
            return up if up.is_policy else Basis(up.kind, up.question, up.by, up.date, up.record, own=False)
    return PLAIN


def of_limit(limit, around: Basis = PLAIN, model=None) -> Basis:
    """A time limit's standing (see the module docstring); `around` is the
    standing of the statement that holds it."""
    if not isinstance(limit, dict):
        return around
    own = read(model, limit.get("basis"))
    if own is not None:
        return own
    if limit.get("unspecified"):
        return PLAIN  # the policy is silent, and the limit says so
    if limit.get("open_question"):
        return Basis(PROPOSAL, question=limit["open_question"])
    return around


def limit_fills_gap(limit) -> bool:
    """A limit whose own basis fills a gap the policy leaves: a value, or the
    choice to set none (`unspecified` with a basis). An open_question alone
    means the policy gives the figure and only its reading is proposed."""
    return isinstance(limit, dict) and isinstance(limit.get("basis"), dict)


def process_share(model, process) -> tuple[int, int]:
    """(steps whose own standing is a proposal, all steps) of a process. A
    proposed time limit alone does not make a step a proposal: the step is
    still the policy's (the enrolment gates, for one)."""
    steps = model.children(process, "step")
    proposed = sum(1 for s in steps if of_entity(model, s).kind == PROPOSAL)
    return proposed, len(steps)
