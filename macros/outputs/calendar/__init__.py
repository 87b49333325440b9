"""iCalendar feeds of the recurring duties."""
