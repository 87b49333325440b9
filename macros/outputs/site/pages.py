"""Declarations: the generated pages and the navigation.

`generated(model)` lists every page made from the data: path, title, and a
render function (ctx -> Markdown). Per-entity pages (one per role, one per
process) and a generic page for any kind without a home follow from the
model, so new entries and new kinds appear without code changes here.
`NAV` orders them for a Chinese-reading new hire; hand-written pages in
docs/ that NAV does not mention are appended, so nobody's page is lost.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from markupsafe import escape

from macros.outputs.site.render import (
    links,
    pages_matrix as mx,
    pages_misc as misc,
    pages_org as org,
    pages_process as proc,
    pages_role as role_pages,
    pages_trace as trace,
)
from macros.core import words
from macros.model.queries import ordered_processes, sort_roles


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative .md path
    title: str  # navigation title
    render: Callable  # ctx -> Markdown
    # Cross-reference indexes repeat every other page's names and would
    # crowd the answers out of search results; their links lead there anyway.
    searchable: bool = True
    # A sub-section of its NAV section. With navigation.prune a page carries
    # only its own branch of the nav, so grouping keeps a page's weight from
    # growing with every process in the handbook (issue 10).
    group: str = ""
    # Where an editor changes what the page says: model -> "data/x.yml:LINE"
    # (the page's 编辑此页 link, engine/mkdocs_edit.py); "" for none.
    origin: Callable = lambda model: ""
    # Material's search boost (front matter `search: {boost: N}`; 0 = none).
    # The page that answers an everyday question should come before pages
    # that only mention its words: processes are where the answers live
    # (数据泄露 → 数据泄露响应, not 组织架构), and the open-questions page,
    # which names every topic once, should not crowd them out.
    boost: float = 0

    def markdown(self, shared) -> str:
        """The page's Markdown, rendered once per model (see Shared.rendered)."""
        from macros.outputs.site.render import Ctx
        if self.path not in shared.rendered:
            shared.rendered[self.path] = self.render(Ctx(shared, self.path))
        return shared.rendered[self.path]


# Pages that answer (a process, the meetings page, the new hire's start
# page) rank before pages that only mention the words (see Page.boost). Not
# every topic page: boosting them all lifts 组织架构 over 数据泄露响应 again
# (tests/search_questions.yml pins the order).
ANSWER_BOOST = 2
# Pages that list every process or question by name (the overview, the RACI
# matrix, the open questions) match almost any word: they come after the
# page that answers.
LIST_BOOST = 0.5

FIXED = (
    Page("first-week/index.md", "新人第一周", org.first_week_page, boost=ANSWER_BOOST),
    Page("organisation/index.md", "组织架构", org.organisation_page),
    Page("roles/index.md", "岗位与相关方", role_pages.roles_index),
    Page("processes/index.md", "流程总览", proc.processes_index, boost=LIST_BOOST),
    Page("permissions/index.md", "权限矩阵", mx.permissions_page),
    Page("permissions/raci.md", "RACI 职责矩阵", mx.raci_page, boost=LIST_BOOST),
    Page("documents/index.md", "文档命名与备份", misc.documents_page),
    Page("documents/reports.md", "日报、周报与月报", misc.reports_page),
    Page("meetings/index.md", "会议与决议", misc.meetings_page, boost=ANSWER_BOOST),
    Page("kpis/index.md", "KPI 与考核", misc.kpis_page),
    Page("incentives/index.md", "奖励与惩罚", misc.incentives_page),
    Page("compliance/index.md", "合规要求", misc.compliance_page),
    Page("risks/index.md", "风险、演练与审计", misc.risks_page),
    Page("glossary/index.md", "术语与缩写", misc.glossary_page),
    Page("questions/index.md", "待决问题", trace.questions_page, boost=LIST_BOOST),
    Page("coverage/index.md", "制度条款对照", trace.coverage_page, searchable=False),
)

# Kinds that live on a page above (see render/links.py ROUTES); any other
# kind with entities gets a generic page of its own.
ENTITY_PAGES = {"role": role_pages.role_page, "process": proc.process_page}

# The navigation: each section is a tab (mkdocs.yml: navigation.tabs), in the
# order a reader needs them; within a section, generated pages come in the
# model's business order (queries.sort_roles, ordered_processes), never by
# file name. Maintainers' pages have a tab of their own, last.
NAV = (
    ("首页", ["index.md"]),
    ("新人第一周", ["first-week/index.md", "first-week/*"]),
    ("组织与岗位", ["organisation/index.md", "roles/index.md", "roles/*"]),
    ("流程", ["processes/index.md", "processes/*", "checklists.md", "print/index.md"]),
    ("权限与职责", ["permissions/index.md", "permissions/*"]),
    ("日常工作", ["documents/index.md", "documents/*", "meetings/index.md", "meetings/*",
                  "calendar.md", "deadlines.md"]),
    ("考核与合规", ["kpis/index.md", "incentives/index.md", "compliance/index.md", "risks/index.md"]),
    ("制度与术语", ["glossary/index.md", "questions/index.md", "coverage/index.md", "changelog.md", "more/*"]),
    ("维护者", ["maintainers/index.md", "maintainers/*"]),
)

