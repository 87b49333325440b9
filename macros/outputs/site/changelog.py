"""The changelog page: what changed in the data and when, from git history.

`{{ changelog() }}` in docs/changelog.md. For each commit that touched data/
or checklists/ (newest first): its date (committer date, UTC), subject,
short hash, and per file the entities added, removed or modified. The text
depends only on the commit being built, so a given commit always renders the
same page. Outside a git checkout (a source tarball, a copied folder) the
page says so in one line instead of failing the build.
"""
from __future__ import annotations

from pathlib import Path

from macros.core import git
from macros.model.diff import diff
from macros.core.personal import redact
from macros.core.text import code, md_comment as md
from macros.core.words import FILE_CHANGE, entity_label as label
from macros.load.kinds import DATA_DIRS
from macros.model.entities import Model
from macros.load.yamlio import LoadError, load_text

LIMIT = 100  # commits shown; older history stays in git
MAX_ENTITIES = 8  # entities named per file; a first import names dozens
NO_GIT = "> 变更记录来自 git 历史：本次构建不在 git 仓库中（或没有安装 git），所以这里没有内容。"


def _git(root: Path, *args, stdin: bytes | None = None) -> bytes | None:
    """git's output, or None without git: the page then says so (NO_GIT)."""
    try:
        # core.quotePath=false: non-ASCII names as they are, not "\346\226…",
        # so they print readably and `cat-file` finds them.
        return git.run(root, "-c", "core.quotePath=false", *args, stdin=stdin)
    except git.GitError:
        return None


def commits(root: Path, limit: int = LIMIT) -> list[dict] | None:
    """[{sha, date, subject, files: [(status, path)]}] newest first; None without git."""
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD") is None:
        return None
    prefix = (_git(root, "rev-parse", "--show-prefix") or b"").decode().strip()
    out = _git(root, "log", "--no-merges", f"-n{limit}", "--no-renames", "--date=format-local:%Y-%m-%d",
               "--format=%x1e%H%x1f%cd%x1f%s", "--name-status", "--", *DATA_DIRS)
    if out is None:
        return None
    result = []
    for block in out.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, rest = block.partition("\n")
        sha, day, subject = head.split("\x1f", 2)
        files = []
        for line in rest.splitlines():
            if "\t" in line:
                status, path = line.split("\t", 1)
                files.append((status[:1], path[len(prefix):] if path.startswith(prefix) else path))
        result.append({"sha": sha, "date": day, "subject": subject, "files": files})
    return result


def _blobs(root: Path, specs: list[str]) -> dict:
    """{"rev:path": text or None}, read with one `git cat-file --batch`."""
    if not specs:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(s + "\n" for s in specs).encode())
    found, pos = {}, 0
    for spec in specs:
        if out is None:
            found[spec] = None
            continue
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[spec] = out[pos:pos + size].decode("utf-8-sig", "replace")
            pos += size + 1
        else:
            found[spec] = None
    return found


def _model(text: str | None, file: str) -> Model:
    if text is None:
        return Model()
    try:
        return Model.index([load_text(text.replace("\r\n", "\n"), file)])[0]
    except LoadError:
        return Model()


def render(root: Path, limit: int = LIMIT) -> str:
    history = commits(root, limit)
    if history is None:
        return NO_GIT
    if not history:
        return "> git 历史中还没有改动 data/ 或 checklists/ 的提交。"
    prefix = (_git(root, "rev-parse", "--show-prefix") or b"").decode().strip()
    specs = []
    for c in history:
        for status, path in c["files"]:
            if path.endswith(".yml"):
                specs += [f"{c['sha']}^:{prefix}{path}", f"{c['sha']}:{prefix}{path}"]
    blobs = _blobs(root, specs)
    lines, day = [], None
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    if shallow:
        lines += ["> 仓库是浅克隆，这里只列出已获取的历史。", ""]
    for c in history:
        if c["date"] != day:
            day = c["date"]
            lines += [f"## {day}", ""]
        # Commit subjects are not checked data: mask personal data before publishing.
        lines.append(f"- **{md(redact(c['subject']))}**（{code(c['sha'][:7])}）")
        for status, path in c["files"]:
            before = _model(blobs.get(f"{c['sha']}^:{prefix}{path}"), path)
            after = _model(blobs.get(f"{c['sha']}:{prefix}{path}"), path)
            what = [f"{'新增' if ch.status == 'added' else '删除' if ch.status == 'removed' else '修改'}"
                    f"{label(ch.entity)}" for ch in diff(before, after)]
            if len(what) > MAX_ENTITIES:
                what = what[:MAX_ENTITIES] + [f"等共 {len(what)} 项"]
            tail = "：" + "、".join(what) if what else ""
            lines.append(f"    - {FILE_CHANGE.get(status, status)} {code(redact(path))}{tail}")
    return "\n".join(lines) + "\n"


def macros(result, page: str) -> dict:
    root = Path(result.root)

    def changelog(limit: int = LIMIT) -> str:
        """The data's change history as Markdown (see module docstring)."""
        return render(root, limit)

    return {"changelog": changelog}
