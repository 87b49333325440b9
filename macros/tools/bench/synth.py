"""Synthetic handbooks: the shipped project scaled N times.

Copy k (2..N) of every process is a new process `<id>-k` with the same steps
and paths; every reference *inside* the copy that pointed at a cloned thing
(its own steps, another process, a checklist, a role with a first-week plan)
is renamed to the k-th copy, so the copies refer to each other exactly as the
originals do. Copy k is a new set of business lines with its own staff: the
roles that have first-week plans (总监, 主管, 专员) are copied too, each with
a copy of its plan that reads and practises the k-th copies. A five-day plan
cannot cover 50 copies of every process, and the onboarding rules rightly
reject one that tries; a plan per copied role keeps every rule satisfied and
still runs the costliest rule on N x the plans. References to shared things
(permissions, clauses, documents, outside departments) stay as they are.
Each process gets a checklist (cloned, or synthesised from its steps when the
shipped data has none yet), so the result passes `handbook check` and has
N x the process pages, role pages, plans, matrix rows, checklists and PDFs.

Which strings are references is not guessed: the loaded model records every
`x-ref` field (references.walk), and only those paths are rewritten.
"""
from __future__ import annotations

import copy
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from macros.outputs.compose import load

# Copied into every synthetic project; macros/ is linked, so the hooks and
# the macros module are the real ones.
COPIED = ("data", "checklists", "docs", "overrides", "mkdocs.yml")
LINKED = ("macros",)


