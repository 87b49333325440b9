"""Issue #18: processes are read in an order declared once, in the data.

Categories run in the order of the `category` enum in
data/schemas/process.schema.json; within a category each process file's
`order` decides; never the English id. These tests move the declaration
and expect every reader of the order to follow."""
from __future__ import annotations

import json

from conftest import FIXTURES, ROOT, make_project
from macros.cli.main import main
from macros.model.queries import ordered_processes
from macros.outputs.compose import load

CASE = FIXTURES / "valid" / "process-order" / "files"


def names(root) -> list[str]:
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    return [p.name for p in ordered_processes(result.model)]


def test_order_within_a_category_is_the_files_number_not_the_id(tmp_path):
    # withdrawal (student, 10) before enrolment (student, 20), though "e" < "w";
    # suspension has 10 too, in a later category: no clash.
    assert names(make_project(tmp_path, CASE)) == ["退学", "新生入学", "休学"]


def test_category_order_is_the_schema_enum_order(tmp_path):
    root = make_project(tmp_path, CASE)
    path = root / "data" / "schemas" / "process.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["category"]["enum"] = ["approval", "student", "project", "risk", "management"]
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    assert names(root) == ["休学", "退学", "新生入学"]


def test_a_process_without_a_number_follows_the_numbered_ones_of_its_category(tmp_path):
    root = make_project(tmp_path, CASE)
    path = root / "data" / "processes" / "withdrawal.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("order: 10\n", ""), encoding="utf-8")
    assert names(root) == ["新生入学", "退学", "休学"]


def test_the_shipped_reading_order():
    """A student's record from entry to leaving, then approvals, the project,
    the incident before the follow-up work, then meetings and staff."""
    assert names(ROOT) == [
        "新生入学", "在读管理", "休学", "复学", "转学", "退学", "毕业离校",
        "采购审批", "紧急决策", "项目节点",
        "数据泄露响应", "新增风险应对", "审计整改",
        "会议决议跟踪", "文档归档与备份", "晋升", "轮岗", "年度授权复核"]


def test_no_code_keeps_a_list_of_process_ids():
    """The declaration lives in the data only: no module names the shipped
    process ids in an order of its own."""
    for path in (ROOT / "macros").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "PROCESS_ORDER" not in text and "CATEGORY_ORDER" not in text, path
        assert not ('"enrolment", "in-school-records"' in text), path


def test_the_overview_follows_the_declared_order(tmp_path):
    from macros.outputs.site.render.context import Ctx, shared_for
    from macros.outputs.site.render.pages_process import processes_index
    root = make_project(tmp_path, CASE)
    ctx = Ctx(shared_for(load(root).model), "processes/index.md")
    text = processes_index(ctx)
    assert text.index("学籍业务") < text.index("审批与决策")
    assert text.index("退学") < text.index("新生入学") < text.index("休学")


def test_the_number_itself_is_not_shown_on_the_process_page(tmp_path):
    """The order places a process; as a bare number it means nothing to a reader."""
    from macros.outputs.site.render.context import Ctx, shared_for
    from macros.outputs.site.render.pages_process import process_page
    model = load(make_project(tmp_path, CASE)).model
    page = process_page(Ctx(shared_for(model), "processes/enrolment.md"), model.get("process", "enrolment"))
    assert "流程类别" in page and "学籍业务" in page
    assert "排列顺序" not in page


def test_a_duplicate_number_names_both_files(tmp_path, capsys):
    root = make_project(tmp_path, CASE)
    path = root / "data" / "processes" / "enrolment.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("order: 20\n", "order: 10\n"), encoding="utf-8")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert ("data/processes/withdrawal.yml:5:1: error: Process(id='withdrawal') > order: order 10 in category "
            "'student' (学籍业务) is already taken by process 'enrolment' (data/processes/enrolment.yml:5)") in out


def test_role_kinds_read_in_the_schema_order():
    """Internal roles before the temporary team before outside parties: the
    order of the roles schema's `kind` enum, which sort_roles follows."""
    from macros.model.queries import ROLE_KINDS, schema_enum, sort_roles
    model = load(ROOT).model
    assert schema_enum(model, "roles.schema.json", "$defs", "role", "properties", "kind", "enum") == ROLE_KINDS
    kinds = [r.get("kind") for r in sort_roles(model.all("role"))]
    assert kinds == sorted(kinds, key=ROLE_KINDS.index)
    assert kinds[0] == "internal" and kinds[-1] == "external"


def test_a_new_process_is_placed_last_in_the_first_category(tmp_path, capsys):
    """`handbook new process` writes a category and the next free number, so
    the new page shows where a reader expects it, and the editor can see
    (请核对) which two values to change to move it."""
    import shutil
    root = tmp_path / "shipped"
    for top in ("data", "checklists", "docs"):
        shutil.copytree(ROOT / top, root / top)
    assert main(["new", "process", "transcript-request", str(root)]) == 0, capsys.readouterr().out
    text = (root / "data/processes/transcript-request.yml").read_text(encoding="utf-8")
    assert "\ncategory: student  # 流程类别；请核对\norder: 80  # 排列顺序" in text
    order = [p.id for p in ordered_processes(load(root).model)]
    assert order.index("graduation") + 1 == order.index("transcript-request") == order.index("purchase") - 1
