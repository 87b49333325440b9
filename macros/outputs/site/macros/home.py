"""Macros for hand-written pages in docs/ (they opt in with
`render_macros: true`). Each returns Markdown built by render/, with every
data value escaped; macro output is never re-rendered as Jinja (neither by
mkdocs-macros nor by the sources step's own pass).
"""
from __future__ import annotations

from pathlib import Path

from macros.core.text import Html
from macros.outputs.site.render import Ctx, shared_for
from macros.outputs.site.render import pages_org
from macros.outputs.site.render.html import block, table, ul


def macros(result, page: str) -> dict:
    """The macros as seen from `page` (docs-relative path)."""
    def ctx():
        return Ctx(shared_for(result.model), page)

    def home_overview():
        """What the department does, its principles and goals."""
        return pages_org.home_overview(ctx())

    def handbook_map():
        """Where to find what: one row per part of the handbook."""
        from macros.outputs.site.pages import generated
        c = ctx()
        # Hand-written pages of other parts (checklists, calendar) only when present.
        made = {p.path for p in generated(result.model)}
        docs = Path(result.root) / "docs"
        rows = [(p, t, w) for p, t, w in MAP if p in made or (docs / p).is_file()]
        return block(table(["想知道", "看这里"], [
            [c.text(w), Html('<a href="{}">{}</a>').format(c.url_src(p), t)] for p, t, w in rows]))

    def home_roles():
        """One entry per post of the department: its page and its first week."""
        return start_here(ctx())

    def home_emergency():
        """The emergency processes, with when to open them."""
        c = ctx()
        rows = [p for p in (result.model.get("process", i) for i in EMERGENCY) if p is not None]
        items = [Html("<strong>{}</strong>：{}").format(c.to(p), c.text(p.get("trigger"))) for p in rows]
        return block(Html('<div class="admonition danger"><p class="admonition-title">紧急情况，先看这里</p>{}</div>')
                     .format(ul(items)))

    return {"home_overview": home_overview, "handbook_map": handbook_map,
            "home_roles": home_roles, "home_emergency": home_emergency}


# The processes the home page opens in its emergency box: the home page's own
# choice of what a reader must find in seconds.
EMERGENCY = ("data-leak-response", "emergency-decision")


def start_here(c) -> str:
    """Cards, one per post inside the department: who it is for, its role
    page and its first week (Material's grid cards)."""
    from macros.model import queries as q
    from macros.outputs.site.render import pages_onboarding as ob
    cards = []
    for r in q.sort_roles([r for r in c.model.all("role") if r.get("kind") == "internal"]):
        plans = q.onboarding_for(c.model, r.id)
        parts = [Html('<a href="{}">我的岗位页</a>').format(c.url(r))]
        parts += [Html('<a href="{}">第一周计划</a>').format(c.url(p)) for p in plans[:1]]
        parts += [Html('<a href="{}">自检</a>').format(c.url_src(ob.self_check_path(p))) for p in plans[:1]]
        cards.append(Html("<strong>我是{}</strong><br>{}<br>{}").format(
            r.name, c.text(r.get("summary")), Html(" · ").join(parts)))
    return block(Html('<div class="grid cards hb-start">{}</div>').format(ul(cards)))


# (page, title, the question it answers) for the home page's map.
MAP = (
    ("first-week/index.md", "新人第一周", "刚入职，第一周做什么"),
    ("organisation/index.md", "组织架构", "部门怎么分工、向谁汇报、和哪些部门打交道"),
    ("processes/index.md", "流程总览", "某件事按什么步骤办、谁批准、多长时限"),
    ("permissions/index.md", "权限矩阵", "我能做什么操作、要什么权限"),
    ("permissions/raci.md", "RACI 职责矩阵", "每一步谁执行、谁负责、咨询谁、知会谁"),
    ("documents/index.md", "文档命名与备份", "文件怎么命名、怎么备份、谁能调阅"),
    ("documents/reports.md", "日报、周报与月报", "报告什么时候交、交给谁"),
    ("checklists.md", "检查单", "办业务时打印哪张检查单"),
    ("deadlines.md", "时限一览与截止日期计算", "某件事的截止日期是哪天"),
    ("calendar.md", "例会与周期性工作日历", "哪天开会、哪天交报告（可订阅）"),
    ("meetings/index.md", "会议与决议", "开什么会、谁主持、决议怎么跟踪"),
    ("kpis/index.md", "KPI 与考核", "考核什么指标、多久考核一次"),
    ("incentives/index.md", "奖励与惩罚", "做得好有什么奖励，出错有什么处罚"),
    ("compliance/index.md", "合规要求", "保密协议、安全认证、合规培训"),
    ("risks/index.md", "风险、演练与审计", "出了风险怎么办、多久演练和审计一次"),
    ("glossary/index.md", "术语与缩写", "某个词或缩写是什么意思"),
    ("questions/index.md", "待决问题", "制度没说清楚的地方现在怎么办"),
    ("coverage/index.md", "制度条款对照", "制度的某一条在手册哪里落实"),
)
