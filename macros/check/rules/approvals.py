"""Who signs and who owns: approval chains, process owners, promotion paths."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import internal, sequences

# A process owner answers for the whole process to the 总监: a 主管 or above.
MIN_OWNER_RANK = 2


@rule("approval-chain-up")
def approval_chain_up(model):
    """Approvals go up the hierarchy: along every way through a process (the
    regular steps and each path in place of the steps it replaces), each
    approval step's accountable role ranks at least as high as the previous
    approver's. A later signature by a lower rank would let a subordinate
    overrule a superior."""
    for process in model.all("process"):
        seen = set()
        for _, seq in sequences(model, process):
            prev = None  # (role, step id)
            for anchor, where, step in seq:
                if not step.get("approval"):
                    continue
                role = model.get("role", step["raci"]["accountable"])
                at = where + ("raci", "accountable")
                key = (anchor.id, at)
                if role.get("rank") is None:
                    if key not in seen:
                        seen.add(key)
                        yield Finding(anchor, f"approval step '{step['id']}' is approved by '{role.id}', "
                                              "which has no rank: give the role a rank in roles.yml", at)
                    continue
                if prev and role.get("rank") < prev[0].get("rank") and key not in seen:
                    seen.add(key)
                    yield Finding(anchor, f"approval chain goes down: '{step['id']}' is approved by "
                                          f"'{role.id}' (rank {role.get('rank')}) after '{prev[1]}' by "
                                          f"'{prev[0].id}' (rank {prev[0].get('rank')}); each approval must be "
                                          "by the same or a higher rank", at)
                prev = (role, step["id"])


@rule("process-owner-rank")
def process_owner_rank(model):
    """Every process has an owner inside the department, of 主管 rank or above,
    who is accountable for at least one of its steps (so the owner is not a
    name on the cover only)."""
    for process in model.all("process"):
        owner = model.get("role", process.data["owner"])
        if not internal(owner) or (owner.get("rank") or 0) < MIN_OWNER_RANK:
            yield Finding(process, f"process owner '{owner.id}' must be a role of the department with rank "
                                   f"{MIN_OWNER_RANK} (主管) or above", ("owner",))
            continue
        accountable = {s.data["raci"]["accountable"] for s in model.children(process, "step")}
        if owner.id not in accountable:
            yield Finding(process, f"process owner '{owner.id}' is accountable for none of its steps: "
                                   "make the owner accountable where the process is decided", ("owner",))


@rule("promotion-goes-up")
def promotion_goes_up(model):
    """A promotion leads to a role of higher rank (专员 → 主管 → 总监)."""
    for role in model.all("role"):
        promotion = role.get("promotion")
        if not promotion:
            continue
        for i, target_id in enumerate(promotion["to"]):
            target = model.get("role", target_id)
            if (target.get("rank") or 0) <= (role.get("rank") or 0):
                yield Finding(role, f"promotion from '{role.id}' (rank {role.get('rank')}) to '{target_id}' "
                                    f"(rank {target.get('rank')}) does not go up", ("promotion", "to", i))


@rule("retroactive-approval")
def retroactive_approval(model):
    """Acting first and approving afterwards is allowed only with the approval
    in the same process: a step that needs a level with `retroactive_approval`
    (紧急执行) is followed by an approval step whose deadline is no longer than
    that level's (事后五日内补办审批)."""
    for process in model.all("process"):
        steps = model.children(process, "step")
        for i, step in enumerate(steps):
            level = model.get("permission", step.data["permission"])
            limit = level.get("retroactive_approval")
            if not limit or "amount" not in limit:
                continue
            later = [s.data["deadline"] for s in steps[i + 1:] if s.data.get("approval")]
            if not any(d.get("unit") == limit["unit"] and d.get("amount", 0) <= limit["amount"] for d in later):
                yield Finding(step, f"step '{step.data['id']}' needs {level.name} ({level.id}), which must be "
                                    f"approved afterwards within {limit['amount']} {limit['unit']}: add a later "
                                    "approval step with that deadline", ("permission",))
