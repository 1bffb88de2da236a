"""A provider's list as it really comes: German Excel CSV (Windows-1252, ``;``, CRLF, a quoted
multi-line cell), German headings, target groups and languages as people write them, opening
hours in office German, one row with a broken e-mail and no postcode, a duplicate, markup."""

from __future__ import annotations

from sqlmodel import select

from desktop.cli import main
from desktop.exchange.offer_import import apply_offer_import, edit_cell, preview_offer_import
from desktop.offer_todos import open_todos
from desktop.offers import count_offers, get_offer, list_offers
from models.hours import week_from_json
from models.hours_text import format_hours_text
from models.stored_text import text_from_json
from models.tables import ImportMemory, OfferTodo
from tests.support.factory import make_region

HEADINGS = "Angebot;Träger;Straße;PLZ;Ort;Telefon;E-Mail;Öffnungszeiten;Sprachen;Zielgruppe;Beschreibung"
ROWS = [
    "Sprachcafé für Frauen;Caritas Aachen;Jakobstraße 12;52064;Aachen;0241 555123;cafe@caritas.example;"
    '"Mo, Mi 9-12 Uhr; Do 14-17 Uhr";Deutsch, Arabisch, Englisch;Frauen;"Jeden Dienstag „offen“.\r\n\r\n'
    'Kinderbetreuung vor Ort."',
    "Jugendtreff International;AWO Aachen;Markt 5;52062;Aachen;0241/555124;treff@awo.example;"
    "Di 15:00-17:00;Farsi, Dari;12 bis 27 Jahre;Treffpunkt für junge Leute.",
    "Migrationsberatung für Erwachsene;AWO Aachen;Kirchweg 2;;Aachen;0241 555125;beratung@awo;"
    "Mo-Fr 10-13;Kurdisch (Kurmancî), Türkisch;Zugewanderte ab 27 Jahren;Beratung zu Aufenthalt und Arbeit.",
    "Frauentreff <script>alert(1)</script>;Caritas Aachen;Jakobstraße 14;52064;Aachen;0241 555126;"
    "treff@caritas.example;Fr 10.00-12.00 Uhr;Ukrainisch, Klingonisch;Geflüchtete;"
    "<p>Offen <b>für</b> Frauen.</p><style>p{color:red}</style>",
    "Sprachcafe für Frauen;Caritas Aachen;Jakobstr. 12;52064;Aachen;0241 555123;cafe@caritas.example;"
    "Mo, Mi 9-12 Uhr;Deutsch;Frauen;Das gleiche Café.",
    "Offene Sprechstunde;Diakonie Aachen;Markt 1;52062;Aachen;+49 241 555127;sprechstunde@diakonie.example;"
    '"nach Vereinbarung; geschlossen in den Ferien";Russisch;alle;Ohne Termin? Bitte anrufen.',
]


def write_excel_csv(path):
    text = "\r\n".join([HEADINGS, *ROWS]) + "\r\n"
    path.write_bytes(text.encode("windows-1252"))
    return path


def _offers_by_title(db):
    return {row.title: get_offer(db, row.id) for row in list_offers(db)}


