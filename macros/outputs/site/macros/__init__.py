"""Functions that fill the hand-written pages' macro calls (engine-neutral)."""
