"""The department's shape: interfaces at the stated level, every post at work."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule, warn
from macros.check.rules.common import all_steps, internal

LEVEL_RANK = {"director": 3, "manager": 2, "specialist": 1}


@rule("interface-level")
def interface_level(model):
    """An interface is with a department outside ours, and is owned by roles of
    the department at the level it states (教务部's window at 主管 level)."""
    for interface in model.all("interface"):
        dept = model.get("role", interface.data["department"])
        if dept.get("kind") != "external":
            yield Finding(interface, f"'{dept.id}' is not an outside department", ("department",))
        level = interface.get("level")
        for i, role_id in enumerate(interface.data["owners"]):
            role = model.get("role", role_id)
            if not internal(role):
                yield Finding(interface, f"owner '{role_id}' is not a role of the department", ("owners", i))
            elif level and role.get("rank") != LEVEL_RANK[level]:
                yield Finding(interface, f"owner '{role_id}' (rank {role.get('rank')}) is not at the interface's "
                                         f"level '{level}' (rank {LEVEL_RANK[level]})", ("owners", i))


@rule("internal-role-in-process")
def internal_role_in_process(model):
    """Every post of the department takes part in some process step (R, A, C
    or I): a post with nothing to do in any process is either missing from the
    processes or not needed. A warning, not an error: a new post may be
    published before the processes give it its part (as `handbook new` does),
    and the warning stays on every check until they do."""
    seen = set()
    for _, _, _, step in all_steps(model):
        raci = step["raci"]
        seen.update(raci["responsible"], [raci["accountable"]], raci.get("consulted", []),
                    raci.get("informed", []))
    for role in model.all("role"):
        if internal(role) and role.id not in seen:
            yield warn(role, f"role '{role.id}' takes part in no process step: give it its part (R, A, C or I)")
