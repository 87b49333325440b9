"""The bottom of the house: text safety, the one vocabulary, git, dates. Imports nothing else of the package."""
