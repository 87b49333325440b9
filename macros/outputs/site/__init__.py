"""The website: page declarations, renderers, the engine adapter."""
