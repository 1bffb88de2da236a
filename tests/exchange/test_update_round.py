"""The yearly update round end to end: request → a sheet edited by a script (one phone number
changed, one offer marked "entfällt", one untouched) → the preview shows exactly those
changes → applied as revisions → "bestätigt" dates set → the stale filter shows the rest."""

from __future__ import annotations

from datetime import date

import openpyxl
from pypdf import PdfReader
from sqlmodel import select

from desktop.cli import main
from desktop.confirmations import unconfirmed_offers
from desktop.exchange.provider_round import apply_round_reply, preview_round_reply, request_round
from desktop.offer_search import OfferFilter
from desktop.offers import create_offer, get_offer, list_offers, offer_history
from models.revision_notes import render_note
from models.tables import OfferConfirmation, Organization
from tests.support.factory import GERMAN, make_region, offer_facts

TODAY = date(2026, 12, 6)


def _region(db):
    ids = make_region(db)
    with db.transaction() as session:
        caritas = Organization(region_id=1, slug="caritas", name="Caritas Aachen")
        awo = Organization(region_id=1, slug="awo", name="AWO Aachen")
        session.add_all([caritas, awo])
        session.flush()
        org_ids = caritas.id, awo.id
    offers = {}
    for title, org, phone in (
        ("Sprachcafé", org_ids[0], "0241 555100"),
        ("Migrationsberatung", org_ids[0], "0241 555200"),
        ("Nähstube", org_ids[0], "0241 555300"),
        ("Jugendtreff", org_ids[1], "0241 555400"),
    ):
        facts = offer_facts(ids, organization_id=org, contacts=[{"name": "Frau A", "phone": phone}])
        facts["opening_hours"] = [
            {
                "closed": d != 0,
                "all_day": False,
                "appointment_only": False,
                "slots": [["09:00", "12:00"]] if d == 0 else [],
            }
            for d in range(7)
        ]
        offers[title] = create_offer(db, facts, {"de": {**GERMAN, "title": title}}, author="tester").id
    return offers


