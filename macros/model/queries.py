"""Questions the pages ask of the model: who takes part in which step, what
a role may do, which checklists belong to a process. Pure functions, shared
by the role, process and matrix pages.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.core.words import kind as kind_word

LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))


@dataclass(frozen=True)
class StepRow:
    process: object  # Entity
    step: dict  # the step's data
    entity: object  # step or path Entity, for linking
    path_name: str  # "" for a main step, else the alternative path's name


def letters(raci: dict, role_id: str) -> str:
    """The RACI letters a step gives one role ("RA", "C", ""), in R, A, C, I order."""
    return letters_by_role(raci).get(role_id, "")


def letters_by_role(raci: dict) -> dict:
    """{role id: its letters} for every role the step names: one pass over
    the step, where asking each role in turn costs steps x roles (the RACI
    matrix at 50x asked 1.7 million times)."""
    out: dict = {}
    for key, letter in LETTERS:
        v = raci.get(key)
        for role_id in (v if isinstance(v, list) else [v]):
            if isinstance(role_id, str) and letter not in out.get(role_id, ""):
                out[role_id] = out.get(role_id, "") + letter
    return out


def process_steps(model, process) -> list[StepRow]:
    """Every step of a process, main steps first, then each path's steps."""
    rows = [StepRow(process, s.data, s, "") for s in model.children(process, "step")]
    for path in model.children(process, "path"):
        for s in path.get("steps") or []:
            rows.append(StepRow(process, s, path, path.name))
    return rows


def all_steps(model) -> list[StepRow]:
    """Every step, process by process in the reading order (ordered_processes)."""
    return list(model.view(_all_steps))


def _all_steps(model) -> tuple[StepRow, ...]:
    return tuple(r for p in ordered_processes(model) for r in process_steps(model, p))


def role_steps(model, role_id: str) -> list[tuple[StepRow, str]]:
    """(step, "RA"...) for every step the role takes part in, in reading order."""
    return list(model.view(_steps_by_role).get(role_id, ()))


def _steps_by_role(model) -> dict:
    # One pass over every step for all roles: the role pages, duties and the
    # quiz ask for each role in turn, and a scan per role grew with roles x steps.
    out: dict = {}
    for r in model.view(_all_steps):
        for role_id, lt in sorted(letters_by_role(r.step.get("raci") or {}).items()):
            out.setdefault(role_id, []).append((r, lt))
    return out


def roles_in_raci(model) -> list:
    """Roles that appear in any RACI, internal ones first, by rank."""
    seen = set()
    for r in all_steps(model):
        raci = r.step.get("raci") or {}
        for key, _ in LETTERS:
            v = raci.get(key)
            seen.update(v if isinstance(v, list) else [v] if v else [])
    return sort_roles([model.get("role", i) for i in seen if model.get("role", i)])


# Role kinds in reading order: the order of the `kind` enum in
# data/schemas/roles.schema.json (tests/test_process_order.py keeps the two
# equal). Kept here because sort_roles is given roles, not the project.
ROLE_KINDS = ("internal", "temporary", "external")


def sort_roles(roles):
    """Internal posts, then the temporary team, then outside parties; within
    each, by rank and then the order of data/roles.yml (the business order:
    总监, then each line's 主管 and 专员 in the order of the lines), never the
    English id."""
    order = {kind: i for i, kind in enumerate(ROLE_KINDS)}
    return sorted(roles, key=lambda r: (order.get(r.get("kind"), 3), -(r.get("rank") or 0),
                                        r.doc.file, r.where, r.id))


def role_group_names(model, ids) -> list[str]:
    """Role names in as few words as is honest: when every role of one rank
    and kind is listed (the three 专员 of the three lines), they become one
    group (各线专员); any other role keeps its own name."""
    ids = list(ids)
    names, done = [], set()
    for rid in ids:
        role = model.get("role", rid)
        if role is None or rid in done:
            continue
        peers = model.view(_peers).get((role.get("rank"), role.get("kind")), ()) \
            if role.get("rank") is not None else ()
        suffix = _common_suffix([x.name for x in peers])
        if len(peers) > 1 and suffix and all(x.id in ids for x in peers):
            names.append(f"各线{suffix}")
            done |= {x.id for x in peers}
        else:
            names.append(role.name)
            done.add(rid)
    return names


def _peers(model) -> dict:
    """{(rank, kind): roles of that rank and kind, in data order}: asked for
    every list of role names on every page, so grouped once per model rather
    than found by scanning every role each time (quadratic at scale)."""
    out: dict = {}
    for x in model.all("role"):
        if x.get("rank") is not None:
            out.setdefault((x.get("rank"), x.get("kind")), []).append(x)
    return out


