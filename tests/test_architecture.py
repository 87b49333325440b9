"""The shape of the package (README, "Code map"): rooms that follow the data,
imports that run one way, no cycles, small modules, one engine adapter.

Every import counts, function-level ones included: a cycle hidden inside a
function is still a cycle of design.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "macros"

# Top to bottom. A module may import its own room and any room below it.
LAYERS = ("cli", "tools", "outputs", "check", "onboarding", "time", "model", "schema", "load", "core")
# The one package that may know the site engine (MkDocs today, Zensical next).
ENGINE_ADAPTER = "macros.outputs.site.mkdocs"
ENGINE_MODULES = ("mkdocs", "material", "mkdocs_macros")
MAX_LINES = 350
MAX_ROOT_MODULES = 8


def modules() -> dict[str, Path]:
    found = {}
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join(parts)] = f
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every package module `name` imports (absolute names), at any depth."""
    out = set()
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            if t in known and t != name:
                out.add(t)
            elif t.split(".")[0] in ENGINE_MODULES:
                out.add(t)
    return out


def layer(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) < 2:
        return None  # the package root: the mkdocs-macros entry, above everything
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else -1


MODS = modules()
GRAPH = {m: imports(m, f, set(MODS)) for m, f in MODS.items()}


def test_every_module_sits_in_a_room():
    stray = [m for m in MODS if layer(m) == -1]
    assert stray == [], f"modules outside the declared rooms {LAYERS}: {stray}"
    root = [f.name for f in PKG.glob("*.py") if f.name != "__init__.py"]
    assert len(root) <= MAX_ROOT_MODULES, root


def test_imports_run_one_way():
    wrong = []
    for m, targets in GRAPH.items():
        here = layer(m)
        for t in targets:
            if t in MODS and here is not None and layer(t) is not None and layer(t) < here:
                wrong.append(f"{m} imports {t} ({LAYERS[here]} -> {LAYERS[layer(t)]})")
    assert wrong == [], "imports that run upwards:\n" + "\n".join(sorted(wrong))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), not
    counting a package's edges to its own children (an __init__ re-export)."""
    edges = {v: {w for w in ws if w in graph and not w.startswith(v + ".")} for v, ws in graph.items()}
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    # A package re-exporting its own child is no cycle; a child importing its package back is not either,
    # unless the package imports something that imports the child's sibling back: only real loops count.
    assert _cycles({"p": {"p.x"}, "p.x": set()}) == []
    assert _cycles({"p.a": {"p.b"}, "p.b": {"p.a"}}) == [["p.a", "p.b"]]


def test_only_the_adapter_knows_the_engine():
    users = sorted(m for m, ts in GRAPH.items()
                   if any(t.split(".")[0] in ENGINE_MODULES for t in ts)
                   and not (m == ENGINE_ADAPTER or m.startswith(ENGINE_ADAPTER + ".")))
    assert users == []


@pytest.mark.parametrize("name", sorted(MODS))
def test_modules_stay_small(name):
    n = len(MODS[name].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{MODS[name].relative_to(PKG.parent)}: {n} lines"


def test_every_rule_module_is_run():
    from macros.check import rules
    files = {f.stem for f in (PKG / "check" / "rules").glob("*.py")} - {"__init__", "registry", "common"}
    assert set(rules.MODULES) == files


def test_every_import_of_the_package_resolves():
    """Function-level imports run only when their function does: a moved
    module or name must not wait for a user to find it."""
    import importlib
    missing = []
    for path in [*PKG.rglob("*.py"), *(PKG.parent / "tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                    and node.module.split(".")[0] == "macros"):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                if not hasattr(module, alias.name):
                    try:
                        importlib.import_module(f"{node.module}.{alias.name}")
                    except ImportError:
                        missing.append(f"{path.relative_to(PKG.parent)}: {node.module}.{alias.name}")
    assert missing == []
