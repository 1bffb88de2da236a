"""Icons (qtawesome, Material Design Icons) and the colours and icons of the translation statuses."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon

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
    "quit": "mdi6.exit-to-app",
    "about": "mdi6.information-outline",
}


@lru_cache(maxsize=None)
def icon(name: str, colour: str | None = None) -> QIcon:
    import qtawesome

    spec = ACTION_ICONS.get(name, name)
    return qtawesome.icon(spec, color=colour) if colour else qtawesome.icon(spec)


@lru_cache(maxsize=None)
def painted_icon(name: str, colour: str | None = None) -> QIcon:
    """The icon drawn once into pixmaps: qtawesome draws its glyphs in Python on every
    paint, which in a table of 30 rows and 12 language columns costs more than the data."""
    source = icon(name, colour)
    out = QIcon()
    for size in (16, 24, 32):
        out.addPixmap(source.pixmap(QSize(size, size)))
    return out


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#000000"))


def status_icon(status: str) -> QIcon:
    return painted_icon(STATUS_ICONS.get(status, "mdi6.help-circle-outline"), STATUS_COLOURS.get(status, "#000000"))
