"""No page names another page's session keys: a hand-off goes through a named function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from components.shell.navigation import PAGES
from components.shell.session_keys import PAGE_PREFIXES

ROOT = Path(__file__).resolve().parents[2]


def _string_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path or "overview")
def test_no_page_names_another_pages_session_keys(page):
    others = tuple(prefix for url_path, prefix in PAGE_PREFIXES.items()
                   if url_path != page.url_path)
    foreign = {text for text in _string_literals(ROOT / page.path)
               if text.startswith(others) and text.isidentifier()}
    assert not foreign, f"{page.path} names another page's session keys: {sorted(foreign)}"
