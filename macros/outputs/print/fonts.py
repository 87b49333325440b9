"""Is a CJK font installed? Asked of fontconfig, the same library WeasyPrint
(through Pango) uses to find glyphs.

Without a CJK font WeasyPrint does not fail: it draws every Han character as
a tofu box and writes a PDF that looks valid. So the print commands ask first
and refuse, naming the Debian package to install.
"""
from __future__ import annotations

import shutil
import subprocess

from macros.core import lifetime

# Debian packages that provide a CJK font WeasyPrint can use; the first is the
# one the project installs (Makefile SYSTEM_PACKAGES).
PACKAGE = "fonts-noto-cjk"
ALTERNATIVE = "fonts-wqy-microhei"

# Tried in this order by the print stylesheet; fontconfig falls back to any
# installed font covering zh for the generic family at the end.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
              '"Noto Serif CJK SC", sans-serif')


class NoCJKFont(Exception):
    """No font with Chinese glyphs: printing would produce tofu boxes."""

    def __init__(self, detail: str):
        super().__init__(
            f"no CJK (Chinese) font is installed ({detail}); printing now would write "
            f"boxes instead of Chinese text, so no PDF was written. Install one with: "
            f"sudo apt-get install --no-install-recommends {PACKAGE} "
            f"(or {ALTERNATIVE})")


def cjk_families() -> list[str]:
    """Font families fontconfig says cover Chinese (zh); [] if none or no fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = lifetime.run([fc_list, ":lang=zh", "family"], capture_output=True,
                           text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()})


def require_cjk_font() -> list[str]:
    families = cjk_families()
    if not families:
        detail = "fontconfig's `fc-list :lang=zh` lists nothing" if shutil.which("fc-list") \
            else "fontconfig's fc-list is not installed either"
        raise NoCJKFont(detail)
    return families
