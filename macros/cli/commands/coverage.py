"""handbook coverage [DIR] [--format text|json]: each clause of the policy and
what implements it (see macros/check/coverage.py)."""
from __future__ import annotations

import json

from macros.cli.commands import loaded, project_root
from macros.check import coverage


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args) -> int:
    result = loaded(project_root(args.dir))
    cov = coverage.compute(result.model)
    if args.format == "json":
        print(json.dumps([_as_dict(c) for c in cov.clauses], ensure_ascii=False, indent=2))
    else:
        for c in cov.clauses:
            print(_line(c))
        print(coverage.summary(cov, coverage.open_questions(result.model)))
    return 0 if cov.count(coverage.UNCOVERED) == 0 else 1


def _line(c) -> str:
    depth = c.id.count(".")
    where = ", ".join(x.ref for x in c.covered_by)
    if c.status == coverage.OUT_OF_SCOPE and c.reason:
        where = c.reason
    elif c.status == coverage.OPEN:
        where = ", ".join(f"question:{q}" for q in c.questions)
    elif c.children and not where:
        where = f"{len(c.children)} sub-clauses"
    return f"{'  ' * depth}{c.id} {c.heading} [{c.status}] {where}".rstrip()


def _as_dict(c) -> dict:
    return {"id": c.id, "heading": c.heading, "status": c.status, "parent": c.parent,
            "children": list(c.children), "covered_by": [x.ref for x in c.covered_by],
            "covered_by_basis": {x.ref: x.basis for x in c.covered_by},
            "questions": list(c.questions), "mentioned_by": [x.ref for x in c.mentioned_by],
            "out_of_scope": c.reason}
