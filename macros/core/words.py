"""The handbook's one vocabulary: the Chinese words the program prints for
kinds of data, fields, enumerated values and its own markers. Pages, prints,
feeds, the impact report and `handbook check` all take their words from
here, so one idea is never worded two ways. Two more places hold words, each
for its own job: macros/time/words.py words units, limits and cycles, and the
schemas' Chinese titles (data, read by macros/schema/labels.py) name the
fields this table does not.
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


# Field key -> the label a reader sees. These win over the schemas' titles,
# which are written for editors (completion hints such as "（类别:id）"); a
# field not named here shows its schema title (macros/schema/labels.py).
FIELD = {
    "name": "名称", "order": "排列顺序", "summary": "概要", "description": "说明", "purpose": "目的", "definition": "释义",
    "kind": "类型", "cycle": "周期", "deadline": "时限", "owner": "负责人",
    "responsible": "负责人", "participants": "参加人", "invited": "列席", "chair": "主持人",
    "agenda": "议程", "reviews": "审议事项", "plan": "应对方案", "scenarios": "演练场景",
    "rectification": "整改时限", "escalation": "逾期后果", "process": "相关流程",
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
    "level": "需要的权限级别", "only": "仅限角色", "conditions": "使用条件", "condition": "适用条件",
    "question": "问题", "proposed_default": "建议的默认做法", "affects": "受影响的数据",
    "status": "状态", "decision": "决定", "see": "相关条目", "abbr": "缩写",
    "heading": "标题", "out_of_scope": "不在范围内", "open_question": "待决问题",
    "requirements": "任职要求", "duties": "职责", "scope": "适用范围", "category": "流程类别",
    "source": "制度出处", "role": "角色", "raci": "职责分工（RACI）", "days": "日程", "items": "事项",
    "minutes": "预计时间（分钟）", "count": "人数", "to": "晋升至", "assessments": "考核",
    "period": "周期", "mode": "方式", "unspecified": "制度未规定", "chairs": "主持人",
    "owners": "我方接口角色", "format": "格式", "pattern": "校验规则（正则）", "naming": "文件命名规则", "example": "示例",
    "raised": "提出日期", "by": "决定人", "text": "内容", "basis": "依据",
}

# A step's RACI: key -> (letter, what that role does). One table for the
# site's matrices and role pages and the printed checklists.
RACI = {"responsible": ("R", "执行"), "accountable": ("A", "批准"),
        "consulted": ("C", "咨询"), "informed": ("I", "知会")}
RACI_LETTER = {letter: word for letter, word in RACI.values()}
# A role page speaks to its holder: each letter as what *I* do, with a line
# saying what that means (issue 18).
ROLE_DOING = {
    "R": ("我负责执行", "这些步骤由你亲手办理。"),
    "A": ("我批准", "这些步骤由你批准并对结果负责（每一步只有一位批准人）。"),
    "C": ("征求我意见", "办理这些步骤前，经办人要先听取你的意见。"),
    "I": ("需知会我", "这些步骤办完后，经办人要告诉你结果。"),
}
# The part a role plays in an entity that names it, by the naming field, as
# a role page says it ("本岗位是：复核人"); a field not here shows its label.
ROLE_IN = {
    "reviewer": "复核人", "owner": "负责人", "owners": "接口负责人", "chairs": "主持人",
    "participants": "参加", "invited": "受邀参加", "submitted_by": "提交人", "submitted_to": "接收人",
    "responsible": "负责", "audience": "使用", "applies_to": "适用", "readers": "可调阅", "assessed": "被考核",
    "decided_by": "决定人", "approver": "批准人", "contact_chosen_by": "指定接口人", "department": "对口部门",
    "only": "仅限本岗位", "partner": "合作方", "see": "相关", "role": "适用", "ref": "相关", "affects": "受影响",
    "to": "晋升目标", "reports_to": "上级",
}
# Groups of roles in the navigation: the department's own posts first.
ROLE_GROUP = {"internal": "部门内岗位", "temporary": "部门内岗位", "external": "部门外相关方"}

# Enumerated value -> words (the schemas' enums are English identifiers). A
# value the schema describes ("internal 部门内岗位；…") may be worded there too.
VALUE = {
    "internal": "部门内岗位", "temporary": "临时小组", "external": "部门外",
    "reward": "奖励", "penalty": "惩罚", "short": "短期", "long": "长期",
    "electronic": "电子版", "paper": "纸质版", "self": "本人", "superior": "上级",
    "open": "待决", "decided": "已决定", "withdrawn": "已撤回", "student": "学籍业务", "approval": "审批与决策",
    "project": "项目", "risk": "风险与合规", "management": "会议与人事",
    "log": "操作日志", "form": "表单", "signature": "签字", "email": "邮件",
    "system": "系统录入", "minutes": "会议纪要", "report": "报告",
    "high": "高", "medium": "中", "low": "低",
    "accuracy": "准确性", "timeliness": "时效", "compliance": "合规", "completeness": "完整性", "error_rate": "错漏率",
    "quality": "质量", "apply": "本人申请", "rotate": "按期轮换",
}


def value(name) -> str:
    """An enumerated value in words; an unknown value shows itself."""
    return VALUE.get(name, name) if isinstance(name, str) else name


# What a first-week plan item asks of the new hire.
PLAN_ITEM = {"read": "阅读", "practise": "练习", "meet": "见面", "check": "自检"}

# What `handbook new` writes where a person must fill in or confirm a value;
# `handbook check` warns while it is still there.
PLACEHOLDER = "待填写"
CHECK_MARK = "请核对"

# Kinds of data the printed approval copy (handbook.pdf) leaves out on
# purpose, with the reason its document control page prints.
# A recurring obligation of these kinds, as a calendar entry reads it: the
# entity's name alone is a noun (合规性, 学籍数据错漏), the event is what is
# done with it each cycle.
EVENT_NAME = {"kpi": "KPI「{name}」考核", "risk": "风险「{name}」复核"}

# Fields that place an entity in the handbook (a process's `order` within
# its category) and mean nothing to a reader on their own: no page and no
# print shows them as a field.
PLACEMENT_FIELDS = frozenset({"order"})

NOT_IN_APPROVAL_COPY = {
    "owner-area": "数据归属只规定谁审核哪类数据文件的改动，是手册自身的维护规则，不是部门的业务规则，不需审批",
    "onboarding": "入职计划按岗位另印成第一周资料包（每个岗位一份，含签字栏和自检），不放入审批稿",
}

# A change to an entity, in the impact report and the changelog.
CHANGE = {"added": "新增", "removed": "删除", "modified": "修改"}
# A change to a file, by git's status letter, on the changelog page.
FILE_CHANGE = {"A": "新增文件", "M": "修改", "D": "删除文件", "R": "改名"}


def entity_label(e) -> str:
    """An entity in a pull-request comment: 流程「新生入学」(`enrolment`)."""
    return f"{kind(e.kind)}「{md_comment(e.name)}」({code(e.id)})"


# The standing of a statement (macros/model/basis.py) and the state of an
# open question, as pages, prints and `handbook coverage` print them.
STANDING = {"policy": "制度", "proposal": "建议", "decision": "决定"}
QUESTION_STATUS = {k: VALUE[k] for k in ("open", "decided", "withdrawn")}
# Short phrases the marks are built from (kept here so the site and the
# prints say the same thing).
POLICY_SILENT = "制度未规定"
NO_LIMIT = "不设时限"
PROPOSAL_NOTICE = "本流程主要是本手册的建议：制度没有规定这些步骤，部门决定之前按建议办理，决定后以决定为准。"

# The first-week quiz (macros/onboarding/quiz.py, the self-check page and the
# printed packet): its one scenario answer not drawn from a step name, and
# the labels its page and script print.
NO_FURTHER_STEP = "不需要其他步骤"
QUIZ = {
    "scenario": "情景", "choice_letters": "ABCDEF", "submit": "交卷并评分",
    "score": "得分", "pass_mark": "及格线", "passed": "通过", "failed": "未通过",
    "unanswered": "未作答", "wrong": "答错", "right": "答对", "see": "正确答案在这一页",
    "questions": "题",
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
