"""The preview of a flyer (one offer) or of the brochure (the region), with its choices.

Every change of a choice renders again in the background (``window.tasks``) into a
temporary file that the QPdfView shows; "Save as PDF" copies it, "Print" sends its
pages through the system's print dialog. The window never waits for a rendering.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from babel.dates import format_skeleton
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.brochure import render_region_brochure
from desktop.errors import error_message
from desktop.event_print import render_event_calendar, render_event_flyer_pdf
from desktop.flyer_choices import flyer_choices
from desktop.flyer_words import not_in_language_note
from desktop.flyers import default_link_template, render_offer_flyer
from desktop.team.publishing import authorize_publish
from export.flyers.calendar_data import month_period
from export.leftovers import partial_file, temp_folder
from models.languages import babel_locale

from ..i18n import _, language
from ..wheel_guard import ComboBox
from .zoom import PdfZoom

PRINT_DPI = 300


def _months(today: date, before: int = 1, after: int = 11) -> list[date]:
    """The first days of the months from ``before`` months ago to ``after`` months ahead."""
    first = today.year * 12 + today.month - 1
    return [date(n // 12, n % 12 + 1, 1) for n in range(first - before, first + after + 1)]


class PreviewDialog(QDialog):
    def __init__(
        self,
        context,
        tasks,
        *,
        offer_id: int | None,
        calendar: bool = False,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.offer_id = offer_id
        # The events calendar of a month (desktop/event_print.py) instead of a flyer or brochure.
        self.calendar = calendar
        # One event's flyer (its QR code leads to the event in the app: no address to choose).
        self.event_id = event_id
        self._folder = temp_folder("preview")
        self._serial = 0
        self._token = None
        self.current: Path | None = None
        self.last_error: str | None = None
        self.setWindowTitle(
            _("Events calendar")
            if calendar
            else _("Event flyer")
            if event_id is not None
            else _("Flyer")
            if offer_id
            else _("Brochure")
        )
        self.resize(980, 860)

        choices = flyer_choices(context.db, language())
        self.language = ComboBox()
        for code, name in choices.languages:
            self.language.addItem(name, code)
        self.bilingual = QCheckBox(_("bilingual (German and language)"))
        self.size = ComboBox()
        self.size.addItem("A4", "a4")
        self.size.addItem("A5", "a5")
        self.policy = ComboBox()
        for key, text in (
            ("", _("as the region is set")),
            ("checked", _("checked and approved ones")),
            ("approved", _("approved ones only")),
            ("machine", _("machine ones too (draft)")),
        ):
            self.policy.addItem(text, key)
        self.category = ComboBox()
        self.municipality = ComboBox()
        self.month = ComboBox()
        for first in _months(date.today()):
            self.month.addItem(
                format_skeleton("yMMMM", first, locale=babel_locale(language())), f"{first:%Y-%m}"
            )
        self.month.setCurrentIndex(1)  # this month
        # Empty: the item in the region's app (its app URL in the region settings); a template
        # ({region}, {lang}, {slug} filled in) overrides it.
        self.link = QLineEdit(default_link_template() or "")
        self.link.setPlaceholderText(choices.app_url + "…")
        self.link.setToolTip(_("Address behind the QR code; {region}, {lang} and {slug} are filled in."))
        form = QFormLayout()
        form.addRow(_("Language"), self.language)
        form.addRow("", self.bilingual)
        form.addRow(_("Page size"), self.size)
        form.addRow(_("Translations"), self.policy)
        if calendar:
            form.addRow(_("Month"), self.month)
            self.municipality.addItem(_("all municipalities"), "")
            for name in choices.municipalities:
                self.municipality.addItem(name, name)
            form.addRow(_("Municipality"), self.municipality)
        elif event_id is None:
            form.addRow(_("QR code leads to"), self.link)
        if offer_id is None and not calendar and event_id is None:
            self.category.addItem(_("all categories"), "")
            for slug, name in choices.categories:
                self.category.addItem(name, slug)
            self.municipality.addItem(_("all municipalities"), "")
            for name in choices.municipalities:
                self.municipality.addItem(name, name)
            form.addRow(_("Category"), self.category)
            form.addRow(_("Municipality"), self.municipality)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(self.document)
        self.zoom = PdfZoom(self.view, self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(_("Save as PDF …"))
        self.print_button = QPushButton(_("Print …"))
        close = QPushButton(_("Close"))
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addLayout(self.zoom.buttons())
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        # A brochure names, per offer, the printed words not in its language (as the CLI does).
        self.words = QLabel()
        self.words.setObjectName("words_not_in_language")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.words)
        layout.addLayout(buttons)

        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.render)
        for combo in (self.language, self.size, self.policy, self.category, self.municipality, self.month):
            combo.currentIndexChanged.connect(self._debounce.start)
        self.bilingual.toggled.connect(self._debounce.start)
        self.link.editingFinished.connect(self._debounce.start)
        self._set_ready(False)
        self.render()

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -- rendering in the background ---------------------------------------------------
    def options(self) -> dict:
        return {
            "language": self.language.currentData(),
            "bilingual": self.bilingual.isChecked(),
            "size": self.size.currentData(),
            "policy": self.policy.currentData() or None,
            "category": self.category.currentData() or None,
            "municipality": self.municipality.currentData() or None,
            "link": self.link.text().strip() or None,
            "month": self.month.currentData(),
        }

    def render(self) -> None:
        if self._token is not None:
            self._token.cancel()
        self._serial += 1
        serial = self._serial
        target = Path(self._folder.name) / f"preview-{serial}.pdf"
        options = self.options()
        db, offer_id, calendar, event_id = self.context.db, self.offer_id, self.calendar, self.event_id
        self.status.setText(_("Rendering …"))
        self._set_ready(False)

        def work(progress, token):
            if calendar:
                since, until = month_period(options["month"])
                return render_event_calendar(
                    db,
                    target,
                    options["language"],
                    since,
                    until,
                    bilingual=options["bilingual"],
                    towns=[options["municipality"]] if options["municipality"] else None,
                    policy=options["policy"],
                    size=options["size"],
                )
            if event_id is not None:
                return render_event_flyer_pdf(
                    db,
                    event_id,
                    target,
                    options["language"],
                    bilingual=options["bilingual"],
                    size=options["size"],
                    policy=options["policy"],
                )
            if offer_id is not None:
                return render_offer_flyer(
                    db,
                    offer_id,
                    target,
                    options["language"],
                    bilingual=options["bilingual"],
                    size=options["size"],
                    policy=options["policy"],
                    link=options["link"],
                )
            result, _left_out = render_region_brochure(
                db,
                target,
                options["language"],
                bilingual=options["bilingual"],
                size=options["size"],
                policy=options["policy"],
                link=options["link"],
                progress=progress,
                token=token,
                categories=[options["category"]] if options["category"] else None,
                municipalities=[options["municipality"]] if options["municipality"] else None,
            )
            return result

        title = (
            _("Rendering the calendar")
            if calendar
            else _("Rendering the flyer")
            if offer_id or event_id is not None
            else _("Rendering the brochure")
        )
        self._token = self.tasks.run(
            title,
            work,
            on_done=lambda result: self._done(serial, result),
            on_error=lambda exc: self._failed(serial, exc),
            on_cancel=lambda: None,
            parent=self if offer_id is None and not calendar and event_id is None else None,
        )

    def _done(self, serial: int, result) -> None:
        if serial != self._serial:
            return  # a newer rendering is on its way
        self._token = None
        self.current = Path(result.path)
        self.last_error = None
        self.document.load(str(self.current))
        pages = self.document.pageCount()
        status = _("{pages} page(s)").format(pages=pages)
        foreign = getattr(result, "foreign", ())  # a flyer says which words are not in its language
        if foreign:
            status += " · " + not_in_language_note(foreign, result.languages[-1], language())
        self.status.setText(status)
        self._show_words(getattr(result, "not_in_language", ()), self.options()["language"])
        self._set_ready(True)

    def _show_words(self, offers, code: str) -> None:
        """One line per brochure offer with words not in the language: "#7 Title – Not in …"."""
        lines = [
            f"#{offer_id} {title} – {not_in_language_note(parts, code, language())}"
            for offer_id, title, parts in offers
        ]
        self.words.setText("\n".join(lines[:12] + ([f"… +{len(lines) - 12}"] if len(lines) > 12 else [])))
        self.words.setToolTip("\n".join(lines) if len(lines) > 12 else "")
        self.words.setVisible(bool(lines))

    def _failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial:
            return
        self._token = None
        message = error_message(exc)
        self.last_error = message
        self.document.close()
        self.current = None
        self.status.setText(message)
        self.words.hide()

    # -- save and print ------------------------------------------------------------------
    def save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / "flyer.pdf"), "PDF (*.pdf)"
        )
        if path:
            self.record_print_run({"out": path}, lambda: self.save_to(Path(path)))

    def save_to(self, path: Path) -> None:
        """Copy the shown PDF to ``path`` atomically (a temporary name beside it, then rename)."""
        if self.current is None:
            return
        handle, temp = partial_file(path)
        os.close(handle)
        try:
            shutil.copyfile(self.current, temp)
            os.replace(temp, path)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            QMessageBox.warning(
                self,
                _("Save"),
                _("The file could not be saved: {exc}. Choose another place.").format(exc=exc),
            )

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_print_run({"printer": printer.printerName()}, lambda: self.print_to(printer))

    def record_print_run(self, details: dict[str, object], then: Callable[[], object]) -> None:
        """A print run in a team database: the publish right is checked and the run recorded
        in the audit log (off the GUI thread) before the file is written or printed."""
        db = self.context.db
        kind = (
            "calendar"
            if self.calendar
            else "flyer"
            if self.offer_id is not None or self.event_id is not None
            else "brochure"
        )
        facts = {**details, "offer": self.offer_id or self.event_id, **self.options()}
        self.tasks.run(
            _("Print run"),
            lambda progress, token: authorize_publish(db, f"publish.{kind}", facts),
            on_done=lambda _result: then(),
            on_error=lambda exc: QMessageBox.warning(self, "Lotse", error_message(exc, language())),
            cancellable=False,
        )

    def print_to(self, printer: QPrinter) -> int:
        """Send every page to the printer as a 300 dpi picture; returns the pages printed."""
        pages = self.document.pageCount()
        if not pages:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for index in range(pages):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72))
                image = self.document.render(index, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    target.x(),
                    target.y(),
                    image.scaled(
                        scaled, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    ),
                )
        finally:
            painter.end()
        return pages

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._token is not None:
            self._token.cancel()
        self.document.close()
        super().closeEvent(event)