def _common_suffix(names: list[str]) -> str:
    out = names[0] if names else ""
    for n in names[1:]:
        while out and not n.endswith(out):
            out = out[1:]
    return out


def report_pairs(model, report) -> list[tuple[str, list[str]]]:
    """Who hands a report to whom: each author with the recipients among
    their own superiors (`reports_to`, followed up the chain), so a 专员's 周报
    goes to their line's 主管, not to every recipient on the list. An author
    with no superior among the recipients hands it to all of them."""
    to = list(report.get("submitted_to") or [])
    out = []
    for author in report.get("submitted_by") or []:
        chain, role, seen = [], model.get("role", author), set()
        while role is not None and role.get("reports_to") and role.id not in seen:
            seen.add(role.id)
            chain.append(role.get("reports_to"))
            role = model.get("role", role.get("reports_to"))
        mine = next(([r] for r in chain if r in to), [r for r in to if r != author])
        out.append((author, mine))
    return out


def level_rank(model, level_id) -> int:
    level = model.get("permission", level_id) if level_id else None
    return level.get("rank", 0) if level else -1


def may(model, role, action) -> bool:
    """A role may do an action when its level is high enough and the action
    is not reserved to other roles."""
    only = action.get("only") or []
    if only:
        return role.id in only
    return level_rank(model, role.get("permission")) >= level_rank(model, action.get("level")) >= 0


def allowed_actions(model, role) -> list:
    return [a for a in model.all("action") if may(model, role, a)]


def checklists_for(model, process_id: str) -> list:
    """Checklist entities (kind 'checklist', field `process`) of a process."""
    out = []
    for c in model.all("checklist"):
        proc = c.get("process")
        if proc == process_id or (isinstance(proc, list) and process_id in proc):
            out.append(c)
    return out


def onboarding_for(model, role_id: str) -> list:
    return [o for o in model.all("onboarding") if o.get("role") == role_id or o.id == role_id]


def direct_reports(model, role_id: str) -> list:
    return sort_roles([r for r in model.all("role") if r.get("reports_to") == role_id])


def category_order(model) -> tuple:
    """The process categories in reading order: the order of the `category`
    enum in data/schemas/process.schema.json, declared there once."""
    return schema_enum(model, "process.schema.json", "properties", "category", "enum")


def schema_enum(model, schema_file: str, *keys: str) -> tuple:
    """An enum's values in the order its schema lists them, from the schemas
    the model was checked against (read once, by the check); () when the
    schemas were broken: the callers then fall back to a stable order."""
    node = (model.schemas.written if model.schemas is not None else {}).get(schema_file)
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return tuple(v for v in node if isinstance(v, str)) if isinstance(node, list) else ()


def ordered_processes(model) -> list:
    """Processes as a reader meets them, the one order of the navigation,
    the overview, the RACI matrix, role pages and print: by category (the
    schema's enum order), then each process's own `order` within it (a
    student's record from entry to leaving; an incident before the
    follow-up), then, for a process without one, the policy clause it
    comes from. Never the English id, except as the last tie-break.
    Sorted once per model (a view: every role page asks)."""
    return list(model.view(_ordered_processes))


def process_rank(model) -> dict:
    """{process id: its place in ordered_processes()}, once per model: role
    pages and the deadline groups sort by it."""
    return model.view(_process_rank)


def _process_rank(model) -> dict:
    return {p.id: i for i, p in enumerate(model.view(_ordered_processes))}


def _ordered_processes(model) -> tuple:
    cats = category_order(model)

    def key(p):
        cat = p.get("category") or ""
        src = (p.get("source") or [""])[0]
        rank = cats.index(cat) if cat in cats else len(cats)
        return (rank, cat == "", cat, p.get("order") is None, p.get("order") or 0, src, p.id)
    return tuple(sorted(model.all("process"), key=key))


def display_name(model, entity) -> str:
    """What a reader calls an entity, on the site and on paper. An interface
    has no name of its own in the data (its id would show): it is the
    interface with its department."""
    if entity.data.get("name") or entity.data.get("heading"):
        return entity.name
    dept = model.get("role", entity.data.get("department") or "")
    if dept is not None:
        return f"与{dept.name}的接口"
    # A model without the department (the changelog reads one file at a
    # time): the kind's word, never the id.
    return kind_word(entity.kind)
