"""The changelog page: what changed in the policy data and when, in Chinese.

`{{ changelog() }}` in docs/changelog.md. For each day with commits that
touched data/ or checklists/ (newest first, committer date in UTC): each
entity added, removed or modified, named by its kind and Chinese name, with
the fields that changed (the data diff `handbook impact` uses). Commit
subjects are written for maintainers, in English, and stay in git. The text
depends only on the commit being built, so a given commit always renders the
same page. Outside a git checkout (a source tarball, a copied folder) the
page says so in one line instead of failing the build.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from macros.core import atomic, digest, git
from macros.model.queries import display_name
from macros.model.diff import diff
from macros.core.personal import redact
from macros.core.text import code, md_comment as md
from macros.core.words import CHANGE, FIELD, kind
from macros.load.kinds import DATA_DIRS
from macros.model.entities import Model
from macros.load.yamlio import LoadError, load_text

LIMIT = 100  # commits shown; older history stays in git
MAX_ENTITIES = 8  # entities named per file; a first import names dozens
PER_DAY = 30  # changes listed per day; a busy day says how many more
# A commit that changed a print template or a schema but no entity.
FORMAT_CHANGE = "调整了检查单或数据的格式（内容不变）"
NOTHING = "> 还没有改动制度数据的提交。"
NO_GIT = "> 变更记录来自版本库的历史：本次构建不在版本库中（或没有安装版本管理工具），所以这里没有内容。"


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


def render(root: Path, limit: int = LIMIT, current: Model | None = None) -> str:
    """The page's Markdown; `current` (the model being built) names what a
    single file's model cannot (an interface's department)."""
    history = commits(root, limit)
    if history is None:
        return NO_GIT
    if not history:
        return NOTHING
    prefix = (_git(root, "rev-parse", "--show-prefix") or b"").decode().strip()
    specs = []
    for c in history:
        for status, path in c["files"]:
            if path.endswith(".yml"):
                specs += [f"{c['sha']}^:{prefix}{path}", f"{c['sha']}:{prefix}{path}"]
    blobs = _blobs(root, specs)
    lines = []
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    if shallow:
        lines += ["> 这份副本只取了部分历史，这里只列出已取得的改动。", ""]
    days: dict = {}
    # A file's version after one commit is its version before the next one
    # that touches it: each version is read once (reading was most of the page).
    read: dict = {}

    def model(text, path):
        if (text, path) not in read:
            read[text, path] = _model(text, path)
        return read[text, path]

    for c in history:
        what = days.setdefault(c["date"], [])
        for _status, path in c["files"]:
            before = model(blobs.get(f"{c['sha']}^:{prefix}{path}"), path)
            after = model(blobs.get(f"{c['sha']}:{prefix}{path}"), path)
            changes = diff(before, after)
            said = [_said(ch, before if ch.status == "removed" else after, current) for ch in changes]
            if len(said) > MAX_ENTITIES:
                said = said[:MAX_ENTITIES] + [f"{kind(changes[0].entity.kind)}等共 {len(changes)} 项有变动"]
            if not changes and not path.endswith(".yml"):
                said = [FORMAT_CHANGE]
            what += [w for w in said if w not in what]
    for day, what in days.items():  # newest first, as git listed them
        if not what:
            continue
        lines += ([""] if lines else []) + [f"## {day}", ""] + [f"- {w}" for w in what[:PER_DAY]]
        if len(what) > PER_DAY:  # the rest folded, not dropped (pymdownx.details)
            lines += ["", f'??? note "另有 {len(what) - PER_DAY} 项改动"', ""]
            lines += [f"    - {w}" for w in what[PER_DAY:]]
    if not any(days.values()):
        lines.append(NOTHING)
    return "\n".join(lines) + "\n"


def _said(ch, model, current=None) -> str:
    """One change in words: 修改流程「新生入学」：步骤、时限."""
    e = ch.entity
    if current is not None and e.data.get("department") and not e.data.get("name"):
        model = current
    # A step is named within its process: many processes have a 主管审核.
    parent = model.get("process", e.parent) if e.parent else None
    owner = f"流程「{md(redact(parent.name))}」的" if parent is not None else ""
    head = f"{CHANGE.get(ch.status, ch.status)}{owner}{kind(e.kind)}「{md(redact(display_name(model, e)))}」"
    if ch.status != "modified" or not ch.fields:
        return head
    keys = []
    for dotted, _old, _new in ch.fields:
        word = _field_word(str(dotted))
        if word and word not in keys:
            keys.append(word)
    return head + ("：" + "、".join(keys[:6]) + ("等" if len(keys) > 6 else "") if keys else "")


def _field_word(dotted: str) -> str:
    """The Chinese word for the last named part of a field path ("steps.0.raci" -> 职责分工)."""
    for part in reversed(dotted.split(".")):
        if not part.isdigit():
            word = FIELD.get(part)
            return word or ""
    return ""


def _page(model) -> str:
    # Reading and diffing the history is the dearest macro (about 0.3 s): an
    # incremental build expands the page once for its key and once to build
    # it, from the same model, which holds the answer (Model.view); the
    # preview makes a new model at every edit, and _by_commit keeps the page
    # while the commit and the names it borrows stay the same.
    root = Path(model.root)
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    if head is None:
        return render(root, LIMIT, model)
    # All the page takes from the current model: the roles' names, which
    # name the interfaces (queries.display_name).
    names = tuple((r.id, r.name) for r in model.all("role"))
    # A shallow clone deepened in place keeps its HEAD but shows more history.
    key = (str(root.resolve()), head, _git(root, "rev-parse", "--is-shallow-repository"), names)
    if key not in _by_commit:
        _by_commit[key] = _stored(root, key, lambda: render(root, LIMIT, model))
        while len(_by_commit) > 4:  # the oldest commit's page goes first
            del _by_commit[next(iter(_by_commit))]
    return _by_commit[key]


# (project, HEAD, shallow?, role names) -> the page: keyed by what the page is made of,
# so an entry is never stale; a few commits' worth for a long preview.
_by_commit: dict = {}

# The same pages on disk, for the next `handbook build`: each build is a new
# process, and re-reading the history was a tenth of a build after a one-field
# edit. The file's name adds what else the page is made of: the code that
# reads and words the history, and the YAML parser. Removed by `make clean`.
CACHE_DIR = Path(".cache") / "changelog"
KEEP = 4


def _stored(root: Path, key: tuple, make) -> str:
    if key[2] != b"false\n":
        # A shallow clone deepened by some commits keeps its HEAD and its
        # "shallow" answer but shows more history: not a key to keep on disk.
        return make()
    folder = root / CACHE_DIR
    name = digest.sha(repr((key, LIMIT, digest.code(), yaml.__version__)).encode()) + ".md"
    try:
        return (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    page = make()
    try:  # a cache that cannot be written (a read-only checkout) only costs time
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_text(folder / name, page)  # a reader never sees half a page
        for old in sorted(folder.glob("*.md"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return page


def macros(result, page: str) -> dict:
    root = Path(result.root)

    def changelog(limit: int = LIMIT) -> str:
        """The data's change history as Markdown (see module docstring)."""
        if limit == LIMIT and result.model.root is not None:
            return result.model.view(_page)
        return render(root, limit, result.model)

    return {"changelog": changelog}
