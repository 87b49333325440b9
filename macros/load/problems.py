"""Problems: what every check produces, and how they are reported.

Every stage (loading, schema, rules) appends Problems to one list; nothing
stops at the first one. Reports are sorted by file and line so that an editor
can work down the list, and errors are kept apart from warnings.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from macros.core.text import printable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int = 1
    col: int = 1
    message: str = ""
    breadcrumb: str = ""  # e.g. "Process(id='enrolment') > step 'review' > deadline.unit"
    severity: str = ERROR
    rule: str = ""  # which check produced it: 'yaml', 'schema', 'reference', or a policy rule id

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        crumb = f"{self.breadcrumb}: " if self.breadcrumb else ""
        return printable(f"{where}: {self.severity}: {crumb}{self.message}")


def sort_key(p: Problem):
    return (p.file, p.line, p.col, p.severity, p.message)


def split(problems):
    """(errors, warnings), each sorted by file and line."""
    ordered = sorted(set(problems), key=sort_key)
    return ([p for p in ordered if p.severity == ERROR],
            [p for p in ordered if p.severity == WARNING])


def format_text(problems) -> str:
    errors, warnings = split(problems)
    lines = [p.format() for p in errors]
    if warnings:
        if lines:
            lines.append("")
        lines += [p.format() for p in warnings]
    lines.append(summary(errors, warnings))
    return "\n".join(lines)


def summary(errors, warnings) -> str:
    if not errors and not warnings:
        return "handbook check: OK, no problems"
    return f"handbook check: {len(errors)} error(s), {len(warnings)} warning(s)"


def format_json(problems) -> str:
    errors, warnings = split(problems)
    return json.dumps(
        {"errors": [asdict(p) for p in errors], "warnings": [asdict(p) for p in warnings]},
        ensure_ascii=False, indent=2,
    )


class DataError(Exception):
    """Raised by the site build when the data has errors; the message is the report."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n" + format_text(self.problems))
