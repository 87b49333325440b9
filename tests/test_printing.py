"""The printed checklists, booklet and handbook: A4, Chinese, complete, unsplit.

The PDFs of the shipped project are rendered once per session (with
SOURCE_DATE_EPOCH fixed, as a release build would: conftest's session build,
whose PDFs the session's cache holds), then inspected with poppler's
pdftotext / pdffonts / pdftoppm and pypdf.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SESSION_EPOCH, copy_shipped, need_system
from macros.outputs.print import fonts, engine as printing, jobs as printjobs
from macros.outputs.print.checklist import checklist_view
from macros.outputs.compose import load
from macros.outputs.print.handbook import PROCESSES_PER_PART
from macros.model.queries import ordered_processes

EPOCH = SESSION_EPOCH  # 2026-09-21 UTC
A4 = (595.28, 841.89)


def _need_poppler_and_font():
    need_system("poppler-utils", all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm")))
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))


def _text(pdf, page=None) -> str:
    # Reading order (not -layout): a footer that wraps stays one block of text.
    args = ["pdftotext"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out


def _flat(text: str) -> str:
    """Whitespace removed: pdftotext breaks lines where the layout wraps."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def printed(tmp_path_factory, shipped_site):
    _need_poppler_and_font()
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        result = load(shipped_site.root)
        assert result.ok, [p.format() for p in result.errors]
        out = tmp_path_factory.mktemp("print")
        # The session build's renders; the first-week packets are scanned too.
        done = printjobs.write_pdfs(result, out, first_week=True, cached=True)
    finally:
        mp.undo()
    views = {c.id: checklist_view(result.model, c) for c in printing.checklists(result.model)}
    return out, views, {name: pages for name, pages, _ in done}, result


def _pdfs(printed):
    out, views, *_ = printed
    return [out / printing.pdf_name(i) for i in views] + [out / printing.BOOKLET, out / printing.HANDBOOK] \
        + sorted(out.glob("onboarding-*.pdf"))


def test_one_pdf_per_checklist_plus_booklet_and_handbook(printed):
    out, views, pages, result = printed
    packets = {f"onboarding-{p.id}.pdf" for p in result.model.all("onboarding")}
    expected = {printing.pdf_name(i) for i in views} | {printing.BOOKLET, printing.HANDBOOK} | packets
    assert views, "the shipped project has checklists"
    assert {p.name for p in out.iterdir()} == expected  # and no temporary file left over
    assert all(pages[name] >= 1 for name in expected)
    assert pages[printing.BOOKLET] >= sum(pages[printing.pdf_name(i)] for i in views)


def test_every_page_is_a4(printed):
    from pypdf import PdfReader
    for pdf in _pdfs(printed):
        for n, page in enumerate(PdfReader(pdf).pages, 1):
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(w - A4[0]) <= 1 and abs(h - A4[1]) <= 1, f"{pdf.name} page {n}: {w}x{h} pt"


def test_a_cjk_font_is_embedded(printed):
    for pdf in _pdfs(printed):
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        cjk = [r for r in rows.splitlines()[2:] if re.search(r"CJK|WenQuanYi|Han.?Sans|Source", r)]
        assert cjk, f"{pdf.name}: no CJK font\n{rows}"
        assert all(r.split()[-5] == "yes" for r in cjk), f"{pdf.name}: CJK font not embedded\n{rows}"


def test_text_has_every_item_and_the_header_fields(printed):
    out, views, *_ = printed
    for cid, view in views.items():
        text = _flat(_text(out / printing.pdf_name(cid)))
        for item in view.items:
            assert _flat(item.title) in text, f"{cid}: item {item.title!r} missing"
            if item.text:
                assert _flat(item.text) in text, f"{cid}: text of {item.title!r} missing"
            for sub in item.substeps:
                assert _flat(sub.title) in text
        for field in ("文档编号", "经办人", "日期", "复核人签字"):
            assert field in text, f"{cid}: header field {field} missing"
        # The document number: the business type pre-printed, year and serial left blank.
        assert f"-{view.business_type or '（业务类型）'}-" in text
        assert f"2026-{view.business_type or '（业务类型）'}-" not in text
        for as_, who in view.signoff:
            assert _flat(f"{as_}（{who}）签字") in text


def test_footer_carries_provenance_and_page_x_of_y(printed):
    from pypdf import PdfReader
    out, views, *_ = printed
    for cid, view in views.items():
        pdf = out / printing.pdf_name(cid)
        total = len(PdfReader(pdf).pages)
        for n in range(1, total + 1):
            page = _flat(_text(pdf, n))
            assert f"第{n}页/共{total}页" in page, f"{cid} page {n}"
            assert "手册版本" in page, f"{cid} page {n}: provenance"
            assert f"复审到期{view.review_due}" in page
            assert "出处" + "、".join(c for c, _ in view.source) in page


