"""The Unicode font the exported files measure and embed: DejaVu Sans, as matplotlib ships it.

matplotlib is installed for the static charts anyway, and its bundled DejaVu Sans covers
every symbol the app prints (✕ ↓ ✓ ¶ ✚ −), so no system font is needed on a fresh machine.
Only the file's path is read here; matplotlib itself is not imported.
"""

from __future__ import annotations

from importlib.resources import files

FONT_DIR = files("matplotlib") / "mpl-data" / "fonts" / "ttf"
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
         "BI": "DejaVuSans-BoldOblique.ttf"}


def font_path(style: str = "") -> str:
    """Path of DejaVu Sans in `style` ('', 'B', 'I' or 'BI')."""
    return str(FONT_DIR / FILES[style])
