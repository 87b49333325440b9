"""What every renderer needs: the model, a linker for the current page,
the escaping (with glossary tooltips) and the field labels.

`Shared` is computed once per loaded model (reference map, labels,
abbreviations); `Ctx` binds it to one page. Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from macros.outputs.site.render.html import Abbreviations, esc
from macros.outputs.site.render.links import Linker

# Labels a reader needs that the schemas do not carry as a `title`.
LABELS = {
    "summary": "概要", "description": "做什么", "purpose": "目的", "definition": "释义",
    "kind": "类型", "cycle": "周期", "deadline": "时限", "owner": "负责人",
    "responsible": "负责人", "participants": "参加人", "invited": "列席", "chair": "主持人",
    "agenda": "议程", "reviews": "审议事项", "plan": "应对预案", "scenarios": "演练场景",
    "rectification": "整改时限", "escalation": "升级", "process": "相关流程",
    "applies_to": "适用于", "evidence": "留存证据", "partner": "协作方", "examples": "示例",
    "readers": "可调阅角色", "copies": "保存份数", "medium": "介质", "location": "位置",
    "protection": "保护措施", "submitted_by": "提交人", "submitted_to": "提交给",
    "business_type": "文档业务类型", "trigger": "触发条件", "consequence": "结果",
    "decided_by": "决定人", "record": "留存记录", "type": "类别", "dimension": "维度",
    "reviewed_in": "在哪个会议审议", "target": "目标", "measure": "计算方法",
    "assessor": "评估人", "assessed": "被评估人", "uses": "用途", "likelihood": "可能性",
    "impact": "影响", "response_process": "应对流程", "drill": "演练", "review_cycle": "复核周期",
    "approver": "批准人", "checked_in": "在哪个会议检查", "department": "部门",
    "contact_chosen_by": "对接人由谁指定", "term": "期限类型", "reports_to": "汇报对象",
    "line": "业务线", "permission": "权限级别", "headcount": "编制人数", "rank": "层级",
    "level": "需要的权限级别", "only": "仅限角色", "conditions": "使用条件",
    "question": "问题", "proposed_default": "建议的默认做法", "affects": "受影响的数据",
    "status": "状态", "decision": "决定", "see": "相关条目", "abbr": "缩写",
    "heading": "标题", "out_of_scope": "不在范围内", "open_question": "待决问题",
    "requirements": "任职要求", "duties": "职责", "scope": "适用范围", "category": "流程类别",
    "source": "制度出处", "role": "角色", "raci": "职责分工（RACI）", "days": "日程", "items": "事项", "minutes": "预计时间（分钟）",
}

# Enumerated values shown to people (schema enums are English identifiers).
VALUES = {
    "internal": "部门内岗位", "temporary": "临时小组", "external": "部门外",
    "reward": "奖励", "penalty": "惩罚", "short": "短期", "long": "长期",
    "electronic": "电子版", "paper": "纸质版", "self": "本人", "superior": "上级",
    "open": "待决", "decided": "已决定", "student": "学籍业务", "approval": "审批与决策",
    "project": "项目", "risk": "风险与合规", "management": "会议与人事",
    "log": "操作日志", "form": "表单", "signature": "签字", "email": "邮件",
    "system": "系统录入", "minutes": "会议纪要", "report": "报告",
    "high": "高", "medium": "中", "low": "低",
    "accuracy": "准确性", "timeliness": "时效", "compliance": "合规", "completeness": "完整性",
    "quality": "质量", "apply": "本人申请", "rotate": "按期轮换",
}


_ENUM_WORDS = re.compile(r"([a-z][a-z0-9_-]*) ([^；;，,。\s]+)")


def schema_labels(root: Path | None, enums: dict | None = None) -> dict:
    """key -> title from every schema's properties (first one wins). Also
    fills `enums` (key -> {value: words}) from enum descriptions written as
    "internal 部门内岗位；external 部门外", so new enum values read as words."""
    out: dict = {}
    enums = {} if enums is None else enums
    folder = (root / "data" / "schemas") if root else None
    if not folder or not folder.is_dir():
        return out

    def walk(node):
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and sub.get("title") and key not in out:
                    out[key] = sub["title"]
                if isinstance(sub, dict) and isinstance(sub.get("enum"), list) and sub.get("description"):
                    words = dict(_ENUM_WORDS.findall(sub["description"]))
                    enums.setdefault(key, {}).update({v: words[v] for v in sub["enum"] if v in words})
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted(folder.glob("*.json")):
        try:
            walk(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # the check reports broken schemas; labels fall back
    return out


@dataclass
class Shared:
    model: object
    refs: dict  # (file, path) -> (kind, target id)
    labels: dict
    abbr: Abbreviations
    enums: dict  # field -> {enum value: words}, from the schemas
    # (page path, directory_urls) -> Markdown. The first-week rules count each
    # page's characters before the build renders the same pages; rendering
    # once per model halves the data layer's share of a build (issue 10).
    rendered: dict = field(default_factory=dict)

    @classmethod
    def build(cls, model, root=None) -> "Shared":
        refs = {}
        for (kind, target), lst in model.referrers.items():
            for ref in lst:
                refs[(ref.doc.file, tuple(ref.path))] = (kind, target)
        enums: dict = {}
        labels = {**schema_labels(Path(root) if root else None, enums), **LABELS}
        pairs = {}
        for term in model.all("term"):
            if term.get("abbr"):
                pairs[str(term.get("abbr"))] = str(term.get("definition", ""))
        return cls(model, refs, labels, Abbreviations(pairs), enums)


_SHARED: dict = {}


def shared_for(model, root=None) -> Shared:
    """One Shared per model object (a new load gives a new model)."""
    key = id(model)
    hit = _SHARED.get(key)
    if hit is None or hit.model is not model:
        _SHARED.clear()
        hit = _SHARED[key] = Shared.build(model, root)
    return hit


class Ctx:
    def __init__(self, shared: Shared, page: str, directory_urls: bool = True):
        self.shared, self.model, self.page = shared, shared.model, page
        self.linker = Linker(shared.model, page, directory_urls)

    def text(self, value) -> Markup:
        """A data value as escaped HTML, abbreviations as tooltips."""
        if isinstance(value, bool):
            return Markup("是" if value else "否")
        return self.shared.abbr.wrap(esc(value))

    def enum(self, value) -> Markup:
        """An identifier-like value (enum) in words when we know them."""
        return self.text(VALUES.get(value, value) if isinstance(value, str) else value)

    def label(self, key: str) -> str:
        return self.shared.labels.get(key, key)

    def to(self, entity, label=None) -> Markup:
        return self.linker.to(entity, label)

    def ref(self, kind: str, ident: str, label=None) -> Markup:
        return self.linker.ref(kind, ident, label)

    def url(self, entity) -> str:
        return self.linker.url(entity)

    def url_src(self, src: str) -> str:
        return self.linker.url_src(src)

    def ref_at(self, file: str, path: tuple):
        return self.shared.refs.get((file, tuple(path)))
