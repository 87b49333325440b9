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

# The first-week quiz (macros/onboarding/quiz.py, the self-check page and the
# printed packet): its one scenario answer not drawn from a step name, and
# the labels its page and script print.
NO_FURTHER_STEP = "不需要其他步骤"
QUIZ = {
    "scenario": "情景", "choice_letters": "ABCDEF", "submit": "交卷并评分", "retry": "重新作答",
    "score": "得分", "pass_mark": "及格线", "passed": "通过", "failed": "未通过",
    "unanswered": "未作答", "wrong": "答错", "right": "答对", "see": "正确答案在这一页",
    "questions": "题", "answer_key": "答案",
}

# The dated first week and the mentor's summary (first-week pages and
# docs/javascripts/onboarding-week.js, which takes them from the page).
WEEK = {
    "start": "入职日期", "day": "第 {n} 天", "skipped": "跳过", "no_start": "填入入职日期后，五天按工作日排定日期。",
    "summary_title": "给带教人的小结", "made": "生成日期", "done": "完成事项", "score": "自检得分",
    "no_score": "尚未交卷", "open": "未完成事项", "none": "无", "hire_sign": "新员工签字",
    "mentor_sign": "带教人签字", "date": "日期", "copied": "已复制，可以粘贴给带教人。",
    "copy_failed": "浏览器不允许自动复制：请选中上面的文字后按 Ctrl+C 复制。",
    "outside": "不在本页的节假日表（{first}–{last} 年）内，只按周末计算；请用命令行 handbook first-week 打印",
    "provisional": "（暂定：该年的调休安排尚未公布，按法定节假日推算）",
}
