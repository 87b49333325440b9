"""Diagrams drawn at build time as inline SVG: no JavaScript, no CDN, and
they print. Every text is escaped; boxes link to the step or role they show.

flow(): a process's steps top to bottom (parallel steps side by side, gates
marked), with each alternative path (e.g. the urgent purchase path) as a
dashed column beside the steps it replaces. org(): the reporting tree.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.text import Html

W, H, GX, GY, PAD = 200, 66, 48, 38, 16
FONT = 'font-family="inherit"'


@dataclass
class Box:
    key: str
    title: str
    sub: str
    href: str
    x: float = 0
    y: float = 0
    gate: bool = False
    dashed: bool = False
    w: float = W
    h: float = H


TITLE_PX, SUB_PX, LINE = 14, 11.5, 15


def _lines(text: str, px: float, width: float) -> list[str]:
    """`text` broken into lines that fit `width` (Han characters are about
    one em wide; Latin letters and digits about half): nothing is cut off."""
    out, line, used = [], "", 0.0
    for ch in str(text):
        w = px * (0.55 if ch.isascii() else 1.0)
        if line and used + w > width:
            out.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        out.append(line)
    return out or [""]


def box_height(title: str, sub: str, w: float = W) -> float:
    """The height a box needs for its wrapped title and subtitle."""
    n = len(_lines(title, TITLE_PX, w - 16)) + len(_lines(sub, SUB_PX, w - 16))
    return max(H, 22 + n * LINE + 8)


def _text(lines, x, y, px, bold=False) -> Markup:
    weight = ' font-weight="bold"' if bold else ""
    spans = Html("").join(Html('<tspan x="{}" dy="{}">{}</tspan>').format(x, 0 if i == 0 else LINE, t)
                            for i, t in enumerate(lines))
    return Html('<text x="{}" y="{}" font-size="{}"{} fill="currentColor" text-anchor="middle">{}</text>').format(
        x, y, px, Html(weight), spans)


def _box(b: Box) -> Markup:
    stroke = "var(--md-accent-fg-color, #526cfe)" if b.gate else "var(--md-default-fg-color--light, #666)"
    dash = ' stroke-dasharray="6 4"' if b.dashed else ""
    width = 2.5 if b.gate else 1.2
    gate = Html('<text x="{}" y="{}" font-size="11" fill="currentColor">◆ 关卡</text>').format(
        b.x + b.w - 46, b.y + 15) if b.gate else Html("")
    tl, sl = _lines(b.title, TITLE_PX, b.w - 16), _lines(b.sub, SUB_PX, b.w - 16) if b.sub else []
    # Centred vertically: the block of lines sits in the middle of the box.
    top = b.y + (b.h - (len(tl) + len(sl)) * LINE) / 2 + 11
    title = _text(tl, b.x + b.w / 2, top, TITLE_PX, bold=True)
    sub = _text(sl, b.x + b.w / 2, top + len(tl) * LINE, SUB_PX) if sl else Html("")
    return Html(
        '<a href="{href}"><g class="hb-node">'
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="var(--md-default-bg-color, #fff)" '
        'stroke="{stroke}" stroke-width="{width}"{dash}/>{gate}'
        '{title}{sub}</g></a>').format(
        href=b.href, x=b.x, y=b.y, w=b.w, h=b.h, stroke=Html(stroke), width=width, dash=Html(dash),
        gate=gate, title=title, sub=sub)


def _arrow(x1, y1, x2, y2, mid: str, dashed=False) -> Markup:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    if abs(x1 - x2) < 1:
        d = f"M{x1},{y1} L{x2},{y2}"
    else:
        ym = y1 + (y2 - y1) / 2 if y2 > y1 else y1 + GY / 2
        d = f"M{x1},{y1} L{x1},{ym} L{x2},{ym} L{x2},{y2}"
    return Html('<path d="{}" fill="none" stroke="currentColor" stroke-width="1.3"{} marker-end="url(#{})"/>').format(
        d, Html(dash), mid)


def _svg(width, height, label, body, mid) -> Markup:
    return Html(
        '<figure class="hb-diagram"><svg xmlns="http://www.w3.org/2000/svg" role="group" aria-label="{label}" '
        'viewBox="0 0 {w} {h}" width="{w}" style="max-width:100%;height:auto" {font}>'
        '<title>{label}</title>'
        '<defs><marker id="{mid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
        '{body}</svg><figcaption>{label}</figcaption></figure>').format(
        label=label, w=width, h=height, font=Html(FONT), mid=mid, body=body)


def flow(title: str, steps: list[dict], paths: list[dict], mid: str = "hb-arrow") -> Markup:
    """steps: [{key, title, sub, href, gate, after: [keys]}] in order;
    paths: [{key, title, href, replaces: [keys], steps: [{title, sub}]}]."""
    # One height for every box of the chart, the tallest one needs: rows stay
    # aligned and no text is cut off.
    H = max([box_height(x["title"], x.get("sub", "")) for x in steps]
            + [box_height(x["title"], x.get("sub", "")) for p in paths for x in p["steps"]], default=globals()["H"])
    # Returns (退回补交) run up the left margin, each in its own lane, with
    # their reason written beside them.
    returns = [(s["key"], r) for s in steps for r in s.get("returns") or []]
    left = RETURN_W if returns else 0
    level: dict[str, int] = {}
    preds: dict[str, list[str]] = {}
    for i, s in enumerate(steps):
        p = list(s.get("after") or ([steps[i - 1]["key"]] if i else []))
        preds[s["key"]] = [k for k in p if k in level]
        level[s["key"]] = max((level[k] + 1 for k in preds[s["key"]]), default=0)
    rows: dict[int, list[str]] = {}
    for s in steps:
        rows.setdefault(level[s["key"]], []).append(s["key"])
    widest = max((len(r) for r in rows.values()), default=1)
    main_w = widest * W + (widest - 1) * GX
    boxes: dict[str, Box] = {}
    for s in steps:
        row = rows[level[s["key"]]]
        i = row.index(s["key"])
        offset = (main_w - (len(row) * W + (len(row) - 1) * GX)) / 2
        boxes[s["key"]] = Box(s["key"], s["title"], s.get("sub", ""), s["href"],
                              left + PAD + offset + i * (W + GX), PAD + level[s["key"]] * (H + GY),
                              gate=bool(s.get("gate")), h=H)
    parts = []
    for key, ps in preds.items():
        for p in ps:
            a, b = boxes[p], boxes[key]
            parts.append(_arrow(a.x + W / 2, a.y + H, b.x + W / 2, b.y, mid))
    extra_boxes, height = [], PAD * 2 + (max(rows, default=0) + 1) * (H + GY) - GY
    for j, path in enumerate(paths):
        replaced = [k for k in path.get("replaces", []) if k in boxes]
        top = min((level[k] for k in replaced), default=0)
        x = left + PAD + main_w + GX + j * (W + GX)
        chain = []
        for n, ps in enumerate(path["steps"]):
            b = Box(f"{path['key']}-{n}", ps["title"], ps.get("sub", ""), path["href"], x,
                    PAD + (top + n) * (H + GY), dashed=True, h=H)
            chain.append(b)
            extra_boxes.append(b)
            if n:
                parts.append(_arrow(x + W / 2, chain[n - 1].y + H, x + W / 2, b.y, mid, dashed=True))
        height = max(height, chain[-1].y + H + PAD)
        entry = [p for k in replaced for p in preds[k] if p not in replaced]
        for p in dict.fromkeys(entry):
            a = boxes[p]
            parts.append(_arrow(a.x + W, a.y + H / 2, x + W / 2, chain[0].y, mid, dashed=True))
        succ = [k for k, ps in preds.items() if k not in replaced and any(p in replaced for p in ps)]
        for k in succ:
            b = boxes[k]
            parts.append(Html('<path d="M{},{} L{},{} L{},{}" fill="none" stroke="currentColor" '
                                'stroke-width="1.3" stroke-dasharray="6 4" marker-end="url(#{})"/>').format(
                x + W / 2, chain[-1].y + H, x + W / 2, b.y + H / 2, b.x + W, b.y + H / 2, mid))
        # Right-aligned so the entry arrow (to the box's centre) never crosses it.
        parts.append(Html('<text x="{}" y="{}" font-size="12" fill="currentColor" text-anchor="end">{}</text>').format(
            x + W, max(chain[0].y - 8, 11), path["title"]))
    for lane, (key, r) in enumerate(returns):
        if r["to"] in boxes:
            parts.append(_return(boxes[key], boxes[r["to"]], r["when"], lane, left, mid))
    width = left + PAD * 2 + main_w + len(paths) * (W + GX)
    body = Html("").join(parts + [_box(b) for b in list(boxes.values()) + extra_boxes])
    return _svg(width, height, title, body, mid)


RETURN_W = 150


def _return(a: Box, b: Box, when: str, lane: int, left: float, mid: str) -> Markup:
    """A dashed arrow from the left of box `a` back up to the left of box `b`
    (the same box for 退回补交), with the reason beside it."""
    x = left + PAD - 14 - lane * 10
    y1, y2 = a.y + a.h * 0.7, b.y + b.h * 0.3
    if a is b:
        y1, y2 = a.y + a.h * 0.75, a.y + a.h * 0.25
    path = Html('<path d="M{},{} L{},{} L{},{} L{},{}" fill="none" stroke="currentColor" stroke-width="1.3" '
                  'stroke-dasharray="4 3" marker-end="url(#{})"/>').format(a.x, y1, x, y1, x, y2, b.x, y2, mid)
    lines = _lines(when, 11, x - 12)
    label = Html('<text x="{}" y="{}" font-size="11" fill="currentColor" text-anchor="end">{}</text>').format(
        x - 6, (y1 + y2) / 2 - (len(lines) - 1) * 7 + 4,
        Html("").join(Html('<tspan x="{}" dy="{}">{}</tspan>').format(x - 6, 0 if i == 0 else 14, t)
                        for i, t in enumerate(lines)))
    return path + label


def org(title: str, nodes: list[dict], mid: str = "hb-org-arrow") -> Markup:
    """nodes: [{key, title, sub, href, parent}] — a forest drawn top-down."""
    w, h = 168, 58
    keys = {n["key"] for n in nodes}
    kids: dict[str, list[dict]] = {}
    roots = []
    for n in nodes:
        if n.get("parent") in keys:
            kids.setdefault(n["parent"], []).append(n)
        else:
            roots.append(n)
    span: dict[str, int] = {}

    def measure(n):
        span[n["key"]] = max(1, sum(measure(c) for c in kids.get(n["key"], [])))
        return span[n["key"]]

    for r in roots:
        measure(r)
    boxes, parts, depth = {}, [], [0]

    def place(n, left, d):
        depth[0] = max(depth[0], d)
        cx = PAD + (left + span[n["key"]] / 2) * (w + 24) - 12
        boxes[n["key"]] = Box(n["key"], n["title"], n.get("sub", ""), n["href"], cx - w / 2, PAD + d * (h + 44), w=w, h=h)
        x = left
        for c in kids.get(n["key"], []):
            place(c, x, d + 1)
            x += span[c["key"]]

    left = 0
    for r in roots:
        place(r, left, 0)
        left += span[r["key"]]
    for n in nodes:
        p = n.get("parent")
        if p in boxes and n["key"] in boxes:
            a, b = boxes[p], boxes[n["key"]]
            parts.append(_arrow(a.x + w / 2, a.y + h, b.x + w / 2, b.y, mid))
    width = PAD * 2 + left * (w + 24) - 24
    height = PAD * 2 + (depth[0] + 1) * (h + 44) - 44
    body = Html("").join(parts + [_box(b) for b in boxes.values()])
    return _svg(max(width, w + 2 * PAD), height, title, body, mid)
