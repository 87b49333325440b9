"""Rules that come from 学籍管理制度 itself (the policy owner's checks)."""
from __future__ import annotations

from . import Finding, rule


def _steps(model):
    return model.all("step")


@rule("one-accountable")
def one_accountable(model):
    """RACI: the accountable role must not also be listed as consulted or informed,
    (the schema already makes it exactly one)."""
    for step in _steps(model):
        raci = step.data["raci"]
        a = raci["accountable"]
        for key in ("consulted", "informed"):
            if a in raci.get(key, []):
                yield Finding(step, f"'{a}' is accountable and also {key}: a role has one part per step",
                              ("raci", key))


@rule("responsible-holds-permission")
def responsible_holds_permission(model):
    """Each responsible internal role holds (at least) the permission level its step needs."""
    for step in _steps(model):
        need = model.get("permission", step.data["permission"])
        for i, role_id in enumerate(step.data["raci"]["responsible"]):
            role = model.get("role", role_id)
            if role.get("kind") != "internal":
                continue
            have = model.get("permission", role.get("permission", ""))
            if have is None or have.data["rank"] < need.data["rank"]:
                held = have.name if have else "no permission level"
                yield Finding(step, f"responsible role '{role_id}' holds {held}, "
                                    f"but the step needs {need.name} ({need.id})", ("raci", "responsible", i))
