"""main.py decides between the window and the command line; desktop/cli never opens the
window itself and the command line starts without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_without_a_command_the_command_line_hands_over_to_the_window(tmp_path):
    from desktop.cli import main

    opened: list[str | None] = []
    db = str(tmp_path / "lotse.sqlite")
    assert main(["--db", db], open_window=lambda chosen: opened.append(chosen) or 0) == 0
    assert opened == [db]


def test_the_command_line_alone_shows_its_help_and_loads_no_qt():
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        "code = main([])\n"
        "assert code == 2, code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'ui')))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "offers" in result.stdout  # the commands are listed


def test_main_py_passes_the_window_and_runs_commands_headless(tmp_path):
    db = str(tmp_path / "lotse.sqlite")
    script = (
        "import sys\n"
        "from main import main\n"
        f"code = main(['offers', 'list', '--db', {db!r}])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr  # an empty database may say so; never Qt
    assert "Traceback" not in result.stderr
