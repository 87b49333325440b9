"""The self-check page of a first-week plan: the quiz as a form.

Questions and choices come from macros/onboarding/quiz.py in its seeded
order (the printed packet uses the same list). Each question is a fieldset
of radio buttons: keyboard only works (Tab to a question, arrows to choose,
Enter submits). The right answer is not on the page: each fieldset carries
quiz.answer_check() of it, and docs/javascripts/onboarding-quiz.js hashes the
chosen value the same way on submission. The link to the page that holds
the right answer is in the page but hidden until a wrong answer is scored.
The result is kept in this browser's localStorage (for the mentor's
summary on the plan page); nothing is sent anywhere.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from macros.core.text import Html
from macros.core.words import QUIZ
from macros.onboarding import quiz
from macros.onboarding.reading import page_title
from macros.outputs.site.render.html import block, link, md_inline
from macros.outputs.site.render.links import target


def words_json() -> Markup:
    text = json.dumps(QUIZ, ensure_ascii=False, sort_keys=True)
    return Html(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def source_link(ctx, asked) -> Markup:
    """The page holding the right answer, by its title. The entity's own name
    and anchor are left out when they would give the answer away (a question
    whose answer is the entity, e.g. a role's permission level)."""
    q, page = asked.question, asked.page
    telling = any(q.entity.name in c or q.entity.id in c for c in asked.choices)
    return link(ctx.url_src(page) if telling else ctx.url(q.entity), page_title(ctx.model, page))


def question_html(ctx, plan, asked) -> Markup:
    q = asked.question
    name = f"q-{asked.number}"
    topic = Html('<span class="hb-q-topic">（{}）</span>').format(QUIZ["scenario"]) if q.scenario else ""
    choices = Html("").join(
        Html('<label class="hb-choice"><input type="radio" name="{}" value="{}"> {}. {}</label>').format(
            name, choice, quiz.letter(i), choice)
        for i, choice in enumerate(asked.choices))
    return Html('<fieldset class="hb-question" id="{}" data-hb-check="{}"><legend>{}. {}{}</legend>{}'
                  '<p class="hb-q-result" hidden></p>'
                  '<p class="hb-q-source" hidden>{}：{}</p></fieldset>').format(
        name, quiz.answer_check(plan.id, asked.number, q.answer), asked.number, q.text, topic, choices,
        QUIZ["see"], source_link(ctx, asked))


def self_check_page(ctx, plan, pdf) -> str:
    """The quiz page; `pdf` is the link to the printed packet."""
    model = ctx.model
    asked = quiz.quiz(model, plan)
    mark, need = quiz.pass_mark(plan), quiz.needed(plan, len(asked))
    out = [f"# {md_inline(plan.name)}：自检\n\n"]
    out.append(block(Html(
        "<p>{} 题单项选择，全部由手册数据生成（情景题来自流程和例外路径）。及格线：答对 {}%（{} 题中至少 {} 题）。"
        "交卷后显示得分；答错的题给出正确答案所在的页面，回去重读后可以重新作答。"
        "成绩只保存在本机浏览器中，供{}里的带教人小结使用。{}</p>").format(
        len(asked), mark, len(asked), need, link(ctx.url_src(target(plan)), "第一周计划"), pdf)))
    form = Html("").join(question_html(ctx, plan, a) for a in asked)
    out.append(block(Html(
        '<form class="hb-quiz" id="hb-quiz" data-hb-plan="{}" data-hb-pass="{}" data-hb-needed="{}" novalidate>{}'
        '<p><button type="submit" class="md-button md-button--primary">{}</button></p>'
        '<div class="hb-quiz-result" id="hb-quiz-result" role="status" aria-live="polite" tabindex="-1"></div>'
        '</form><script type="application/json" id="hb-quiz-words">{}</script>').format(
        plan.id, mark, need, form, QUIZ["submit"], words_json())))
    return "".join(out)
