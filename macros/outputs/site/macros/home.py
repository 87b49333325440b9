"""Macros for hand-written pages in docs/ (they opt in with
`render_macros: true`). Each returns Markdown built by render/, with every
data value escaped; mkdocs-macros does not re-render macro output as Jinja.
"""
from __future__ import annotations

from markupsafe import Markup

from macros.outputs.site.render import Ctx, shared_for
from macros.outputs.site.render import pages_org
from macros.outputs.site.render.html import block, table


def register(env, result):
    def ctx():
        page = env.page.file.src_uri if getattr(env, "page", None) else "index.md"
        return Ctx(shared_for(result.model), page,
                   bool(env.conf.get("use_directory_urls", True)))

    @env.macro
    def home_overview():
        """What the department does, its principles and goals."""
        return pages_org.home_overview(ctx())

    @env.macro
    def handbook_map():
        """Where to find what: one row per part of the handbook."""
        from pathlib import Path
        from macros.outputs.site.pages import generated
        c = ctx()
        # Hand-written pages of other parts (checklists, calendar) only when present.
        made = {p.path for p in generated(result.model)}
        docs = Path(env.conf["docs_dir"])
        rows = [(p, t, w) for p, t, w in MAP if p in made or (docs / p).is_file()]
        return block(table(["想知道", "看这里"], [
            [c.text(w), Markup('<a href="{}">{}</a>').format(c.url_src(p), t)] for p, t, w in rows]))


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
