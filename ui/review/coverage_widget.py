"""Coverage per language: a stacked bar of missing / machine / … / approved, with numbers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.review.coverage import ORDER, LanguageCoverage
from models.languages import display_name
from models.vocabulary import STATUS_LABELS

from ..i18n import _, language
from ..icons import STATUS_COLOURS


class CoverageBar(QWidget):
    def __init__(self, coverage: LanguageCoverage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coverage = coverage
        self.setMinimumHeight(18)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 18)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        x = 0.0
        width = float(self.width())
        for status in ORDER:
            share = self.coverage.share(status)
            if share <= 0:
                continue
            painter.fillRect(QRectF(x, 0, width * share, self.height()), QColor(STATUS_COLOURS[status]))
            x += width * share
        painter.end()


class CoverageWidget(QWidget):
    def __init__(self, coverages: list[LanguageCoverage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("<b>" + _("Language") + "</b>"), 0, 0)
        for column, status in enumerate(ORDER, start=2):
            label = QLabel(
                f"<span style='color:{STATUS_COLOURS[status]}'>■</span> {STATUS_LABELS[status].render()}"
            )
            grid.addWidget(label, 0, column)
        for row, coverage in enumerate(coverages, start=1):
            grid.addWidget(
                QLabel(f"{display_name(coverage.language_code, language())} ({coverage.language_code})"),
                row,
                0,
            )
            grid.addWidget(CoverageBar(coverage), row, 1)
            for column, status in enumerate(ORDER, start=2):
                number = QLabel(str(coverage.counts.get(status, 0)))
                number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                number.setObjectName(f"count_{coverage.language_code}_{status}")
                grid.addWidget(number, row, column)
        grid.setColumnStretch(1, 1)
