"""KPIs, risks and meetings: every measure has an owner, a cadence and a
forum that looks at it."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import internal
from macros.core.dates import per_year
from macros.time.words import cycle_text


@rule("kpi-reviewed-often-enough")
def kpi_reviewed_often_enough(model):
    """Every KPI has an owner in the department, a measurement cycle and a
    meeting that reviews it at least as often as it is measured: a figure that
    nobody looks at until two more have come in cannot steer anything."""
    for kpi in model.all("kpi"):
        owner = model.get("role", kpi.data["owner"])
        if not internal(owner):
            yield Finding(kpi, f"KPI owner '{owner.id}' is not a role of the department", ("owner",))
        meeting = model.get("meeting", kpi.data["reviewed_in"])
        if per_year(meeting.data["cycle"]) < per_year(kpi.data["cycle"]):
            yield Finding(kpi, f"KPI is measured {cycle_text(kpi.data['cycle'])} but reviewed in "
                               f"'{meeting.id}' only {cycle_text(meeting.data['cycle'])}: review it in a "
                               "meeting held at least as often", ("reviewed_in",))


@rule("risk-has-cadence")
def risk_has_cadence(model):
    """Every risk has an owner in the department, a plan (the schema requires
    it) and a drill or a review cycle, so that the plan is exercised or
    looked at again."""
    for risk in model.all("risk"):
        owner = model.get("role", risk.data["owner"])
        if not internal(owner):
            yield Finding(risk, f"risk owner '{owner.id}' is not a role of the department", ("owner",))
        if not risk.get("drill") and not risk.get("review_cycle"):
            yield Finding(risk, "risk has neither a drill nor a review_cycle: say how often its plan is "
                                "exercised or reviewed")


@rule("meeting-chair-internal")
def meeting_chair_internal(model):
    """Meetings are chaired by roles of the department: the CEO is invited to
    the quarterly meeting, not put in the chair."""
    for meeting in model.all("meeting"):
        for i, role_id in enumerate(meeting.data["chairs"]):
            if not internal(model.get("role", role_id)):
                yield Finding(meeting, f"chair '{role_id}' is not a role of the department: invite outside "
                                       "roles (invited) instead", ("chairs", i))
