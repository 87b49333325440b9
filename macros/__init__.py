"""学籍手册's package; everything lives in the rooms below.

    load -> schema -> model -> time -> onboarding -> check -> outputs -> tools -> cli

(README.md, "Code map", says what each room holds.)
"""
