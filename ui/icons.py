"""Icons (Material Design Icons from qtawesome's font) and the colours and icons of the
translation statuses.

The icons are drawn from qtawesome's font file, without importing qtawesome: its import
(qtpy, which wraps every Qt class) cost 0.7-1 s of every cold start, for the first icon. The glyphs,
sizes and colours are qtawesome's own (a glyph
at 7/8 of the icon's height, centred; the palette's text colours); names this path does not
know still go to qtawesome.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

STATUS_COLOURS = {
    "missing": "#B0B0B0",
    "machine": "#E0A030",
    "checked": "#3C8DBC",
    "approved": "#2E9E44",
    "outdated": "#D04040",
    "in_translation": "#8E6CC0",
    "source": "#505050",
}

STATUS_ICONS = {
    "missing": "mdi6.circle-outline",
    "machine": "mdi6.robot-outline",
    "checked": "mdi6.check",
    "approved": "mdi6.check-decagram",
    "outdated": "mdi6.alert",
    "in_translation": "mdi6.progress-clock",
    "source": "mdi6.pencil",
}

# What each action shows, by the action's name.
ACTION_ICONS = {
    "new": "mdi6.plus",
    "duplicate": "mdi6.content-copy",
    "archive": "mdi6.archive-outline",
    "restore": "mdi6.archive-arrow-up-outline",
    "delete": "mdi6.delete-outline",
    "save": "mdi6.content-save",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "revisions": "mdi6.history",
    "settings": "mdi6.cog-outline",
    "reload": "mdi6.refresh",
    "search": "mdi6.magnify",
    "filter": "mdi6.filter-variant",
    "bold": "mdi6.format-bold",
    "italic": "mdi6.format-italic",
    "bullets": "mdi6.format-list-bulleted",
    "numbers": "mdi6.format-list-numbered",
    "link": "mdi6.link-variant",
    "clear_format": "mdi6.format-clear",
    "image": "mdi6.image-outline",
    "add": "mdi6.plus",
    "remove": "mdi6.close",
    "move_up": "mdi6.arrow-up",
    "move_down": "mdi6.arrow-down",
    "quit": "mdi6.exit-to-app",
    "about": "mdi6.information-outline",
}


@cache
def _mdi_font() -> tuple[str, dict[str, str]] | None:
    """The Material Design Icons font in qtawesome's folder: its family and its names -> code points."""
    spec = importlib.util.find_spec("qtawesome")  # finds the folder without running the package
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    found = sorted(fonts.glob("materialdesignicons6-webfont-[0-9]*.ttf"))
    if not found:
        return None
    ttf = found[-1]
    charmap = ttf.with_name(ttf.name.replace("-webfont-", "-webfont-charmap-")).with_suffix(".json")
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families or not charmap.exists():
        return None
    return families[0], json.loads(charmap.read_text(encoding="utf-8"))


class _GlyphEngine(QIconEngine):
    """Draws the glyph when Qt asks for a size, as qtawesome's own engine does: an icon costs
    nothing until it is shown, and each size is drawn once."""

    def __init__(self, family: str, char: str, normal: QColor, disabled: QColor):
        super().__init__()
        self.family, self.char, self.normal, self.disabled = family, char, normal, disabled
        self._drawn: dict[tuple, QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:  # noqa: ARG002 (Qt signature)
        painter.save()
        font = QFont(self.family)
        font.setPixelSize(
            max(1, round(0.875 * rect.height()))
        )  # qtawesome's size: room for the font's bearing
        painter.setFont(font)
        painter.setPen(self.disabled if mode == QIcon.Mode.Disabled else self.normal)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        key = (size.width(), size.height(), mode == QIcon.Mode.Disabled)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = QPixmap(size)
            drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(drawn)
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
            painter.end()
            self._drawn[key] = drawn
        return QPixmap(drawn)

    def clone(self) -> _GlyphEngine:
        return _GlyphEngine(self.family, self.char, self.normal, self.disabled)


def _glyph_icon(spec: str, colour: str | None) -> QIcon | None:
    prefix, _dot, glyph = spec.partition(".")
    font = _mdi_font() if prefix == "mdi6" else None
    if font is None or glyph not in font[1]:
        return None
    family, charmap = font
    palette = QGuiApplication.palette()
    normal = QColor(colour) if colour else palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QIcon(_GlyphEngine(family, chr(int(charmap[glyph], 16)), normal, disabled))


@cache
def icon(name: str, colour: str | None = None) -> QIcon:
    spec = ACTION_ICONS.get(name, name)
    drawn = _glyph_icon(spec, colour)
    if drawn is not None:
        return drawn
    import qtawesome

    return qtawesome.icon(spec, color=colour) if colour else qtawesome.icon(spec)


@cache
def painted_icon(name: str, colour: str | None = None) -> QIcon:
    """The icon drawn once into pixmaps: qtawesome draws its glyphs in Python on every
    paint, which in a table of 30 rows and 12 language columns costs more than the data.
    (The same holds for the font icons above, which draw in Python on a size's first use.)"""
    source = icon(name, colour)
    out = QIcon()
    for size in (16, 24, 32):
        out.addPixmap(source.pixmap(QSize(size, size)))
    return out


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#000000"))


def status_icon(status: str) -> QIcon:
    return painted_icon(
        STATUS_ICONS.get(status, "mdi6.help-circle-outline"), STATUS_COLOURS.get(status, "#000000")
    )
