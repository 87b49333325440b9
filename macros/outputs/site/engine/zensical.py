"""Zensical, Material's successor (`handbook build --engine zensical`).

Zensical reads the sources tree's mkdocs.yml, but silently ignores `hooks:`
and every plugin it has not re-implemented, and its mkdocs-macros emulation
cannot import a package (GUIDE.md §4). So the sources step fills the macro
pages itself (EXPANDS_MACROS) and the config carries neither. Raw-HTML links
need nothing: Zensical resolves them like Markdown links, which is how the
handbook writes them (render/links.py).

It runs as its own process (`python -m zensical`), an optional extra:
`pip install -e '.[zensical]'`, which `make build ENGINE=zensical` does.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from macros.core import lifetime
from macros.outputs.site.site_config import CONFIG, without_plugin
from macros.outputs import OutputError

NAME = "zensical"
EXPANDS_MACROS = True
INSTALL = "pip install -e '.[zensical]'  (or: make build ENGINE=zensical)"


def configure(config: dict, root: Path, sources: Path, expanded: bool) -> dict:
    # overrides/ holds patched copies of Material 9.8.2 partials. Zensical's
    # templates differ: Material's search partial there replaces Zensical's
    # search button with a form its scripts never wire up (no search at all),
    # and Zensical's own partial already names the dialog (the a11y fix).
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme.pop("custom_dir", None)
    return without_plugin(config, "macros")


def _argv(*args) -> list[str]:
    if shutil.which(sys.executable) is None or lifetime.run(
            [sys.executable, "-c", "import zensical"], capture_output=True).returncode != 0:
        raise OutputError(f"the Zensical engine is not installed: {INSTALL}")
    return [sys.executable, "-m", "zensical", *args]


def build(sources: Path, site: Path):
    """`zensical build --strict` writes the config's site_dir (sources/site);
    the result is then moved to `site`."""
    sources, site = Path(sources), Path(site)
    built = sources / "site"
    shutil.rmtree(built, ignore_errors=True)
    proc = lifetime.run(_argv("build", "--strict", "--clean", "-f", str(sources / CONFIG)),
                        capture_output=True, text=True)
    if proc.returncode != 0 or not (built / "index.html").is_file():
        raise OutputError("zensical build failed:\n" + (proc.stdout + proc.stderr).strip())
    if site.exists():
        shutil.rmtree(site)
    shutil.move(str(built), str(site))


def preview(sources: Path, site: Path, dirty: bool):
    """`handbook serve`: a whole build each time (Zensical's own incremental
    rebuild lives in its server, which cannot run the output steps)."""
    build(sources, site)