def test_no_item_is_split_across_pages(printed):
    """An item's title, its text and its log table's caption share one page."""
    from pypdf import PdfReader
    out, views, *_ = printed
    for cid, view in views.items():
        pdf = out / printing.pdf_name(cid)
        pages = [_flat(_text(pdf, n)) for n in range(1, len(PdfReader(pdf).pages) + 1)]
        for item in view.items:
            parts = [_flat(item.title)] + ([_flat(item.text)] if item.text else [])
            if item.log:
                parts.append(_flat(f"操作日志·{item.title}"))
            holding = [n for n, page in enumerate(pages, 1) if all(p in page for p in parts)]
            assert holding, f"{cid}: item {item.title!r} is split across pages (or missing)"


def _site_paths_removed(text: str) -> str:
    """The first-week packet prints page addresses on purpose (网址 / 网站上的
    路径, issue 19): those may hold ids, since that is where the page is."""
    from readers import PAGE_ADDRESS
    return PAGE_ADDRESS.sub(" ", text)


def test_no_pdf_holds_an_id_a_data_key_or_a_file_path(printed):
    """What the reviews found on paper: item ids (enrolment.material-review),
    keys (last_reviewed: …; cycle_months), data/*.yml paths, English values."""
    import json
    out, views, pages, result = printed
    model = result.model
    ids = {e.id for es in model.by_kind.values() for e in es.values()}
    ids |= {i.rpartition(".")[2] for i in ids if "." in i}
    ids = {i for i in ids if re.fullmatch(r"[a-z][a-z0-9_-]{2,}", i) and i not in ("ceo",)}
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(k for k in node.get("properties", {}) if len(k) >= 3)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    for schema in (ROOT / "data" / "schemas").glob("*.json"):
        walk(json.loads(schema.read_text(encoding="utf-8")))
    assert {"last_reviewed", "cycle_months", "subject_fields", "raci"} <= keys
    path = re.compile(r"\b(data|checklists|docs|print)/\S*|\S+\.(ya?ml|md|j2|json|pdf)\b")
    for pdf in _pdfs(printed):
        text = _site_paths_removed(_text(pdf))
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_.:-]*[A-Za-z0-9]", text))
        leaked = sorted(w for w in words if w in ids or w in keys or any(part in ids for part in re.split(r"[.:]", w)))
        assert not leaked, f"{pdf.name}: ids or data keys on paper: {leaked[:10]}"
        found = path.search(text)
        assert not found, f"{pdf.name}: a file path on paper: {found.group(0)!r}"


def test_page_one_is_not_blank(printed, tmp_path):
    from PIL import Image
    for pdf in _pdfs(printed):
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        dark = sum(image.histogram()[:128])
        assert dark > 0.005 * image.width * image.height, f"{pdf.name}: page 1 looks blank ({dark} dark px)"


def test_handbook_has_cover_contents_and_version(printed):
    out, views, *_ = printed
    pdf = out / printing.HANDBOOK
    cover, control, contents = _flat(_text(pdf, 1)), _flat(_text(pdf, 2)), _flat(_text(pdf, 3))
    assert "学籍手册" in cover and "手册版本" in cover and "数据日期2026-09-21" in cover
    # Document control on its own page, before the contents (issue 19).
    assert "文档控制" in control and "编制审核批准" in control and "修订记录" in control
    assert "目录" in contents and "流程" in contents
    # Contents entries carry page numbers (target-counter), e.g. "流程......7".
    assert re.search(r"流程\.{3,}\d+", contents), contents
    whole = _flat(_text(pdf))
    for view in views.values():
        assert _flat(view.name) in whole


def test_the_handbook_joined_from_parts_reads_as_one_document(printed):
    """handbook.pdf is joined from separately rendered parts (print/parts.py):
    the page numbers run on across them, the contents' numbers and links
    point at the chapters' real pages, and the outline, title and language
    are those of one document."""
    from pypdf import PdfReader
    out, _, pages, result = printed
    pdf = out / printing.HANDBOOK
    reader = PdfReader(pdf)
    total = len(reader.pages)
    assert pages[printing.HANDBOOK] == total
    for n in range(1, total + 1):  # every page numbered once, in order, out of the whole
        assert _flat(_text(pdf, n)).count(f"第{n}页/共{total}页") == 1, n
    assert str(reader.metadata.title).endswith("学籍手册") and reader.root_object["/Lang"] == "zh-CN"
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    job = next(j for j in printjobs.jobs(result) if j.name == printing.HANDBOOK)
    heads = [re.search(r'<h1 class="chapter"[^>]*>([^<]+)</h1>', part.html) for part in job.assembly.body]
    titles = [h.group(1) for h in heads if h]  # a later part of the split process chapter has none
    assert top[:3] == ["学籍手册", "文档控制", "目录"] and set(titles) <= set(top), top
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    links = [(i, str(a.get_object()["/Dest"])) for i, page in enumerate(reader.pages)
             for a in page.get("/Annots") or [] if "/Dest" in a.get_object()]
    assert links and all(target in dests for _, target in links)  # every contents link lands somewhere
    contents = {}  # contents line -> the page number it prints
    for line in "".join(_text(pdf, i + 1) for i in sorted({i for i, _ in links})).splitlines():
        entry = re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)\s*", line)
        if entry:
            contents[_flat(entry.group(1))] = int(entry.group(2))
    for anchor, title in (c for part in job.assembly.body for c in re.findall(
            r'<h1 class="chapter" id="(ch-\d+)"[^>]*>([^<]+)</h1>', part.html)):
        page = dests[anchor] + 1
        assert _flat(title) in _flat(_text(pdf, page)), (title, page)  # the chapter starts where its anchor is
        assert contents[_flat(title)] == page, (title, page, contents)


