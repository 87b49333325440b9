"""Files generated from declarations and data, committed to the repository:

- .github/CODEOWNERS from data/owners.yml (who must approve which change);
- .vscode/settings.json `yaml.schemas` from kinds.FILES (editor completion).

They are committed so GitHub and editors see them without running anything;
tests regenerate them and fail when the committed copy differs.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from macros.core.text import codeowners_comment
from macros.load.kinds import FILES

CODEOWNERS = ".github/CODEOWNERS"
# Paths that are code, whoever owns the folder around them (README: Security).
MAINTAINED = ("/data/schemas/", "/checklists/templates/", "/macros/", "/overrides/", "/docs/javascripts/",
              "/mkdocs.yml", "/pyproject.toml", "/Makefile", "/.github/", "/tests/")
VSCODE_SETTINGS = ".vscode/settings.json"

# Editor settings besides the schemas: what keeps a YAML file loadable by the
# strict loader (spaces, UTF-8, LF) and the Chinese titles visible on hover.
VSCODE_BASE = {
    "files.encoding": "utf8",
    "files.eol": "\n",
    "files.insertFinalNewline": True,
    "files.trimTrailingWhitespace": True,
    "[yaml]": {
        "editor.insertSpaces": True,
        "editor.tabSize": 2,
        "editor.detectIndentation": False,
        "editor.quickSuggestions": {"other": True, "comments": False, "strings": True},
    },
    "yaml.validate": True,
    "yaml.hover": True,
    "yaml.completion": True,
    "yaml.schemaStore.enable": False,
    "yaml.format.enable": False,
}


def vscode_settings() -> str:
    schemas: dict = {}
    for fk in FILES:
        schemas.setdefault(f"./data/schemas/{fk.schema}", []).append(fk.pattern)
    settings = {**VSCODE_BASE, "yaml.schemas": schemas}
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def codeowners(model) -> str:
    """CODEOWNERS text. GitHub applies the LAST matching line, so the catch-all
    for code comes first, then the default data owner, then each area in
    the order owners.yml lists them."""
    doc = model.doc("data/owners.yml")
    if doc is None:
        raise ValueError("data/owners.yml is missing: it declares who owns which data")
    owners = doc.data
    teams = {t["role"]: t["handle"] for t in owners["teams"]}

    def handle(role):
        if role not in teams:
            raise ValueError(f"data/owners.yml: role '{role}' owns data but has no entry in teams")
        return teams[role]

    def role_name(role):  # for a comment line: never more than one line
        entity = model.get("role", role)
        return codeowners_comment(entity.name if entity else role)

    lines = [
        "# 由 data/owners.yml 生成，不要手改：改 data/owners.yml 后运行 handbook codeowners --write。",
        "# Generated from data/owners.yml by `handbook codeowners --write`. GitHub applies the LAST match.",
        "",
        "# 代码、模式、测试与工作流：技术维护团队",
        f"*  {owners['maintainers']}",
        "",
        f"# 未单独列出的数据：{role_name(owners['default'])}",
    ]
    for top in ("data", "checklists"):
        lines.append(f"/{top}/  {handle(owners['default'])}")
    for area in model.all("owner-area"):
        lines += ["", f"# {codeowners_comment(area.name)}：{role_name(area.data['role'])}"]
        for pattern in area.data["files"]:
            lines.append(f"/{pattern}  {handle(area.data['role'])}")
            if area.data.get("per_file_owner"):
                # A file's owner approves it when they have a team; otherwise
                # the area's role does (the line above already says so).
                for file, owner in file_owners(model, pattern):
                    if owner in teams and owner != area.data["role"]:
                        lines.append(f"/{file}  {teams[owner]}")
    # Code inside the data folders (schemas, print templates: Jinja and CSS
    # that run in the publish job) and the code at the top: last, so that no
    # data area above can hand them to a data approver.
    lines += ["", "# 模式、打印模板与站点代码：始终由技术维护团队批准（最后匹配生效）"]
    lines += [f"{path}  {owners['maintainers']}" for path in MAINTAINED]
    return "\n".join(lines) + "\n"


def file_owners(model, pattern: str) -> list[tuple[str, str]]:
    """[(file, owner role)] for the files matching `pattern` whose whole-file
    entity names an `owner` (a process and its owner, for example)."""
    out = []
    for doc in sorted(model.docs, key=lambda d: d.file):
        if PurePosixPath(doc.file).match(pattern) and isinstance(doc.data, dict):
            owner = doc.data.get("owner")
            if isinstance(owner, str) and model.get("role", owner) is not None:
                out.append((doc.file, owner))
    return out


def compare_or_write(root: Path, rel: str, text: str, write: bool) -> tuple[int, str]:
    """(exit code, message): write the file, or report whether it is current."""
    path = root / rel
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if current == text:
        return 0, f"{rel} is up to date"
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return 0, f"{rel} written"
    state = "is missing" if current is None else "differs from what the data generates"
    return 1, f"{rel} {state}: run `handbook {('codeowners' if rel == CODEOWNERS else 'editor')} --write` and commit it"
