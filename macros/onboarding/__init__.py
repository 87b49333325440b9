"""The first week of a new hire, per role (data/onboarding/<role>.yml).

    reading.py    reading time computed from the rendered pages (Han characters)
    plan.py       a plan as days of items with minutes and links
    coverage.py   what a role must learn in its first week, and what a plan covers
    selfcheck.py  self-check questions generated from the data
    pages.py      the 第一周 landing page and the self-check page of each plan
    printout.py   the printable plan + self-check (A4 PDF through the print layer)
"""
