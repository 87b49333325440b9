"""`handbook new`: entities that check clean, appended as text."""
