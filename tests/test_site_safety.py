"""Hostile text in any free-text YAML field renders inert on every page,
and data problems fail the site build with `handbook check`'s exact lines."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import BASE, ROOT
from sitetools import article_text, base_project, broken_links, build

from macros.load.problems import format_text
from macros.outputs.compose import load

HOSTILE = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[点我](javascript:alert(2))",
    "{{ 7*7 }}{% raw %}",
    "**粗体** `code` <b>b</b> &amp; \"quote' | 表格 |",
    "*[RACI]: <script>alert(3)</script>",
]
# Values the rules interpret rather than show: the naming rule's regexes and
# its example, which must fit them. Every other plain string is poisoned.
INTERPRETED = {"pattern", "business_type_pattern", "example"}


def _string_fields():
    """{key: (max length or None, patterns)} for every string property the
    schemas declare that is not a reference, an enum or a date: found from
    the schemas, so a new field is poisoned without editing this test."""
    from macros.schema.validate import inline_refs, load_registry
    registry, schemas = load_registry(ROOT)
    found: dict = {}

    def facts(schema):
        parts, todo = [], [schema]
        while todo:  # a `$ref` with siblings is inlined as allOf, nested as deep as the refs
            part = todo.pop()
            parts.append(part)
            todo += [s for s in part.get("allOf", []) if isinstance(s, dict)]
        if not any(p.get("type") == "string" for p in parts) or any(
                k in p for p in parts for k in ("x-ref", "enum", "const", "format")):
            return None
        limits = [p["maxLength"] for p in parts if "maxLength" in p]
        return min(limits) if limits else None, tuple(p["pattern"] for p in parts if "pattern" in p)

    def walk(node):
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                fact = facts(sub) if isinstance(sub, dict) else None
                if fact:
                    limit, patterns = found.get(key, (None, ()))
                    both = [x for x in (limit, fact[0]) if x]
                    found[key] = (min(both) if both else None, tuple(sorted(set(patterns + fact[1]))))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(inline_refs(schemas, registry))
    return found


FIELDS = _string_fields()
SINGLE_LINE = "^[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]*$"
FREE = {k: limit for k, (limit, patterns) in FIELDS.items()
        if k not in INTERPRETED and set(patterns) <= {SINGLE_LINE, "^(19|20)[0-9]{2}-"} | {
            p for p in patterns if p.startswith("^[^\\x00-\\x08")}}
RESTRICTED = {k: patterns for k, (_, patterns) in FIELDS.items() if k not in FREE and k not in INTERPRETED}


def test_the_schemas_declare_the_fields_the_review_named():
    """Red-team F1: abbr, example, evidence ... were missing from a hand-made list."""
    assert {"evidence", "location", "protection", "version", "from_name", "format", "record", "heading",
            "definition", "name", "summary", "text"} <= set(FREE)
    assert {"abbr", "id"} <= set(RESTRICTED)


@pytest.mark.parametrize("key", sorted(RESTRICTED))
def test_restricted_fields_refuse_every_hostile_text(key):
    from macros.schema import ecma
    for text in HOSTILE + ["CEO\\<img src=x onerror=alert(1)>", "CEO\n\n<img src=x onerror=alert(2)>"]:
        assert not all(ecma.search(p, text) for p in RESTRICTED[key]), (key, text)


def poison(node, counter):
    """Replace plain string values (found from the schemas) with hostile ones."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in FREE and (k != "name" or counter[0] % 3 == 0):
                text = HOSTILE[counter[0] % len(HOSTILE)]
                value = f"{v} {text}"
                limit = FREE[k]
                node[k] = value if not limit or len(value) <= limit else text[:limit]
                counter[0] += 1
            else:
                poison(v, counter)
    elif isinstance(node, list):
        for v in node:
            poison(v, counter)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    root = base_project(tmp)
    counter = [0]
    for f in sorted((root / "data").rglob("*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        poison(data, counter)
        f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load(root)
    assert result.ok, format_text(result.problems)
    assert counter[0] > 20
    site = tmp / "site"
    assert build(root, site) == 0
    return site


def test_no_markup_from_data_reaches_the_page(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert not re.search(r"<img[^>]*onerror", html), page
        assert not re.search(r"href=\"\s*javascript:", html, re.I), page
        assert "<b>b</b>" not in html, page


def test_hostile_text_is_shown_literally(hostile_site):
    texts = " ".join(article_text(p) for p in hostile_site.rglob("index.html"))
    assert "{{ 7*7 }}" in texts  # never evaluated by Jinja
    assert "<script>alert('xss')</script>" in texts  # shown as text
    assert "[点我](javascript:alert(2))" in texts
    assert "**粗体**" in texts


def test_hostile_site_still_has_no_broken_links(hostile_site):
    assert broken_links(hostile_site) == []


def _broken_project(tmp_path):
    root = base_project(tmp_path)
    f = root / "data" / "processes" / "enrolment.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("unit: calendar_days", "unit: dayz", 1)
                 .replace("permission: basic-entry", "permission: basic-entri", 1), encoding="utf-8")
    return root


def _check_lines(root):
    out = subprocess.run([sys.executable, "-m", "macros.cli.main", "check", str(root)], capture_output=True, text=True)
    assert out.returncode == 1
    lines = [ln for ln in out.stdout.splitlines() if ": error: " in ln]
    assert lines
    return lines


def test_data_problem_fails_handbook_build_with_check_lines(tmp_path):
    root = _broken_project(tmp_path)
    lines = _check_lines(root)
    out = subprocess.run([sys.executable, "-m", "macros.cli.main", "build", str(root)], capture_output=True, text=True)
    assert out.returncode == 1
    for line in lines:
        assert line in out.stdout + out.stderr
    assert not (root / "site").exists()


def test_data_problem_writes_no_sources_and_says_why(tmp_path):
    """`handbook sources` (what `make serve` runs on each edit) prints the
    check lines and leaves the last good sources alone."""
    root = _broken_project(tmp_path)
    lines = _check_lines(root)
    out = subprocess.run([sys.executable, "-m", "macros.cli.main", "sources", str(root)], capture_output=True, text=True)
    assert out.returncode == 1
    for line in lines:
        assert line in out.stdout + out.stderr
    assert not (root / "build" / "sources").exists()


def _ics_text(path):
    """A feed's text with RFC 5545 line folding and escapes undone."""
    raw = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")
    return raw.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\\\", "\\")


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def test_feeds_and_export_carry_hostile_text_as_plain_text(hostile_site):
    """The same poisoned data reaches the calendar feeds and the JSON export
    as the literal text the editor typed: nothing evaluated ({{ 7*7 }} stays),
    nothing turned into markup, so a consumer gets data, not code."""
    import json

    export = json.loads((hostile_site / "api" / "v1" / "handbook.json").read_text(encoding="utf-8"))
    texts = list(_strings(export))
    for hostile in ("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}{% raw %}"):
        assert any(hostile in t for t in texts), hostile
    feeds = sorted(hostile_site.rglob("*.ics"))
    assert feeds
    text = "\n".join(_ics_text(f) for f in feeds)
    assert any(h in text for h in HOSTILE), "the poisoned names reach the feeds as typed"


def test_pdfs_print_hostile_text_literally(hostile_site):
    from conftest import need_system
    import shutil
    need_system("poppler-utils", shutil.which("pdftotext") is not None)
    pdfs = sorted((hostile_site / "print").glob("*.pdf"))
    assert pdfs
    text = "".join(subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True,
                                  text=True).stdout for p in pdfs)
    assert "<script>" in text  # printed as characters on paper, not swallowed as markup
