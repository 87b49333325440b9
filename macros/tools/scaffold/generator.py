"""A new, valid entity of any kind, generated from its JSON Schema.

Generated rather than hand-written per kind, so a schema change (a new
required key, a renamed enum value) can never leave a stale template behind.
Required keys only; free text gets PLACEHOLDER (the `placeholder-left` rule
warns until it is replaced); references point at an existing entity and are
marked 请核对 so the editor checks them. The result is rendered as YAML text
with each key's Chinese title as a comment.
"""
from __future__ import annotations

import copy
import json
import re
from datetime import date

from macros.schema import private
from macros.core.words import CHECK_MARK, PLACEHOLDER  # noqa: E402,F401  (CHECK_MARK: comment on every picked value)

_PLAIN = re.compile(r"[A-Za-z0-9_\u3400-\u9fff\uff08\uff09\uff1a\uff0c\u3001.·-]+\Z")
_NOT_PLAIN = re.compile(r"(null|true|false|~|[-+]?[0-9][0-9._:eE+-]*)\Z")


class Generator:
    def __init__(self, registry, model, scope: str | None, today: date):
        self.registry, self.model, self.scope, self.today = registry, model, scope, today
        self.comments: dict = {}  # path -> comment text
        # Other values that would also fit, tried when the first choice breaks
        # a policy rule (see variants): path -> [value], and optional keys.
        self.choices: dict = {}
        self.optional: dict = {}
        self._min_one = False

    # -- values ---------------------------------------------------------------

    def entity(self, schema: dict, resolver, ident: str) -> dict:
        value = self.value(schema, resolver, (), required_id=ident)
        return value

    def value(self, schema, resolver, path, required_id=None):
        schema, resolver = self._resolve(schema, resolver)
        if "const" in schema:
            return schema["const"]
        if "x-ref" in schema:
            return self._reference(schema["x-ref"], path)
        if "enum" in schema:
            self._note(path, schema)
            self.choices[path] = list(schema["enum"][1:])
            return schema["enum"][0]
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self._branch(schema[key], resolver, path)
        kind = schema.get("type")
        kind = kind[0] if isinstance(kind, list) else kind
        if kind == "object" or (kind is None and "properties" in schema):
            return self._object(schema, resolver, path, required_id)
        if kind == "array":
            count = max(schema.get("minItems", 0), 1 if self._min_one else 0)
            return [self.value(schema.get("items", {}), resolver, path + (i,)) for i in range(count)]
        if kind in ("integer", "number"):
            return max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1)
        if kind == "boolean":
            return False
        if kind == "null":
            return None
        return self._string(schema, path)

    def _object(self, schema, resolver, path, required_id):
        props = schema.get("properties", {})
        out: dict = {}
        required = list(schema.get("required", []))
        for cond in schema.get("allOf", []):
            cond, _ = self._resolve(cond, resolver)
            required += cond.get("required", [])
        for key in props:  # the schema's order, which is the order people read
            if key in required:
                if key == "id" and required_id is not None:
                    out[key] = required_id
                    self.comments[path + (key,)] = _title(props[key], resolver) or "标识"
                else:
                    out[key] = self.value(props[key], resolver, path + (key,))
                    self._note(path + (key,), props[key], resolver)
        if path == () and required_id is not None:  # the entity itself: its optional keys
            self._min_one = True
            for key in props:
                if key not in required and key != "review":
                    self.optional[key] = self.value(props[key], resolver, path + (key,))
            self._min_one = False
        for cond in schema.get("allOf", []):  # if/then/else may require more keys
            cond, _ = self._resolve(cond, resolver)
            if "if" in cond:
                branch = cond.get("then") if self._valid(out, cond["if"], resolver) else cond.get("else")
                for key in (branch or {}).get("required", []):
                    if key not in out and key in props:
                        out[key] = self.value(props[key], resolver, path + (key,))
                        self._note(path + (key,), props[key], resolver)
        return out

    def _branch(self, branches, resolver, path):
        for branch in branches:
            candidate = self.value(branch, resolver, path)
            if self._valid(candidate, branch, resolver):
                return candidate
        return self.value(branches[0], resolver, path)

    def _string(self, schema, path):
        if schema.get("format") == "date":
            return self.today.isoformat()
        title = schema.get("title", "")
        pattern = schema.get("pattern")
        candidates = [f"{PLACEHOLDER}：{title}" if title else PLACEHOLDER, PLACEHOLDER]
        if path and path[-1] == "id":
            candidates.insert(0, "step-1" if "steps" in path else "item-1")
        candidates += ["example", "example_event", "example-1"]
        for text in candidates:
            if (pattern is None or re.search(pattern, text)) and len(text) >= schema.get("minLength", 0) \
                    and len(text) <= schema.get("maxLength", 10**6):
                if PLACEHOLDER not in text and path[-1:] != ("id",):
                    self.comments[path] = f"{CHECK_MARK}：示例值"  # the placeholder rule cannot see it
                return text
        return PLACEHOLDER

    def _reference(self, kind, path):
        self.comments[path] = CHECK_MARK
        if kind == "*":
            # Any kind: a process, a role or a clause. The rules decide which
            # fits (an open question may not name data that states the matter
            # as policy), so the others stay as alternatives for variants().
            found = [f"{target}:{first}" for target in ("process", "role", "clause")
                     for first in [next(iter(self.model.by_kind.get(target, {})), None)] if first]
            if not found:
                return PLACEHOLDER
            self.choices[path] = found[1:]
            return found[0]
        if kind.endswith("@process"):
            ids = [e.local_id for e in self.model.all(kind.split("@")[0]) if e.parent == self.scope]
        else:
            ids = list(self.model.by_kind.get(kind, {}))
        if not ids:
            return PLACEHOLDER
        rest = ids[1:]  # a few alternatives spread over the list (roles: inside and outside)
        step = max(1, len(rest) // 4)
        self.choices[path] = rest[::step][:4]
        return ids[0]

    def variants(self, data: dict, limit: int = 16):
        """(data, comments): the first choice everywhere, then one change at a
        time: another enum value, another referenced entity, or one optional
        key added. A schema cannot say what the policy rules want (a new
        internal role takes part in no process yet; a risk needs a drill);
        the caller keeps the first variant that checks clean. Changed values
        are marked 请核对."""
        yield data, self.comments
        changes = [(path, value) for path, values in self.choices.items() if _exists(data, path)
                   for value in values]
        changes += [((key,), value) for key, value in self.optional.items()]
        for path, value in changes[:limit]:
            comments = dict(self.comments)
            note = self.comments.get(path, "")
            comments[path] = f"{note}；{CHECK_MARK}" if note and CHECK_MARK not in note else (note or CHECK_MARK)
            yield _set(data, path, value), comments

    # -- helpers --------------------------------------------------------------

    def _resolve(self, schema, resolver):
        """Follow $ref; keywords beside a $ref (title, minItems) win over the target's."""
        while isinstance(schema, dict) and "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema, resolver = {**resolved.contents, **siblings}, resolved.resolver
        return schema, resolver

    def _valid(self, instance, schema, resolver) -> bool:
        return private.validator_in_scope(schema, resolver).is_valid(instance)

    def _note(self, path, schema, resolver=None):
        if path in self.comments:
            return
        title = _title(schema, resolver) if resolver is not None else schema.get("title", "")
        if title:
            self.comments[path] = title


def _exists(data, path) -> bool:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _set(data, path, value):
    """A deep copy of `data` with `value` at `path` (created if missing)."""
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def _title(schema, resolver) -> str:
    if "title" in schema:
        return schema["title"]
    if "$ref" in schema and resolver is not None:
        return resolver.lookup(schema["$ref"]).contents.get("title", "")
    return ""


# -- rendering ------------------------------------------------------------------

def scalar(value) -> str:
    """One value as YAML text that our strict loader reads back unchanged."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.match(text) and not _NOT_PLAIN.match(text) and not text.startswith(("-", ".")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value) -> str | None:
    """Short flat mappings and lists read best on one line, as in the data files."""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()):
        text = "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 70 else None
    return None


def render_mapping(data: dict, comments: dict, indent: int, path=(), first_prefix="") -> list[str]:
    """Block mapping lines; `first_prefix` ("- ") starts a list item."""
    lines = []
    for i, (key, value) in enumerate(data.items()):
        pad = " " * indent
        lead = (pad[:-len(first_prefix)] + first_prefix) if (i == 0 and first_prefix) else pad
        note = comments.get(path + (key,))
        tail = f"  # {note}" if note else ""
        flat = value if not isinstance(value, (dict, list)) else None
        if flat is not None or (isinstance(value, (dict, list)) and not value):
            text = scalar(flat) if flat is not None else ("{}" if isinstance(value, dict) else "[]")
            lines.append(f"{lead}{key}: {text}{tail}")
        elif _flow(value) is not None:
            inner = {comments[p] for p in comments if len(p) > len(path) + 1 and p[: len(path) + 1] == path + (key,)}
            notes = [n for n in (note, CHECK_MARK if any(c.startswith(CHECK_MARK) for c in inner) else None) if n]
            tail = f"  # {'；'.join(dict.fromkeys(notes))}" if notes else ""
            lines.append(f"{lead}{key}: {_flow(value)}{tail}")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:{tail}")
            lines += render_mapping(value, comments, indent + 2, path + (key,))
        else:
            lines.append(f"{lead}{key}:{tail}")
            lines += render_list(value, comments, indent + 2, path + (key,))
    return lines


def render_list(items: list, comments: dict, indent: int, path) -> list[str]:
    lines = []
    for i, item in enumerate(items):
        if isinstance(item, dict) and item:
            lines += render_mapping(item, comments, indent + 2, path + (i,), first_prefix="- ")
        else:
            lines.append(" " * indent + "- " + (scalar(item) if not isinstance(item, (dict, list))
                                                else _flow(item) or "[]"))
    return lines
