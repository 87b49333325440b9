"""Loading: strict YAML, the declarations of data kinds, problems and their formatting."""
