"""Rules that come from 学籍管理制度 itself: RACI and permissions per step."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import all_steps


@rule("one-accountable")
def one_accountable(model):
    """RACI: exactly one accountable role per step (the schema makes it a single
    role) and that role has no other part in the step besides doing it: being
    also consulted or informed would blur who answers for the result."""
    for _, anchor, where, step in all_steps(model):
        raci = step["raci"]
        a = raci["accountable"]
        for key in ("consulted", "informed"):
            if a in raci.get(key, []):
                yield Finding(anchor, f"'{a}' is accountable and also {key}: a role has one part per step",
                              where + ("raci", key))


@rule("responsible-holds-permission")
def responsible_holds_permission(model):
    """Each responsible role holds the permission level its step needs.

    Internal roles and the temporary crisis team hold a level (roles.yml) and
    need at least the step's rank. Roles outside the department (parents,
    other departments, the CEO) hold no level in the department: they may only
    carry out steps whose level has rank 0 (部门外办理), so a step that needs
    the department's system is always done by someone inside it."""
    for _, anchor, where, step in all_steps(model):
        need = model.get("permission", step["permission"])
        for i, role_id in enumerate(step["raci"]["responsible"]):
            role = model.get("role", role_id)
            at = where + ("raci", "responsible", i)
            if role.get("kind") == "external":
                if need.data["rank"] > 0:
                    yield Finding(anchor, f"responsible role '{role_id}' is outside the department and holds "
                                          f"no permission level, but the step needs {need.name} ({need.id}): "
                                          "let an internal role do it, or use a level of rank 0", at)
                continue
            have = model.get("permission", role.get("permission", ""))
            if have is None or have.data["rank"] < need.data["rank"]:
                held = have.name if have else "no permission level"
                yield Finding(anchor, f"responsible role '{role_id}' holds {held}, "
                                      f"but the step needs {need.name} ({need.id})", at)
