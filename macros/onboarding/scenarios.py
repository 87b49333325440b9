"""Scenario questions for the first-week quiz, drawn from the rules and the
paths of the data rather than from single fields:

- an alternative path (e.g. 紧急采购 replaces 部门负责人签字 with 主管代签):
  once a step of it is done, what else must happen, in order: the path's
  later steps, then the main steps after the replaced ones. The wrong
  answers are the same sequence with the path's own steps left out, the
  replaced step put back, or only the path's steps;
- a process's trigger (e.g. a leak is found): what comes first, for the
  roles responsible for that first step; wrong answers are its later steps;
- a file whose access class is restricted (e.g. a purchase contract): who
  may read it; wrong answers are the readers of the other classes and
  single roles.
"""
from __future__ import annotations

from macros.core.words import NO_FURTHER_STEP
from macros.model.queries import letters, role_steps
from macros.onboarding.selfcheck import Question, names

ARROW = " → "


def _seq(steps) -> str:
    return ARROW.join(f"「{s['name']}」" for s in steps) if steps else NO_FURTHER_STEP


def _path_questions(model, role, process):
    main = [s.data for s in model.children(process, "step")]
    for path in model.children(process, "path"):
        replaced = set(path.get("replaces") or [])
        where = [i for i, s in enumerate(main) if s["id"] in replaced]
        if not where:
            continue
        back = [s for s in main if s["id"] in replaced]
        tail = main[max(where) + 1:]
        steps = path.get("steps") or []
        for i, step in enumerate(steps):
            if not set(letters(step.get("raci") or {}, role.id)) & {"R", "A"}:
                continue
            later = steps[i + 1:]
            answer = _seq(later + tail)
            wrong = _seq(tail), _seq(later), _seq(later + back + tail), _seq(back + tail), _seq([])
            condition = str(path.get("condition") or "").rstrip("。")
            yield Question("情景", f"「{process.name}」走「{path.name}」（{condition}）：「{step['name']}」完成以后，"
                                 "还必须依次做什么？", answer, path, (tuple(w for w in wrong if w != answer),))


def _first_step_question(model, role, process):
    main = [s.data for s in model.children(process, "step")]
    trigger = str(process.get("trigger") or "").rstrip("。")
    if not main or not trigger or "R" not in letters(main[0].get("raci") or {}, role.id):
        return
    first = model.children(process, "step")[0]
    yield Question("情景", f"{trigger}。你是{role.name}，第一步做什么？", f"「{main[0]['name']}」",
                   first, (tuple(f"「{s['name']}」" for s in main[1:]),))


def _access_questions(model, pools):
    internal = {r.id for r in model.all("role") if r.get("kind") == "internal"}
    for access in model.all("access-class"):
        readers = access.get("readers") or []
        examples = access.get("examples") or []
        if not examples or internal <= set(readers):
            continue  # open to the whole department: nothing to get wrong
        yield Question("情景", f"有人要调阅一份「{examples[0]}」。谁可以调阅？", names(model, readers), access,
                       (tuple(pools.reader_sets), tuple(pools.roles)))


def questions(model, pools, role) -> list[Question]:
    out = []
    # Both kinds of question need the role in one of the process's steps:
    # look only there (every role scanning every process grew with roles x processes).
    taking_part = {row.process.id for row, _ in role_steps(model, role.id)}
    for process in model.all("process"):
        if process.id not in taking_part:
            continue
        out += _path_questions(model, role, process)
        out += _first_step_question(model, role, process)
    return out + list(_access_questions(model, pools))
