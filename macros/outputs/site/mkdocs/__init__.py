"""The one adapter that knows MkDocs and mkdocs-macros."""
