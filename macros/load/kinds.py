"""Declarations: which files hold which kinds of entity, under which schema.

This module is data, not behaviour. Adding a kind of data means adding a
schema file under data/schemas/ and a line here; the loader, the schema
check, the reference check and the breadcrumbs all follow from it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    pattern: str  # glob relative to the project root
    schema: str  # file name under data/schemas/
    many: bool = False  # True: the pattern matches several files


@dataclass(frozen=True)
class EntityKind:
    kind: str  # the name used in references: x-ref in schemas, "kind:id" strings
    pattern: str  # which files hold it (a FileKind.pattern)
    at: tuple = ()  # where: () the whole document, ("roles",) each item of that list
    label: str = ""  # how breadcrumbs name it: Role(id='director')
    parent: str = ""  # for nested kinds: the kind whose id qualifies this one's


FILES = (
    FileKind("data/organisation.yml", "organisation.schema.json"),
    FileKind("data/roles.yml", "roles.schema.json"),
    FileKind("data/permissions.yml", "permissions.schema.json"),
    FileKind("data/processes/*.yml", "process.schema.json", many=True),
    FileKind("data/documents.yml", "documents.schema.json"),
    FileKind("data/meetings.yml", "meetings.schema.json"),
    FileKind("data/kpis.yml", "kpis.schema.json"),
    FileKind("data/incentives.yml", "incentives.schema.json"),
    FileKind("data/compliance.yml", "compliance.schema.json"),
    FileKind("data/risks.yml", "risks.schema.json"),
    FileKind("data/glossary.yml", "glossary.schema.json"),
    FileKind("data/sources.yml", "sources.schema.json"),
    FileKind("data/open_questions.yml", "open_questions.schema.json"),
    FileKind("data/privacy.yml", "privacy.schema.json"),
    FileKind("checklists/*.yml", "checklist.schema.json", many=True),
    FileKind("data/owners.yml", "owners.schema.json"),
    FileKind("data/onboarding/*.yml", "onboarding.schema.json", many=True),
    # One year's holidays and make-up working days, entered from the State
    # Council's notice (holidays.py uses them before the library).
    FileKind("data/holidays/*.yml", "holidays.schema.json", many=True),
)

ENTITIES = (
    EntityKind("organisation", "data/organisation.yml", (), "Organisation"),
    EntityKind("principle", "data/organisation.yml", ("principles",), "Principle"),
    EntityKind("goal", "data/organisation.yml", ("goals",), "Goal"),
    EntityKind("line", "data/organisation.yml", ("lines",), "Line"),
    EntityKind("interface", "data/organisation.yml", ("interfaces",), "Interface"),
    EntityKind("role", "data/roles.yml", ("roles",), "Role"),
    EntityKind("permission", "data/permissions.yml", ("levels",), "Permission"),
    EntityKind("action", "data/permissions.yml", ("actions",), "Action"),
    EntityKind("process", "data/processes/*.yml", (), "Process"),
    # Steps are named inside their process: references say "enrolment.entry"
    # from outside a process and plain "entry" from inside it (x-ref "step@process").
    EntityKind("step", "data/processes/*.yml", ("steps",), "step", parent="process"),
    EntityKind("path", "data/processes/*.yml", ("paths",), "path", parent="process"),
    EntityKind("business-type", "data/documents.yml", ("business_types",), "BusinessType"),
    EntityKind("storage", "data/documents.yml", ("storage",), "Storage"),
    EntityKind("access-class", "data/documents.yml", ("access_classes",), "AccessClass"),
    EntityKind("report", "data/documents.yml", ("reports",), "Report"),
    EntityKind("document-rule", "data/documents.yml", ("rules",), "DocumentRule"),
    EntityKind("meeting", "data/meetings.yml", ("meetings",), "Meeting"),
    EntityKind("decision-rule", "data/meetings.yml", ("decision_rules",), "DecisionRule"),
    EntityKind("kpi", "data/kpis.yml", ("kpis",), "KPI"),
    EntityKind("assessment", "data/kpis.yml", ("assessments",), "Assessment"),
    EntityKind("incentive", "data/incentives.yml", ("measures",), "Incentive"),
    EntityKind("compliance", "data/compliance.yml", ("requirements",), "Compliance"),
    EntityKind("risk", "data/risks.yml", ("risks",), "Risk"),
    EntityKind("drill", "data/risks.yml", ("drills",), "Drill"),
    EntityKind("audit", "data/risks.yml", ("audits",), "Audit"),
    EntityKind("term", "data/glossary.yml", ("terms",), "Term"),
    EntityKind("clause", "data/sources.yml", ("clauses",), "Clause"),
    EntityKind("question", "data/open_questions.yml", ("questions",), "Question"),
    EntityKind("checklist", "checklists/*.yml", (), "Checklist"),
    EntityKind("owner-area", "data/owners.yml", ("areas",), "OwnerArea"),
    EntityKind("onboarding", "data/onboarding/*.yml", (), "Onboarding"),
    EntityKind("holiday-year", "data/holidays/*.yml", (), "HolidayYear"),
)

# Files under these folders that no FileKind matches are reported, so a file
# saved under a wrong name is not silently ignored.
DATA_DIRS = ("data", "checklists")
IGNORED_SUFFIXES = (".json", ".md", ".html", ".css", ".j2", ".txt")