def _edit(sheet_path, edits):
    """What the provider does in Excel: the script fills cells by heading and offer number."""
    book = openpyxl.load_workbook(sheet_path)
    ws = book["Angebote"]
    headings = {c.value: c.column for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        number = row[0].value
        for heading, value in edits.get(number, {}).items():
            ws.cell(row=row[0].row, column=headings[heading], value=value)
    book.save(sheet_path)


def test_the_update_round_end_to_end(db, tmp_path):
    offers = _region(db)
    out = tmp_path / "runde"
    request = request_round(db, out, today=TODAY, contact="ki@aachen.example")
    assert [p.name for p in request.sheets] == ["awo-aachen.xlsx", "caritas-aachen.xlsx"]
    assert request.offers == 4
    letter = "".join(page.extract_text() for page in PdfReader(out / "caritas-aachen-anschreiben.pdf").pages)
    assert "Bitte prüfen Sie Ihre Angebote" in letter and "caritas-aachen.xlsx" in letter
    assert "6. Dezember 2026" in letter and "Nähstube" in letter
    sheet_path = out / "caritas-aachen.xlsx"
    ws = openpyxl.load_workbook(sheet_path)["Angebote"]
    assert ws.protection.sheet and ws["A2"].protection.locked and not ws["B2"].protection.locked
    assert ws["A1"].value == "Nr." and ws["G1"].value == "Telefon" and ws["L1"].value == "Stimmt das?"
    assert ws["J2"].value == "Mo 09:00-12:00" and ws["A1"].comment is not None
    assert ws.data_validations.dataValidation[0].formula1 == '"stimmt so,geändert,entfällt"'

    _edit(
        sheet_path,
        {
            offers["Sprachcafé"]: {"Telefon": "0241 999999", "Stimmt das?": "geändert"},
            offers["Migrationsberatung"]: {"Stimmt das?": "entfällt", "Anmerkung": "Kurs endet im Sommer"},
            offers["Nähstube"]: {"Stimmt das?": "stimmt so"},
        },
    )
    reply = preview_round_reply(db, sheet_path)
    by_id = {item.offer_id: item for item in reply.offers}
    cafe = by_id[offers["Sprachcafé"]]
    assert [(c.label, c.old, c.new) for c in cafe.changes] == [("Telefon", "0241 555100", "+49 241 999999")]
    assert by_id[offers["Migrationsberatung"]].answer == "entfällt"
    assert by_id[offers["Migrationsberatung"]].remark == "Kurs endet im Sommer"
    assert by_id[offers["Nähstube"]].answer == "stimmt so" and by_id[offers["Nähstube"]].changes == []
    assert not reply.problems and all(not i.problems for i in reply.offers)

    before = offer_history(db, offers["Sprachcafé"])
    confirmed = apply_round_reply(db, reply, author="ki", today=TODAY)
    assert sorted(confirmed) == sorted(
        [offers["Sprachcafé"], offers["Migrationsberatung"], offers["Nähstube"]]
    )
    assert get_offer(db, offers["Sprachcafé"]).facts["contacts"][0]["phone"] == "+49 241 999999"
    assert get_offer(db, offers["Migrationsberatung"]).facts["state"] == "archived"
    history = offer_history(db, offers["Sprachcafé"])
    assert len(history) == len(before) + 1
    assert render_note(history[0].note, "de").startswith("Vom Träger bestätigt am 06.12.2026")
    assert "contacts" in [c.field for c in history[0].changes]
    with db.session() as session:
        dates = {c.offer_id: (c.confirmed_on, c.answer) for c in session.exec(select(OfferConfirmation))}
    assert dates[offers["Nähstube"]] == (TODAY, "ok") and dates[offers["Sprachcafé"]] == (TODAY, "changed")

    # the rest: the AWO's offer (never confirmed); the archived one is not listed
    stale = unconfirmed_offers(db, months=12, today=TODAY)
    assert [(r.offer_id, r.confirmed_on) for r in stale] == [(offers["Jugendtreff"], None)]
    # the list's filter "nicht bestätigt seit 12 Monaten" shows the same
    wanted = OfferFilter(unconfirmed_months=12, today=TODAY)
    assert [row.id for row in list_offers(db) if wanted.accepts(row, None)] == [offers["Jugendtreff"]]
    assert {row.id: row.confirmed_on for row in list_offers(db)}[offers["Nähstube"]] == TODAY
    # a year and a day later the confirmed ones are due again
    later = unconfirmed_offers(db, months=12, today=date(2027, 12, 7))
    assert {r.offer_id for r in later} == {offers["Sprachcafé"], offers["Nähstube"], offers["Jugendtreff"]}


def test_the_round_from_the_command_line(sqlite_db, tmp_path, capsys):
    offers = _region(sqlite_db)
    url = str(sqlite_db.url)
    assert main(["providers", "request", "--db", url, "--out", str(tmp_path / "r")]) == 0
    assert "2 Träger, 4 Angebote angefragt." in capsys.readouterr().out
    sheet = tmp_path / "r" / "awo-aachen.xlsx"
    assert main(["providers", "import", "--db", url, str(sheet)]) == 1  # untouched: confirms nothing
    capsys.readouterr()
    _edit(sheet, {offers["Jugendtreff"]: {"Öffnungszeiten": "Mo, Mi 9-12 Uhr", "E-Mail": "kaputt@"}})
    assert main(["providers", "import", "--db", url, str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "Öffnungszeiten: „Mo 09:00-12:00“ → „Mo 09:00-12:00; Mi 09:00-12:00“" in out
    assert "! E-Mail: „kaputt@“ ist keine gültige E-Mail-Adresse" in out and "Vorschau" in out
    problem = preview_round_reply(sqlite_db, sheet).offers[0].problems[0]
    assert problem.render("en") == "E-Mail: “kaputt@” is not a valid e-mail address; stays “”."
    assert main(["providers", "import", "--db", url, str(sheet), "--yes"]) == 0
    assert "1 Angebote bestätigt vom Träger" in capsys.readouterr().out
    assert main(["providers", "stale", "--db", url]) == 0
    assert "3 Angebote nicht bestätigt seit 12 Monaten." in capsys.readouterr().out


def test_the_round_reports_in_the_interface_language(sqlite_db, tmp_path, capsys, monkeypatch):
    """The same commands in English: every word of their reports through the catalogue."""
    offers = _region(sqlite_db)
    url = str(sqlite_db.url)
    monkeypatch.setenv("LOTSE_LANG", "en")
    assert main(["providers", "request", "--db", url, "--out", str(tmp_path / "r")]) == 0
    assert "2 organizations, 4 offers asked about." in capsys.readouterr().out
    sheet = tmp_path / "r" / "awo-aachen.xlsx"
    assert main(["providers", "import", "--db", url, str(sheet)]) == 1
    assert "The reply confirms nothing." in capsys.readouterr().err
    _edit(sheet, {offers["Jugendtreff"]: {"Stimmt das?": "stimmt so", "Anmerkung": "neue Leitung"}})
    assert main(["providers", "import", "--db", url, str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "Remark: neue Leitung" in out and "Preview: nothing saved. Use --yes to save." in out
    assert "Vorschau" not in out and "Anmerkung:" not in out
    assert main(["providers", "import", "--db", url, str(sheet), "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"1 offers confirmed by the provider on {date.today():%b} {date.today().day}, " in out
    assert main(["providers", "stale", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "3 offers not confirmed for 12 months." in out and "\tnever\t" in out
    assert main(["providers", "hold", "--db", url, "--months", "6"]) == 0
    assert "Offers not confirmed for 6 months are not published." in capsys.readouterr().out
    monkeypatch.setenv("LOTSE_LANG", "de")
    assert main(["providers", "stale", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "\tnie\t" in out and "3 Angebote nicht bestätigt seit 12 Monaten." in out
    assert main(["providers", "hold", "--db", url, "--off"]) == 0
    assert "Keine Zurückhaltung" in capsys.readouterr().out


def test_the_region_can_hold_back_offers_nobody_confirmed(sqlite_db, tmp_path):
    from desktop.publish import preview_publication

    offers = _region(sqlite_db)
    request_round(sqlite_db, tmp_path / "r", today=TODAY)
    _edit(tmp_path / "r" / "awo-aachen.xlsx", {offers["Jugendtreff"]: {"Stimmt das?": "stimmt so"}})
    apply_round_reply(
        sqlite_db,
        preview_round_reply(sqlite_db, tmp_path / "r" / "awo-aachen.xlsx"),
        author="ki",
        today=TODAY,
    )

    def held(today):
        plan = preview_publication(sqlite_db, today=today).plan
        return {o.offer_id for o in plan.omissions if o.reason == "unconfirmed"}

    assert held(TODAY) == set()  # no rule: everything goes out as before
    assert main(["providers", "hold", "--db", str(sqlite_db.url), "--months", "12"]) == 0
    assert held(TODAY) == {offers["Sprachcafé"], offers["Migrationsberatung"], offers["Nähstube"]}
    assert held(date(2027, 12, 7)) == set(offers.values())
    plan = preview_publication(sqlite_db, today=TODAY).plan
    reason = next(o for o in plan.omissions if o.reason == "unconfirmed")
    assert "vom Träger nicht bestätigt seit" in reason.message("de")
    assert "not confirmed by the provider" in reason.message("en")
    assert main(["providers", "hold", "--db", str(sqlite_db.url), "--off"]) == 0
    assert held(TODAY) == set()


def test_the_round_in_the_window(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from desktop.context import AppContext
    from desktop.db import open_database
    from ui.exchange.round_dialog import RoundReplyDialog, start_round_reply, start_round_request
    from ui.main_window import MainWindow

    db = open_database(str(tmp_path / "lotse.sqlite"), create=True)
    offers = _region(db)
    window = MainWindow(AppContext(db=db, user="ki"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.list_loaded, timeout=20000)
    start_round_request(window, str(tmp_path / "r"))
    qtbot.waitUntil(lambda: (tmp_path / "r" / "caritas-aachen-anschreiben.pdf").exists(), timeout=30000)
    sheet = tmp_path / "r" / "caritas-aachen.xlsx"
    _edit(
        sheet,
        {
            offers["Sprachcafé"]: {"Telefon": "0241 999999", "Stimmt das?": "geändert"},
            offers["Nähstube"]: {"Stimmt das?": "stimmt so"},
        },
    )
    start_round_reply(window, str(sheet))
    qtbot.waitUntil(
        lambda: isinstance(window.features.dialog("exchange", "dialog"), RoundReplyDialog), timeout=30000
    )
    dialog = window.features.dialog("exchange", "dialog")
    cafe = dialog.items[offers["Sprachcafé"]]
    assert (cafe.child(0).text(0), cafe.child(0).text(2)) == ("Telefon", "+49 241 999999")
    dialog.items[offers["Nähstube"]].setCheckState(0, Qt.CheckState.Unchecked)  # not taken over
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.confirmed is not None, timeout=30000)
    assert dialog.confirmed == [offers["Sprachcafé"]]
    assert get_offer(db, offers["Sprachcafé"]).facts["contacts"][0]["phone"] == "+49 241 999999"
    window.close()
    db.dispose()
