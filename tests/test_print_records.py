"""Prints fit to sign and to file (issue 19), checked on the print HTML in
process (no PDF is rendered here except to measure the footer's lines):

- every checklist names the record's subject as blank fields, from the data;
- every approval step has a signature and a date place for its level;
- the document number leaves the year and the serial blank;
- no item id reaches the paper; the footer (version, clauses, review due) is one line;
- one version string on the web footer, every print, the .ics feeds and the export;
- the approval copy opens with document control and keeps the business order;
- the first-week packet points at pages by URL and QR code, or by title and path.

The PDFs themselves are scanned for ids, data keys and paths in test_printing.py.
"""
from __future__ import annotations

import html as htmllib
import re

import pytest

from conftest import ROOT, copy_shipped
from git_helpers import commit_all, edit, git, init
from macros.outputs import provenance
from macros.outputs.compose import load
from macros.outputs.print import engine, jobs as printjobs, onboarding
from macros.outputs.print.checklist import checklist_view
from macros.outputs.print.handbook import LEFT_OUT, chapters
from macros.outputs.site import site_config

VERSION = re.compile(r"^\d{4}-\d\d-\d\d-[0-9a-f]{7}$")


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    return result


@pytest.fixture(scope="module")
def printed_html(shipped):
    return {j.name: j.html for j in printjobs.jobs(shipped, booklet=False, first_week=True)}


def visible(markup: str) -> str:
    """The text a reader sees: no style, no tags."""
    markup = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))


def items_html(markup: str) -> list[str]:
    """Each checklist item's own HTML (its substeps cut off)."""
    return [part.split('<div class="substeps">')[0] for part in markup.split('<div class="item"')[1:]]


def missing_subjects(result) -> list[str]:
    return [c.id for c in engine.checklists(result.model) if not checklist_view(result.model, c).subject]


def test_every_checklist_prints_its_subject_fields_blank(shipped, printed_html):
    assert missing_subjects(shipped) == []
    views = {c.id: checklist_view(shipped.model, c) for c in engine.checklists(shipped.model)}
    assert views["enrolment"].subject[0] == "学生姓名" and "考生号或学号" in views["enrolment"].subject
    assert {"采购事项", "金额（元）", "供应商"} <= set(views["purchase"].subject)
    for cid, view in views.items():
        markup = printed_html[engine.pdf_name(cid)]
        rows = re.findall(r'<tr class="subject">(.*?)</tr>', markup, re.S)
        shown = [name for row in rows for name in re.findall(r"<th>([^<]+)</th><td></td>", row)]
        assert shown == view.subject, cid  # each a label with an empty cell to write in


