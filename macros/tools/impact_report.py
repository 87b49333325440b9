"""The impact report as Markdown for a pull-request comment (Chinese)."""
from __future__ import annotations

import json

from macros.core.text import code, md_comment
from macros.core.words import CHANGE, entity_label as label

def _value(v) -> str:
    if v is None:
        return "（无）"
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return "「" + md_comment(text if len(text) <= 80 else text[:77] + "…") + "」"


def _url(page: str, site_url: str) -> str:
    path = "/" + page.lstrip("/") if page else "/"
    if site_url:
        return f"[{md_comment(path)}]({site_url.rstrip('/')}{path})"
    return code(path)


# How the affected entities are grouped; kinds whose name starts with
# "onboarding" (the onboarding path may use several) count as onboarding.
GROUPS = (("受影响的流程", ("process", "step", "path")),
          ("受影响的检查单", ("checklist",)),
          ("受影响的入职事项", ("onboarding",)))


def _group(entities, kinds):
    return [e for e in entities if e.kind in kinds or (e.kind.startswith("onboarding") and "onboarding" in kinds)]


def render(changes, base_name: str, site_url: str = "", current_errors: int = 0) -> str:
    out = [f"## 数据改动影响报告（对比 {code(base_name)}）", ""]
    if current_errors:
        out += [f"> ⚠️ 当前数据有 {current_errors} 个错误：先运行 `handbook check` 修正。", ""]
    if not changes:
        out += ["data/ 与 checklists/ 中没有实体改动。", ""]
        return "\n".join(out)
    all_pages = sorted({p for c in changes for p in c.pages})
    all_roles = {r.id: r for c in changes for r in c.roles}
    counts = "，".join(f"{CHANGE[s]} {n} 项" for s in ("modified", "added", "removed")
                      if (n := sum(c.status == s for c in changes)))
    out += [f"共 {len(changes)} 处改动（{counts}），涉及 {len(all_pages)} 个页面，"
            f"{len(all_roles)} 个角色需要重新阅读。", ""]
    for c in changes:
        e = c.entity
        line = e.where[0]
        out.append(f"### {CHANGE[c.status]}：{label(e)}")
        out.append("")
        out.append(f"- 位置：{code(f'{e.doc.file}:{line}')}" + ("（基线版本）" if c.status == "removed" else ""))
        if c.fields:
            out.append("- 改动字段：")
            for path, old, new in c.fields:
                out.append(f"  - {code(path)}：{_value(old)} → {_value(new)}")
        grouped = []
        for title, kinds in GROUPS:
            group = _group(c.affected, kinds)
            grouped += group
            if group:
                out.append(f"- {title}：" + "、".join(label(x) for x in group))
        others = [x for x in c.affected if x not in grouped]
        if others:
            out.append("- 其他引用它的数据：" + "、".join(label(x) for x in others))
        if c.roles:
            out.append("- 需要重新阅读的角色：" + "、".join(f"{md_comment(r.name)}（{code(r.id)}）" for r in c.roles))
        if c.pages:
            out.append("- 受影响的页面：" + "、".join(_url(p, site_url) for p in c.pages))
        out.append("")
    out += ["### 汇总", ""]
    if all_roles:
        out.append("**需要重新阅读的角色：** " + "、".join(
            f"{md_comment(r.name)}（{code(r.id)}）" for r in sorted(all_roles.values(), key=lambda r: r.id)))
        out.append("")
    out.append("**受影响的页面：** " + "、".join(_url(p, site_url) for p in all_pages))
    out.append("")
    return "\n".join(out)
