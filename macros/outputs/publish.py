"""Publishing a built tree into the site folder, whatever engine built it.

- refuse(): a site folder that is, or holds, the project (or its data, docs,
  checklists, code or .git), or an existing folder that is not an earlier
  site, is refused before anything is written: the swap below replaces the
  folder whole, so `--site-dir .` would delete the project.
- Lock: one build at a time per site folder (flock on `.<site>.lock`); a
  second build is refused instead of deleting the first one's work.
- Temporary trees are named with the building process id; only those of dead
  processes are removed as leftovers.
- publishable(): folders 0755, files 0644 (less the umask), so a web server
  running as another user can read them.
- swap(): renameat2(RENAME_EXCHANGE) swaps the new tree and the old site in
  one step, so there is no moment without a site/; where the kernel cannot,
  two renames, and the next build restores the old site if a kill fell
  between them.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".handbook-site"  # written into every built tree: "this folder is a site"
PROTECTED = (".", "data", "docs", "checklists", ".git", "macros", "overrides", "tests")


class PublishError(Exception):
    """The site cannot be published there; the message says why (exit 2)."""


def refuse(root: Path, site_dir: Path) -> None:
    root, site = Path(root).resolve(), Path(site_dir).resolve()
    for name in PROTECTED:
        kept = (root / name).resolve()
        if site == kept or site in kept.parents:
            what = "the project folder" if name == "." else f"{name}/"
            raise PublishError(f"refusing to write the site into {site}: it is or contains {what} "
                               "(the build replaces the site folder whole); choose an empty or new folder")
    docs = (root / "docs").resolve()
    if docs in site.parents:
        raise PublishError(f"refusing to write the site into {site}: it is inside docs/, which the site is built from")
    if site_dir.is_symlink():
        raise PublishError(f"refusing to write the site into {site_dir}: it is a symbolic link")
    if site.is_dir() and any(site.iterdir()) and not _looks_like_site(site):
        raise PublishError(f"refusing to replace {site}: it is not empty and holds no earlier site "
                           f"(no {MARKER} file); choose an empty or new folder")
    if site.exists() and not site.is_dir():
        raise PublishError(f"refusing to replace {site}: it is a file, not a folder")


def _looks_like_site(folder: Path) -> bool:
    # Sites built before the marker existed still have MkDocs' two fixed pages.
    return (folder / MARKER).is_file() or ((folder / "index.html").is_file() and (folder / "404.html").is_file())


@contextlib.contextmanager
def locked(site_dir: Path):
    """Hold the site folder's build lock, or raise PublishError at once."""
    import fcntl
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"another build is writing {site_dir} (it holds {lock_path}); "
                               "wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_tree(site_dir: Path) -> Path:
    """A fresh temporary tree beside the site, named with this process's id."""
    restore_interrupted_swap(site_dir)
    remove_leftovers(site_dir)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent))


def remove_leftovers(site_dir: Path) -> list[str]:
    """Remove the temporary trees of builds that died (their process is gone);
    returns warnings for any that cannot be removed."""
    warnings = []
    for stale in site_dir.parent.glob(f".{site_dir.name}-build-*"):
        pid = stale.name[len(f".{site_dir.name}-build-"):].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        warnings += _remove(stale)
    return warnings


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != 0


def _remove(tree: Path) -> list[str]:
    failed = []
    shutil.rmtree(tree, onerror=lambda func, path, exc: failed.append(f"{path}: {exc[1].strerror or exc[1]}"))
    return [f"could not remove {tree}: {failed[0]}"] if failed else []


def restore_interrupted_swap(site_dir: Path) -> None:
    """A kill between the two renames of the fallback swap leaves `.site-old`
    and no site/: put the old site back."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)


def publishable(tree: Path) -> None:
    """mkdtemp/mkstemp make 0700 folders and 0600 files; a web server running
    as another user would answer 403 or 404. Folders 0755, files 0644, less
    what the umask withholds."""
    umask = os.umask(0)
    os.umask(umask)
    tree.chmod(0o755 & ~umask)
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod((0o755 if path.is_dir() else 0o644) & ~umask)


def finish(tree: Path, required=("index.html",)) -> None:
    """Check the finished tree before it may replace the site, then mark it."""
    missing = [name for name in required if not (tree / name).is_file()]
    if missing:
        raise PublishError(f"the built site is incomplete (missing {', '.join(missing)}); the previous site is kept")
    (tree / MARKER).write_text("built by handbook build\n", encoding="utf-8")
    publishable(tree)


def swap(new: Path, site_dir: Path) -> list[str]:
    """Put `new` in place of `site_dir` in one step; returns warnings."""
    if site_dir.exists() and _exchange(new, site_dir):
        return _remove(new)  # `new` now holds the previous site
    old = site_dir.with_name(f".{site_dir.name}-old")
    warnings = _remove(old) if old.exists() else []
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    return warnings + (_remove(old) if old.exists() else [])


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False where the kernel or libc lacks it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))
