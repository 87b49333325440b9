"""Strict YAML loading that keeps every node's position.

Why not `yaml.safe_load`: it lets the last duplicate key win silently, turns
`2024-03-01` into a date, `no` into False, `1:20` into 80 and `012` into 10,
and expands aliases without limit. Editors of this handbook are not
programmers, so every one of those surprises must become a message naming
file:line:col instead.

We let PyYAML *compose* (parse into a node graph; aliases stay shared, so a
"billion laughs" file composes cheaply) and then construct plain Python values
ourselves with a JSON-like scalar resolution and a node budget.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.load.problems import Problem

try:  # the C parser is several times faster; the pure one behaves the same
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is in PyYAML's wheels
    from yaml import BaseLoader as _BaseLoader

# A budget of constructed nodes per file. The largest shipped file has a few
# thousand; an alias bomb needs millions, so it stops here, fast.
MAX_NODES = 200_000

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null"}
_BOOL = {"true": True, "false": False}
# Tags a YAML file may spell out; they only confirm the plain meaning.
_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple  # a JSON path: tuple of str keys and int indexes


@dataclass
class Document:
    """One loaded file: its value plus the position of every node in it."""

    file: str  # as shown in messages: relative to the project root
    data: object
    marks: dict = field(default_factory=dict)  # Path_ -> (line, col), 1-based

    def where(self, path) -> tuple[int, int]:
        """Position of the deepest node that exists along `path`."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


class LoadError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _fail(file, line, col, message):
    raise LoadError(Problem(file=file, line=line, col=col, message=message))


def _mark(node):
    return node.start_mark.line + 1, node.start_mark.column + 1


_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1's types, for tags written by hand
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# The tag _Composer gives a plain scalar written without one. A file that
# spells it out verbatim gets what the plain scalar would give: harmless.
_PLAIN = "tag:handbook.invalid,2026:plain"


class _Composer(_BaseLoader):
    """Composes with one implicit type: every plain untagged scalar is tagged
    _PLAIN, through PyYAML's public add_implicit_resolver on its base loader
    (which has no types of its own), so _scalar sees exactly which scalars
    the author left untagged and types them itself, JSON-like, once. Quoted
    scalars get the str tag; tags written by hand stay as written. (An
    override of PyYAML's internal resolve/descend_resolver/ascend_resolver
    was 0.02 s faster per check: docs/maintainers/performance.md.)"""


_Composer.add_implicit_resolver(_PLAIN, re.compile(""), None)


def _scalar(node, file):
    value = node.value
    plain = not node.style  # PyYAML: None, libyaml: "" for plain scalars
    if node.tag != _PLAIN:
        if node.tag != _STR:  # a tag by hand: it may only confirm the plain meaning
            implicit_tag = _RESOLVER.resolve(yaml.ScalarNode, value, (plain, not plain))
            if node.tag != implicit_tag and node.tag not in _SAFE_TAGS:
                line, col = _mark(node)
                _fail(file, line, col, f"tag {node.tag!r} is not allowed: only plain YAML values are loaded")
        if node.tag == _STR or not plain:  # `!!str`, quoted or block scalar: a string
            return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    # Everything else (dates, yes/no/on/off, 1:20, 012, 0x1F) stays a string;
    # the schema then says what type was expected, so nothing changes silently.
    return value


# ---- Expansion budget (hardening, issue 21) --------------------------------
# Kept apart from the builder so that a rewrite of the composer leaves it
# whole. Aliases stay shared nodes after composing, so everything an alias
# would cost is decided while constructing: a cycle (`x: &a [ *a ]`), a chain
# deeper than the stack (1,500 aliases), and size. The node count alone let
# 50,000 aliases of one 2,000-character string through (100 MB pages); the
# characters that aliases repeat have their own budget.
MAX_DEPTH = 200
MAX_ALIAS_CHARS = 200_000


