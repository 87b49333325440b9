"""The impact report as Markdown for a pull-request comment (Chinese)."""
from __future__ import annotations

import html
import json
import re

_STATUS = {"added": "新增", "removed": "删除", "modified": "修改"}
_KIND_WORDS = {
    "role": "角色", "process": "流程", "step": "步骤", "path": "其他路径", "checklist": "检查单",
    "onboarding": "入职事项", "meeting": "会议", "permission": "权限级别", "action": "操作",
    "question": "待决问题", "clause": "制度条款", "kpi": "KPI", "risk": "风险", "term": "术语",
    "organisation": "部门", "principle": "原则", "goal": "目标", "line": "业务线", "interface": "协作接口",
    "business-type": "业务类型", "storage": "存储规则", "access-class": "访问级别", "report": "报告",
    "document-rule": "文档规则", "decision-rule": "决策规则", "assessment": "考核", "incentive": "奖惩",
    "compliance": "合规要求", "drill": "演练", "audit": "审计", "owner-area": "数据归属",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text) -> str:
    """Data text made inert in Markdown and HTML (a PR comment renders both)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


def code(text) -> str:
    """An inline code span: nothing inside is interpreted, so only backticks matter."""
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


def _value(v) -> str:
    if v is None:
        return "（无）"
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return "「" + md(text if len(text) <= 80 else text[:77] + "…") + "」"


def label(e) -> str:
    return f"{_KIND_WORDS.get(e.kind, e.kind)}「{md(e.name)}」({code(e.id)})"


def _url(page: str, site_url: str) -> str:
    path = "/" + page.lstrip("/") if page else "/"
    if site_url:
        return f"[{md(path)}]({site_url.rstrip('/')}{path})"
    return code(path)


def _group(entities, kinds):
    return [e for e in entities if e.kind in kinds or any(e.kind.startswith(k) for k in kinds if k == "onboarding")]


def render(changes, base_name: str, site_url: str = "", current_errors: int = 0) -> str:
    out = [f"## 数据改动影响报告（对比 {code(base_name)}）", ""]
    if current_errors:
        out += [f"> ⚠️ 当前数据有 {current_errors} 个错误：先运行 `handbook check` 修正。", ""]
    if not changes:
        out += ["data/ 与 checklists/ 中没有实体改动。", ""]
        return "\n".join(out)
    all_pages = sorted({p for c in changes for p in c.pages})
    all_roles = {r.id: r for c in changes for r in c.roles}
    counts = "，".join(f"{_STATUS[s]} {n} 项" for s in ("modified", "added", "removed")
                      if (n := sum(c.status == s for c in changes)))
    out += [f"共 {len(changes)} 处改动（{counts}），涉及 {len(all_pages)} 个页面，"
            f"{len(all_roles)} 个角色需要重新阅读。", ""]
    for c in changes:
        e = c.entity
        line = e.where[0]
        out.append(f"### {_STATUS[c.status]}：{label(e)}")
        out.append("")
        out.append(f"- 位置：{code(f'{e.doc.file}:{line}')}" + ("（基线版本）" if c.status == "removed" else ""))
        if c.fields:
            out.append("- 改动字段：")
            for path, old, new in c.fields:
                out.append(f"  - {code(path)}：{_value(old)} → {_value(new)}")
        for title, kinds in (("受影响的流程", {"process", "step", "path"}),
                             ("受影响的检查单", {"checklist"}),
                             ("受影响的入职事项", {"onboarding"})):
            group = _group(c.affected, kinds)
            if group:
                out.append(f"- {title}：" + "、".join(label(x) for x in group))
        others = [x for x in c.affected if x not in _group(c.affected, {"process", "step", "path", "checklist",
                                                                        "onboarding"})]
        if others:
            out.append("- 其他引用它的数据：" + "、".join(label(x) for x in others))
        if c.roles:
            out.append("- 需要重新阅读的角色：" + "、".join(f"{md(r.name)}（{code(r.id)}）" for r in c.roles))
        if c.pages:
            out.append("- 受影响的页面：" + "、".join(_url(p, site_url) for p in c.pages))
        out.append("")
    out += ["### 汇总", ""]
    if all_roles:
        out.append("**需要重新阅读的角色：** " + "、".join(
            f"{md(r.name)}（{code(r.id)}）" for r in sorted(all_roles.values(), key=lambda r: r.id)))
        out.append("")
    out.append("**受影响的页面：** " + "、".join(_url(p, site_url) for p in all_pages))
    out.append("")
    return "\n".join(out)
