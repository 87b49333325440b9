"""Helpers the policy rules share: every step (regular and in paths) and an
anchor for findings about blocks that are not entities. (Cycle frequencies
are core.dates.per_year; cycle words are time.words.cycle_text.)"""
from __future__ import annotations

from macros.model.entities import Entity

def all_steps(model):
    """(process, anchor, where, step) for every step of every process,
    including the steps of its paths. Findings go to `anchor` with `where`
    prefixed to their path: a step entity with (), or a path entity with
    ("steps", j) for a path's step."""
    for process in model.all("process"):
        for step in model.children(process, "step"):
            yield process, step, (), step.data
        for path in model.children(process, "path"):
            for j, step in enumerate(path.data["steps"]):
                yield process, path, ("steps", j), step


def sequences(model, process):
    """Each way through the process: the regular steps, then each path with its
    steps in place of the ones it replaces. [(anchor entity, [(anchor, where, step)])]"""
    regular = [(s, (), s.data) for s in model.children(process, "step")]
    out = [(process, regular)]
    for path in model.children(process, "path"):
        replaced = set(path.data["replaces"])
        seq, inserted = [], False
        for anchor, where, step in regular:
            if step["id"] in replaced:
                if not inserted:
                    seq += [(path, ("steps", j), s) for j, s in enumerate(path.data["steps"])]
                    inserted = True
                continue
            seq.append((anchor, where, step))
        out.append((path, seq))
    return out


def file_anchor(model, file: str) -> Entity | None:
    """An entity-like anchor for a whole file, for findings about blocks such
    as the naming rule that are not entities themselves."""
    doc = model.doc(file)
    if doc is None:
        return None
    return Entity(kind="file", id=file, data=doc.data if isinstance(doc.data, dict) else {},
                  doc=doc, path=())


def internal(role) -> bool:
    return role is not None and role.get("kind") == "internal"


def strings(model) -> list:
    """[(doc, [(path, text)])]: every string of every document, in document
    order. Several rules read every text (placeholders, 待填写); walking each
    file once per load instead of once per rule saves a tenth of a check. A
    view of the model (Model.view): kept with it, gone with it."""
    return model.view(_strings)


def _strings(model) -> list:
    out = []
    for doc in model.docs:
        found: list = []
        _collect(doc.data, (), found)
        out.append((doc, tuple(found)))
    return out


def _collect(node, path, out):
    if isinstance(node, str):
        out.append((path, node))
    elif isinstance(node, dict):
        for key, value in node.items():
            _collect(value, path + (key,), out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _collect(value, path + (i,), out)
