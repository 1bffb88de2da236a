"""The layers and their arrows, read from the code's imports (parsed, not matched by file name):
models -> export -> desktop -> ui, and only main.py joins the window to the command line.

- models/ and export/ never import Qt (they run headless, in the CLI and in exporters);
- export/ never imports desktop/, ui/ or a database library (it works on plain values);
- desktop/ never imports ui/ or Qt;
- ui/ never imports a database library and never opens a transaction or session: it calls
  functions in desktop/.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (relative imports resolved), also inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # "from . import x" imports the module x
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names if not node.module]
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for line, module in imports_of(path):
            if module.split(".")[0] in forbidden or any(module.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return out


def test_the_import_parser_resolves_relative_imports(tmp_path):
    probe = ROOT / "desktop" / "review" / "decisions.py"
    modules = {m for _line, m in imports_of(probe)}
    assert "desktop.offers" in modules and "desktop.changes" in modules


def test_models_and_export_do_not_import_qt():
    assert offenders("models", ("PySide6", "shiboken6", "ui", "desktop")) == []
    assert offenders("export", ("PySide6", "shiboken6", "ui")) == []


def test_export_does_not_import_desktop_or_a_database_library():
    assert offenders("export", ("desktop", *DATABASE)) == []


def test_desktop_does_not_import_ui_or_qt():
    assert offenders("desktop", ("ui", "PySide6", "shiboken6")) == []


def test_ui_does_not_import_a_database_library():
    assert offenders("ui", DATABASE) == []


def test_ui_opens_no_transaction_and_no_session():
    """``db.transaction()`` / ``db.session()`` / ``engine.connect()`` belong in desktop/."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("transaction", "session", "connect", "begin")
                and not (
                    isinstance(node.func.value, ast.Attribute) and node.func.value.attr.endswith("signal")
                )
                and _looks_like_database(node.func.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.func)}()")
    assert found == []


def _looks_like_database(value: ast.expr) -> bool:
    text = ast.unparse(value)
    return text.endswith(("db", ".engine", "database")) or text == "engine"


def test_models_and_export_do_not_load_pyside6():
    script = (
        "import importlib, pkgutil, sys\n"
        "for package in ('models', 'export'):\n"
        "    module = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(module.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not loaded, loaded\n"
        "print('ok', len([m for m in sys.modules if m.startswith(('models', 'export'))]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
