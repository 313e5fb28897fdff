"""The folders show the architecture, and the imports keep to it.

`imos/` is pure Python in a few subpackages, each saying in its docstring what it may
import; `components/` is grouped the same way. These tests read the import statements
(no module is executed), so a new import that crosses a layer or closes a cycle fails here.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("imos", "components")
MOST_MODULES_PER_FOLDER = 12


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, with `from a import b` counted as `a` and `a.b`."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


IMPORTS = {module_name(p): imported_names(p)
           for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports(module: str, other: str) -> bool:
    return any(name == other or name.startswith(other + ".") for name in IMPORTS[module])


def test_no_module_imports_one_that_imports_it_back():
    cycles = [(a, b) for a, b in itertools.combinations(sorted(IMPORTS), 2)
              if a != b and not b.startswith(a + ".") and not a.startswith(b + ".")
              and (b in IMPORTS[a]) and (a in IMPORTS[b])]
    assert cycles == []


@pytest.mark.parametrize("folder", sorted({p.parent for package in PACKAGES
                                           for p in (ROOT / package).rglob("*.py")}),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_folder_holds_more_than_a_dozen_modules(folder):
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= MOST_MODULES_PER_FOLDER, sorted(p.name for p in modules)


def test_every_subpackage_says_what_it_may_import():
    for init in [p for package in PACKAGES for p in (ROOT / package).glob("*/__init__.py")]:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if init.parent.name == "panel":  # the explorer's custom widget, not a layer
            continue
        assert "May import" in doc, init


# What each layer must never import (the docstrings say what it may).
FORBIDDEN = {
    "imos": ("streamlit", "plotly", "components", "app_pages"),
    "imos.dataset": ("imos.reasoning", "imos.teaching", "imos.files", "imos.rooms",
                     "imos.differential"),
    "imos.reasoning": ("imos.teaching", "imos.files", "imos.rooms"),
    "imos.teaching": ("imos.files", "imos.rooms"),
    "imos.files": ("imos.rooms",),
    "components": ("app_pages",),
    "components.charts": ("components.shell", "components.explorer", "components.differential",
                          "components.room", "components.files"),
    "components.shell": ("components.explorer", "components.differential", "components.room",
                         "components.files"),
}


# The command line's shell (`python -m imos`), as dashboard.py is the app's: it builds the
# slides and handouts with the app's own builders in components/files.
SHELLS = {"imos.__main__": ("components.files.command_line",)}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_only_downwards(layer):
    def allowed(module: str, name: str) -> bool:
        return any(name == shell or name.startswith(shell + ".") for shell in SHELLS.get(module, ()))

    crossing = [(module, name) for module in IMPORTS
                if module == layer or module.startswith(layer + ".")
                for other in FORBIDDEN[layer] for name in IMPORTS[module]
                if (name == other or name.startswith(other + ".")) and not allowed(module, name)]
    assert crossing == []
