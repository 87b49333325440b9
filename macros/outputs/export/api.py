"""The machine-readable export: the whole model as JSON, with its JSON Schemas.

Written into the built site (outputs.steps()) at stable URLs:

    api/v1/index.json            what is here
    api/v1/handbook.json         the export document
    api/v1/schemas/*.json        every schema it needs, handbook.schema.json first

`data` is every data file exactly as loaded (keys and values as written in
data/, validated by the same schemas); the rest are indexes derived by the
same code as the site: entities, time limits (deadlines.py), recurring
obligations (calendar.py) and the working-day table (holidays.py). The
envelope's schema is declared in export.schema.json; its `data` part is
filled in from kinds.FILES so a new kind of data is exported and described
without touching this module. Output is sorted and dated by stamp.py, so two
builds of the same data are byte-identical.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path, PurePosixPath

from macros.time import deadlines, stamp
from macros.outputs import provenance
from macros.outputs.calendar.feeds import FEEDS_DIR, feed_roles, obligations
from macros.load.kinds import FILES
from macros.model import basis
from macros.schema.validate import SCHEMA_DIR

API = "v1"
API_DIR = Path("api") / API
ENVELOPE = Path(__file__).with_name("export.schema.json")
EXPORT_SCHEMA = "handbook.schema.json"


def data_key(pattern: str) -> str:
    """data/roles.yml -> roles; data/processes/*.yml -> processes."""
    p = PurePosixPath(pattern)
    return p.parent.name if "*" in p.name else p.stem


def export_schema() -> dict:
    schema = json.loads(ENVELOPE.read_text(encoding="utf-8"))
    props, required = {}, []
    for fk in FILES:
        one = {"$ref": fk.schema}
        props[data_key(fk.pattern)] = {"type": "array", "items": one} if fk.many else one
        if not fk.many:
            required.append(data_key(fk.pattern))
    schema["properties"]["data"].update({"properties": props, "required": required,
                                         "additionalProperties": False})
    return schema


def document(result) -> dict:
    model = result.model
    data = {}
    for fk in FILES:
        docs = sorted((d for d in model.docs if PurePosixPath(d.file).match(fk.pattern)), key=lambda d: d.file)
        values = [copy.deepcopy(d.data) for d in docs]
        if fk.many:
            data[data_key(fk.pattern)] = values
        elif values:
            data[data_key(fk.pattern)] = values[0]
    entities = []
    for kind in sorted(model.by_kind):
        for e in model.all(kind):
            item = {"kind": kind, "id": e.id, "name": e.name, "file": e.doc.file, "line": e.where[0]}
            if e.parent:
                item["parent"] = e.parent
            if isinstance(e.get("source"), list):
                item["source"] = list(e.get("source"))
            item.update(_standing(model, e))
            entities.append(item)
    obs, _ = obligations(result)
    feeds = {"department": f"../../{FEEDS_DIR}/department.ics"}
    feeds.update({r: f"../../{FEEDS_DIR}/{r}.ics" for r in feed_roles(result, obs)})
    return {
        "api": API,
        "format": "xueji-handbook-export",
        "generated": stamp.build_stamp(model).strftime("%Y-%m-%dT%H:%M:%SZ"),
        # The same string as every web page footer, PDF and .ics feed.
        "version": provenance.of_result(result).version,
        "data_date": stamp.data_date(model).isoformat(),
        "policy": stamp.policy_info(model),
        "data": data,
        "entities": entities,
        "deadlines": [r.as_json(model) for r in deadlines.rules(result)],
        "recurring": [_obligation(o) for o in obs],
        "working_days": deadlines.holiday_table(result),
        "feeds": feeds,
    }


def _one(one) -> dict:
    out = {"basis": one.kind}
    if one.question:
        out["question"] = one.question
    if one.kind == basis.DECISION:
        out["decision"] = {k: getattr(one, k) for k in ("by", "date", "record") if getattr(one, k)}
    return out


def _standing(model, e) -> dict:
    """basis of the entity, and `parts`: its fields and time limits whose
    standing differs from it (see macros/model/basis.py)."""
    own = basis.of_entity(model, e)
    out = _one(own)
    if "question" in out:
        out["basis_question"] = out.pop("question")
    parts = {key: _one(one) for key, one in basis.fields_of(model, e.get("basis")).items()}
    for key, value in e.data.items():
        if key in parts or not isinstance(value, dict) or not ("unit" in value and "from" in value):
            continue
        limit = basis.of_limit(value, own, model)
        if limit != own:
            parts[key] = _one(limit)
    if parts:
        out["parts"] = parts
    return out


def _obligation(o) -> dict:
    from icalendar import vRecur
    return {
        "id": o.id, "uid": o.uid, "name": o.name, "summary": o.summary, "kind": o.kind,
        "cycle": dict(o.cycle), "deadline": dict(o.deadline) if o.deadline else None,
        "first": o.series.start.isoformat(), "time": o.at.strftime("%H:%M") if o.at else None,
        "minutes": o.minutes, "rrule": vRecur(o.series.rrule).to_ical().decode(),
        "words": o.series.words, "roles": list(o.roles), "responsible": list(o.responsible),
        "source": list(o.source),
    }


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(result, out_dir: Path) -> dict:
    """Write the export into out_dir (…/api/v1); {relative file: bytes written}."""
    schemas_dir = out_dir / "schemas"
    schemas_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    names = [EXPORT_SCHEMA]
    (schemas_dir / EXPORT_SCHEMA).write_text(_dump(export_schema()), encoding="utf-8")
    for path in sorted((result.root / SCHEMA_DIR).glob("*.schema.json")):
        (schemas_dir / path.name).write_bytes(path.read_bytes())
        names.append(path.name)
    (out_dir / "handbook.json").write_text(_dump(document(result)), encoding="utf-8")
    index = {
        "api": API,
        "document": "handbook.json",
        "schema": f"schemas/{EXPORT_SCHEMA}",
        "schemas": {n: f"schemas/{n}" for n in names},
        "ids": {n: json.loads((schemas_dir / n).read_text(encoding="utf-8"))["$id"] for n in names},
    }
    (out_dir / "index.json").write_text(_dump(index), encoding="utf-8")
    for path in sorted(out_dir.rglob("*.json")):
        written[path.relative_to(out_dir).as_posix()] = path.stat().st_size
    return written


def output_step(result, site_dir: Path):
    """outputs.steps() entry: site/api/v1/."""
    write(result, Path(site_dir) / API_DIR)