def test_a_german_excel_csv_imports_every_good_row_and_names_every_problem(db, tmp_path):
    make_region(db)
    path = write_excel_csv(tmp_path / "caritas.csv")
    preview = preview_offer_import(db, path)
    assert preview.encoding == "cp1252"
    assert [preview.headers[i] for i in sorted(preview.mapping)] == HEADINGS.split(";")
    # the multi-line cell is one row: rows 2 to 7, numbered as the spreadsheet shows them
    assert [r.number for r in preview.rows] == [2, 3, 4, 5, 6, 7]
    by_number = {r.number: r for r in preview.rows}
    assert by_number[6].duplicate_of == ("row", 2, by_number[6].duplicate_of[2])
    assert by_number[6].action == "skip"
    report = "\n".join(preview.report("de"))
    assert (
        "Zeile 4, Spalte „E-Mail“ („beratung@awo“): „beratung@awo“ ist keine gültige E-Mail-Adresse."
        in report
    )
    assert "Zeile 4, Spalte „PLZ“: Die Postleitzahl fehlt." in report
    assert "Zeile 5, Spalte „Angebot“ („Frauentreff <script>alert(1)</script>“): Markup entfernt" in report
    assert "Zeile 5, Spalte „Beschreibung“" in report and "<style>p{color:red}</style>" in report
    assert "Zeile 5, Spalte „Sprachen“ („Klingonisch“): Sprache „Klingonisch“ nicht erkannt." in report
    assert "Zeile 6: Doppelt: wie Zeile 2" in report
    assert "Zeile 7, Spalte „Öffnungszeiten“ („geschlossen in den Ferien“)" in report
    assert "Row 4, column “E-Mail” (“beratung@awo”)" in "\n".join(preview.report("en"))
    assert count_offers(db) == 0

    result = apply_offer_import(db, preview, author="tester")
    # Stated choice: the row with the broken e-mail comes in as a draft, the e-mail empty, the reason
    # attached.
    assert len(result.created) == 5 and result.skipped == [6] and result.organizations == 3
    offers = _offers_by_title(db)
    assert set(offers) == {
        "Sprachcafé für Frauen",
        "Jugendtreff International",
        "Migrationsberatung für Erwachsene",
        "Frauentreff",
        "Offene Sprechstunde",
    }
    cafe = offers["Sprachcafé für Frauen"]
    assert cafe.facts["languages_spoken"] == ["de", "ar", "en"]
    assert cafe.facts["target_groups"] == ["women"]
    assert format_hours_text(week_from_json(cafe.facts["opening_hours"])) == (
        "Mo 09:00-12:00; Mi 09:00-12:00; Do 14:00-17:00"
    )
    assert cafe.facts["contacts"][0]["phone"] == "+49 241 555123"
    assert cafe.texts["de"].content == "<p>Jeden Dienstag „offen“.</p><p>Kinderbetreuung vor Ort.</p>"
    youth = offers["Jugendtreff International"]
    assert youth.facts["languages_spoken"] == ["fa", "prs"]
    assert (youth.facts["target_groups"], youth.facts["age_min"], youth.facts["age_max"]) == (
        ["youth"],
        12,
        27,
    )
    assert format_hours_text(week_from_json(youth.facts["opening_hours"])) == "Di 15:00-17:00"
    advice = offers["Migrationsberatung für Erwachsene"]
    assert advice.facts["state"] == "draft" and advice.facts["postcode"] is None
    assert advice.facts["contacts"][0]["email"] is None
    assert advice.facts["languages_spoken"] == ["kmr", "tr"]
    assert (advice.facts["target_groups"], advice.facts["age_min"]) == (["all_newcomers"], 27)
    assert format_hours_text(week_from_json(advice.facts["opening_hours"])).startswith("Mo 10:00-13:00; Di")
    with db.session() as session:
        todos = session.exec(select(OfferTodo).where(OfferTodo.offer_id == advice.id)).all()
    assert {t.field for t in todos} == {"email", "postcode"}
    assert any("beratung@awo" in text_from_json(t.message).render("de") for t in todos)
    # Stored as a message, not as words: the editor shows it in the interface language of the moment.
    shown = {t.field: t for t in open_todos(db, advice.id)}
    email = shown["email"]
    assert "beratung@awo" in email.message("de") and "beratung@awo" in email.message("en")
    assert "ist keine gültige E-Mail-Adresse" in email.message("de")
    assert "is not a valid e-mail address" in email.message("en")
    assert "Ask the provider" in email.message("en") and "beim Träger nachfragen" in email.message("de")
    assert all("joined" in t.message for t in todos)  # a message with its parts, no German words kept
    women = offers["Frauentreff"]
    assert "alert" not in women.texts["de"].title and "script" not in get_offer(db, women.id).slug
    assert women.texts["de"].content == "<p>Offen <b>für</b> Frauen.</p>"
    assert women.facts["languages_spoken"] == ["uk"]
    assert "Klingonisch" in women.facts["internal_notes"]
    assert format_hours_text(week_from_json(women.facts["opening_hours"])) == "Fr 10:00-12:00"
    desk = offers["Offene Sprechstunde"]
    assert desk.facts["target_groups"] == []
    assert all(day["appointment_only"] and not day["slots"] for day in desk.facts["opening_hours"])
    assert "geschlossen in den Ferien" in desk.facts["internal_notes"]
    for offer in offers.values():
        for value in (offer.texts["de"].title, offer.texts["de"].content, offer.facts["internal_notes"]):
            assert "<script" not in value and "alert(1)" not in value and "color:red" not in value


def test_rows_with_a_bad_value_can_be_left_out_and_the_command_line_exits_0(sqlite_db, tmp_path, capsys):
    make_region(sqlite_db)
    path = write_excel_csv(tmp_path / "caritas.csv")
    url = str(sqlite_db.url)
    assert main(["import", "csv", "--db", url, str(path)]) == 0  # the preview
    out = capsys.readouterr().out
    assert "Kodierung: cp1252" in out and "Vorschau: nichts gespeichert" in out
    assert count_offers(sqlite_db) == 0
    assert main(["import", "csv", "--db", url, str(path), "--skip-faulty", "--yes"]) == 0
    assert "4 Angebote als Entwurf angelegt" in capsys.readouterr().out
    assert count_offers(sqlite_db) == 4
    # again: every row is now a duplicate of an offer, nothing importable: 1 with the reason
    assert main(["import", "csv", "--db", url, str(path), "--skip-faulty", "--yes"]) == 1
    assert "Keine Zeile lässt sich übernehmen" in capsys.readouterr().err


