"""JSON Schemas: the local registry, validation and its messages, the schema files' own check."""
