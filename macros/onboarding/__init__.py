"""The first week of a new hire, per role (data/onboarding/<role>.yml).

    reading.py    reading time computed from the rendered pages (Han characters)
    plan.py       a plan as days of items with minutes and links
    duties.py     what a role must learn in its first week, and what a plan covers
    selfcheck.py  lookup questions generated from the data, with wrong answers from the model
    scenarios.py  scenario questions from the paths and rules (urgent purchase, a leak, a contract)
    quiz.py       the seeded multiple-choice quiz of a plan, its pass mark and answer checks
    week.py       the five days dated on working days from a start date
"""
