"""What the pages and events tabs show of their items' languages: a strip of one coloured square
per language (the languages panel's colours; the names and statuses in its tooltip), and the
filter a double-click in the languages panel sets ("only pages whose Arabic text is outdated"),
as the same double-click filters the offer list on the offers tab."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from models.languages import display_name
from models.vocabulary import STATUS_LABELS

from .i18n import Message, _, language, on_language_change
from .icons import STATUS_COLOURS, icon

SQUARE, GAP = 9, 3


def strip_size(count: int) -> QSize:
    return QSize(max(count, 1) * (SQUARE + GAP), SQUARE + 2)


def status_strip(statuses: dict[str, str], codes: list[str]) -> QIcon:
    """One square per language in ``codes`` order, in its status's colour."""
    size = strip_size(len(codes))
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    for index, code in enumerate(codes):
        colour = QColor(STATUS_COLOURS.get(statuses.get(code, "missing"), "#B0B0B0"))
        painter.fillRect(QRect(index * (SQUARE + GAP), 1, SQUARE, SQUARE), colour)
    painter.end()
    return QIcon(pixmap)


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return label.render(language()) if label is not None else status


def status_tooltip(statuses: dict[str, str], codes: list[str]) -> str:
    ui = language()
    return "\n".join(
        f"{display_name(code, ui)} ({code}): {status_label(statuses.get(code, 'missing'))}" for code in codes
    )


class StatusFilter(QWidget):
    """The filter a double-click in the languages panel set, shown above the list with a button
    that lifts it; hidden while there is none."""

    changed = Signal()

    def __init__(self, template: Message) -> None:
        super().__init__()
        # "Only pages whose {language} text is: {status}", worded each time it is shown: the
        # names in it are composed too, so a language switch redraws the whole line.
        self.template = template
        self.code: str | None = None
        self.status: str | None = None
        self.label = QLabel()
        self.label.setObjectName("status_filter_label")
        self.label.setWordWrap(True)
        clear = QToolButton()
        clear.setObjectName("status_filter_clear")
        clear.setIcon(icon("remove"))
        clear.setToolTip(_("Show all again"))
        clear.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(clear)
        self.hide()
        on_language_change(self, self._redraw)

    def set(self, code: str, status: str) -> None:
        self.code, self.status = code, status
        self._redraw()
        self.show()
        self.changed.emit()

    def _redraw(self) -> None:
        if self.code is not None and self.status is not None:
            ui = language()
            name, status = display_name(self.code, ui), status_label(self.status)
            self.label.setText(Message(self.template.msgid, language=name, status=status).render(ui))

    def clear(self) -> None:
        self.code = self.status = None
        self.hide()
        self.changed.emit()

    def active(self) -> bool:
        return self.code is not None

    def accepts(self, statuses: dict[str, str]) -> bool:
        return self.code is None or statuses.get(self.code, "missing") == self.status
