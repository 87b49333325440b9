"""Issue 18: navigation in business order, role pages by what the person
does, and 编辑此页 links to the YAML a page comes from. Rendered from the
shipped data without a build (the built site is checked in
test_readers_site.py)."""
from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def model():
    from macros.outputs.compose import load
    result = load(ROOT)
    assert result.ok
    return result.model


def _nav(model):
    from macros.outputs.site import pages
    return pages.nav(pages.generated(model), [("index.md", "首页"), ("changelog.md", "变更记录"),
                                               ("maintainers/index.md", "维护者"),
                                               ("maintainers/performance.md", "性能基准")])


def _flat(entries):
    for e in entries:
        for title, v in e.items():
            if isinstance(v, list):
                yield from _flat(v)
            else:
                yield title, v


def test_navigation_follows_business_order(model):
    nav = _nav(model)
    tabs = [next(iter(e)) for e in nav]
    assert tabs[0] == "首页" and tabs[-1] == "维护者"  # maintainers out of readers' way, last
    paths = [p for _, p in _flat(nav)]
    assert paths.index("processes/enrolment.md") < paths.index("processes/audit-rectification.md")
    # a student's record from entry to leaving
    student = [p for p in paths if p.split("/")[-1].removesuffix(".md") in
               ("enrolment", "in-school-records", "suspension", "resumption", "transfer", "withdrawal", "graduation")]
    assert student == [f"processes/{i}.md" for i in
                       ("enrolment", "in-school-records", "suspension", "resumption", "transfer", "withdrawal",
                        "graduation")]
    roles = [p for p in paths if p.startswith("roles/") and p != "roles/index.md"]
    kinds = [model.get("role", p[6:-3]).get("kind") for p in roles]
    assert kinds == sorted(kinds, key=("internal", "temporary", "external").index)
    assert roles[:4] == ["roles/director.md", "roles/manager-enrolment.md", "roles/manager-graduation.md",
                         "roles/manager-archives.md"]  # data/roles.yml's order, not the slugs'
    plans = [p for p in paths if p.startswith("first-week/") and not p.endswith(("index.md", "self-check.md"))]
    assert plans[:2] == ["first-week/director.md", "first-week/manager-enrolment.md"]


