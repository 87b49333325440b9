"""Editing tools: scaffolding, change impact, generated files, the benchmark."""
