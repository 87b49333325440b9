"""The booklet (checklists.pdf): every checklist behind a cover and a
contents page, rendered in parts and joined like the handbook copy
(print/parts.py).

As one document, a change to any process re-rendered all of its pages, and
after the handbook copy went into parts it was the slowest PDF of an edit
build. Each part holds PER_PART checklists (21 today: three parts): fewer parts would re-render
more pages per edit, more would make the file bigger, since every part
embeds its own subset of the CJK fonts (about 260 KB whatever its length).
"""
from __future__ import annotations

PER_PART = 8


def booklet_job(env, views, prov, org: str):
    from macros.outputs.print.engine import BOOKLET, Job
    from macros.outputs.print.parts import Assembly
    template = env.get_template("booklet.html.j2")
    common = dict(views=views, prov=prov, org=org, page={}, total=0)
    groups = [views[i:i + PER_PART] for i in range(0, len(views), PER_PART)]
    body = tuple(Job(f"{BOOKLET}#{n}", template.render(common, part="body", views=group))
                 for n, group in enumerate(groups, 1))

    def front(page: dict) -> str:
        return template.render(common, part="front", page=page)

    def numbers(total: int) -> str:
        return template.render(common, part="pages", total=total)

    anchors = tuple(f"cl-{v.id}" for v in views)
    probe = Job(f"{BOOKLET}#front", front(dict.fromkeys(anchors, "")))
    whole = probe.html + "".join(j.html for j in body)  # what the booklet says, in order
    return Job(BOOKLET, whole, Assembly(body, front, numbers, anchors, probe))
