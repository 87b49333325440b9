"""Fuzzing: the loader and the checker never raise, whatever the YAML.

Random YAML-ish documents and random mutations of real data files go through
the whole pipeline. The contract: no exception escapes, every problem names a
file and a line, and the CLI exits 0 or 1. FUZZ_EXAMPLES raises the count
for a longer run (the default keeps `make test` quick).
"""
from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE, make_project
from macros.cli.main import main
from macros.outputs.compose import load

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

TARGETS = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "data").rglob("*.yml"))
YAML_BITS = ["-", ":", " ", "  ", "\t", "\n", "[", "]", "{", "}", ",", "&a", "*a", "!!", "!!python/name:os.system",
             "<<: ", "'", '"', "#", "|", ">", "? ", "---", "...", "id: x", "yes", "2024-03-01", "1:20", "012",
             "~", "\ufeff", "\r\n", "\xff", "名称", "%YAML 1.1", "%TAG ! tag:x,2000:", "@", "`", "\x00"]


@st.composite
def yaml_text(draw):
    return "".join(draw(st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=5)), max_size=40)))


@st.composite
def mutation(draw):
    target = draw(st.sampled_from(TARGETS))
    text = (BASE / target).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, max(len(text) - 1, 0)))
        op = draw(st.sampled_from(["delete", "insert", "dup-line", "truncate", "indent"]))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)):]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(YAML_BITS)) + text[pos:]
        elif op == "dup-line":
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            text = "".join(lines[: i + 1] + lines[i:i + 1] + lines[i + 1:])
        elif op == "truncate":
            text = text[:pos]
        else:
            text = text[:pos] + " " * draw(st.integers(1, 3)) + text[pos:]
    return target, text


def _assert_clean_failure(root):
    result = load(root)  # must not raise
    for p in result.problems:
        assert p.file and p.line >= 1 and p.col >= 1 and p.message, p
    return result


