"""Red-team review 2026-12: findings pinned outside the data corpus (links,
templates, the environment, git, messages). The data findings are corpus
cases in tests/fixtures/invalid/; publishing is tests/test_publish.py."""
from __future__ import annotations

import pytest

from conftest import make_project
from git_helpers import commit_all, init
from macros.cli.main import main


def test_symlinks_in_data_checklists_and_docs_are_refused(tmp_path, capsys):
    """F19: MkDocs published a docs/ symlink's target (a file outside the
    repository); a data/ symlink was loaded and its keys echoed."""
    root = make_project(tmp_path / "p")
    outside = tmp_path / "secret.yml"
    outside.write_text("github.com: {token: FAKE-TOKEN-123}\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "notes.txt").symlink_to(outside)
    (root / "data" / "processes" / "zz.yml").symlink_to(outside)
    assert main(["check", str(root)]) == 1
    tail = ("error: symbolic links are not allowed here: the handbook reads and publishes only files kept in "
            "the repository; put the file itself here")
    assert capsys.readouterr().out.splitlines()[:-1] == [
        f"data/processes/zz.yml:1:1: {tail}", f"docs/notes.txt:1:1: {tail}"]


POISON = '{% set _ = cycler.__init__.__globals__.os.system("touch pwned") %}'


def test_print_templates_are_sandboxed(tmp_path, capsys, monkeypatch):
    """F14: a template line ran `os.system` in the publish job."""
    root = make_project(tmp_path / "p")
    templates = root / "checklists" / "templates"
    import shutil
    from conftest import ROOT
    shutil.copytree(ROOT / "checklists" / "templates", templates, dirs_exist_ok=True)
    page = templates / "checklist.html.j2"
    page.write_text(POISON + "\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where os.system would have written
    assert main(["checklists", str(root), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out == ("checklists/templates/checklist.html.j2:1:1: error: print template failed: "
                                       "SecurityError: access to attribute '__init__' of 'type' object is unsafe.\n")
    assert not list(tmp_path.rglob("pwned")) and not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "https://example.org/x.css", "http://127.0.0.1/"])
def test_print_documents_fetch_nothing_from_outside(url):
    from macros.outputs.print.engine import inline_only
    with pytest.raises(ValueError, match=f"^URI uses disallowed protocol: {url}$"):
        inline_only().fetch(url)


def test_a_data_url_still_loads():
    from macros.outputs.print.engine import inline_only
    response = inline_only().fetch("data:text/css,p{}")
    assert response.read() == b"p{}"
    response.close()


@pytest.mark.parametrize("value", ["999999999999999", "-1", "1e9", "4102444800"])
def test_source_date_epoch_out_of_range_is_a_usage_error(value, monkeypatch, tmp_path, capsys):
    """F13: SOURCE_DATE_EPOCH=999999999999999 gave `ValueError: year
    31690708 is out of range` with a traceback."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["calendar", str(make_project(tmp_path)), "--out", str(tmp_path / "cal")]) == 2
    assert capsys.readouterr().err == (
        f"handbook calendar: SOURCE_DATE_EPOCH={value!r} is not a timestamp between 1970 and 2099 "
        "(whole seconds since 1970-01-01 UTC); unset it or fix it\n")


def test_an_os_error_without_a_file_name_is_still_a_sentence(monkeypatch, capsys):
    """F23: a full disk printed `handbook build: : No space left on device`."""
    from macros.cli.commands import check

    def full(args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(check, "run", full)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == "handbook check: No space left on device\n"


def test_impact_names_a_missing_base(tmp_path, capsys):
    """F23: `handbook impact no-such-branch` ended in an empty reason."""
    root = make_project(tmp_path)
    init(root)
    commit_all(root, "Base")
    assert main(["impact", "no-such-branch", str(root)]) == 2
    assert capsys.readouterr().err == "handbook impact: no commit 'no-such-branch' in this repository\n"


def test_handbook_new_refuses_an_id_with_a_trailing_newline(tmp_path, capsys):
    """F16: `$` let "foo\\n" through, and `handbook new` wrote data/processes/foo\\n.yml."""
    root = make_project(tmp_path)
    assert main(["new", "process", "foo\n", str(root)]) == 2
    assert capsys.readouterr().err == ("handbook new: 'foo\\n' is not a valid id: lowercase letters, digits and "
                                       "hyphens, e.g. graduation\n")
    assert sorted(p.name for p in (root / "data" / "processes").iterdir()) == ["enrolment.yml"]