# The kind whose data file a fixed page is made from (its 编辑此页 link).
FIXED_ORIGIN = {
    "first-week/index.md": "onboarding", "organisation/index.md": "organisation", "roles/index.md": "role",
    "processes/index.md": "process", "permissions/index.md": "permission", "permissions/raci.md": "process",
    "documents/index.md": "business-type", "documents/reports.md": "report", "meetings/index.md": "meeting",
    "kpis/index.md": "kpi", "incentives/index.md": "incentive", "compliance/index.md": "compliance",
    "risks/index.md": "risk", "glossary/index.md": "term", "questions/index.md": "question",
    "coverage/index.md": "clause",
}


def source_of(entity) -> str:
    """"data/roles.yml:21": the file and line an entity is written at."""
    return f"{entity.doc.file}:{entity.where[0]}"


def _first_of(kind: str):
    def origin(model):
        # Processes in reading order: the RACI page opens 新生入学, not the first file by name.
        found = ordered_processes(model) if kind == "process" else model.all(kind)
        return source_of(found[0]) if found else ""
    return origin


def generated(model) -> list[Page]:
    pages = [replace(p, origin=_first_of(FIXED_ORIGIN[p.path])) if p.path in FIXED_ORIGIN else p
             for p in FIXED]
    for role in sort_roles(model.all("role")):
        pages.append(Page(links.target(role), role.name, _bind(role_pages.role_page, role),
                          group=words.ROLE_GROUP.get(role.get("kind"), ""), origin=_at(role)))
    for p in ordered_processes(model):
        pages.append(Page(links.target(p), p.name, _bind(proc.process_page, p),
                          group=proc.category_label(p.get("category")), origin=_at(p),
                          boost=ANSWER_BOOST))
    pages += onboarding_pages(model)
    routed = set(links.ROUTES)
    for kind in sorted(model.by_kind):
        if kind not in routed and kind not in links.NOT_SHOWN and model.all(kind):
            pages.append(Page(links.generic_page(kind), proc.kind_label(kind), _bind_kind(kind),
                              origin=_first_of(kind)))
    return pages


def onboarding_pages(model) -> list[Page]:
    """Each role's first week: its plan and its self-check (issue 6)."""
    from macros.outputs.site.render import pages_onboarding as ob
    out = []
    # In the order of the roles they prepare for (总监, then each line's 主管 and 专员).
    rank = {r.id: i for i, r in enumerate(sort_roles(model.all("role")))}
    for p in sorted(model.all("onboarding"), key=lambda e: (rank.get(e.get("role"), len(rank)), e.id)):
        out.append(Page(links.target(p), p.name, _bind(ob.landing_page, p), origin=_at(p)))
        # Self-checks restate answers whose home is another page: search should
        # lead there, not to a quiz (like the coverage page).
        out.append(Page(ob.self_check_path(p), f"{p.name}：自检", _bind(ob.self_check_page, p), searchable=False,
                        origin=_at(p)))
    return out


def _at(entity):
    return lambda model: source_of(entity)


def _bind(fn, entity):
    return lambda ctx: fn(ctx, entity)


def _bind_kind(kind):
    return lambda ctx: misc.kind_page(ctx, kind)


def nav(pages: list[Page], other_docs: list[tuple[str, str]]) -> list:
    """MkDocs nav: NAV's sections filled with the generated pages (in model
    order), then hand-written pages nobody placed, under their folder."""
    # Themes print nav titles unescaped, and role or process names are data.
    titles = {p.path: str(escape(p.title)) for p in pages}
    titles.update({path: str(escape(title)) for path, title in other_docs if path not in titles})
    groups = {p.path: str(escape(p.group)) for p in pages if p.group}
    placed, out = set(), []
    for section, patterns in NAV:
        entries = []
        for pat in patterns:
            if pat.endswith("/*"):
                folder = pat[:-1]
                matches = [p for p in titles if p.startswith(folder) and p not in placed
                           and "/" not in p[len(folder):]]
            else:
                matches = [pat] if pat in titles and pat not in placed else []
            for m in matches:
                placed.add(m)
                _append(entries, groups.get(m), {titles[m]: m})
        if len(entries) == 1:
            out.append({section: next(iter(entries[0].values()))})
        elif entries:
            out.append({section: entries})
    rest = [p for p in titles if p not in placed]
    for p in rest:
        out.append({titles[p]: p})
    return out


def _append(entries: list, group: str | None, entry: dict) -> None:
    """Add a nav entry, inside its group's sub-section when it has one.
    Pages arrive in reading order, so a group is one run of entries."""
    if not group:
        entries.append(entry)
    elif entries and isinstance(entries[-1].get(group), list):
        entries[-1][group].append(entry)
    else:
        entries.append({group: [entry]})
