"""学籍手册's package. mkdocs-macros imports it by name (`module_name: macros`
in mkdocs.yml) and calls define_env; everything else lives in the rooms below.

    load -> schema -> model -> time -> onboarding -> check -> outputs -> tools -> cli

(README.md, "Code map", says what each room holds.)
"""


def define_env(env):
    from macros.outputs.site.mkdocs.macros_entry import define_env as handbook_env
    handbook_env(env)