def test_the_booklet_joined_from_parts_reads_as_one_document(printed):
    """checklists.pdf is joined from groups of checklists (print/booklet.py)
    the same way: page numbers over the whole, every contents line links to
    and prints the page its checklist starts on, in the checklists' order."""
    from pypdf import PdfReader
    out, _, pages, result = printed
    pdf = out / printing.BOOKLET
    reader = PdfReader(pdf)
    total = len(reader.pages)
    assert pages[printing.BOOKLET] == total
    for n in range(1, total + 1):
        assert _flat(_text(pdf, n)).count(f"第{n}页/共{total}页") == 1, n
    assert str(reader.metadata.title).endswith("检查单汇编") and reader.root_object["/Lang"] == "zh-CN"
    job = next(j for j in printjobs.jobs(result) if j.name == printing.BOOKLET)
    assert len(job.assembly.body) > 1
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    links = [str(a.get_object()["/Dest"]) for page in reader.pages[:3]
             for a in page.get("/Annots") or [] if "/Dest" in a.get_object()]
    names = re.findall(r'<a href="#(cl-[^"]+)"[^>]*>([^<]+)</a>', job.assembly.probe.html)
    # A contents line is several link boxes (name, leader, number): one target each line.
    assert list(dict.fromkeys(links)) == [anchor for anchor, _ in names]  # every checklist, in order
    contents = {}
    for line in _text(pdf, 2).splitlines():
        entry = re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)\s*", line)
        if entry:
            contents[_flat(entry.group(1))] = int(entry.group(2))
    for anchor, name in names:
        page = dests[anchor] + 1
        assert _flat(name) in _flat(_text(pdf, page)), (name, page)
        assert contents[_flat(name)] == page, (name, page)


