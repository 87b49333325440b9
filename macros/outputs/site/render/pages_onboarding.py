"""The 第一周 landing page of each plan (Markdown with raw HTML blocks; every
data value escaped); its self-check page is pages_quiz.py.

Progress checkboxes carry `data-hb-key="hb-onboarding:<plan>:<item>"`; the
small local script docs/javascripts/onboarding-progress.js keeps them in the
browser's localStorage (no server, no CDN). The start-date field dates the
five days on working days and the mentor's summary is assembled from the
ticks and the quiz result, both by docs/javascripts/onboarding-week.js from
the page's own data (<script id="hb-week-data">: the items, the words and
the holiday table the deadline calculator carries). Nothing leaves the
browser unless the user prints or copies the summary.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from macros.core.text import Html
from macros.core.words import WEEK
from macros.outputs.site.render import pages_quiz
from macros.outputs.site.render.html import block, esc, heading, link, md_inline, table
from macros.outputs.site.render.links import target
from macros.onboarding import plan as plans, quiz
from macros.onboarding.reading import page_title, target_page
from macros.time import deadlines
from macros.time.holidays import WEEKDAYS_ZH

PRINT_DIR = "print"


def pdf_name(plan) -> str:
    return f"onboarding-{plan.id}.pdf"


def self_check_path(plan) -> str:
    return f"first-week/{plan.id}-self-check.md"


def pdf_link(ctx, plan) -> Markup:
    return link(ctx.url_src(f"{PRINT_DIR}/{pdf_name(plan)}"), "打印版：第一周计划与自检（PDF，A4）")


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
        what = Html("{}（{}）").format(
            ctx.to(checklist) if checklist else esc(item.target),
            link(ctx.url_src(f"{PRINT_DIR}/{item.target}.pdf"), "打印 PDF"))
        what += Html("<br><small>样例：{}</small>").format(ctx.text(item.data.get("case")))
    elif item.kind == "meet":
        what = ctx.ref("role", item.target) + Html("<br><small>{}</small>").format(ctx.text(item.data.get("topic")))
    else:
        what = Html("{}（{}）").format(ctx.text(item.target),
                                        link(ctx.url_src(self_check_path(plan)), "自检题"))
    if item.data.get("note"):
        what += Html("<br><small>{}</small>").format(ctx.text(item.data["note"]))
    return what


def _box(plan, item, label: str) -> Markup:
    """The tick box; a screen reader announces the item's Chinese name, not its key."""
    key = f"hb-onboarding:{plan.id}:{item.id}"
    return Html('<input type="checkbox" class="hb-progress" data-hb-key="{}" id="{}" aria-label="完成：{}">').format(
        key, f"done-{item.id}", label)


