"""The events calendar PDF and the event flyer on the demo region, read back with poppler:
every occurrence of December 2026 on its day as the app package has it (the cancelled
Sprachcafé of the 29th absent, the one moved from the 22nd on the 21st), German addresses in
their order inside Arabic lines, Tigrinya without a missing glyph, the flyer's series in words
and its QR code leading to the event in the app."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, datetime

import pytest

from desktop.cli import main
from desktop.event_print import render_event_calendar, render_event_flyer_pdf
from desktop.flyers import FlyerError
from desktop.publish import publish_package
from export.flyers.calendar_words import day_heading
from tests.flyers.support import decode_qr, fonts, normalise, pdftotext, words

REGION = "staedteregion-aachen"
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def _columns_text(path, pages: int, rtl: bool = False) -> str:
    """The text of each page's two columns in reading order (the start-edge column first)."""
    width_pt, height_pt = 595, 842
    parts = []
    for page in range(1, pages + 1):
        halves = [(0, width_pt // 2), (width_pt // 2, width_pt - width_pt // 2)]
        for x, w in reversed(halves) if rtl else halves:
            out = subprocess.run(
                [
                    "pdftotext",
                    "-enc",
                    "UTF-8",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-x",
                    str(x),
                    "-y",
                    "0",
                    "-W",
                    str(w),
                    "-H",
                    str(height_pt),
                    str(path),
                    "-",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            parts.append(out)
    return normalise("\n".join(parts))


def _package_dates(db, tmp_path, code: str) -> list[tuple[date, str]]:
    """(day, "15:00–17:00 Sprachcafé") of every occurrence the app package has for December."""
    publish_package(db, tmp_path / "pkg", today=DECEMBER[0], local_preview=True)
    items = json.loads((tmp_path / "pkg" / f"api/v3/{REGION}/{code}/events/index.json").read_text())
    out = []
    for item in items:
        start = datetime.fromisoformat(item["event"]["start"])
        end = datetime.fromisoformat(item["event"]["end"])
        if start.date() <= DECEMBER[1]:
            out.append((max(start.date(), DECEMBER[0]), f"{start:%H:%M}–{end:%H:%M} {item['title']}"))
    return sorted(out)


def _by_day(text: str, code: str) -> dict[date, str]:
    """The text under each day's heading, whitespace made single spaces."""
    headings = {day_heading(code, date(2026, 12, d)): date(2026, 12, d) for d in range(1, 32)}
    pattern = "|".join(re.escape(h) for h in headings)
    flat = re.sub(r"\s+", " ", text)
    pieces = re.split(f"({pattern})", flat)
    out: dict[date, str] = {}
    for heading, block in zip(pieces[1::2], pieces[2::2], strict=True):
        out[headings[heading]] = out.get(headings[heading], "") + block
    return out


def test_every_occurrence_of_the_month_stands_on_its_day(demo_db, tmp_path, capsys):
    out = tmp_path / "dezember.pdf"
    argv = ["events", "pdf", "--db", str(demo_db.sqlite_path), "--lang", "de", "--month", "2026-12"]
    assert main([*argv, "--out", str(out)]) == 0
    assert "2 Seite(n), de" in capsys.readouterr().out
    expected = _package_dates(demo_db, tmp_path, "de")
    days = _by_day(_columns_text(out, 2), "de")
    for day, line in expected:
        assert line in days.get(day, ""), (day, line)
    found = sum(len(re.findall(r"\d\d:\d\d–\d\d:\d\d ", block)) for block in days.values())
    assert found == len(expected) > 25
    assert "15:00–17:00 Sprachcafé" not in days.get(date(2026, 12, 29), "")  # cancelled
    assert "15:00–17:00 Sprachcafé" not in days.get(date(2026, 12, 22), "")  # moved ...
    monday = days[date(2026, 12, 21)]  # ... to the Monday before
    assert "15:00–17:00 Sprachcafé" in monday and "verlegt vom 22. Dezember" in monday
    assert "jeden Dienstag" in monday and "Stolberger Straße 30, 52068 Aachen" in monday
    text = pdftotext(out)
    assert "Veranstaltungen" in text and "Dezember 2026" in text


def test_arabic_calendar_keeps_german_addresses_in_order_and_every_date(demo_db, tmp_path):
    result = render_event_calendar(demo_db, tmp_path / "ar.pdf", "ar", *DECEMBER)
    assert result.unprintable == frozenset() and result.missing_words == ()
    expected = _package_dates(demo_db, tmp_path, "ar")
    text = _columns_text(result.path, result.pages, rtl=True)
    # One time range per occurrence (the date headings' words come out in visual order).
    assert len(re.findall(r"\d\d:\d\d–\d\d:\d\d", text)) == len(expected) > 25
    for title in {line.split(" ", 1)[1] for _day, line in expected}:
        assert title.split()[-1][::-1] in text or title.split()[-1] in text, title
    # Lines with "Kapitelstraße 3, 52062 Aachen": left to right as written, inside Arabic text.
    ws = words(result.path)
    lines = 0
    for street in (w for w in ws if w.text == "Kapitelstraße"):
        half = street.x_min > 595 / 2  # the same column, the same line (digits sit a little higher)
        line = sorted(
            (
                w
                for w in ws
                if w.page == street.page
                and (w.x_min > 595 / 2) == half
                and abs((w.y_min + w.y_max) - (street.y_min + street.y_max)) < 3
            ),
            key=lambda w: w.x_min,
        )
        texts = [w.text for w in line]
        assert texts[: texts.index("Aachen") + 1][-4:] == ["Kapitelstraße", "3,", "52062", "Aachen"], texts
        lines += 1
    assert lines >= 2
    # The day headings stand at the right edge of their column (right to left).
    heading = next(w for w in ws if sorted(w.text) == sorted("الثلاثاء،"))  # (visual order)
    assert heading.x_max > 595 * 0.8


def test_tigrinya_calendar_and_flyer_print_every_character(demo_db, tmp_path):
    calendar = render_event_calendar(demo_db, tmp_path / "ti.pdf", "ti", *DECEMBER, policy="machine")
    flyer_id = _sprachcafe(demo_db)
    flyer = render_event_flyer_pdf(
        demo_db, flyer_id, tmp_path / "ti-flyer.pdf", "ti", policy="machine", today=DECEMBER[0]
    )
    for path, result in ((calendar.path, calendar), (flyer.path, flyer)):
        assert result.unprintable == frozenset()
        assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts(path))
        text = pdftotext(path)
        assert "ቋንቋ ካፈ" in text and "ታሕሳስ" in text
        assert not re.search(
            r"[A-Za-z]{4,}",
            re.sub(
                r"https?://\S+|Integreat|Straße|Aachen|StädteRegion|"
                r"Stolberger|Caritasverband.*",
                "",
                text,
            ),
        ), text
    days = _by_day(_columns_text(calendar.path, calendar.pages), "ti")
    assert sorted(days) == [date(2026, 12, d) for d in (1, 8, 15, 21)]  # the 22nd moved, the 29th cancelled


def _sprachcafe(db) -> int:
    from sqlmodel import select

    from models.tables import ContentKind, Offer, OfferText

    with db.transaction() as session:
        return session.exec(
            select(Offer.id)
            .join(OfferText, OfferText.offer_id == Offer.id)
            .where(Offer.kind == ContentKind.EVENT.value, OfferText.title == "Sprachcafé")
        ).one()


def test_the_event_flyer_says_when_and_leads_to_the_event_in_the_app(demo_db, tmp_path):
    event = _sprachcafe(demo_db)
    de = render_event_flyer_pdf(demo_db, event, tmp_path / "de.pdf", "de", today=DECEMBER[0])
    text = pdftotext(de.path)
    assert de.pages == 1 and "jeden Dienstag, 15:00–17:00" in text and "außer 29. Dezember" in text
    assert "Montag, 21. Dezember 2026, 15:00–17:00, verlegt vom 22. Dezember" in re.sub(r"\s+", " ", text)
    assert "Stolberger Straße 30" in text and "Veranstaltung" in text
    codes = decode_qr(de.path, tmp_path)
    assert [c for c, _x in codes] == [f"https://integreat.app/{REGION}/de/events/sprachcafe/"]
    ar = render_event_flyer_pdf(demo_db, event, tmp_path / "ar.pdf", "ar", bilingual=True, today=DECEMBER[0])
    text = pdftotext(ar.path)
    assert ar.languages == ("de", "ar") and "مقهى اللغة" in text and "كل الثلاثاء" in text
    assert "ما عدا" in text and "29" in text
    ((link, _x),) = decode_qr(ar.path, tmp_path)
    assert link.startswith(f"https://integreat.app/{REGION}/ar/events/%D9%85")
    with pytest.raises(FlyerError) as refused:  # the Ukrainian text is not there
        render_event_flyer_pdf(demo_db, event, tmp_path / "uk.pdf", "uk", today=DECEMBER[0])
    assert "nicht veröffentlicht" in refused.value.message("de")


def test_the_publish_menus_calendar_preview_renders_a_month(qtbot, demo_db, tmp_path):
    from desktop.context import AppContext
    from ui.flyers.preview_dialog import PreviewDialog
    from ui.task_runner import TaskRunner

    runner = TaskRunner()
    dialog = PreviewDialog(AppContext(db=demo_db, user="tester"), runner, offer_id=None, calendar=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Veranstaltungskalender" and not dialog.link.isVisibleTo(dialog)
    dialog.month.setCurrentIndex(dialog.month.findData("2026-12"))
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    qtbot.waitUntil(
        lambda: (
            dialog.current is not None
            and "ar.pdf" not in str(dialog.current)
            and dialog.last_error is None
            and dialog.document.pageCount() >= 1
            and "مقهى اللغة" in pdftotext(dialog.current)
        ),
        timeout=90000,
    )
    dialog.save_to(tmp_path / "kalender.pdf")
    text = pdftotext(tmp_path / "kalender.pdf")
    assert "الفعاليات" in text and "ديسمبر" in text
    runner.wait(30000)


def test_the_calendar_keeps_the_chosen_town_and_category(demo_db, tmp_path, capsys):
    db = str(demo_db.sqlite_path)
    argv = ["publish", "calendar", "--db", db, "--lang", "de", "--from", "2026-12-01", "--to", "2026-12-31"]
    assert main([*argv, "--town", "Stolberg (Rhld.)", "--out", str(tmp_path / "stolberg.pdf")]) == 0
    text = re.sub(r"\s+", " ", pdftotext(tmp_path / "stolberg.pdf"))
    assert "Fahrradwerkstatt" in text and "Sprachcafé" not in text and "Stolberg (Rhld.)" in text
    # by the category of the event's place (the Sprachcafé is at a place of "Sprache")
    with demo_db.transaction() as session:
        from models.tables import Category, Offer

        place = session.get(Offer, session.get(Offer, _sprachcafe(demo_db)).place_id)
        category = session.get(Category, place.category_id)
        slug = category.slug
    assert main([*argv, "--category", slug, "--out", str(tmp_path / "cat.pdf")]) == 0
    text = re.sub(r"\s+", " ", pdftotext(tmp_path / "cat.pdf"))
    assert "15:00–17:00 Sprachcafé" in text and "Hausaufgabenhilfe" not in text
    capsys.readouterr()
    assert main([*argv, "--category", "gibt-es-nicht", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "gibt-es-nicht" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_the_event_flyer_preview_shows_the_open_event(qtbot, demo_db, tmp_path):
    from desktop.context import AppContext
    from desktop.event_print import events_among
    from ui.flyers.preview_dialog import PreviewDialog
    from ui.task_runner import TaskRunner

    event = _sprachcafe(demo_db)
    assert events_among(demo_db, [1, event, 2]) == [event]  # offers are not events
    runner = TaskRunner()
    dialog = PreviewDialog(AppContext(db=demo_db, user="tester"), runner, offer_id=None, event_id=event)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Veranstaltungsflyer" and not dialog.link.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.current is not None and dialog.document.pageCount() == 1, timeout=90000)
    dialog.save_to(tmp_path / "flyer.pdf")
    text = re.sub(r"\s+", " ", pdftotext(tmp_path / "flyer.pdf"))
    assert "Sprachcafé" in text and "jeden Dienstag" in text
    runner.wait(30000)
