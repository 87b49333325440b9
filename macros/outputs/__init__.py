"""What the handbook produces from one checked result: the site, prints, calendar feeds, the export."""


class OutputError(Exception):
    """An output step could not finish: the site would be incomplete.

    Declared here, below every output, so that a low module (the site's
    config reader) can raise it without importing the steps that run them."""
