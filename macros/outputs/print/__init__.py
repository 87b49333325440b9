"""Printing: checklists, the booklet, the handbook and first-week packets as A4 PDFs (WeasyPrint)."""
