"""The flyer preview opens at a readable size (the page's width) and zooms with the usual
shortcuts: Ctrl++ (and Ctrl+=), Ctrl+- and Ctrl+0 for the width (issue 18 item 8)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView

from .test_preview_ui import make_dialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _page_width_px(dialog) -> float:
    """The page's width on screen now."""
    view = dialog.view
    points = dialog.document.pagePointSize(0).width()
    if view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
        margins = view.documentMargins()
        return view.viewport().width() - margins.left() - margins.right()
    return points * view.logicalDpiX() / 72 * view.zoomFactor()


def test_the_preview_opens_readable_and_zooms_with_the_keyboard(qtbot, demo_db):
    dialog, runner = make_dialog(qtbot, demo_db, 3)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=20000)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 1, timeout=60000)
    view = dialog.view
    # Shortcuts reach only the active window: a progress dialog shown while the flyer rendered
    # (under load it appears) may have taken the activation, so take it back before typing.
    dialog.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and view.hasFocus(), timeout=20000)
    # Readable: the page fills the view's width (a whole A4 page fitted in the window
    # printed 9 pt text at about 5 px).
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    opening = _page_width_px(dialog)
    assert opening >= 0.9 * view.viewport().width() and opening > 600, opening

    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = _page_width_px(dialog)
    assert bigger > opening * 1.1
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)  # "+" without Shift on many keyboards
    assert _page_width_px(dialog) > bigger * 1.1
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    smaller = _page_width_px(dialog)
    assert smaller < opening
    for _ in range(40):  # bounded: never zero, never enormous
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.zoomFactor() > 0.2
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    # The buttons do the same, and say their shortcut.
    dialog.zoom.zoom_in_action.trigger()
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    assert "+" in dialog.zoom.zoom_in_action.toolTip()
    runner.wait(30000)
