"""The check: the pipeline (files -> YAML -> model -> schema -> rules), privacy, clause coverage, the policy rules."""
