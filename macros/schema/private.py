"""The only place that touches a third-party library's private parts.

`referencing` and `jsonschema` have no public way to do two things the
schema-directed walks need (timelimits.py, the scaffold generator), so they
are done here, and tests/test_private_apis.py fails by name when an upgrade
changes them:

- the base URI a `referencing.Resolver` resolves against (`_base_uri`): the
  key under which a `$ref` met from that place is looked up once;
- a validator for a *part* of a schema, resolving that part's relative `$ref`s
  from where it sits (`resolver._registry` and jsonschema's `_resolver=`
  argument). The public constructor resolves only from a document's root.

Nothing else in macros/ may use a name that starts with an underscore on
another library's object (tests/test_private_apis.py greps for it).
"""
from __future__ import annotations

from jsonschema import Draft202012Validator


def base_uri(resolver) -> str:
    """The URI `resolver` resolves relative references against."""
    return resolver._base_uri


def validator_in_scope(subschema, resolver):
    """A Draft 2020-12 validator for `subschema`, a part of a larger schema
    whose `$ref`s resolve from where `resolver` stands."""
    return Draft202012Validator(subschema, registry=resolver._registry, _resolver=resolver)
