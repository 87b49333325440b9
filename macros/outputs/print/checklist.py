"""Checklist -> what a printed page shows, taken from the model.

Pure functions over the Model: every item's text comes from the entity the
checklist refers to (a step, a drill, a rule ...), so the paper says what the
data says. The templates escape everything (Jinja2 autoescape); nothing here
builds HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from macros.core import words
from macros.model import basis
from macros.outputs import provenance
from macros.outputs.print import standing
from macros.time.words import cycle_text, deadline_text as deadline_words  # noqa: F401 (cycle_text re-exported)

# Fields of a referred entity shown under its item, in this order; their
# labels are the one vocabulary's (core/words.FIELD), as on the site.
ROLE_FIELDS = ("owner", "reports_to", "partner", "participants", "responsible", "chairs", "owners",
               "submitted_by", "submitted_to", "readers")
TEXT_FIELDS = ("description", "summary", "purpose", "condition", "plan")
# Plain-text fields shown as facts when they are not already the item's text.
FACT_FIELDS = ("plan", "scenarios", "evidence", "escalation")
LOG_ROWS = 3


def deadline_text(model, deadline: dict | None) -> str:
    """The site's wording, with the open question named in full (a printed
    form cannot link to it) and proposals marked (print/standing.py)."""
    return standing.limit_text(model, deadline) if deadline else deadline_words(deadline)




def role_names(model, value) -> str:
    ids = value if isinstance(value, list) else [value]
    return "、".join((model.get("role", i).name if model.get("role", i) else i) for i in ids)


@dataclass
class Item:
    title: str
    text: str = ""  # what to do, from the referred entity
    facts: list = field(default_factory=list)  # [(label, value)]
    note: str = ""
    log: bool = False
    substeps: list = field(default_factory=list)  # [Item] for a path's steps
    ref: str = ""  # the id it refers to: traceability for tests and tools, never printed
    source: list = field(default_factory=list)
    standing: str = ""  # '' for policy; else 建议（待决问题：…） for the item or its parts
    sign: str = ""  # an approval step: whose signature (its record's name), with a date beside it
    signer: str = ""  # the level that signs: the responsible roles' names


def step_item(model, data: dict, title: str = "", ref: str = "") -> Item:
    raci = data["raci"]
    facts = [(word, role_names(model, raci[key])) for key, (_, word) in words.RACI.items() if raci.get(key)]
    perm = model.get("permission", data["permission"])
    facts.append((words.FIELD["permission"], perm.name if perm else data["permission"]))
    record = data["record"]
    facts.append((words.FIELD["record"], f"{record['name']}（{words.value(record['kind'])}）"))
    facts.append((words.FIELD["deadline"], deadline_text(model, data.get("deadline"))))
    log = bool(data.get("gate")) or record["kind"] == "log"
    step = model.get("step", ref) if ref else None
    own = basis.of_entity(model, step) if step is not None else (basis.read(model, data.get("basis")) or basis.PLAIN)
    if not own.own:
        own = basis.PLAIN  # a step of a proposed process: the process says so once
    mark = standing.marks(model, own, basis.fields_of(model, data.get("basis")), words.FIELD)
    # An approval is a signature on paper: every approval step gets a signature
    # and a date place for its level, not just a box to tick.
    sign = (record["name"] if record["kind"] == "signature" else f"{data['name']}签字") if data.get("approval") else ""
    return Item(title or data["name"], data.get("description", ""), facts, log=log, ref=ref,
                source=list(data.get("source", [])), standing=mark, sign=sign,
                signer=role_names(model, raci["responsible"]) if sign else "")


def entity_item(model, entity, title: str = "") -> Item:
    data = entity.data
    text = next((data[k] for k in TEXT_FIELDS if isinstance(data.get(k), str)), "")
    label = words.FIELD
    facts = [(label[key], role_names(model, data[key])) for key in ROLE_FIELDS if data.get(key)]
    if isinstance(data.get("permission"), str) and model.get("permission", data["permission"]):
        facts.append((label["permission"], model.get("permission", data["permission"]).name))
    if data.get("cycle"):
        facts.append((label["cycle"], cycle_text(data["cycle"])))
    for key in ("deadline", "rectification"):
        if isinstance(data.get(key), dict):
            facts.append((label[key], deadline_text(model, data[key])))
    for key in FACT_FIELDS:
        value = data.get(key)
        if value and value != text and isinstance(value, (str, list)):
            facts.append((label[key], value if isinstance(value, str) else "、".join(map(str, value))))
    own = basis.of_entity(model, entity)
    item = Item(title or entity.name, text, facts, ref=f"{entity.kind}:{entity.id}",
                source=list(data.get("source", [])),
                standing=standing.marks(model, own if own.own else basis.PLAIN,
                                        basis.fields_of(model, data.get("basis")), words.FIELD))
    if entity.kind == "path":  # an alternative path: its own steps, each ticked and logged
        item.substeps = [step_item(model, s, ref=f"{entity.id}.{s['id']}") for s in data["steps"]]
    return item


def item_view(model, raw: dict) -> Item:
    if "step" in raw:
        step = model.get("step", raw["step"])
        item = step_item(model, step.data, raw.get("text", ""), ref=step.id)
    else:
        kind, _, ident = raw["ref"].partition(":")
        item = entity_item(model, model.get(kind, ident), raw.get("text", ""))
    item.note = raw.get("note", "")
    if "log" in raw:
        item.log = raw["log"]
    return item


@dataclass
class ChecklistView:
    id: str
    name: str
    process: str  # the process's name, or ''
    purpose: str
    audience: str
    business_type: str  # its Chinese name, printed in the document number
    sections: list  # [(name, [Item])]
    signoff: list  # [(as, role name)]
    source: list  # [(clause id, heading)]
    review_due: str
    last_reviewed: str
    omits: list  # [(step name, reason)]
    notice: str = ""  # the process is mostly proposal (print/standing.py)
    subject: list = field(default_factory=list)  # blank fields naming the record's subject (学生姓名 …)

    @property
    def items(self):
        return [i for _, items in self.sections for i in items]


def _default_signoff(model, checklist):
    process = model.get("process", checklist.get("process", ""))
    if process is None:
        return []
    doers = []
    for step in model.children(process, "step"):
        for r in step.data["raci"]["responsible"]:
            if r not in doers and (model.get("role", r) or {}).get("kind", "internal") == "internal":
                doers.append(r)
    # More than two roles would not fit one signature line: then the person
    # signing writes their role in.
    signoff = [("经办人", role_names(model, doers) if len(doers) <= 2 else "岗位：＿＿＿＿")] if doers else []
    return signoff + [("复核人", role_names(model, process.data["owner"]))]


def checklist_view(model, checklist) -> ChecklistView:
    data = checklist.data
    process = model.get("process", data.get("process", ""))
    btype = model.get("business-type", data.get("business_type", ""))
    sections = [(s["name"], [item_view(model, raw) for raw in s["items"]]) for s in data["sections"]]
    if "signoff" in data:
        signoff = [(s["as"], role_names(model, s["role"])) for s in data["signoff"]]
    else:
        signoff = _default_signoff(model, checklist)
    clauses = [(c, (model.get("clause", c).name if model.get("clause", c) else "")) for c in data["source"]]
    omits = [(model.get("step", o["step"]).name, o["reason"]) for o in data.get("omits", [])]
    return ChecklistView(
        checklist.id, data["name"], process.name if process else "", data.get("purpose", ""),
        role_names(model, data["audience"]) if data.get("audience") else "",
        btype.name if btype else "", sections, signoff, clauses,
        provenance.review_due(data["review"]), data["review"]["last_reviewed"], omits,
        standing.process_notice(model, process) if process else "",
        list(data.get("subject_fields") or (process.get("subject_fields") if process else None) or []))
