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


_FIRST_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

app = QApplication(sys.argv[:1])
seen = []


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            window = obj.window()
            if isinstance(window, QMainWindow) and not seen:
                seen.append(window.objectName())
                loaded = sorted(m for m in ("sqlalchemy", "sqlmodel", "models.tables") if m in sys.modules)
                print(window.objectName(), ",".join(loaded) or "-", flush=True)
                if sys.argv[2] == "first":
                    os._exit(0)
        return False


watcher = FirstPaint()
app.installEventFilter(watcher)
if sys.argv[2] == "window":
    from PySide6.QtCore import QTimer

    def look():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if any(w.objectName() != "lotse_shell" for w in shown):
            print("windows:", ",".join(sorted(w.objectName() or "main" for w in shown)), flush=True)
            os._exit(0)

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
from main import main

main(["--db", sys.argv[1]])
"""


def _start(tmp_path, demo_template, until: str) -> list[str]:
    import os
    import shutil

    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOTSE_SETTINGS": str(tmp_path / "settings.ini")}
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT, str(db), until],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split("\n")


def test_the_window_shell_paints_before_the_data_layer_is_imported(tmp_path, demo_template):
    """The first thing painted is the shell (ui/shell.py), before SQLAlchemy, SQLModel and the
    tables are imported: they were half the time to the first paint."""
    assert _start(tmp_path, demo_template, "first")[0] == "lotse_shell -"


def test_the_main_window_replaces_the_shell(tmp_path, demo_template):
    lines = _start(tmp_path, demo_template, "window")
    assert lines[0] == "lotse_shell -"
    shown = next(line for line in lines if line.startswith("windows:"))
    assert shown == "windows: main"  # the main window, and the shell gone


_LISTED = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
seen = {}


class ListPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "shell" not in seen:
            shell = obj.window() if hasattr(obj, "window") else None
            panel = getattr(shell, "list_panel", None)
            if panel is not None and obj is panel.table.viewport() and panel.model.total():
                loaded = sorted(m for m in ("sqlalchemy", "sqlmodel", "models.tables") if m in sys.modules)
                seen["shell"] = {"rows": panel.model.total(), "loaded": loaded, "panel": id(panel)}
        return False


def look():
    main = [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, QMainWindow) and w.isVisible() and w.objectName() != "lotse_shell"
    ]
    if main and "shell" not in seen:  # the main window came first: no early list
        print(json.dumps({"shell": None}), flush=True)
        os._exit(0)
    if main:
        from desktop.offers import list_offers

        window = main[0]
        expected = sorted(r.id for r in list_offers(window.context.db))
        seen["window"] = {
            "same_panel": id(window.list_panel) == seen["shell"]["panel"],
            "loaded": window.list_loaded,
            "rows": sorted(r.id for r in window.model.rows()) == expected,
        }
        print(json.dumps(seen), flush=True)
        os._exit(0)


watcher = ListPaint()
app.installEventFilter(watcher)
timer = QTimer()
timer.timeout.connect(look)
timer.start(50)
from main import main

main(["--db", sys.argv[1]])
"""


def test_the_shell_shows_the_filled_list_before_the_data_layer_and_the_window_takes_it_over(
    tmp_path, demo_template
):
    """From a SQLite file the list is read with sqlite3 and painted in the shell before
    SQLAlchemy is imported (desktop/list_snapshot.py); the main window then holds that list."""
    import json
    import os
    import shutil

    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOTSE_SETTINGS": str(tmp_path / "settings.ini")}
    result = subprocess.run(
        [sys.executable, "-c", _LISTED, str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["shell"] is not None, "the list was not shown before the main window"
    assert seen["shell"]["rows"] > 10 and seen["shell"]["loaded"] == []
    assert seen["window"] == {"same_panel": True, "loaded": True, "rows": True}
