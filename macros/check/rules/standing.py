"""Standing: every statement is policy, a proposal or a decision, and the
open questions are a decision log (see macros/model/basis.py).

What the data can know is checked here: a question's status agrees with its
decision; a decision names who decided, when and where it is recorded; a
proposal rests on a question that is still open; data a question affects
says so instead of answering it silently; and once a question is decided,
every place that still treats it as open is pointed out.
"""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule, warn
from macros.model import basis as b

DECISION_KEYS = {"text": "what was decided (text)", "by": "who decided (by)",
                 "date": "the date (date)", "record": "where it is recorded (record)"}


@rule("question-status")
def question_status(model):
    """A decided or withdrawn question records the decision: text, by, date,
    record. An open question has no decision yet."""
    for q in model.all("question"):
        state, decision = b.status(q), b.decision_of(q)
        if state == b.OPEN and decision:
            yield Finding(q, "the question is open but has a decision: set status: decided (or remove the "
                             "decision)", ("decision",))
        elif state != b.OPEN:
            missing = [words for key, words in DECISION_KEYS.items() if not decision.get(key)]
            if missing:
                yield Finding(q, f"status is '{state}' but the decision does not say {', '.join(missing)}",
                              ("status",))


@rule("decision-complete")
def decision_complete(model):
    """A decision without a question says who decided, when, and where it is
    recorded; a decision that names a question needs that question decided."""
    for where, entity, path, raw in _bases(model):
        d = raw.get("decision")
        if not isinstance(d, dict):
            continue
        qid = d.get("question")
        if qid:
            q = model.get("question", qid)
            if q is not None and b.status(q) != b.DECIDED:
                yield Finding(entity, f"the decision names question '{qid}', which is {b.status(q)}: decide the "
                                      "question in data/open_questions.yml first, or write basis: {proposal: "
                                      f"{qid}}}", path + ("decision", "question"))
            continue
        missing = [words for key, words in DECISION_KEYS.items() if key != "text" and not d.get(key)]
        if missing:
            yield Finding(entity, f"the decision does not say {', '.join(missing)}: name the question it "
                                  "settles (question: id) or give by, date and record", path + ("decision",))


@rule("proposal-question-open")
def proposal_question_open(model):
    """A proposal answers a question that is still open. Once the question is
    decided the data must say so (a warning, so the decision can be merged
    first and the data changed in the same pull request); a withdrawn
    question leaves the proposal resting on nothing (an error)."""
    for where, entity, path, raw in _bases(model):
        qid = raw.get("proposal")
        q = model.get("question", qid) if isinstance(qid, str) else None
        if q is None:
            continue
        state = b.status(q)
        if state == b.DECIDED:
            yield warn(entity, _decided_words(q) + f": write basis: {{decision: {{question: {qid}}}}} and "
                               "make the data say what was decided", path + ("proposal",))
        elif state == b.WITHDRAWN:
            yield Finding(entity, f"the proposal rests on question '{qid}', which was withdrawn: remove the "
                                  "statement, or cite the clause that says it and drop the basis",
                          path + ("proposal",))


@rule("open-reference-to-decided")
def open_reference_to_decided(model):
    """A time limit, headcount or clause that still names a decided question
    as its open_question reads as undecided; the warning points at each."""
    for q in model.all("question"):
        if b.status(q) != b.DECIDED:
            continue
        for owner, path in model.referring(q):
            if owner.kind == "question" or path[-1:] != ("open_question",):
                continue
            yield warn(owner, _decided_words(q) + ": write what was decided here in place of open_question, "
                              f"marked basis: {{decision: {{question: {q.id}}}}}", path[len(owner.path):])


@rule("question-answered-silently")
def question_answered_silently(model):
    """Data an open question affects marks it: it refers to the question (a
    limit's open_question, a basis, an unspecified value) in itself or in
    one of its parts. Otherwise the data states as policy something the
    question says the policy leaves open, and the reader cannot tell."""
    for q in model.all("question"):
        if b.status(q) != b.OPEN:
            continue
        marked = set()
        for owner, _ in model.referring(q):
            marked.add(f"{owner.kind}:{owner.id}")
            if owner.parent:
                marked.add(f"process:{owner.parent}")
        for i, ref in enumerate(q.get("affects") or []):
            kind, _, ident = ref.partition(":")
            if kind in ("clause", "term") or ref in marked:
                continue  # a clause is open through the index; a term only explains a word
            entity = model.get(kind, ident)
            if entity is None:
                continue
            yield Finding(entity, f"open question '{q.id}' affects this, but it states the matter as policy: "
                                  f"mark what rests on the question (basis: {{proposal: {q.id}}}, or "
                                  "open_question on the time limit), or take it out of the question's affects")


def _decided_words(q) -> str:
    d = b.decision_of(q)
    return f"question '{q.id}' was decided on {d.get('date', '?')} by {d.get('by', '?')}"


def _bases(model):
    """(entity-or-anchor, entity, path within it, basis dict) for every
    `basis:` block in the data: on entities and on the time limits they hold."""
    for kind in model.by_kind:
        for entity in model.all(kind):
            yield from _with_fields(entity, ("basis",), entity.get("basis"))
            if kind == "path":  # a path's steps are not entities of their own
                for j, step in enumerate(entity.get("steps") or []):
                    yield from _with_fields(entity, ("steps", j, "basis"), step.get("basis"))
    for doc in model.docs:
        for path, raw in _limit_bases(doc.data, ()):
            owner = model.owner_of(doc, path)
            if owner is not None:
                yield from _with_fields(owner, path[len(owner.path):], raw)


def _with_fields(entity, path, raw):
    if not isinstance(raw, dict):
        return
    yield entity, entity, path, raw
    for key, value in (raw.get("fields") or {}).items():
        yield from _with_fields(entity, path + ("fields", key), value)


def _limit_bases(node, path):
    if isinstance(node, dict):
        if ("unit" in node and "from" in node) and isinstance(node.get("basis"), dict):
            yield path + ("basis",), node["basis"]
        for key, value in node.items():
            yield from _limit_bases(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _limit_bases(value, path + (i,))
