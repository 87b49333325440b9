"""Documents: the naming rule, who may read contracts, where reports go."""
from __future__ import annotations

import re

from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import all_steps, file_anchor, internal

DOCUMENTS = "data/documents.yml"
SAMPLE_YEAR, SAMPLE_NUMBER = "2026", "001"


# `\uXXXX` (how the shipped pattern and Python/ECMA-262 spell a code point)
# in RE2's spelling, `\x{XXXX}`.
_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def naming_regex(naming: dict):
    """The compiled file-name pattern, or the error message if it is broken.

    The pattern is written by a data editor, so it runs on RE2, whose time is
    linear in the input: with Python's backtracking `re`, 30 characters of
    `^(([0-9]|[0-9a-z])+)+$` took a minute and hung `handbook check`."""
    import re2
    pattern = naming["pattern"].replace("{business_type}", f"(?:{naming['business_type_pattern']})")
    options = re2.Options()
    options.log_errors = False  # the message below says it; RE2 would also print to stderr
    try:
        return re2.compile(_UNICODE_ESCAPE.sub(r"\1\\x{\2}", pattern), options), None
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        return None, f"naming pattern is not a valid regular expression: {reason}"


@rule("document-naming")
def document_naming(model):
    """Every business type used by a process step or a report gives file names
    that fit the naming rule: the sample name <year>-<business type>-001 must
    match the pattern, and so must the rule's own example."""
    doc = model.doc(DOCUMENTS)
    if doc is None or not isinstance(doc.data, dict):
        return
    naming, anchor = doc.data["naming"], file_anchor(model, DOCUMENTS)
    regex, problem = naming_regex(naming)
    if problem:
        yield Finding(anchor, problem, ("naming", "pattern"))
        return
    if not regex.fullmatch(naming["example"]):
        yield Finding(anchor, f"the example '{naming['example']}' does not fit the naming pattern",
                      ("naming", "example"))
    uses = [(a, w + ("record", "document_type"), s["record"].get("document_type"))
            for _, a, w, s in all_steps(model)]
    uses += [(r, ("business_type",), r.get("business_type")) for r in model.all("report")]
    for entity, path, type_id in uses:
        if not type_id:
            continue
        btype = model.get("business-type", type_id)
        sample = f"{SAMPLE_YEAR}-{btype.name}-{SAMPLE_NUMBER}"
        if not regex.fullmatch(sample):
            yield Finding(entity, f"document type '{type_id}' gives file names like '{sample}', which do not fit "
                                  f"the naming rule {naming['format']}: rename the business type", path)


@rule("contracts-director-only")
def contracts_director_only(model):
    """Contracts may be read by the 总监 only (三.二.3): the access class
    'contracts' and the action 'view-contracts' name the head of the
    department (the internal role of the highest rank) and nobody else."""
    heads = sorted((r for r in model.all("role") if internal(r)), key=lambda r: -(r.get("rank") or 0))
    if not heads:
        return
    head = heads[0].id
    access = model.get("access-class", "contracts")
    if access is not None and access.data["readers"] != [head]:
        yield Finding(access, f"contracts may be read by '{head}' only, not by "
                              f"{', '.join(repr(r) for r in access.data['readers'] if r != head) or 'nobody'}",
                      ("readers",))
    action = model.get("action", "view-contracts")
    if action is not None and action.get("only") != [head]:
        yield Finding(action, f"viewing contracts must be limited to '{head}' (only: [{head}])", ("only",))


@rule("report-goes-to-superior")
def report_goes_to_superior(model):
    """Each submitter hands a report to their direct superior: that superior
    must be among the report's recipients."""
    for report in model.all("report"):
        for i, role_id in enumerate(report.data["submitted_by"]):
            boss = model.get("role", role_id).get("reports_to")
            if boss and boss not in report.data["submitted_to"]:
                yield Finding(report, f"'{role_id}' reports to '{boss}', who is not among the recipients "
                                      "(submitted_to)", ("submitted_by", i))