def test_no_cjk_font_fails_naming_the_package_and_writes_nothing(tmp_path):
    """With fontconfig seeing no font at all, the command refuses (exit 2)."""
    need_system("fontconfig (fc-list)", bool(shutil.which("fc-list")))
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n')
    out = tmp_path / "out"
    env = {**__import__("os").environ, "FONTCONFIG_FILE": str(conf)}
    r = subprocess.run([sys.executable, "-m", "macros.cli.main", "checklists", str(ROOT), "--out", str(out)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "fonts-noto-cjk" in r.stderr and "apt-get install" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_no_cjk_font_probe_blocks_rendering(monkeypatch, tmp_path):
    """The same refusal without depending on fontconfig: the probe says no font."""
    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    rendered = []
    monkeypatch.setattr(printing, "_render", lambda job, out: rendered.append(job.name))
    with pytest.raises(fonts.NoCJKFont, match="fonts-noto-cjk"):
        printjobs.write_pdfs(load(ROOT), tmp_path / "out")
    assert rendered == [] and not (tmp_path / "out").exists()


def test_data_is_escaped_in_print(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "checklists" / "enrolment.yml"
    text = path.read_text(encoding="utf-8").replace(
        "      - step: enrolment.data-entry\n",
        "      - step: enrolment.data-entry\n        note: <script>alert(1)</script> & <b>粗</b>\n", 1)
    path.write_text(text, encoding="utf-8")
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    html = next(j.html for j in printjobs.jobs(result, handbook=False) if j.name == "enrolment.pdf")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;" in html
    assert "<script>" not in html


def test_outside_git_the_version_says_uncommitted_and_dates_are_reproducible(tmp_path, monkeypatch):
    from macros.outputs import provenance
    root = copy_shipped(tmp_path)  # no .git in the copy
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    prov = provenance.of(root)
    assert prov.version == provenance.UNCOMMITTED
    assert prov.build_date == "2026-09-21" and prov.data_date <= "2026-09-21"
    assert provenance.review_due({"last_reviewed": "2026-01-31", "cycle_months": 1}) == "2026-02-28"


def test_same_sources_give_the_same_bytes(tmp_path, monkeypatch, shipped_site):
    """A fresh render here, on one worker and without the cache, gives the
    bytes the session build published (rendered there by a pool of workers
    into an empty cache): same sources and date, same PDFs."""
    _need_poppler_and_font()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = load(shipped_site.root)
    fresh = tmp_path / "fresh"
    done = printjobs.write_pdfs(result, fresh, workers=1, booklet=False, handbook=False)
    assert all(seconds > 0 for _, _, seconds in done)  # rendered, not copied
    assert len(done) == len(printing.checklists(result.model)) > 1
    for pdf in fresh.iterdir():
        assert pdf.read_bytes() == (shipped_site.site / "print" / pdf.name).read_bytes(), pdf.name


def _items_per_page(html: str) -> list[set]:
    """Which items (data-item numbers) have a box on each page of the layout."""
    import weasyprint
    pages = []
    for page in weasyprint.HTML(string=html).render().pages:
        found, stack = set(), [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and element.get("data-item") and getattr(box, "element_tag", "") == "div":
                found.add(element.get("data-item"))
            stack.extend(getattr(box, "children", None) or [])
        pages.append(found)
    return pages


def test_a_long_checklist_breaks_between_items_only(tmp_path):
    """Sixteen logged items span several pages; the layout puts each item on
    exactly one page, and pdftotext finds each item's parts on one page."""
    _need_poppler_and_font()
    root = copy_shipped(tmp_path)
    steps = ["material-review", "data-entry", "system-validation", "parent-confirmation"]
    items = "".join(f"      - step: enrolment.{s}\n        note: 第 {n} 轮核对：{'核对要点。' * (n % 5 + 1)}\n"
                    for n in range(1, 5) for s in steps)
    (root / "checklists" / "long.yml").write_text(
        "id: long\nname: 长检查单\nprocess: enrolment\nsections:\n  - name: 多轮核对\n    items:\n"
        + items + "source: [三.一]\nreview: {last_reviewed: 2026-11-01, cycle_months: 12}\n", encoding="utf-8")
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    job = next(j for j in printjobs.jobs(result, booklet=False, handbook=False) if j.name == "long.pdf")
    pages = _items_per_page(job.html)
    assert len(pages) >= 4
    for n in range(1, 17):
        on = [i for i, found in enumerate(pages, 1) if f"{n}." in found]
        assert len(on) == 1, f"item {n} has boxes on pages {on}"
    printjobs.write_pdfs(result, tmp_path / "out", booklet=False, handbook=False)
    pdf = tmp_path / "out" / "long.pdf"
    texts = [_flat(_text(pdf, i)) for i in range(1, len(pages) + 1)]
    view = checklist_view(result.model, result.model.get("checklist", "long"))
    for n, item in enumerate(view.items, 1):
        parts = [f"{n}.{_flat(item.title)}", _flat(item.note), _flat(f"操作日志·{item.title}")]
        assert any(all(p in t for p in parts) for t in texts), f"item {n} split in the PDF text"


def test_the_process_chapter_prints_in_parts_that_read_on(printed):
    """The process chapter is split, PROCESSES_PER_PART to a part (an edit
    renders one part again): every process is in exactly one part, in the
    site's order, a later part starts with its first process and no second
    heading, and every page still carries the footer's version line."""
    from pypdf import PdfReader
    out, _, _, result = printed
    job = next(j for j in printjobs.jobs(result) if j.name == printing.HANDBOOK)
    processes = [p.id for p in ordered_processes(result.model)]
    assert len(processes) > PROCESSES_PER_PART  # the shipped data: split
    holding = [re.findall(r'id="e-process-([^"]+)"', part.html) for part in job.assembly.body]
    holding = [ids for ids in holding if ids]
    assert [i for ids in holding for i in ids] == processes
    assert [len(ids) for ids in holding[:-1]] == [PROCESSES_PER_PART] * (len(holding) - 1)
    later = [part.html for part in job.assembly.body
             if re.search(r'id="e-process-', part.html) and '<h1 class="chapter"' not in part.html]
    assert len(later) == len(holding) - 1
    for html in later:
        assert re.search(r'<div class="block continued" id="e-process-[^"]+" data-provenance="学籍手册（审批稿） · 手册版本 ', html)
    pdf = out / printing.HANDBOOK
    reader = PdfReader(pdf)
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    names = {p.id: p.name for p in ordered_processes(result.model)}
    for ids in holding[1:]:
        page = dests[f"e-process-{ids[0]}"] + 1
        text = _flat(_text(pdf, page))
        assert text.startswith(_flat(names[ids[0]])), (ids[0], text[:40])  # at the top of a fresh page
    for n in range(1, len(reader.pages) + 1):
        assert "手册版本" in _text(pdf, n), n
