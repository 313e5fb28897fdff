"""The empty package template as a zip, built in memory for download."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from imos.data import DATA_DIR

TEMPLATE_DIR = DATA_DIR / "template"


@lru_cache(maxsize=1)
def template_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(TEMPLATE_DIR.iterdir()):
            archive.write(path, f"my-cases/{path.name}")
        archive.write(DATA_DIR / "README.md", "my-cases/README.md")
    return buffer.getvalue()
