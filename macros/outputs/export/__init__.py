"""The machine-readable export under site/api/v1/."""
