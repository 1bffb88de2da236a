"""models/ and export/ never import Qt: they must run headless, in the CLI and in exporters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def test_no_source_file_in_models_or_export_mentions_pyside():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("models", "export")
        for path in (ROOT / folder).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_desktop_layer_does_not_import_ui():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "desktop").rglob("*.py")
        if any(
            line.lstrip().startswith(("from ui", "import ui"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
        and path.name != "window.py"  # desktop/cli/window.py opens the window, lazily
    ]
    assert offenders == []