@FUZZ
@given(text=yaml_text())
def test_random_documents_never_crash(tmp_path_factory, capsys, text):
    """Through the CLI, as an editor meets it: exit 0 or 1, and every problem
    it reports (the JSON report: the same problems as the text one) names a
    file, a line, a column and a message. One check an example: the load
    inside the command is the one under test."""
    import json
    root = make_project(tmp_path_factory.mktemp("fuzz"))
    (root / "data/processes/fuzz.yml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    capsys.readouterr()
    assert main(["check", str(root), "--format", "json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    for p in report["errors"] + report["warnings"]:
        assert p["file"] and p["line"] >= 1 and p["col"] >= 1 and p["message"], p
    # The text report of the same problems (what `handbook check` prints) formats too.
    from macros.load.problems import Problem, format_text
    format_text([Problem(**p) for p in report["errors"] + report["warnings"]])
    shutil.rmtree(root)


@FUZZ
@given(case=mutation())
def test_mutated_real_files_never_crash(tmp_path_factory, case):
    target, text = case
    root = make_project(tmp_path_factory.mktemp("mut"))
    (root / target).write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _assert_clean_failure(root)
    shutil.rmtree(root)


# ---- Hardening (red-team review 2026-12): the writers and the privacy scan --
# Text that mixes what broke them: line breaks of every kind, controls, markup,
# CODEOWNERS rule syntax, @mentions and URL schemes.
HOSTILE_BITS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x00", "\x1b[31m", "\t",
                "<img src=x onerror=alert(1)>", "<script>", "&amp;", "\\", "]", "[", "*[X]: ", "/data/ @org/team",
                "#", "@xueji-handbook/maintainers", "https://evil.example/x", "`", "|", "{: onclick=x }", "==="]


@st.composite
def hostile_text(draw, max_size=12):
    return "".join(draw(st.lists(st.one_of(st.sampled_from(HOSTILE_BITS), st.text(max_size=4)),
                                 min_size=1, max_size=max_size)))


@FUZZ
@given(abbr=st.one_of(hostile_text(4), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9+./-]{0,19}", fullmatch=True)),
       definition=hostile_text())
def test_abbreviation_tail_renders_no_markup(abbr, definition):
    """F1: a backslash or a line break in `abbr` left the line as Markdown
    text and its HTML live on 71 pages."""
    import markdown
    from xml.etree import ElementTree
    from macros.core.text import abbreviation
    line = abbreviation(abbr, definition)
    if line is None:
        return
    html = markdown.markdown(f"{abbr} 出现在正文里。\n\n{line}", extensions=["abbr"])
    tree = ElementTree.fromstring(f"<root>{html}</root>")
    assert {e.tag for e in tree.iter()} <= {"root", "p", "abbr"}
    assert all(set(e.attrib) <= {"title"} for e in tree.iter())


@FUZZ
@given(area=hostile_text(), role=hostile_text())
def test_codeowners_lines_are_never_rules_from_names(area, role):
    """F15: a newline in an owners.yml name wrote its own CODEOWNERS rules."""
    from types import SimpleNamespace
    from macros.tools.generated import codeowners
    owners = {"maintainers": "@org/maintainers", "default": "director",
              "teams": [{"role": "director", "handle": "@org/director"}]}
    model = SimpleNamespace(
        doc=lambda f: SimpleNamespace(data=owners),
        all=lambda kind: [SimpleNamespace(name=area, data={"role": "director", "files": ["data/x.yml"]})],
        get=lambda kind, i: SimpleNamespace(name=role))
    rules = [ln for ln in codeowners(model).split("\n") if ln and not ln.startswith("#")]
    assert all(ln.split("  ")[1] in ("@org/maintainers", "@org/director") for ln in rules)
    assert len(rules) == 4 + len(__import__("macros.tools.generated", fromlist=["MAINTAINED"]).MAINTAINED)


@pytest.fixture(scope="module")
def feed_parts(tmp_path_factory):
    from macros.outputs.calendar.feeds import obligations
    result = load(make_project(tmp_path_factory.mktemp("ics")))
    obs, problems = obligations(result)
    assert obs and not problems
    return result, obs[0]


@FUZZ
@given(name=hostile_text())
def test_ics_text_is_one_property_and_control_free(feed_parts, name):
    """F18: a NUL and a VT in a name were written raw into SUMMARY."""
    import dataclasses
    import icalendar
    from macros.outputs.calendar.feeds import feed
    result, ob = feed_parts
    raw = feed(result, [dataclasses.replace(ob, name=name)], "测试")
    # RFC 5545 TEXT allows WSP (space, HTAB) and no other control; CRLF ends content lines.
    assert not [b for b in raw if (b < 0x20 and b not in (0x09, 0x0d, 0x0a)) or b == 0x7f]
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(event) == 1 and "\x00" not in str(event[0]["SUMMARY"])


NUMBERS = ["13812345678", "11010519491231002X", "G11010519491231002X"]


@st.composite
def spelt(draw):
    """A number as an editor (or an attacker) might spell it in YAML."""
    number = draw(st.sampled_from(NUMBERS))
    out = []
    for i, c in enumerate(number):
        form = draw(st.sampled_from(["plain", "x-escape", "u-escape", "full-width"]))
        out.append({"plain": c, "x-escape": f"\\x{ord(c):02x}", "u-escape": f"\\u{ord(c):04x}",
                    "full-width": chr(ord(c) + 0xFEE0)}[form])
        if number[0] == "1" and len(number) == 11 and i in (2, 6):
            out.append(draw(st.sampled_from(["", " ", "-", ".", "\u3000", "\\\n  ", "\n  "])))
    return number, "".join(out)


@FUZZ
@given(case=spelt(), before=st.text(alphabet="值班电话备用：，。", max_size=6))
def test_loaded_values_find_every_spelling(case, before):
    """F3/F4: escapes, continuation, folding and full-width forms all load as
    the number; the scan of loaded values finds it and masks it."""
    from macros.check.privacy import _scan_values
    from macros.load.yamlio import load_text
    number, text = case
    doc = load_text(f'definition: "{before}{text}"\n', "data/glossary.yml")
    found = [p for _, p in _scan_values(doc, frozenset(), frozenset(), set())]
    assert len(found) == 1 and found[0].rule == "personal-data", doc.data
    assert number not in found[0].message