def test_every_folder_has_an_index_page(model):
    from macros.outputs.site import pages
    made = {p.path for p in pages.generated(model)} | {
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    folders = {m.rsplit("/", 1)[0] for m in made if "/" in m}
    assert sorted(f for f in folders if f"{f}/index.md" not in made) == []


def _role_page(model, role_id):
    from macros.outputs.site.render import Ctx, shared_for
    from macros.outputs.site.render.pages_role import role_page
    return role_page(Ctx(shared_for(model), f"roles/{role_id}.md"), model.get("role", role_id))


def _section(md, anchor):
    start = md.index(f"{{ #{anchor} }}")
    nxt = md.find("\n## ", start)
    return md[start:nxt if nxt > 0 else None]


def test_role_page_says_what_the_person_does(model):
    from macros.model import queries as q
    md = _role_page(model, "manager-enrolment")
    heads = re.findall(r"^## (.+?) \{", md, re.M)
    assert heads[0] == "招生学籍主管的职责"
    assert heads[1:5] == ["我负责执行（R）", "我批准（A）", "征求我意见（C）", "需知会我（I）"]
    assert {"周期性工作", "系统权限"} <= set(heads)
    approve = _section(md, "raci-a")
    # every step this role approves, and only those, once each
    mine = [row for row, lt in q.role_steps(model, "manager-enrolment") if "A" in lt]
    for row in mine:
        assert row.step.get("name") in approve
    procs = re.findall(r'<td><a href="../../processes/([a-z-]+)/?[^"]*">', approve)
    assert len(procs) == len(set(procs))
    assert "reviewer" not in md and "层级" not in md  # no raw field key, no internal rank number


def test_role_page_recurring_work_has_next_dates(model):
    md = _role_page(model, "specialist-enrolment")
    rec = _section(md, "recurring")
    assert "周报截止" in rec and "日报截止" in rec
    assert re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", rec)


def test_role_page_names_interfaces_in_chinese(model):
    text = re.sub(r"<[^>]+>", "", _role_page(model, "manager-enrolment"))  # what shows, not the hrefs
    assert "与教务部的接口" in text and "academic-affairs-interface" not in text


def test_next_date_skips_holiday_corrections():
    import datetime as dt
    from macros.outputs.site.render.pages_role import next_date
    from macros.time.recurrence import Series
    weekly = Series(start=dt.date(2026, 1, 5), rrule={"FREQ": "WEEKLY", "INTERVAL": 1, "BYDAY": ["MO"]}, words="")
    assert next_date(weekly, dt.date(2026, 12, 2), dt.date(2027, 12, 31)) == dt.date(2026, 12, 7)
    moved = Series(start=dt.date(2026, 1, 5), rrule={"FREQ": "WEEKLY", "INTERVAL": 1, "BYDAY": ["MO"]}, words="",
                   exdates=(dt.date(2026, 12, 7),), rdates=(dt.date(2026, 12, 8),))
    assert next_date(moved, dt.date(2026, 12, 2), dt.date(2027, 12, 31)) == dt.date(2026, 12, 8)


def _edit_hook():
    spec = importlib.util.spec_from_file_location(
        "mkdocs_edit", ROOT / "macros" / "outputs" / "site" / "engine" / "mkdocs_edit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_edit_link_leads_to_the_yaml_file_and_line(model):
    from macros.outputs.site import pages
    origin = {p.path: p.origin(model) for p in pages.generated(model)}
    line = next(i for i, text in enumerate((ROOT / "data/roles.yml").read_text(encoding="utf-8").splitlines(), 1)
                if "id: manager-enrolment" in text)
    assert origin["roles/manager-enrolment.md"] == f"data/roles.yml:{line}"
    assert origin["processes/enrolment.md"] == "data/processes/enrolment.yml:1"
    assert all(origin.values()), [p for p, o in origin.items() if not o]
    hook = _edit_hook()
    assert hook.edit_url("https://git.example.edu/xueji/handbook", "edit/main/docs/", origin["roles/manager-enrolment.md"]) \
        == f"https://git.example.edu/xueji/handbook/edit/main/data/roles.yml#L{line}"
    assert hook.edit_url("", "edit/main/docs/", "data/roles.yml:4") is None  # no repository configured: no link


def test_generated_pages_carry_their_edit_source(tmp_path):
    from conftest import copy_shipped
    from macros.outputs.compose import load
    from macros.outputs.site import sources
    root = copy_shipped(tmp_path)
    out = sources.write(load(root), tmp_path / "src", expand=True)
    head = (out / "docs" / "processes" / "purchase.md").read_text(encoding="utf-8").split("---")[1]
    assert 'edit_source: "data/processes/purchase.yml:1"' in head
    # a hand-written page keeps MkDocs' own link to docs/
    assert "edit_source" not in (out / "docs" / "index.md").read_text(encoding="utf-8")


def test_edit_button_opens_the_yaml_in_a_built_site(tmp_path):
    """End to end through MkDocs and Material (content.action.edit): with
    repo_url set, a generated page's 编辑此页 opens its YAML at the line, a
    hand-written page its Markdown in docs/."""
    from conftest import copy_shipped
    from sitetools import build_pages
    root = copy_shipped(tmp_path)
    (root / "checklists").mkdir(exist_ok=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "# repo_url:" in text and "# edit_uri:" in text  # documented, off by default
    config.write_text(text.replace("# repo_url:", "repo_url:").replace("# edit_uri:", "edit_uri:"), encoding="utf-8")
    repo = re.search(r"^repo_url: (\S+)", config.read_text(encoding="utf-8"), re.M).group(1)
    site = build_pages(root, tmp_path / "site")

    def button(page):
        html = (site / page).read_text(encoding="utf-8")
        return re.findall(r'<a href="([^"]+)" title="编辑此页" class="md-content__button', html)

    line = next(i for i, t in enumerate((root / "data/roles.yml").read_text(encoding="utf-8").splitlines(), 1)
                if "id: manager-enrolment" in t)
    assert button("roles/manager-enrolment/index.html") == [f"{repo}/edit/main/data/roles.yml#L{line}"]
    assert button("permissions/raci/index.html") == [f"{repo}/edit/main/data/processes/enrolment.yml#L1"]
    assert button("index.html") == [f"{repo}/edit/main/docs/index.md"]