def test_the_mapping_is_adjusted_one_column_at_a_time_and_kept_for_the_provider(sqlite_db, tmp_path, capsys):
    make_region(sqlite_db)
    path = tmp_path / "awo.csv"
    path.write_text(
        "Liste der AWO Aachen, Stand März\n\nKursname;Träger;Infos;Bemerkung\nNähkurs;AWO "
        "Aachen;Gemeinsam nähen.;intern\n",
        encoding="utf-8",
    )
    url = str(sqlite_db.url)
    preview = preview_offer_import(sqlite_db, path, changes={"Kursname": "title"})
    assert preview.header_row == 3 and [r.number for r in preview.rows] == [4]
    assert preview.mapping == {0: "title", 1: "organization", 3: "internal_notes"}
    # "Infos" added from the command line; once imported, the provider's next file needs no --map
    argv = ["import", "csv", "--db", url, str(path), "--map", "Kursname=title", "--map", "Infos=summary"]
    assert main(argv) == 0
    assert "Kursname → Titel, Träger → Träger, Infos → Kurzbeschreibung" in capsys.readouterr().out
    assert main([*argv, "--yes"]) == 0
    with sqlite_db.session() as session:
        kept = {m.source: m.target for m in session.exec(select(ImportMemory))}
    assert kept["Kursname"] == "title" and kept["Infos"] == "summary"
    assert preview_offer_import(sqlite_db, path, duplicates="keep").mapping == {
        0: "title",
        1: "organization",
        2: "summary",
        3: "internal_notes",
    }


def test_a_target_group_phrase_mapped_once_is_remembered(sqlite_db, tmp_path, capsys):
    make_region(sqlite_db)
    path = tmp_path / "liste.csv"
    path.write_text("Angebot;Zielgruppe\nBewerbungstraining;Menschen in Kurzarbeit\n", encoding="utf-8")
    preview = preview_offer_import(sqlite_db, path)
    assert preview.rows[0].unknown_groups == ["Menschen in Kurzarbeit"]
    url = str(sqlite_db.url)
    argv = [
        "import",
        "csv",
        "--db",
        url,
        str(path),
        "--target-group",
        "Menschen in Kurzarbeit=skilled_workers",
    ]
    assert main(argv) == 0
    again = preview_offer_import(sqlite_db, path)
    assert again.rows[0].facts["target_groups"] == ["skilled_workers"] and not again.rows[0].issues


def test_a_cell_fixed_in_the_preview_is_read_again(sqlite_db, tmp_path):
    make_region(sqlite_db)
    path = write_excel_csv(tmp_path / "caritas.csv")
    preview = preview_offer_import(sqlite_db, path)
    email_column = preview.headers.index("E-Mail")
    edit_cell(preview, 4, email_column, "beratung@awo.example")
    row = next(r for r in preview.rows if r.number == 4)
    assert row.facts["contacts"][0]["email"] == "beratung@awo.example"
    assert [i.field for i in row.issues if i.kind == "emptied"] == ["postcode"]


def test_a_summary_too_long_opens_the_description_instead_of_failing_the_import(sqlite_db, tmp_path):
    make_region(sqlite_db)
    path = tmp_path / "lang.csv"
    long = "Sehr ausführlich. " * 40
    path.write_text(f"Angebot;Kurzbeschreibung;Beschreibung\nKurs;{long};Mehr.\n", encoding="utf-8")
    preview = preview_offer_import(sqlite_db, path)
    assert "Die Kurzbeschreibung ist zu lang" in "\n".join(preview.report("de"))
    offer = get_offer(sqlite_db, apply_offer_import(sqlite_db, preview, author="t").created[0])
    assert offer.texts["de"].summary == ""
    assert offer.texts["de"].content == f"<p>{long.strip()}</p><p>Mehr.</p>"


def test_the_age_range_goes_out_and_comes_back_with_the_list(sqlite_db, tmp_path):
    from desktop.exchange.offer_export import export_offer_list

    make_region(sqlite_db)
    path = tmp_path / "alter.csv"
    path.write_text(
        "Angebot;Zielgruppe;Alter ab;Alter bis\n"
        "Jugendtreff;12 bis 27 Jahre;14;\nKinderturnen;Kinder;zwölf;10\n",
        encoding="utf-8",
    )
    preview = preview_offer_import(sqlite_db, path)
    youth, children = preview.rows
    assert (youth.facts["age_min"], youth.facts["age_max"]) == (
        14,
        27,
    )  # the column wins, the phrase fills in
    assert "age_min" not in children.facts and children.facts["age_max"] == 10
    assert "Alter ab: „zwölf“ ist kein Alter in Jahren." in "\n".join(preview.report("de"))
    apply_offer_import(sqlite_db, preview, author="t")
    export_offer_list(sqlite_db, tmp_path / "out.csv")
    again = preview_offer_import(sqlite_db, tmp_path / "out.csv", duplicates="keep")
    assert [(r.facts.get("age_min"), r.facts.get("age_max")) for r in again.rows] == [(14, 27), (None, 10)]
