"""The whole handbook as one print document (cover, contents, chapters).

Rendered from the model through checklists/templates/handbook.html.j2, not by
printing the site. Field labels come from the one vocabulary and the
schemas' Chinese titles (macros/schema/labels.py, as on the site), and
references print as the referred entity's name, so a new field or a new kind
of data appears in print without touching this module: kinds not named in
CHAPTERS are printed in a last chapter, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.core import words

from macros.load.kinds import ENTITIES
from macros.schema import labels as schema_labels
from macros.schema.labels import SchemaLabels
from macros.outputs.print.checklist import cycle_text, deadline_text
from macros.outputs.print.engine import pdf_name

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
    ("待决问题", ("question",)),
    ("术语", ("term",)),
    ("制度条款索引", ("clause",)),
)
SKIP = {"id", "name", "heading"}
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
                return target.name
        key = path[-1] if path and isinstance(path[-1], str) else ""
        if isinstance(v, str) and _ENUMISH.match(v):
            return str(self.labels.value(key, v))
        return str(v)


def _nested_keys(entity) -> set:
    """Keys holding entities of their own kind (printed as their own blocks)."""
    return {k.at[len(entity.path)] for k in ENTITIES
            if k.pattern == next(e.pattern for e in ENTITIES if e.kind == entity.kind)
            and len(k.at) > len(entity.path) and k.at[:len(entity.path)] == entity.path}


def entity_block(model, fmt, entity) -> Block:
    nested = _nested_keys(entity)
    fields = [(fmt.labels.label(key, entity.kind), fmt.value(entity.doc, entity.path + (key,), v))
              for key, v in entity.data.items() if key not in SKIP and key not in nested]
    return Block(f"e-{entity.kind}-{entity.id}", entity.name, entity.id, fields)


def chapters(model, root) -> list[Chapter]:
    fmt = Formatter(model, schema_labels.read(root))
    listed = {kind for _, kinds in CHAPTERS for kind in kinds}
    extra = tuple(k.kind for k in ENTITIES if k.kind not in listed and model.all(k.kind))
    out = []
    for n, (title, kinds) in enumerate(CHAPTERS + ((("其他数据", extra),) if extra else ())):
        groups = []
        for kind in kinds:
            entities = model.all(kind)
            if kind in ("step", "path") or not entities:
                continue
            blocks = [entity_block(model, fmt, e) for e in entities]
            groups.append((KIND_TITLES.get(kind, kind), kind, blocks))
        if groups:
            out.append(Chapter(f"ch-{n + 1}", title, groups))
    return out


def handbook_html(env, root, model, views, prov) -> str:
    from macros.outputs.print.checklist import step_item
    org = model.all("organisation")[0]
    steps = {p.id: [step_item(model, s.data, ref=s.id) for s in model.children(p, "step")]
             for p in model.all("process")}
    paths = {p.id: [(a.name, a.data["condition"], [step_item(model, s, ref=f"{a.id}.{s['id']}") for s in a.data["steps"]])
                    for a in model.children(p, "path")] for p in model.all("process")}
    return env.get_template("handbook.html.j2").render(
        org=org, prov=prov, chapters=chapters(model, root), views=views, steps=steps,
        paths=paths, pdf_name=pdf_name)

