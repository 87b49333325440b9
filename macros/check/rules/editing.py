"""Rules about keeping the handbook editable and current: review freshness,
the yearly authorisation review (制度 四.一), scaffold placeholders left in,
and the data-ownership declarations that CODEOWNERS is generated from."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule, warn
from macros.core.dates import PERIODS, gap_months
from macros.model.review import review_of
from macros.load.kinds import FILES
from macros.model.entities import Entity
from macros.core.words import PLACEHOLDER
from macros.check.rules.common import strings

PERMISSIONS_FILE = "data/permissions.yml"
OWNERS_FILE = "data/owners.yml"
# 制度 四.一: the authorisation scope is reviewed once a year. permissions.yml
# may state the cycle itself (review.cycle); this is the policy's default.
AUTHORISATION_CYCLE_MONTHS = 12


def _file_entity(doc) -> Entity:
    """Stands for a whole file that has no entity of its own (e.g. the
    file-level review record of permissions.yml), so a Finding can point at it."""
    return Entity(kind="file", id=doc.file, data=doc.data, doc=doc, path=())


def _holders(model):
    """Every entity, plus a file stand-in for documents with no whole-file entity."""
    seen_whole = set()
    for kind in list(model.by_kind):
        for e in model.all(kind):
            if e.path == ():
                seen_whole.add(e.doc.file)
            yield e
    for doc in model.docs:
        if doc.file not in seen_whole and isinstance(doc.data, dict):
            yield _file_entity(doc)


@rule("review-overdue", needs_today=True)
def review_overdue(model, today):
    """Warn when today is past last_reviewed + cycle_months."""
    for e in _holders(model):
        f = review_of(e.data)
        if f is not None and f.overdue(today):
            yield warn(e, f"review overdue: last reviewed {f.last_reviewed.isoformat()}, every "
                          f"{f.cycle_months} months, so due {f.due.isoformat()} (today {today.isoformat()}); "
                          "review it and update last_reviewed", (f.key, "last_reviewed"))


@rule("authorisation-review-yearly")
def authorisation_review_yearly(model):
    """制度 四.一: the authorisation scope (permissions.yml) is reviewed yearly."""
    doc = model.doc(PERMISSIONS_FILE)
    if doc is None or not isinstance(doc.data, dict):
        return
    months, said = AUTHORISATION_CYCLE_MONTHS, "yearly"
    cycle = (doc.data.get("review") or {}).get("cycle") if isinstance(doc.data.get("review"), dict) else None
    if isinstance(cycle, dict) and cycle.get("unit") in PERIODS and gap_months(cycle):
        months = gap_months(cycle)
        said = f"every {months} months (review.cycle)"
    entity = _file_entity(doc)
    f = review_of({"review_info": doc.data.get("review_info")})
    if f is None:
        yield warn(entity, f"no record of the last authorisation review: the policy (四.一) requires it {said}; "
                           f"add review_info: {{last_reviewed: YYYY-MM-DD, cycle_months: {months}}}")
    elif f.cycle_months > months:
        yield Finding(entity, f"cycle_months is {f.cycle_months}, but the policy (四.一) requires the "
                              f"authorisation review {said}: set it to {months} or less",
                      ("review_info", "cycle_months"))


@rule("placeholder-left")
def placeholder_left(model):
    """`handbook new` fills required text with a placeholder; it must be replaced."""
    for doc, texts in strings(model):
        for path, value in texts:
            if PLACEHOLDER in value:
                owner = model.owner_of(doc, path) or _file_entity(doc)
                yield warn(owner, f"placeholder {PLACEHOLDER!r} is still here: write the real content",
                           path[len(owner.path):])


@rule("owners-declared")
def owners_declared(model):
    """data/owners.yml: every listed file is a real data file, and every role
    that owns data has a team handle (else CODEOWNERS would name nobody)."""
    doc = model.doc(OWNERS_FILE)
    if doc is None:
        return
    patterns = [fk.pattern for fk in FILES]
    files = {d.file for d in model.docs}
    for area in model.all("owner-area"):
        for i, pattern in enumerate(area.data["files"]):
            if "*" in pattern:
                ok = pattern in patterns
                hint = f"use one of: {', '.join(p for p in patterns if '*' in p)}"
            else:
                ok = pattern in files
                hint = "no such data file"
            if not ok:
                yield Finding(area, f"'{pattern}' is not a data file of the handbook ({hint})", ("files", i))
    teams = {}
    entity = _file_entity(doc)
    for i, team in enumerate(doc.data["teams"]):
        if team["role"] in teams:
            yield Finding(entity, f"role '{team['role']}' has two team handles: keep one", ("teams", i, "role"))
        teams[team["role"]] = team["handle"]
    if doc.data["default"] not in teams:
        yield Finding(entity, f"the default owner '{doc.data['default']}' has no entry in teams", ("default",))
    for area in model.all("owner-area"):
        if area.data["role"] not in teams:
            yield Finding(area, f"role '{area.data['role']}' owns these files but has no entry in teams "
                                "(add {role: ..., handle: \"@org/team\"})", ("role",))