def test_a_process_without_subject_fields_is_caught(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "processes" / "purchase.yml"
    path.write_text(re.sub(r"\nsubject_fields: [^\n]*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert missing_subjects(load(root)) == ["purchase"]


def test_subject_fields_hold_labels_never_personal_data(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "processes" / "enrolment.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("subject_fields: [学生姓名, 考生号或学号]",
                                 "subject_fields: [学生姓名, \"张三 11010519491231002X\"]"), encoding="utf-8")
    result = load(root)
    where = [p.format() for p in result.errors if "data/processes/enrolment.yml:" in p.format()]
    assert where and "subject_fields" in where[0], [p.format() for p in result.errors]


def _approval_items(model, view):
    for item in view.items:
        for one in [item] + item.substeps:
            step = model.get("step", one.ref) if one.ref and ":" not in one.ref else None
            if step is None and "." in one.ref:  # a path's step: path id + local id
                path_id, _, local = one.ref.rpartition(".")
                path = model.get("path", path_id)
                data = next((s for s in path.data["steps"] if s["id"] == local), {}) if path else {}
            else:
                data = step.data if step is not None else {}
            if data.get("approval"):
                yield one


def test_every_approval_step_has_a_signature_and_date_place(shipped, printed_html):
    counted = 0
    for c in engine.checklists(shipped.model):
        view = checklist_view(shipped.model, c)
        blocks = items_html(printed_html[engine.pdf_name(c.id)])
        for item in _approval_items(shipped.model, view):
            counted += 1
            assert item.sign, f"{c.id}: approval step {item.title} has no signature place"
            block = next(b for b in blocks if f'<span class="title">{htmllib.escape(item.title)}</span>' in b)
            sig = re.search(r'<div class="sig step-sig"><span class="label">([^<]+)：</span><span class="line">'
                            r'</span><span class="label">日期：</span><span class="line short"></span>', block)
            assert sig and sig.group(1).startswith(item.sign), f"{c.id}: {item.title}"
    # The purchase's three levels and the urgent countersign, graduation's and
    # the status changes' reviews: the shipped data has many approval steps.
    assert counted >= 10
    purchase = visible(printed_html["purchase.pdf"])
    for level in ("部门负责人签字（总监）：", "财务部签字：", "CEO 签字：", "主管代签签字"):
        assert level in purchase


def test_the_document_number_leaves_year_and_serial_blank(printed_html):
    markup = printed_html["enrolment.pdf"]
    assert '<span class="blank"></span><span class="fixed">-新生入学-</span><span class="blank"></span>' in markup
    assert not re.search(r"20\d\d-新生入学", visible(markup))


def test_no_item_id_on_a_checklist(shipped, printed_html):
    for c in engine.checklists(shipped.model):
        text = visible(printed_html[engine.pdf_name(c.id)])
        for item in checklist_view(shipped.model, c).items:
            for one in [item] + item.substeps:
                assert one.ref and one.ref not in text, f"{c.id}: {one.ref} printed"
                assert one.ref.rpartition(".")[2].split(":")[-1] not in re.findall(r"[a-z][a-z-]+", text)


def _footer_lines(markup: str) -> list[int]:
    """Lines in the bottom-left footer box of each page, as laid out."""
    import weasyprint
    counts = []
    for page in weasyprint.HTML(string=markup).render().pages:
        for box in page._page_box.children:
            if getattr(box, "at_keyword", "") == "@bottom-left":
                stack, lines = list(box.children), 0
                while stack:
                    b = stack.pop()
                    if type(b).__name__ == "LineBox":
                        lines += 1
                    else:
                        stack.extend(getattr(b, "children", None) or [])
                counts.append(lines)
    return counts


def test_the_footer_never_wraps(shipped, printed_html):
    views = [checklist_view(shipped.model, c) for c in engine.checklists(shipped.model)]
    longest = max(views, key=lambda v: len("、".join(c for c, _ in v.source)))
    for cid in {longest.id, "enrolment"}:
        counts = _footer_lines(printed_html[engine.pdf_name(cid)])
        assert counts and set(counts) == {1}, f"{cid}: footer lines per page {counts}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = copy_shipped(tmp_path_factory.mktemp("versioned"))
    init(root)
    commit_all(root, "first", date="2027-01-08T10:00:00+00:00")
    return root


def test_one_version_string_everywhere(repo):
    from macros.outputs.calendar import feeds
    from macros.outputs.export.api import document
    from macros.outputs.site.tail import page_tail
    version = provenance.version(repo)
    assert VERSION.match(version) and version.startswith("2027-01-08-"), version
    result = load(repo)
    assert f"手册版本 {version} · 制度版本" in page_tail(result)
    assert document(result)["version"] == version
    obs, _ = feeds.obligations(result)
    ics = feeds.feed(result, obs, "全部").decode("utf-8")
    assert f"X-WR-CALDESC:学籍手册 · 手册版本 {version}" in ics
    for job in printjobs.jobs(result, first_week=True):
        assert f"手册版本 {version}" in job.html, job.name
    git(repo, "tag", "v1.0")
    assert provenance.version(repo) == "v1.0"
    git(repo, "tag", "-d", "v1.0")


def test_the_revision_table_names_what_changed_in_chinese(repo):
    first = provenance.version(repo)
    edit(repo / "data" / "processes" / "enrolment.yml", "cycle_months: 12", "cycle_months: 6")
    commit_all(repo, "Review enrolment every six months", date="2027-01-09T10:00:00+00:00")
    result = load(repo)
    revisions = provenance.revisions(repo, result.model)
    assert [r.version for r in revisions] == [provenance.version(repo), first]
    assert revisions[0].date == "2027-01-09" and revisions[0].changed == "流程「新生入学」"
    assert "等共" in revisions[1].changed  # the first import touched every file
    for r in revisions:  # never the English commit subject, a key or a path
        assert not re.search(r"[A-Za-z]{3,}|/|\.yml", r.changed), r.changed
    # A change of print layout or data format is not a revision of the policy.
    for layout in (repo / "checklists" / "templates").glob("*.j2"):
        layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit_all(repo, "Layout only", date="2027-01-10T10:00:00+00:00")
    assert [r.version for r in provenance.revisions(repo, result.model)] == [r.version for r in revisions]


def test_the_approval_copy_opens_with_document_control(shipped, printed_html):
    text = visible(printed_html["handbook.pdf"])
    control = text[text.index("文档控制"):text.index("目录")]
    for needed in ("编制", "审核", "批准", "修订记录", "所依据的制度", "制度生效日期"):
        assert needed in control, needed
    cover = text[:text.index("文档控制")]
    assert "生效日期" in cover and "待定" in cover and "文档编号" in cover


def test_the_approval_copy_keeps_business_order_and_leaves_out_on_purpose(shipped):
    from macros.model.queries import ordered_processes
    found = {kind: [b.title for b in blocks] for ch in chapters(shipped.model, ROOT) for _, kind, blocks in ch.groups}
    assert found["process"] == [p.name for p in ordered_processes(shipped.model)]
    assert found["process"][0] == "新生入学"
    assert not set(LEFT_OUT) & set(found)
    assert "其他数据" not in [ch.title for ch in chapters(shipped.model, ROOT)]


def test_first_week_pages_by_title_and_path_without_a_site_url(shipped, printed_html):
    assert site_config.site_url(ROOT) == ""  # the shipped mkdocs.yml names no address
    markup = printed_html["onboarding-specialist-enrolment.pdf"]
    text = visible(markup)
    assert "<svg" not in markup
    assert "手册页面《招生学籍专员》，网站上的路径： /roles/specialist-enrolment/" in text
    # The answer key comes after the sign-off, on its own right-hand page.
    assert text.index("带教人（") < text.index("自检答案")
    assert ".checklist.answers { break-before: right; }" in markup


def test_first_week_pages_by_url_and_qr_code_with_a_site_url(tmp_path):
    root = copy_shipped(tmp_path)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("site_url: https://handbook.example.edu.cn/xueji\n")
    assert site_config.site_url(root) == "https://handbook.example.edu.cn/xueji/"
    result = load(root)
    plan = result.model.get("onboarding", "specialist-enrolment")
    markup = onboarding.html(engine.environment(root), result.model, plan, provenance.of(root),
                             site=site_config.site_url(root))
    reads = sum(1 for d in plan.data["days"] for i in d["items"] if "read" in i)
    assert len(re.findall(r'<svg [^>]*class="qr"', markup)) == reads > 0
    assert "网址： https://handbook.example.edu.cn/xueji/roles/specialist-enrolment/" in visible(markup)
    assert "网站上的路径" not in visible(markup)


def test_the_print_docs_place_every_kind_of_data(shipped):
    """docs/maintainers/print.md says where each kind of data prints, or why not."""
    from macros.core import words
    page = (ROOT / "docs" / "maintainers" / "print.md").read_text(encoding="utf-8")
    for kind in shipped.model.by_kind:
        assert words.kind(kind) in page, f"{kind} ({words.kind(kind)}) is not placed in the print docs"
    for kind in LEFT_OUT:
        assert f"| {words.kind(kind)} |" in page


def test_placement_numbers_stay_off_paper(printed_html):
    """A process's `order` places it in the handbook; printed as 排列顺序：10
    it tells a reader nothing (as on the site)."""
    text = visible(printed_html["handbook.pdf"])
    assert "流程类别" in text and "排列顺序" not in text
