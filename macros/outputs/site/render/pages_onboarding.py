"""The 第一周 landing page and the self-check page of each plan (Markdown
with raw HTML blocks; every data value escaped).

Progress checkboxes carry `data-hb-key="hb-onboarding:<plan>:<item>"`; the
small local script docs/javascripts/onboarding-progress.js keeps them in the
browser's localStorage (no server, no CDN). Self-check answers sit in
<details>, revealed by a click, opened for printing by the same script.
"""
from __future__ import annotations

from markupsafe import Markup

from macros.outputs.site.render.html import block, esc, heading, link, md_inline, table
from macros.outputs.site.render.links import page_url, target
from macros.onboarding import plan as plans
from macros.onboarding.reading import RATE, RATE_SOURCE, page_title, target_page
from macros.onboarding.selfcheck import questions

PRINT_DIR = "print"


def pdf_name(plan) -> str:
    return f"onboarding-{plan.id}.pdf"


def self_check_path(plan) -> str:
    return f"first-week/{plan.id}-self-check.md"


def root_prefix(ctx) -> str:
    """From the page's built URL back to the site root (raw links to PDFs)."""
    return "../" * page_url(ctx.page, ctx.linker.directory_urls).count("/")


def pdf_link(ctx, plan) -> Markup:
    return link(f"{root_prefix(ctx)}{PRINT_DIR}/{pdf_name(plan)}", "打印版：第一周计划与自检（PDF，A4）")


def item_html(ctx, plan, item) -> Markup:
    model = ctx.model
    if item.kind == "read":
        kind, _, ident = item.target.partition(":")
        entity = model.get(kind, ident) if not item.target.endswith(".md") else None
        if entity is not None:
            what = ctx.to(entity)
        else:
            page = target_page(model, item.target)
            what = link(ctx.url_src(page), page_title(model, page))
    elif item.kind == "practise":
        checklist = model.get("checklist", item.target)
        what = Markup("{}（{}）").format(
            ctx.to(checklist) if checklist else esc(item.target),
            link(f"{root_prefix(ctx)}{PRINT_DIR}/{item.target}.pdf", "打印 PDF"))
        what += Markup("<br><small>样例：{}</small>").format(ctx.text(item.data.get("case")))
    elif item.kind == "meet":
        what = ctx.ref("role", item.target) + Markup("<br><small>{}</small>").format(ctx.text(item.data.get("topic")))
    else:
        what = Markup("{}（{}）").format(ctx.text(item.target),
                                        link(ctx.url_src(self_check_path(plan)), "自检题"))
    if item.data.get("note"):
        what += Markup("<br><small>{}</small>").format(ctx.text(item.data["note"]))
    return what


def _box(plan, item) -> Markup:
    key = f"hb-onboarding:{plan.id}:{item.id}"
    return Markup('<input type="checkbox" class="hb-progress" data-hb-key="{}" id="{}" aria-label="完成：{}">').format(
        key, f"done-{item.id}", item.id)


def landing_page(ctx, plan) -> str:
    model = ctx.model
    role = model.get("role", plan.get("role"))
    mentor = model.get("role", plan.get("mentor"))
    days = plans.days(model, plan)
    total = sum(d.minutes for d in days)
    out = [f"# {md_inline(plan.name)}\n\n"]
    out.append(block(Markup('<p class="hb-lead">{}</p><p>岗位：{}；带教人：{}。{}</p>').format(
        ctx.text(plan.get("summary")), ctx.to(role) if role else "", ctx.to(mentor) if mentor else "",
        pdf_link(ctx, plan))))
    out.append(heading(2, "一周时间安排", "time"))
    rows = [[Markup("第 {} 天").format(d.day), ctx.text(d.theme), Markup("{} 分钟（{}）").format(d.minutes, plans.hours(d.minutes))]
            for d in days]
    rows.append([Markup("<strong>合计</strong>"), "", Markup("<strong>{} 分钟（{}）</strong>").format(total, plans.hours(total))])
    out.append(block(table(["日", "主题", "预计时间"], rows) + Markup(
        "<p>每天按 {} 小时工作日安排，其中学习时间不超过 {} 分钟（{} 小时）；其余时间留给入职手续、日报、休息和向带教人提问。"
        "阅读时间按页面实际字数计算：{} 汉字/分钟（{}）。练习、见面和自检的时间是预估值。</p>").format(
        plans.WORKDAY_HOURS, plans.BUDGET_MINUTES, plans.BUDGET_MINUTES // 60, RATE, RATE_SOURCE)))
    out.append(block(Markup('<p class="hb-progress-summary" data-hb-plan="{}">已完成 <span class="hb-done">0</span> / {} 项。'
                            '勾选只保存在本机浏览器中。<button type="button" class="hb-progress-reset">清除勾选</button></p>').format(
        plan.id, sum(len(d.items) for d in days))))
    titles = {i.id: plans.item_title(model, i)[0] for i in plans.items(model, plan)}
    for d in days:
        out.append(heading(2, f"第 {d.day} 天：{d.theme}（{d.minutes} 分钟）", f"day-{d.day}"))
        rows = []
        for item in d.items:
            after = Markup("、").join(Markup('<a href="#{}">{}</a>').format(f"item-{a}", titles.get(a, a))
                                     for a in item.after)
            minutes = Markup("{} 分钟{}").format(item.minutes if item.minutes is not None else "—",
                                               Markup("（按字数）") if item.computed else "")
            rows.append([_box(plan, item), Markup("<span id=\"{}\">{}</span>").format(f"item-{item.id}", plans.KIND_LABELS[item.kind]),
                         item_html(ctx, plan, item), minutes, after or "—"])
        header = ["完成", "类型", "事项", "预计时间", "前置事项"]
        if not any(item.after for item in d.items):  # a column of dashes says nothing
            header, rows = header[:-1], [r[:-1] for r in rows]
        out.append(block(table(header, rows, cls="hb-onboarding")))
    out.append(heading(2, "自检", "self-check"))
    n = len(questions(model, role)) if role else 0
    out.append(block(Markup("<p>第一周结束前做一遍{}（共 {} 题，答案可以点开核对，每题都链接到答案所在的页面）。</p>").format(
        link(ctx.url_src(self_check_path(plan)), "自检题"), n)))
    return "".join(out)


def self_check_page(ctx, plan) -> str:
    model = ctx.model
    role = model.get("role", plan.get("role"))
    qs = questions(model, role) if role else []
    out = [f"# {md_inline(plan.name)}：自检\n\n"]
    out.append(block(Markup("<p>{} 题，由手册数据自动生成：先自己回答，再点开题目核对答案；答案所在的页面附在每题下面。"
                            "返回{}。{}</p>").format(len(qs), link(ctx.url_src(target(plan)), "第一周计划"), pdf_link(ctx, plan))))
    topic, n = None, 0
    for q in qs:
        if q.topic != topic:
            topic = q.topic
            out.append(heading(2, topic, f"topic-{n + 1}"))
        n += 1
        html = Markup('<details class="hb-question" id="q-{}"><summary>{}. {}</summary>'
                      '<p class="hb-answer">答案：{}</p><p class="hb-source">出处：{}</p></details>').format(
            n, n, ctx.text(q.text), ctx.text(q.answer), ctx.to(q.entity))
        out.append(block(html))
    return "".join(out)
