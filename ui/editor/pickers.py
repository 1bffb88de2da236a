"""A category or organization picker that can create a new entry, and the image chooser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QToolButton, QWidget

from desktop.choices import Choice
from desktop.errors import LotseError

from ..i18n import _, language
from ..icons import icon
from .value_widgets import ChoiceField


class CreatingPicker(QWidget):
    """Choose one of the region's entries, or name a new one with "+"."""

    edited = Signal()

    def __init__(
        self, choices: list[Choice], create: Callable[[str], Choice] | None, *, new_title: str, parent=None
    ):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = ChoiceField(self._items(choices))
        self.combo.edited.connect(self.edited)
        layout.addWidget(self.combo, 1)
        self._create = create
        self._new_title = new_title
        self._choices = list(choices)
        self.error: str | None = None
        if create is not None:
            self.new_button = QToolButton()
            self.new_button.setIcon(icon("add"))
            self.new_button.setToolTip(new_title)
            self.new_button.clicked.connect(self.ask_for_new)
            layout.addWidget(self.new_button)

    @staticmethod
    def _items(choices: list[Choice]) -> list[tuple[object, str]]:
        return [(None, "—")] + [(c.id, c.name) for c in choices]

    def value(self):
        return self.combo.value()

    def set_value(self, value) -> None:
        self.combo.set_value(value)

    def ask_for_new(self) -> None:
        name, ok = QInputDialog.getText(self, self._new_title, _("Name:"))
        if ok and name.strip():
            self.create_and_choose(name)

    def create_and_choose(self, name: str) -> Choice | None:
        try:
            choice = self._create(name)
        except LotseError as exc:
            self.error = exc.message(language())
            return None
        if choice not in self._choices:
            self._choices.append(choice)
            self._choices.sort(key=lambda c: c.name.casefold())
            self.combo.set_items(self._items(self._choices))
        self.combo.set_value(choice.id)
        self.edited.emit()
        return choice


class ImageChooser(QWidget):
    """The offer's picture: a file chosen from disk, shown as a thumbnail."""

    edited = Signal()
    FILTER = "Images (*.png *.jpg *.jpeg *.webp)"

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setFixedSize(64, 48)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #c0c0c0; background: #fafafa;")
        self.path = QLineEdit(readOnly=True)
        self.path.setPlaceholderText(_("No image"))
        choose = QToolButton(text=_("Choose …"))
        choose.setIcon(icon("image"))
        choose.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        choose.clicked.connect(self._choose)
        remove = QToolButton()
        remove.setIcon(icon("remove"))
        remove.setToolTip(_("Remove the image"))
        remove.clicked.connect(lambda: self._set_by_user(None))
        for widget in (self.preview, self.path, choose, remove):
            layout.addWidget(widget)
        layout.setStretch(1, 1)

    def _choose(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text() else str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(self, _("Choose an image"), start, self.FILTER)
        if name:
            self._set_by_user(name)

    def _set_by_user(self, value: str | None) -> None:
        if value != self.value():
            self.set_value(value)
            self.edited.emit()

    def value(self) -> str | None:
        return self.path.text() or None

    def set_value(self, value) -> None:
        self.path.setText(value or "")
        pixmap = QPixmap(value) if value else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("—" if not value else "?")
        else:
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
