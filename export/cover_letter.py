"""The short German letter that goes with an update-round sheet, as a PDF through the flyers'
fpdf machinery (``ShapedPDF``: bundled fonts, shaping, so any organization's name prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .flyers.fonts import families_for
from .flyers.pdf import ShapedPDF
from .safe_input import atomic_write


@dataclass
class Letter:
    region: str  # who asks: "Kommunales Integrationszentrum Städteregion Aachen"
    organization: str
    offers: list[str]  # the titles in the sheet
    sheet_name: str
    date: str  # "6. Dezember 2026"
    reply_by: str  # "31. Januar 2027"
    contact: str = ""  # an e-mail or phone for questions


def letter_text(letter: Letter) -> list[str]:
    offers = "\n".join(f"– {title}" for title in letter.offers[:25])
    more = f"\n… und {len(letter.offers) - 25} weitere" if len(letter.offers) > 25 else ""
    return [
        f"An: {letter.organization}",
        f"{letter.region}, {letter.date}",
        "Bitte prüfen Sie Ihre Angebote",
        "Sehr geehrte Damen und Herren,",
        f"in unserer Integreat-App und in unseren Broschüren stehen {len(letter.offers)} Angebote Ihrer "
        "Einrichtung. Damit Ratsuchende nicht vor verschlossenen Türen stehen, bitten "
        "wir Sie einmal im Jahr, "
        "die Angaben zu prüfen:",
        offers + more,
        f"In der beiliegenden Tabelle „{letter.sheet_name}“ steht jedes Angebot in "
        "einer Zeile. Bitte wählen Sie "
        "in der Spalte „Stimmt das?“ für jede Zeile „stimmt so“, „geändert“ (und "
        "tragen Sie die neuen Angaben "
        "in die Zeile ein) oder „entfällt“, wenn es das Angebot nicht mehr gibt.",
        f"Bitte senden Sie die Tabelle bis zum {letter.reply_by} an uns zurück."
        + (f" Bei Fragen erreichen Sie uns unter {letter.contact}." if letter.contact else ""),
        "Vielen Dank für Ihre Mithilfe!",
        "Mit freundlichen Grüßen",
        letter.region,
    ]


def write_letter(letter: Letter, path: Path) -> Path:
    paragraphs = letter_text(letter)
    pdf = ShapedPDF(
        "a4",
        title=f"Bitte prüfen Sie Ihre Angebote – {letter.organization}",
        language="de",
        families=families_for(" ".join(paragraphs), ["de"]),
    )
    pdf.add_page()
    left, width = 25.0, 160.0
    pdf.set_xy(left, 25)
    for index, text in enumerate(paragraphs):
        bold = index == 2
        pdf.use("de", size=14 if bold else 11, bold=bold)
        pdf.set_x(left)
        pdf.multi_cell(width, 6 if not bold else 8, text, align="L")
        pdf.ln(4 if index not in (0,) else 1)
    return atomic_write(Path(path), bytes(pdf.output()))