def week_json(ctx, plan, role, mentor) -> Markup:
    """What onboarding-week.js needs, safe inside <script>."""
    model = ctx.model
    data = {"plan": plan.id, "name": plan.name, "role": role.name if role else "",
            "mentor": mentor.name if mentor else "", "words": WEEK, "weekdays": list(WEEKDAYS_ZH),
            "items": [{"id": i.id, "day": i.day, "kind": plans.KIND_LABELS[i.kind],
                       "title": plans.item_title(model, i)[0]} for i in plans.items(model, plan)],
            "table": deadlines.holiday_table_for_model(model)}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Html(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def about_minutes(minutes) -> Markup:
    return Html("约 {} 分钟").format(minutes) if minutes is not None else Html("—")


def start_form(ctx, plan, role, mentor) -> Markup:
    return Html(
        '<form class="hb-week" id="hb-week" onsubmit="return false">'
        '<p><label for="hb-start">{}（第 1 天）</label> <input type="date" id="hb-start" name="start"></p>'
        '<p id="hb-week-out" class="hb-week-out" aria-live="polite">{}跳过周末和法定节假日，调休上班日照常算工作日。</p>'
        '</form><script type="application/json" id="hb-week-data">{}</script>').format(
        WEEK["start"], WEEK["no_start"], week_json(ctx, plan, role, mentor))


def summary_block(mentor) -> Markup:
    return Html(
        '<p>把勾选的进度和自检成绩整理成一页，打印或复制后交给带教人（{}）签字：日期、完成事项、得分、未完成事项。'
        '小结只在这台电脑的浏览器里生成，不会发送到任何地方。</p>'
        '<p><button type="button" class="md-button" id="hb-summary-make">生成小结</button> '
        '<button type="button" class="md-button" id="hb-summary-copy" disabled>复制文字</button> '
        '<button type="button" class="md-button" id="hb-summary-print" disabled>打印小结</button></p>'
        '<div id="hb-summary-box" class="hb-summary-box"><pre id="hb-summary" class="hb-summary" hidden></pre>'
        '<p id="hb-summary-status" role="status" aria-live="polite"></p></div>').format(mentor.name if mentor else "")


def landing_page(ctx, plan) -> str:
    model = ctx.model
    role = model.get("role", plan.get("role"))
    mentor = model.get("role", plan.get("mentor"))
    days = plans.days(model, plan)
    total = sum(d.minutes for d in days)
    out = [f"# {md_inline(plan.name)}\n\n"]
    out.append(block(Html('<p class="hb-lead">{}</p><p>岗位：{}；带教人：{}。{}</p>').format(
        ctx.text(plan.get("summary")), ctx.to(role) if role else "", ctx.to(mentor) if mentor else "",
        pdf_link(ctx, plan))))
    out.append(heading(2, "一周时间安排", "time"))
    out.append(block(start_form(ctx, plan, role, mentor)))
    rows = [[Html("第 {} 天").format(d.day), Html('<span class="hb-day-date" data-day="{}">—</span>').format(d.day),
             ctx.text(d.theme), Html("约 {} 分钟（{}）").format(d.minutes, plans.hours(d.minutes))]
            for d in days]
    rows.append([Html("<strong>合计</strong>"), "", "",
                 Html("<strong>约 {} 分钟（{}）</strong>").format(total, plans.hours(total))])
    out.append(block(table(["日", "日期", "主题", "时间"], rows) + Html(
        "<p>每天按 {} 小时工作日安排，其中学习时间不超过 {} 分钟（{} 小时）；其余时间留给入职手续、日报、休息和向带教人提问。"
        "每项的时间都是估计，读得慢一些也没关系。</p>").format(
        plans.WORKDAY_HOURS, plans.BUDGET_MINUTES, plans.BUDGET_MINUTES // 60)))
    out.append(block(Html('<p class="hb-progress-summary" data-hb-plan="{}">已完成 <span class="hb-done">0</span> / {} 项。'
                            '勾选只保存在本机浏览器中。<button type="button" class="hb-progress-reset">清除勾选</button></p>').format(
        plan.id, sum(len(d.items) for d in days))))
    titles = {i.id: plans.item_title(model, i)[0] for i in plans.items(model, plan)}
    for d in days:
        out.append(heading(2, f"第 {d.day} 天：{d.theme}（约 {d.minutes} 分钟）", f"day-{d.day}"))
        out.append(block(Html('<p class="hb-day-date" data-day="{}" hidden></p>').format(d.day)))
        rows = []
        for item in d.items:
            after = Html("、").join(Html('<a href="#{}">{}</a>').format(f"item-{a}", titles.get(a, a))
                                     for a in item.after)
            minutes = about_minutes(item.minutes)
            rows.append([_box(plan, item, titles.get(item.id, "")), Html("<span id=\"{}\">{}</span>").format(f"item-{item.id}", plans.KIND_LABELS[item.kind]),
                         item_html(ctx, plan, item), minutes, after or "—"])
        header = ["完成", "类型", "事项", "时间", "前置事项"]
        if not any(item.after for item in d.items):  # a column of dashes says nothing
            header, rows = header[:-1], [r[:-1] for r in rows]
        out.append(block(table(header, rows, cls="hb-onboarding")))
    out.append(heading(2, "自检", "self-check"))
    n = len(quiz.quiz(model, plan))
    out.append(block(Html("<p>第一周结束前做一遍{}（共 {} 道选择题，及格线 {}%；交卷后评分，答错的题链接到答案所在的页面）。</p>").format(
        link(ctx.url_src(self_check_path(plan)), "自检题"), n, quiz.pass_mark(plan))))
    out.append(heading(2, WEEK["summary_title"], "mentor"))
    out.append(block(summary_block(mentor)))
    return "".join(out)


def self_check_page(ctx, plan) -> str:
    return pages_quiz.self_check_page(ctx, plan, pdf_link(ctx, plan))
