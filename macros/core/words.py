"""The handbook's one vocabulary: the Chinese words the program prints for
kinds of data and for its own markers. Pages, prints, feeds, the impact
report and `handbook check` all take their words from here, so one idea is
never worded two ways. (Words for time limits and cycles are in
macros/time/words.py, which builds phrases from the units declared there.)
"""
from __future__ import annotations

from macros.core.text import code, md_comment

# Kind of entity -> its Chinese name. One table for the site, the prints and
# the impact report (they used to disagree: 协作接口 / 跨部门接口, 访问级别 / 调阅权限).
KIND = {
    "organisation": "部门", "principle": "核心原则", "goal": "目标", "line": "业务线",
    "interface": "跨部门接口", "role": "角色", "permission": "权限级别", "action": "需授权的操作",
    "process": "流程", "step": "步骤", "path": "例外路径", "checklist": "检查单",
    "onboarding": "入职计划", "business-type": "文档业务类型", "document-rule": "文档规则",
    "storage": "存储与备份", "access-class": "调阅权限", "report": "报告",
    "meeting": "会议", "decision-rule": "决议规则", "kpi": "KPI", "assessment": "考核",
    "incentive": "奖惩措施", "compliance": "合规要求", "risk": "风险", "drill": "演练",
    "audit": "审计", "question": "待决问题", "term": "术语", "clause": "制度条款",
    "owner-area": "数据归属", "file": "数据文件",
}


def kind(name: str) -> str:
    """The Chinese name of a kind; a kind added later without a word shows its id."""
    return KIND.get(name, name)


# What `handbook new` writes where a person must fill in or confirm a value;
# `handbook check` warns while it is still there.
PLACEHOLDER = "待填写"
CHECK_MARK = "请核对"

# A change to an entity, in the impact report and the changelog.
CHANGE = {"added": "新增", "removed": "删除", "modified": "修改"}


def entity_label(e) -> str:
    """An entity in a pull-request comment: 流程「新生入学」(`enrolment`)."""
    return f"{kind(e.kind)}「{md_comment(e.name)}」({code(e.id)})"


# The standing of a statement (macros/model/basis.py) and the state of an
# open question, as pages, prints and `handbook coverage` print them.
STANDING = {"policy": "制度", "proposal": "建议", "decision": "决定"}
QUESTION_STATUS = {"open": "待决", "decided": "已决定", "withdrawn": "已撤回"}
# Short phrases the marks are built from (kept here so the site and the
# prints say the same thing).
POLICY_SILENT = "制度未规定"
NO_LIMIT = "不设时限"
PROPOSAL_NOTICE = "本流程主要是本手册的建议：制度没有规定这些步骤，部门决定之前按建议办理，决定后以决定为准。"
