"""Dependencies point one way: views → app → models. The import contracts and these tests keep it so.

The contracts live in pyproject.toml ([tool.importlinter]) and are checked here with
import-linter itself; the AST checks below cover what it cannot see: a submodule of an outside
package (PySide6.QtWidgets) and modules imported by a string (importlib.import_module).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "models": ("PySide6", "app", "views"),
    "app": ("PySide6.QtWidgets", "PySide6.QtGui", "views"),
    "views": ("sqlalchemy", "sqlite3", "models.entities", "alembic"),
}

LINT = (
    "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True, no_logo=True))"
)


def imported_modules(path: Path) -> set[str]:
    """Every module the file names: import statements, and import_module/__import__ with a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and _called_name(node.func) in {"import_module", "__import__"}:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def offenders(root: Path, layer: str) -> list[str]:
    found = []
    for path in sorted((root / layer).rglob("*.py")):
        rel = path.relative_to(root)
        for name in sorted(imported_modules(path)):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{rel} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    assert offenders(ROOT, layer) == []


def test_string_imports_are_seen(tmp_path: Path) -> None:
    """importlib.import_module("views…") in app/ counts as an import of views, in any module."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "cli.py").write_text(
        'import importlib\n\nlauncher = importlib.import_module("views.launch")\n'
        'other = __import__("views.main_window")\n',
        encoding="utf-8",
    )
    (tmp_path / "app" / "__main__.py").write_text("from views.launch import run\n", encoding="utf-8")
    assert offenders(tmp_path, "app") == [
        "app/__main__.py imports views.launch",
        "app/cli.py imports views.launch",
        "app/cli.py imports views.main_window",
    ]


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LINT], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_import_contracts_are_kept() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_contracts_catch_a_view_importing_the_orm(tmp_path: Path) -> None:
    """The same contracts on a copy of the code in which one view imports models.entities."""
    for package in ("app", "models", "views"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    view = tmp_path / "views" / "labels.py"
    view.write_text(view.read_text(encoding="utf-8") + "\nfrom models import entities  # noqa\n", "utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "views.labels -> models.entities" in done.stdout


@pytest.mark.parametrize("module", ["app.cli", "app.cli_common", "app.cli_appendix", "app.cli_letters"])
def test_each_command_line_module_imports_on_its_own(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_command_line_use_loads_no_qt() -> None:
    """`python -m app tasks` never needs the window: neither views/ nor Qt is imported for it."""
    code = (
        "import sys\n"
        "from app import __main__ as root, cli\n"
        "cli.build_parser().parse_args(['tasks', '--json'])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'views'))]\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
