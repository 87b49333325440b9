"""The loaded model: entities and their index, references, time limits found through the schemas, reviews, queries, diffs."""
