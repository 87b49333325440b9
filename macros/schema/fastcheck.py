"""A fast yes/no JSON Schema check for the keywords our schemas use.

Why: jsonschema builds a validator object for every node it descends into;
on valid data (nearly every file, nearly every time) that is most of what
`handbook check` costs. This compiles a schema (with its `$ref`s already
inlined, schema.inline_refs) into plain Python predicates once, and answers
only "valid or not". When it says "not valid", schema.iter_errors runs
jsonschema itself for the messages, so every message is exactly what it was.

It must never call valid what jsonschema calls invalid: any keyword it does
not know makes compile() return None and jsonschema does all the work.
tests/test_fastcheck.py holds it to that on every fixture.
"""
from __future__ import annotations

from jsonschema import Draft202012Validator
from jsonschema._utils import equal, uniq

from macros.schema import ecma

# Keywords that never affect validity.
_INERT = {"title", "description", "$schema", "$id", "$defs", "$comment", "default", "examples",
          "x-item-label", "deprecated", "readOnly", "writeOnly"}
_FORMATS = Draft202012Validator.FORMAT_CHECKER


class Unsupported(Exception):
    pass


def _is_int(x):
    return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES = {
    "object": lambda x: isinstance(x, dict), "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str), "integer": _is_int, "number": _is_num,
    "boolean": lambda x: isinstance(x, bool), "null": lambda x: x is None,
}


def compile(schema):  # noqa: A001 - the word is the job
    """A predicate (instance, resolve_ref) -> bool, or None if the schema uses
    anything this module does not implement."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _compile(schema):
    if schema is True:
        return lambda x, r: True
    if schema is False:
        return lambda x, r: False
    if not isinstance(schema, dict):
        raise Unsupported(repr(schema))
    checks = []
    for key, value in schema.items():
        if key in _INERT:
            continue
        make = _KEYWORDS.get(key)
        if make is None or (key in ("then", "else") and "if" not in schema):
            raise Unsupported(key)
        check = make(value, schema)
        if check is not None:
            checks.append(check)
    if len(checks) == 1:
        return checks[0]
    checks = tuple(checks)

    # Plain loops rather than all(generator): the checks run once per data
    # node, and a generator per call was a third of the cost.
    def every(x, r):
        for c in checks:
            if not c(x, r):
                return False
        return True
    return every


def _type(value, schema):
    tests = [_TYPES[t] for t in (value if isinstance(value, list) else [value])]
    if len(tests) == 1:
        test = tests[0]
        return lambda x, r: test(x)
    return lambda x, r: any(t(x) for t in tests)


def _properties(value, schema):
    subs = {k: _compile(v) for k, v in value.items()}

    def check(x, r):
        if isinstance(x, dict):
            for k, v in x.items():
                s = subs.get(k)
                if s is not None and not s(v, r):
                    return False
        return True
    return check


def _additional(value, schema):
    if "patternProperties" in schema:
        raise Unsupported("patternProperties")
    known = frozenset(schema.get("properties", {}))
    if value is False:
        return lambda x, r: not isinstance(x, dict) or known.issuperset(x)
    sub = _compile(value)
    return lambda x, r: not isinstance(x, dict) or all(sub(v, r) for k, v in x.items() if k not in known)


def _required(value, schema):
    keys = tuple(value)

    def check(x, r):
        if isinstance(x, dict):
            for k in keys:
                if k not in x:
                    return False
        return True
    return check


def _items(value, schema):
    if "prefixItems" in schema or not isinstance(value, dict):
        raise Unsupported("items")
    sub = _compile(value)

    def check(x, r):
        if isinstance(x, list):
            for i in x:
                if not sub(i, r):
                    return False
        return True
    return check


def _size(kind, op):
    def make(value, schema):
        if kind is list:
            return lambda x, r: not isinstance(x, list) or op(len(x), value)
        return lambda x, r: not isinstance(x, str) or op(len(x), value)
    return make


def _bound(op):
    return lambda value, schema: (lambda x, r: not _is_num(x) or op(x, value))


def _unique(value, schema):
    if not value:
        return None
    return lambda x, r: not isinstance(x, list) or uniq(x)


def _enum(value, schema):
    if all(isinstance(e, str) for e in value):  # the usual case: a set lookup, same answer
        names = frozenset(value)
        return lambda x, r: isinstance(x, str) and x in names
    return lambda x, r: any(equal(x, e) for e in value)


def _const(value, schema):
    return lambda x, r: equal(x, value)


def _pattern(value, schema):
    rx = ecma.compiled(value)  # ECMA-262, as validate.py (ecma.py says why)
    return lambda x, r: not isinstance(x, str) or rx.find(x) is not None


def _format(value, schema):
    return lambda x, r: _FORMATS.conforms(x, value)


def _not(value, schema):
    sub = _compile(value)
    return lambda x, r: not sub(x, r)


def _all_of(value, schema):
    subs = tuple(_compile(v) for v in value)

    def check(x, r):
        for s in subs:
            if not s(x, r):
                return False
        return True
    return check


def _any_of(value, schema):
    subs = [_compile(v) for v in value]
    return lambda x, r: any(s(x, r) for s in subs)


def _one_of(value, schema):
    subs = tuple(_compile(v) for v in value)

    def check(x, r):
        hits = 0
        for s in subs:
            if s(x, r):
                hits += 1
                if hits > 1:
                    return False
        return hits == 1
    return check


def _if(value, schema):
    test = _compile(value)
    then = _compile(schema["then"]) if "then" in schema else None
    other = _compile(schema["else"]) if "else" in schema else None

    def check(x, r):
        if test(x, r):
            return then is None or then(x, r)
        return other is None or other(x, r)
    return check


def _x_ref(value, schema):
    return lambda x, r: r is None or not isinstance(x, str) or r(value, x) is None


_KEYWORDS = {
    "type": _type, "properties": _properties, "additionalProperties": _additional,
    "required": _required, "items": _items,
    "minItems": _size(list, lambda n, v: n >= v), "maxItems": _size(list, lambda n, v: n <= v),
    "minLength": _size(str, lambda n, v: n >= v), "maxLength": _size(str, lambda n, v: n <= v),
    "minimum": _bound(lambda x, v: x >= v), "maximum": _bound(lambda x, v: x <= v),
    "uniqueItems": _unique, "enum": _enum, "const": _const, "pattern": _pattern,
    "format": _format, "not": _not, "allOf": _all_of, "anyOf": _any_of, "oneOf": _one_of,
    "if": _if, "then": lambda v, s: None, "else": lambda v, s: None, "x-ref": _x_ref,
}
