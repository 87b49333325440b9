"""The whole handbook as one print document (cover, contents, chapters).

Rendered from the model through checklists/templates/handbook.html.j2, not by
printing the site. Field labels come from the one vocabulary and the
schemas' Chinese titles (macros/schema/labels.py, as on the site), and
references print as the referred entity's name, so a new field or a new kind
of data appears in print without touching this module: kinds not named in
CHAPTERS are printed in a last chapter, never dropped, unless LEFT_OUT names
them with the reason (the print docs, docs/maintainers/print.md, repeat it).

The copy opens with document control (number, version, effective date, the
编制 / 审核 / 批准 block and the revision table from the data's history):
it is the copy the 总监 signs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from macros.core import words

from macros.load.kinds import ENTITIES
from macros.schema import labels as schema_labels
from macros.schema.labels import SchemaLabels
from macros.outputs.print.checklist import cycle_text, deadline_text
from macros.model import basis
from macros.model.queries import display_name, ordered_processes
from macros.outputs.print import standing
from macros.outputs.print.parts import from_template

# (chapter title, kinds in it). Processes and checklists have their own layout.
CHAPTERS = (
    ("部门概况", ("organisation", "principle", "goal", "line", "interface")),
    ("角色与权限", ("role", "permission", "action")),
    ("流程", ("process",)),
    ("文档与报告", ("business-type", "document-rule", "storage", "access-class", "report")),
    ("会议与决议", ("meeting", "decision-rule")),
    ("绩效与激励", ("kpi", "assessment", "incentive")),
    ("合规与风险", ("compliance", "risk", "drill", "audit")),
    ("检查单", ("checklist",)),
    ("待决问题与决定记录", ("question",)),
    ("术语", ("term",)),
    ("制度条款索引", ("clause",)),
)
# The chapters that start a part of the printed copy (print/parts.py): a
# part is rendered and cached on its own, so an edit renders again only the
# part holding it, but every part embeds its own subset of the CJK fonts
# (about 260 KB even for two pages: the subsets keep every glyph id up to
# the highest used), so small chapters share a part.
PART_STARTS = {"流程", "文档与报告", "检查单", "待决问题与决定记录", "术语"}
# The process chapter alone grows with the department: 18 processes fill 16
# pages, and as one part an edit to any process rendered all of them again
# (2.5 s, the longest wait of a build after a one-field edit). So it is
# split, this many processes to a part, like the booklet's checklists
# (booklet.py); each later part starts on a new page, without the heading.
PROCESSES_PER_PART = 6
# Kinds deliberately not in the approval copy, with the reason it prints
# (worded in the one vocabulary).
LEFT_OUT = words.NOT_IN_APPROVAL_COPY
SKIP = {"id", "name", "heading", "basis"} | words.PLACEMENT_FIELDS
_ENUMISH = re.compile(r"^[a-z][a-z0-9_-]*$")  # an identifier, worded like the site's enums
KIND_TITLES = words.KIND  # the one vocabulary


@dataclass
class Block:
    anchor: str
    title: str
    ident: str
    fields: list = field(default_factory=list)  # [(label, text)]


@dataclass
class Chapter:
    anchor: str
    title: str
    groups: list  # [(kind title, kind, [Block])]
    number: int = 0  # as printed: 1, 2, … over the chapters that have content
    continued: bool = False  # a later part of a chapter split across parts (_pieces): no heading


class Formatter:
    """Data values as print text: references by name, deadlines and cycles in words."""

    def __init__(self, model, labels: SchemaLabels):
        self.model, self.labels = model, labels
        self.refs = {(r.doc.file, r.path): (r.kind, r.target)
                     for refs in model.referrers.values() for r in refs}

    def value(self, doc, path, v) -> str:
        if isinstance(v, bool):
            return "是" if v else "否"
        if isinstance(v, dict):
            if "last_reviewed" in v and "cycle_months" in v:
                return review_text(self.model, v)
            if "unspecified" in v or ("unit" in v and "from" in v):
                return deadline_text(self.model, v)
            if "interval" in v and "unit" in v:
                return cycle_text(v)
            return "；".join(f"{self.labels.label(k)}：{self.value(doc, path + (k,), x)}"
                            for k, x in v.items())
        if isinstance(v, list):
            short = all(isinstance(x, str) and len(x) <= 12 and not x.endswith("。") for x in v)
            sentences = all(isinstance(x, str) and x.endswith("。") for x in v)
            sep = "、" if short else ("" if sentences else "；")
            return sep.join(self.value(doc, path + (i,), x) for i, x in enumerate(v))
        ref = self.refs.get((doc.file, path))
        if ref:
            target = self.model.get(*ref)
            if target is not None and ref[0] != "clause":
                return display_name(self.model, target)
            if target is not None:  # a clause by its id; "clause:三.一.2" among other kinds says what it is
                return f"{words.kind('clause')} {target.id}" if ":" in str(v) else target.id
        key = path[-1] if path and isinstance(path[-1], str) else ""
        if isinstance(v, str) and _ENUMISH.match(v):
            return str(self.labels.value(key, v))
        return str(v)


def review_text(model, review: dict) -> str:
    """2026-11-29 审核；复审周期：每 12 个月一次（下次 2027-11-29，审核人：…）."""
    from macros.outputs.provenance import review_due
    who = model.get("role", review.get("reviewer", "")) if review.get("reviewer") else None
    tail = f"，审核人：{who.name}" if who is not None else ""
    cycle = cycle_text({"interval": review["cycle_months"], "unit": "months"})
    return f"{review['last_reviewed']} 审核；复审周期：{cycle}（下次 {review_due(review)}{tail}）"


def _nested_keys(entity) -> set:
    """Keys holding entities of their own kind (printed as their own blocks)."""
    return {k.at[len(entity.path)] for k in ENTITIES
            if k.pattern == next(e.pattern for e in ENTITIES if e.kind == entity.kind)
            and len(k.at) > len(entity.path) and k.at[:len(entity.path)] == entity.path}


def entity_block(model, fmt, entity) -> Block:
    nested = _nested_keys(entity)
    parts = basis.fields_of(model, entity.get("basis"))
    fields = [(fmt.labels.label(key, entity.kind),
               (words.QUESTION_STATUS.get(v, v) if entity.kind == "question" and key == "status"
                else fmt.value(entity.doc, entity.path + (key,), v))
               + (f" 〔{standing.mark(model, parts[key])}〕" if key in parts else ""))
              for key, v in entity.data.items() if key not in SKIP and key not in nested]
    if entity.kind == "question" and "status" not in entity.data:  # the log states every question's status
        fields.insert(0, ("状态", words.QUESTION_STATUS[basis.status(entity)]))
    own = basis.of_entity(model, entity)
    if not own.is_policy and own.own:
        fields.insert(0, ("依据", standing.mark(model, own)))
    if entity.kind == "process" and standing.process_notice(model, entity):
        fields.insert(0, ("注意", standing.process_notice(model, entity)))
    return Block(f"e-{entity.kind}-{entity.id}", display_name(model, entity), entity.id, fields)


def checklist_block(view) -> Block:
    """A checklist in the approval copy: what it records and lists, item by
    item as printed, not its data. The form itself prints on its own."""
    fields = [(label, value) for label, value in (
        ("用途", view.purpose), ("对应流程", view.process), ("使用者", view.audience),
        ("记录对象栏", "、".join(view.subject)), ("注意", view.notice)) if value]
    fields += [(name, "；".join(i.title for i in items)) for name, items in view.sections]
    fields.append(("签字栏", "；".join(f"{as_}（{who}）" for as_, who in view.signoff)))
    signs = [i.sign for i in view.items + [s for i in view.items for s in i.substeps] if i.sign]
    if signs:
        fields.append(("逐级签字", "；".join(signs)))
    fields.append(("制度出处", "、".join(c for c, _ in view.source)))
    fields.append(("审核信息", f"{view.last_reviewed} 审核，复审到期 {view.review_due}"))
    return Block(f"e-checklist-{view.id}", view.name, view.id, fields)


def chapters(model, root, views=()) -> list[Chapter]:
    fmt = Formatter(model, schema_labels.read(root))
    listed = {kind for _, kinds in CHAPTERS for kind in kinds} | set(LEFT_OUT)
    extra = tuple(k.kind for k in ENTITIES if k.kind not in listed and model.all(k.kind))
    out = []
    for n, (title, kinds) in enumerate(CHAPTERS + ((("其他数据", extra),) if extra else ())):
        groups = []
        for kind in kinds:
            # Processes in the business order the site uses (queries.ordered_processes).
            entities = ordered_processes(model) if kind == "process" else model.all(kind)
            if kind in ("step", "path") or not entities:
                continue
            if kind == "checklist" and views:
                blocks = [checklist_block(v) for v in views]
            else:
                blocks = [entity_block(model, fmt, e) for e in entities]
            groups.append((KIND_TITLES.get(kind, kind), kind, blocks))
        if groups:
            out.append(Chapter(f"ch-{n + 1}", title, groups, len(out) + 1))
    return out


def control(root, model) -> dict:
    """The document control page: effective date, revision table, what is left out."""
    from macros.outputs import provenance
    from macros.time import stamp
    policy = stamp.policy_info(model)
    effective = policy.get("effective", "")
    known = bool(re.match(r"^\d{4}-\d\d-\d\d$", str(effective)))
    return {"effective": "待定（批准后填写）", "policy_effective": effective if known else "未知",
            "policy_name": policy.get("name", ""), "policy_version": policy.get("version", ""),
            "policy_note": policy.get("note", ""),
            "revisions": provenance.revisions(root, model),
            "left_out": [(words.kind(k), why) for k, why in LEFT_OUT.items() if model.all(k)]}


def handbook_job(env, root, model, views, prov):
    """The copy as a print job assembled from parts (print/parts.py): one
    part per chapter, rendered and cached on their own, so an edit renders
    again only the chapter holding it; the front (cover, document control,
    contents) is rendered once the chapters' page numbers are known."""
    from macros.outputs.print.checklist import step_item
    from macros.outputs.print.engine import HANDBOOK, Job
    org = model.all("organisation")[0]
    steps = {p.id: [step_item(model, s.data, ref=s.id) for s in model.children(p, "step")]
             for p in model.all("process")}
    paths = {p.id: [(a.name, a.data["condition"], [step_item(model, s, ref=f"{a.id}.{s['id']}") for s in a.data["steps"]])
                    for a in model.children(p, "path")] for p in model.all("process")}
    chs = chapters(model, root, views)
    common = dict(org=org, prov=prov, chapters=chs, views=views, steps=steps, paths=paths, page={}, total=0)
    return from_template(HANDBOOK, env.get_template("handbook.html.j2"), common,
                         [dict(chapters=group) for group in _parts(chs)], _contents_anchors(chs), Job,
                         control=control(root, model))


def _parts(chs) -> list[list[Chapter]]:
    groups = []
    for ch in chs:
        for piece in _pieces(ch):
            if not groups or ch.title in PART_STARTS or piece.continued:
                groups.append([])
            groups[-1].append(piece)
    return groups


def _pieces(ch: Chapter) -> list[Chapter]:
    """The chapter as its parts print it: the process chapter in runs of
    PROCESSES_PER_PART processes, every other chapter whole."""
    if len(ch.groups) != 1 or ch.groups[0][1] != "process" or len(ch.groups[0][2]) <= PROCESSES_PER_PART:
        return [ch]
    title, kind, blocks = ch.groups[0]
    return [replace(ch, groups=[(title, kind, blocks[i:i + PROCESSES_PER_PART])], continued=i > 0)
            for i in range(0, len(blocks), PROCESSES_PER_PART)]


def _contents_anchors(chs):
    """The anchors the contents give a page number (as handbook.html.j2 lists them)."""
    for ch in chs:
        yield ch.anchor
        if len(ch.groups) > 1:
            yield from (f"g-{kind}" for _, kind, _ in ch.groups)
        elif ch.groups[0][1] in ("process", "checklist"):
            yield from (b.anchor for b in ch.groups[0][2])
