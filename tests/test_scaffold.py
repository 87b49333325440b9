"""`handbook new KIND ID`: the new entity checks clean (placeholder warnings
only), lists are appended as text without touching the rest of the file, and
nothing is ever overwritten."""
from __future__ import annotations

import pytest

from conftest import ROOT, make_project
from macros.cli.main import main
from macros.cli.commands.new import COPIED
from macros.load.kinds import ENTITIES, FILES
from macros.outputs.compose import load

MANY = {fk.pattern for fk in FILES if fk.many}
# owner-area needs a real file name, which no generator can guess: it takes the
# snippet path (tested below).
# Holiday files are copied from the State Council's notice (test below).
CREATABLE = [k for k in ENTITIES if (k.at or k.pattern in MANY) and k.kind != "owner-area" and k.kind not in COPIED]
def _new_id(k):
    if k.kind == "clause":  # clause ids are the policy's numbering
        return "七.二"
    if k.kind == "checklist":  # a checklist is for a process that has none (see _prepare)
        return "enrolment"
    if k.kind == "onboarding":  # a plan is named after its role; the base has no plans
        return "specialist-enrolment"
    return "enrolment.brand-new" if k.parent == "process" else "brand-new"


def _prepare(k, root):
    if k.kind == "checklist":
        (root / "checklists" / "enrolment.yml").unlink()


def _only_placeholder_warnings(root):
    result = load(root)
    assert [p.format() for p in result.errors] == []
    # warnings that name the next edit (fill in, give the post a part, list the step) are expected
    assert {p.rule for p in result.warnings} <= {"placeholder-left", "internal-role-in-process",
                                                 "step-covered-by-checklist"}
    return result


@pytest.mark.parametrize("k", CREATABLE, ids=lambda k: getattr(k, "kind", None))
def test_every_kind_scaffolds_an_entity_that_checks_clean(k, tmp_path, capsys):
    root = make_project(tmp_path)
    _prepare(k, root)
    files = {p: p.read_bytes() for p in (root / "data").rglob("*.yml")}
    assert main(["new", k.kind, _new_id(k), str(root)]) == 0, capsys.readouterr().out
    result = _only_placeholder_warnings(root)
    assert result.model.get(k.kind, _new_id(k)) is not None
    changed = [p for p in files if p.read_bytes() != files[p]]
    if k.at:  # appended: the old text is intact, line for line, around the new lines
        assert len(changed) == 1
        old = files[changed[0]].decode().splitlines()
        new = changed[0].read_text(encoding="utf-8").splitlines()
        added = len(new) - len(old)
        assert added > 0
        start = next(i for i, (a, b) in enumerate(zip(old + [None], new)) if a != b)
        assert new[:start] + new[start + added:] == old
    else:  # a new file, nothing else changed
        assert changed == []