class _Budget:
    def __init__(self, file):
        self.file = file
        self.nodes = 0
        self.alias_chars = 0
        self.built: set = set()  # ids of nodes built once: meeting one again is an alias
        self.path: set = set()  # ids of the collections being built (for cycles)
        self.repeating = 0  # > 0 while building a node a second time

    def enter(self, node, depth: int) -> bool:
        """Account for `node`; True when it repeats an earlier node (an alias)."""
        line, col = _mark(node)
        key = id(node)
        if key in self.path:
            _fail(self.file, line, col, "an alias refers to a node that contains it (a cycle): "
                                        "it would never end; write the values out instead")
        if depth > MAX_DEPTH:
            _fail(self.file, line, col, f"nested deeper than {MAX_DEPTH} levels (through aliases?): "
                                        "write the values out instead")
        self.nodes += 1
        repeat = key in self.built
        if self.nodes > MAX_NODES:
            why = ("aliases expand too far (an alias bomb?); write the values out instead" if self.repeating or repeat
                   else "split the file into smaller ones")
            _fail(self.file, line, col, f"too many values (over {MAX_NODES:,}): {why}")
        if repeat or self.repeating:
            if isinstance(node, yaml.ScalarNode):
                self.alias_chars += len(node.value)
                if self.alias_chars > MAX_ALIAS_CHARS:
                    _fail(self.file, line, col, f"aliases repeat more than {MAX_ALIAS_CHARS:,} characters "
                                                "of text (an alias bomb?); write the values out instead")
        self.built.add(key)
        if not isinstance(node, yaml.ScalarNode):
            self.path.add(key)
        self.repeating += repeat
        return repeat

    def leave(self, node, repeat: bool):
        self.path.discard(id(node))
        self.repeating -= repeat
# ---- end of the expansion budget ------------------------------------------


class _Builder:
    def __init__(self, file):
        self.file = file
        self.marks: dict = {}
        self.budget = _Budget(file)

    def build(self, node, path=()):
        repeat = self.budget.enter(node, len(path))
        try:
            return self._build(node, path)
        finally:
            self.budget.leave(node, repeat)

    def _build(self, node, path):
        if path not in self.marks:
            self.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag not in _SAFE_TAGS:
                self._bad_tag(node)
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE or (key_node.tag == _PLAIN and key_node.value == "<<"):
                    line, col = _mark(key_node)
                    _fail(self.file, line, col, "merge keys ('<<') are not supported: write the keys out")
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = _mark(key_node)
                    _fail(self.file, line, col, "a mapping key must be plain text")
                key = key_node.value  # keys are always text, never booleans or numbers
                if key in out:
                    line, col = _mark(key_node)
                    first = self.marks.get(path + (key,), ("?", "?"))
                    _fail(self.file, line, col,
                          f"duplicate key {key!r} (first defined at line {first[0]}); "
                          "YAML would silently keep only the last one")
                self.marks[path + (key,)] = _mark(key_node)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in _SAFE_TAGS:
                self._bad_tag(node)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return _scalar(node, self.file)

    def _bad_tag(self, node):
        line, col = _mark(node)
        _fail(self.file, line, col, f"tag {node.tag!r} is not allowed: only plain YAML values are loaded")


def _yaml_error(file, exc: yaml.YAMLError, text: str):
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: max(col, 1)] or "'\\t'" in problem:
        message = "tab character used for indentation: YAML allows spaces only"
    else:
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    _fail(file, line, col, message)


def decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        _fail(file, line, col, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save the file as UTF-8")
    return text.replace("\r\n", "\n")


def load_text(text: str, file: str) -> Document:
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        _fail(file, 1, 1, "file is empty: it must hold at least one key")
    try:
        nodes = list(yaml.compose_all(text, Loader=_Composer))
    except yaml.YAMLError as exc:
        _yaml_error(file, exc, text)
    if len(nodes) != 1:
        node = nodes[1] if len(nodes) > 1 else None
        line, col = _mark(node) if node else (1, 1)
        _fail(file, line, col, "one YAML document per file: remove the extra '---'")
    builder = _Builder(file)
    data = builder.build(nodes[0])
    return Document(file=file, data=data, marks=builder.marks)


def load_file(path: Path, shown_as: str) -> Document:
    """Load one file strictly. Raises LoadError (never anything else for bad data)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        _fail(shown_as, 1, 1, f"cannot read file: {exc.strerror}")
    return load_text(decode(raw, shown_as), shown_as)
