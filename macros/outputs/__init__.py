"""What the handbook produces from one checked result: the site, prints, calendar feeds, the export."""