def _dump(data, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def _set(data, path, value):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _get(data, path):
    for key in path:
        data = data[key]
    return data


class _Renamer:
    """Renames the references of one document for copy `k`."""

    def __init__(self, processes: set, checklists: set, suffix: str, roles: frozenset = frozenset()):
        self.processes, self.checklists, self.suffix, self.roles = processes, checklists, suffix, roles

    def target(self, kind: str, target: str) -> str:
        if kind == "process" and target in self.processes:
            return target + self.suffix
        if kind == "checklist" and target in self.checklists:
            return target + self.suffix
        if kind == "role" and target in self.roles:
            return target + self.suffix
        if kind in ("step", "path"):
            parent, dot, local = target.partition(".")
            if dot and parent in self.processes:
                return f"{parent}{self.suffix}.{local}"
        return target

    def value(self, value: str, kind: str, target: str) -> str:
        new = self.target(kind, target)
        if new == target:
            return value
        if value == target:
            return new
        if value.endswith(":" + target):  # kind:id
            return value[: -len(target)] + new
        return value  # a step named locally inside its own process stays valid


def _refs_by_file(model) -> dict:
    out = defaultdict(list)
    for refs in model.referrers.values():
        for ref in refs:
            out[ref.doc.file].append(ref)
    return out


def _clone(doc, refs, renamer: _Renamer, k: int, at: tuple = ()) -> dict:
    """A renamed copy of `doc` (or of the entity at `at` inside it)."""
    data = copy.deepcopy(_get(doc.data, at))
    for ref in refs:
        if ref.path[:len(at)] != at:
            continue
        inner = ref.path[len(at):]
        old = _get(data, inner)
        if isinstance(old, str):
            _set(data, inner, renamer.value(old, ref.kind, ref.target))
    data["id"] = data["id"] + renamer.suffix
    data["name"] = f"{data['name']}（第 {k} 套）"
    # A copy has no place of its own in the reading order (two processes of
    # a category may not share one, rule process-order): it follows the
    # numbered originals of its category.
    data.pop("order", None)
    return data


def _checklist_for(process) -> dict:
    """A plain checklist listing every step, for a process the shipped data
    does not print yet (so the synthetic project checks clean)."""
    data = process.data
    steps = [{"step": f"{process.id}.{s['id']}"} for s in data.get("steps", [])]
    out = {"id": process.id, "name": f"{data['name']}检查单", "process": process.id,
           "sections": [{"name": "步骤", "items": steps}],
           "source": list(data.get("source") or ["一.一"])}
    review = data.get("review") or {"last_reviewed": "2026-11-29", "cycle_months": 12}
    out["review"] = review
    return out


def _extend_affects(model, dest: Path, processes: set, checklists: set, staff: frozenset, factor: int):
    """An open question lists what it affects (`kind:id`); a copy that refers
    to the question must be listed too, as an editor would add it."""
    questions = model.all("question")
    if factor < 2 or not questions:
        return
    doc = questions[0].doc
    data = copy.deepcopy(doc.data)
    at = questions[0].path[:-1]
    for item in _get(data, at):
        affects = item.get("affects")
        if not isinstance(affects, list):
            continue
        extra = []
        for k in range(2, factor + 1):
            renamer = _Renamer(processes, checklists, f"-{k}", staff)
            for entry in affects:
                kind, sep, target = str(entry).partition(":")
                new = renamer.target(kind, target) if sep else target
                if sep and new != target:
                    extra.append(f"{kind}:{new}")
        affects.extend(extra)
    _dump(data, dest / doc.file)


def _copy_staff(model, dest: Path, processes: set, checklists: set, staff: frozenset, refs, factor: int):
    """Copy k of every role in `staff`, appended to the roles' file; a copy
    reports to (and is promoted to) the copies of its own line."""
    if factor < 2 or not staff:
        return
    roles = [r for r in model.all("role") if r.id in staff]
    doc = roles[0].doc
    data = copy.deepcopy(doc.data)
    listed = _get(data, roles[0].path[:-1])
    for k in range(2, factor + 1):
        renamer = _Renamer(processes, checklists, f"-{k}", staff)
        listed.extend(_clone(doc, refs[doc.file], renamer, k, r.path) for r in roles)
    _dump(data, dest / doc.file)


def make(src: Path, dest: Path, factor: int) -> Path:
    """Write a handbook `factor` times the size of `src` into `dest`."""
    src, dest = Path(src).resolve(), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        s = src / name
        if s.is_dir():
            shutil.copytree(s, dest / name, dirs_exist_ok=True)
        elif s.exists():
            shutil.copy2(s, dest / name)
    for name in LINKED:
        if not (dest / name).exists():
            os.symlink(src / name, dest / name)

    model = load(src).model
    refs = _refs_by_file(model)
    processes = {p.id: p for p in model.all("process")}
    by_process = {c.get("process"): c for c in model.all("checklist") if c.get("process")}
    for pid, process in processes.items():
        if pid not in by_process:  # written as if shipped, so copies clone it below
            _dump(_checklist_for(process), dest / "checklists" / f"{pid}.yml")
    if factor > 1:
        model = load(dest).model
        refs = _refs_by_file(model)
        by_process = {c.get("process"): c for c in model.all("checklist") if c.get("process")}
    checklists = {c.id for c in by_process.values()}
    plans = model.all("onboarding")
    staff = frozenset(p.get("role") for p in plans)
    _extend_affects(model, dest, set(processes), checklists, staff, factor)
    _copy_staff(model, dest, set(processes), checklists, staff, refs, factor)
    for k in range(2, factor + 1):
        renamer = _Renamer(set(processes), checklists, f"-{k}", staff)
        for plan in plans:
            _dump(_clone(plan.doc, refs[plan.doc.file], renamer, k),
                  dest / Path(plan.doc.file).with_name(f"{plan.id}-{k}.yml"))
        for pid in processes:
            p = model.get("process", pid)
            _dump(_clone(p.doc, refs[p.doc.file], renamer, k),
                  dest / "data" / "processes" / f"{pid}-{k}.yml")
            c = by_process[pid]
            _dump(_clone(c.doc, refs[c.doc.file], renamer, k),
                  dest / "checklists" / f"{c.id}-{k}.yml")
    if factor > 1:
        _leave_out_overlong(dest, plans, factor)
    return dest


def _leave_out_overlong(dest: Path, plans: list, factor: int):
    """Leave out the plans (with their copies) that no longer fit a day.

    A plan reads some pages that list the whole department (the 总监's reads
    the RACI matrix, coverage and the open questions); at N x they are N
    times as long, and the onboarding rule rightly says a day can no longer
    hold them. A real department that grew so would rewrite that plan; the
    synthetic one cannot, so it drops it and says which on stderr."""
    over = {Path(p.file).stem for p in load(dest).errors if p.rule == "onboarding-day-budget"}
    dropped = []
    for plan in plans:
        files = [Path(plan.doc.file)] + [Path(plan.doc.file).with_name(f"{plan.id}-{k}.yml")
                                         for k in range(2, factor + 1)]
        if any(f.stem in over for f in files):
            dropped.append(plan.id)
            for f in files:
                (dest / f).unlink()
    if dropped:
        print(f"synthetic {factor}x: first-week plans left out (a day over the learning budget at this size): "
              f"{', '.join(dropped)}", file=sys.stderr)
