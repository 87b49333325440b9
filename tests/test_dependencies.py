"""pyproject.toml declares what the code imports, and nothing it does not use.

An import that arrives only because some other package happens to pull it
in (Jinja2 through MkDocs, Pillow through WeasyPrint) breaks the day that
package stops; a declared package nobody uses is installed for nothing.
Import names map to distributions through the installed metadata
(`importlib.metadata.packages_distributions`: `yaml` -> PyYAML).
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TESTS = ROOT / "tests"
# Used by name in a configuration or a command rather than imported:
# distribution -> (file, text that shows the use).
USED_WITHOUT_IMPORT = {
    "mkdocs-material": ("mkdocs.yml", "name: material"),
    "mkdocs-macros-plugin": ("mkdocs.yml", "- macros"),
    "pymdown-extensions": ("mkdocs.yml", "pymdownx."),
    "check-jsonschema": ("tests/test_workflows.py", '"-m", "check_jsonschema"'),
    "pre-commit": ("tests/test_workflows.py", '"-m", "pre_commit"'),
    "zensical": ("macros/outputs/site/engine/zensical.py", '"-m", "zensical"'),
    "pytest-xdist": ("Makefile", "pytest -q -n $(TEST_JOBS)"),
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements) -> set[str]:
    return {canonical(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}


RUNTIME = _names(PYPROJECT["dependencies"])
EXTRAS = {extra: _names(reqs) for extra, reqs in PYPROJECT["optional-dependencies"].items()}


def top_level_imports(folder) -> dict[str, set[str]]:
    """{top-level module name: files importing it}, stdlib and relative imports left out."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "__future__":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def undeclared(imports: dict, declared: set[str], local: set[str]) -> list[str]:
    providers = packages_distributions()
    wrong = []
    for top, files in sorted(imports.items()):
        if top in local:
            continue
        dists = {canonical(d) for d in providers.get(top, [])}
        if not dists:
            wrong.append(f"{top} (no installed distribution provides it), imported in {sorted(files)}")
        elif not dists & declared:
            wrong.append(f"{top} (from {', '.join(sorted(dists))}), imported in {sorted(files)}")
    return wrong


def test_the_package_imports_only_what_it_declares():
    """macros/ may use the runtime dependencies and the optional extras
    (an engine extra, imported by its adapter); never the test extra."""
    declared = RUNTIME | set().union(*(names for extra, names in EXTRAS.items() if extra != "test"))
    assert undeclared(top_level_imports(ROOT / "macros"), declared, {"macros"}) == []


def test_the_tests_import_only_what_is_declared():
    local = {"macros"} | {p.stem for p in TESTS.glob("*.py")}
    declared = RUNTIME | set().union(*EXTRAS.values())
    assert undeclared(top_level_imports(TESTS), declared, local) == []


def test_every_declared_distribution_is_used():
    providers = packages_distributions()
    imported = {canonical(d) for folder in (ROOT / "macros", TESTS)
                for top in top_level_imports(folder) for d in providers.get(top, [])}
    for dist, (file, text) in USED_WITHOUT_IMPORT.items():
        assert text in (ROOT / file).read_text(encoding="utf-8"), f"{dist}: {file} no longer says {text!r}"
    unused = (RUNTIME | set().union(*EXTRAS.values())) - imported - set(USED_WITHOUT_IMPORT)
    assert unused == set()


def test_an_undeclared_import_is_named():
    imports = {"jinja2": {"macros/x.py"}, "yaml": {"macros/y.py"}, "macros": {"macros/z.py"},
               "no_such_module_here": {"tests/t.py"}}
    assert undeclared(imports, {"pyyaml"}, {"macros"}) == [
        "jinja2 (from jinja2), imported in ['macros/x.py']",
        "no_such_module_here (no installed distribution provides it), imported in ['tests/t.py']",
    ]