def test_new_process_file_has_the_schema_header_and_is_never_overwritten(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["new", "process", "graduation", str(root)]) == 0
    text = (root / "data/processes/graduation.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/process.schema.json\n")
    before = (root / "data/processes/enrolment.yml").read_bytes()
    capsys.readouterr()
    assert main(["new", "process", "enrolment", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (root / "data/processes/enrolment.yml").read_bytes() == before


def test_comments_blank_lines_and_following_keys_survive_an_append(tmp_path):
    root = make_project(tmp_path)
    questions = root / "data" / "open_questions.yml"
    original = questions.read_text(encoding="utf-8")
    assert original.startswith("# ")  # the header comment of the shipped file
    assert main(["new", "role", "archivist", str(root)]) == 0
    assert main(["new", "question", "minutes-format", str(root)]) == 0
    text = questions.read_text(encoding="utf-8")
    assert text.startswith(original.rstrip("\n").split("\n")[0])
    assert text.index("id: minutes-format") > text.index("id: section-seven-cut-off")
    _only_placeholder_warnings(root)


def test_a_step_lands_in_its_process_before_the_next_top_level_key(tmp_path):
    root = make_project(tmp_path)
    assert main(["new", "step", "enrolment.archive", str(root)]) == 0
    result = _only_placeholder_warnings(root)
    steps = [s["id"] for s in result.model.get("process", "enrolment").data["steps"]]
    assert steps[-1] == "archive"
    text = (root / "data/processes/enrolment.yml").read_text(encoding="utf-8")
    assert text.rstrip().endswith("source: [三.一]")  # the process's own source stays last


def test_bom_and_crlf_are_kept(tmp_path):
    root = make_project(tmp_path)
    roles = root / "data" / "roles.yml"
    roles.write_bytes(b"\xef\xbb\xbf" + roles.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["new", "role", "archivist", str(root)]) == 0
    raw = roles.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    _only_placeholder_warnings(root)


def test_a_flow_style_list_gets_the_snippet_and_is_not_touched(tmp_path, capsys):
    root = make_project(tmp_path)
    glossary = root / "data" / "glossary.yml"
    glossary.write_text('terms: [{id: raci, name: RACI, abbr: RACI, definition: 职责分工表。, source: ["三.一"]}]\n',
                        encoding="utf-8")
    before = glossary.read_bytes()
    assert main(["new", "term", "kpi", str(root)]) == 1
    out = capsys.readouterr().out
    assert "请把下面的内容粘贴到data/glossary.yml 中 terms: 列表的末尾" in out
    assert "- id: kpi" in out
    assert glossary.read_bytes() == before


def test_what_would_not_check_clean_is_printed_not_written(tmp_path, capsys):
    root = make_project(tmp_path)
    before = (root / "data/owners.yml").read_bytes()
    assert main(["new", "owner-area", "archives", str(root)]) == 1
    out = capsys.readouterr().out
    assert "未写入文件" in out and "- id: archives" in out and "error:" in out
    assert (root / "data/owners.yml").read_bytes() == before


def test_refusals_are_clear(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["new", "role", "director", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "process", "../escape", str(root)]) == 2  # never a path
    assert "not a valid id" in capsys.readouterr().err
    assert not (root / "data" / "escape.yml").exists()
    assert main(["new", "role", "Bad_Id", str(root)]) == 1  # the schema says why
    assert "id: \"Bad_Id\" is not valid here" in capsys.readouterr().out
    assert main(["new", "organisation", "x", str(root)]) == 2
    assert "choose one of" in capsys.readouterr().err
    assert main(["new", "step", "no-such-process.x", str(root)]) == 2
    assert "no process 'no-such-process'" in capsys.readouterr().err


def test_print_writes_nothing(tmp_path, capsys):
    root = make_project(tmp_path)
    before = (root / "data/roles.yml").read_bytes()
    assert main(["new", "role", "archivist", str(root), "--print"]) == 0
    assert "- id: archivist" in capsys.readouterr().out
    assert (root / "data/roles.yml").read_bytes() == before


def test_scaffolds_against_the_shipped_data_too(tmp_path):
    import shutil
    root = tmp_path / "shipped"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "checklists", root / "checklists")
    shutil.copytree(ROOT / "docs", root / "docs")  # first-week plans read docs pages
    for kind, ident in (("role", "archivist"), ("meeting", "monthly-meeting")):
        assert main(["new", kind, ident, str(root)]) == 0
    _only_placeholder_warnings(root)


def test_an_existing_process_file_is_never_overwritten(tmp_path, capsys):
    root = make_project(tmp_path)
    before = (root / "data/processes/enrolment.yml").read_bytes()
    assert main(["new", "process", "enrolment", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (root / "data/processes/enrolment.yml").read_bytes() == before


def test_a_new_process_comes_with_its_checklist(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["new", "process", "graduation", str(root)]) == 0
    out = capsys.readouterr().out
    assert "新文件 data/processes/graduation.yml 和 checklists/graduation.yml" in out
    result = _only_placeholder_warnings(root)
    checklist = result.model.get("checklist", "graduation")
    assert checklist.get("process") == "graduation"
    listed = [i["step"] for s in checklist.data["sections"] for i in s["items"]]
    steps = [s.id for s in result.model.children(result.model.get("process", "graduation"), "step")]
    assert listed == steps and steps
    assert (root / "checklists/graduation.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../data/schemas/checklist.schema.json\n")


def test_an_existing_checklist_file_stops_the_pair(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "checklists" / "graduation.yml").write_text("# someone's draft\n", encoding="utf-8")
    assert main(["new", "process", "graduation", str(root)]) == 2
    assert "error(s) already" in capsys.readouterr().err  # the draft is an empty file
    assert not (root / "data/processes/graduation.yml").exists()
    assert (root / "checklists/graduation.yml").read_text(encoding="utf-8") == "# someone's draft\n"


def test_write_removes_what_it_created_when_a_later_file_fails(tmp_path):
    from macros.cli.commands.new import Change, write
    (tmp_path / "b.yml").write_text("keep\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write(tmp_path, [Change("a.yml", "a: 1\n", [], True), Change("b.yml", "b: 1\n", [], True)])
    assert not (tmp_path / "a.yml").exists()
    assert (tmp_path / "b.yml").read_text(encoding="utf-8") == "keep\n"


def test_a_checklist_lists_the_steps_of_its_process(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "checklists" / "enrolment.yml").unlink()  # the error `new checklist` repairs
    assert main(["new", "checklist", "enrolment", str(root)]) == 0
    result = _only_placeholder_warnings(root)
    listed = [i["step"] for s in result.model.get("checklist", "enrolment").data["sections"] for i in s["items"]]
    assert listed == [s.id for s in result.model.children(result.model.get("process", "enrolment"), "step")]
    capsys.readouterr()
    assert main(["new", "checklist", "no-such-process", str(root)]) == 2
    assert "no process 'no-such-process'" in capsys.readouterr().err
    assert main(["new", "checklist", "enrolment", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_a_first_week_plan_covers_the_role_within_budget_on_the_shipped_data(tmp_path, capsys):
    import shutil

    from macros.onboarding import duties as coverage, plan as plans
    root = tmp_path / "shipped"
    for top in ("data", "checklists", "docs"):
        shutil.copytree(ROOT / top, root / top)
    (root / "data/onboarding/specialist-archives.yml").unlink()
    assert main(["new", "onboarding", "specialist-archives", str(root)]) == 0
    result = _only_placeholder_warnings(root)  # covers every duty, each day in budget, in order
    plan = result.model.get("onboarding", "specialist-archives")
    assert coverage.uncovered(result.model, plan) == []
    minutes = [d.minutes for d in plans.days(result.model, plan)]
    assert len(minutes) == plans.DAYS and max(minutes) <= plans.BUDGET_MINUTES
    assert max(minutes[1:4]) < 2 * min(minutes[1:4]) + 60, minutes  # spread, not all on Tuesday
    practised = [i.target for i in plans.items(result.model, plan) if i.kind == "practise"]
    assert "document-archiving" in practised  # the process the role works in most
    capsys.readouterr()
    for ident, words in (("specialist-archives", "already exists"), ("parent", "not a role of the department"),
                         ("nobody", "no role 'nobody'")):
        assert main(["new", "onboarding", ident, str(root)]) == 2
        assert words in capsys.readouterr().err


def test_a_holiday_file_is_copied_from_the_notice_not_generated(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["new", "holiday-year", "2027", str(root)]) == 2
    assert ("a holiday file is copied from the State Council's notice, not generated: create "
            "data/holidays/YYYY.yml as data/holidays/README.md shows") in capsys.readouterr().err
    assert not (root / "data" / "holidays").exists()


def test_a_new_process_is_written_on_the_shipped_data(tmp_path, capsys):
    """Red-team F24: the first-week plans used to refuse every new process
    (an error until a plan read it), so `handbook new process` never wrote.
    A process no plan teaches yet is now a warning naming the line to add."""
    import shutil
    root = tmp_path / "shipped"
    for top in ("data", "checklists", "docs"):
        shutil.copytree(ROOT / top, root / top)
    assert main(["new", "process", "transcript-request", str(root)]) == 0, capsys.readouterr().out
    assert (root / "data/processes/transcript-request.yml").is_file()
    assert (root / "checklists/transcript-request.yml").is_file()
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    assert any(p.rule == "onboarding-covers-duties" and "no first-week plan covers process 'transcript-request'"
               in p.message and "`- read: processes/transcript-request.md`" in p.message
               for p in result.warnings)
