"""Scrolling a form over a combo box, spin box or date field must not change its value
unless the user has put the focus there (issue 18 item 7)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from ui.wheel_guard import GUARDED

from .helpers import focus, open_window

ROOT = Path(__file__).resolve().parents[2]
QT_VALUE_WIDGETS = {"QComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit", "QTimeEdit", "QDateTimeEdit"}


def _wheel(widget: QWidget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _state(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    return widget.text()


def _value_widgets(root: QWidget) -> list[QWidget]:
    found = root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
    return [w for w in found if w.isEnabled() and (isinstance(w, QAbstractSpinBox) or w.count() > 1)]


def test_the_wheel_over_unfocused_fields_of_the_editor_changes_nothing(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    with_hours = next(r for r in window.model.rows() if r.state != "archived")
    window.list_panel.select_offer(with_hours.id)
    qtbot.waitUntil(lambda: window.editor.offer is not None, timeout=20000)
    # Every kind of field the issue names is present: combos (Träger, Kategorie, Kommune),
    # a date field and the time fields of the opening hours.
    window.editor.fields["valid_from"].set_value("2026-03-01")
    widgets = _value_widgets(window)
    kinds = {type(w).__mro__[2].__name__ if isinstance(w, GUARDED) else type(w).__name__ for w in widgets}
    assert {"QComboBox", "QDateEdit", "QTimeEdit"} <= kinds, kinds
    window.table.setFocus()
    for widget in widgets:
        assert not widget.hasFocus()
        before = _state(widget)
        _wheel(widget, -1)
        _wheel(widget, +1)
        _wheel(widget, -1)
        assert _state(widget) == before, (type(widget).__name__, widget.objectName())
        assert not widget.hasFocus(), "the wheel must not take the focus"
    # With the focus, the wheel still works as users expect.
    combo = next(w for w in widgets if isinstance(w, QComboBox) and w.currentIndex() < w.count() - 1)
    focus(qtbot, window)  # the offscreen platform gives focus only inside the active window
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=10000)
    before = combo.currentIndex()
    _wheel(combo, -1)
    assert combo.currentIndex() != before


def test_no_plain_qt_value_widget_is_made_anywhere_in_the_window_code():
    """Every combo, spin box and date/time field in ui/ is one of the guarded classes."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "wheel_guard.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Call):
                names = [node.func]
            elif isinstance(node, ast.ClassDef):
                names = list(node.bases)
            for name in names:
                ident = name.id if isinstance(name, ast.Name) else getattr(name, "attr", None)
                if ident in QT_VALUE_WIDGETS:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ident}")
    assert offenders == []
