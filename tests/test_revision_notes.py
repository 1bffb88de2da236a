"""A revision's note is shown in the interface language: new notes are stored as messages, the
English notes older versions stored are recognised, free text stays as written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from desktop.context import AppContext
from desktop.offers import create_offer, offer_history, restore, save_translation
from desktop.review.decisions import edit_segment, mark_approved, mark_checked, send_back, undo_decision
from models.i18n import N_, set_language
from models.revision_notes import render_note, stored_note
from models.tables import TextRevision
from tests.review.test_segments import ENGLISH, GERMAN
from tests.support.factory import make_region, offer_facts


@pytest.fixture
def offer(sqlite_db):
    ids = make_region(sqlite_db)
    created = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(sqlite_db, created.id, "en", ENGLISH, author="mt", review_status="machine")
    return created


def _notes(db, offer_id: int, language: str) -> list[str]:
    """The notes of the offer's revisions, newest first, as the versions dialog shows them."""
    from ui.revisions_dialog import entry_line

    set_language(language)
    return [render_note(e.note) for e in offer_history(db, offer_id, language)] + [
        entry_line(e) for e in offer_history(db, offer_id, language)
    ]


def test_each_review_operation_notes_in_the_interface_language(sqlite_db, offer):
    db, offer_id = sqlite_db, offer.id
    before = mark_checked(db, offer_id, "en", author="rita")
    mark_approved(db, offer_id, "en", author="rita", confirmed_by="Olena K.")
    undo_decision(db, offer_id, "en", before, author="rita")
    send_back(db, offer_id, "en", author="sam", comment="Die Uhrzeit fehlt.")
    edit_segment(db, offer_id, "en", "title", "Café for languages", author="rita")
    german, english = _notes(db, offer_id, "de"), _notes(db, offer_id, "en")
    for expected in (
        "Angelegt",
        "Status: geprüft",
        "Freigegeben von Olena K.",
        "Rückgängig gemacht",
        "Als überarbeitungsbedürftig markiert",
        "Titel bearbeitet",
    ):
        assert expected in german
        assert any(expected in line for line in german if " · " in line)  # the list line too
    for expected in (
        "Created",
        "Status: checked",
        "Approved by Olena K.",
        "Undone",
        "Marked as needing work",
        "Edited Title",
    ):
        assert expected in english
    assert not {"approved by Olena K.", "needs work", "undo", "created"} & set(german + english)


def test_a_restore_notes_the_revision_it_brought_back(sqlite_db, offer):
    mark_checked(sqlite_db, offer.id, "en", author="rita")
    entries = offer_history(sqlite_db, offer.id, "de")
    oldest = [e for e in entries if e.language_code == "en"][-1]  # a translation's first revision
    restore(sqlite_db, oldest, author="anna")
    newest = offer_history(sqlite_db, offer.id, "de")[0]
    assert render_note(newest.note, "de") == f"Version {oldest.id} wiederhergestellt"
    assert render_note(newest.note, "en") == f"Restored revision {oldest.id}"


def _restore_noting(db, entry):
    """Restore ``entry``; what the restore noted (desktop/changes.py) and the newest revision."""
    from desktop.changes import recording

    with recording() as recorder:
        restore(db, entry, author="anna")
    return recorder.changes, offer_history(db, entry_offer(db, entry), "de")[0]


def entry_offer(db, entry) -> int:
    from models.tables import OfferRevision

    with db.session() as session:
        model = TextRevision if entry.kind == "text" else OfferRevision
        return session.get(model, entry.id).offer_id


def test_restoring_a_root_language_text_notes_it_like_any_operation(sqlite_db, offer):
    """The German (root) text goes back through the offer's save: its revision says it was a
    restore, and the change is noted for the views (text, in German)."""
    from desktop.changes import Kind
    from desktop.offers import get_offer, save_offer

    now = get_offer(sqlite_db, offer.id)
    save_offer(
        sqlite_db,
        offer.id,
        expected_version=now.version,
        author="bea",
        texts={"de": {**GERMAN, "title": "Neu"}},
    )
    first = [e for e in offer_history(sqlite_db, offer.id, "de") if e.language_code == "de"][-1]
    changes, newest = _restore_noting(sqlite_db, first)
    assert get_offer(sqlite_db, offer.id).texts["de"].title == GERMAN["title"]
    assert (newest.kind, newest.language_code) == ("text", "de")
    assert render_note(newest.note, "de") == f"Version {first.id} wiederhergestellt"
    assert render_note(newest.note, "en") == f"Restored revision {first.id}"
    assert changes.touches("offer", offer.id) and Kind.TEXT in changes.kinds and "de" in changes.languages


def test_restoring_the_facts_notes_it_like_any_operation(sqlite_db, offer):
    from desktop.changes import Kind
    from desktop.offers import get_offer, save_offer

    now = get_offer(sqlite_db, offer.id)
    save_offer(
        sqlite_db, offer.id, expected_version=now.version, author="bea", facts={"street": "Neue Str. 9"}
    )
    first = [e for e in offer_history(sqlite_db, offer.id, "de") if e.kind == "facts"][-1]
    changes, newest = _restore_noting(sqlite_db, first)
    assert get_offer(sqlite_db, offer.id).facts["street"] == offer.facts["street"]
    assert newest.kind == "facts" and newest.author == "anna"
    assert render_note(newest.note, "de") == f"Version {first.id} wiederhergestellt"
    assert changes.touches("offer", offer.id) and Kind.FACTS in changes.kinds


def test_a_saves_note_is_on_the_text_revisions_it_writes(sqlite_db, offer):
    """OfferWrite's note reached only a facts' revision: a sync's texts went without theirs."""
    from desktop.integreat.sync import SYNC_NOTE
    from desktop.offers import OfferWrite, get_offer, write_offer

    now = get_offer(sqlite_db, offer.id)
    change = OfferWrite("Integreat-CMS", texts={"de": {"title": "Vom CMS"}}, validate=False, note=SYNC_NOTE)
    write_offer(sqlite_db, offer.id, change, expected_version=now.version)
    newest = offer_history(sqlite_db, offer.id, "de")[0]
    assert newest.kind == "text" and render_note(newest.note, "de") == "Aus dem Integreat-CMS übernommen"


@pytest.mark.parametrize(
    ("old", "german", "english"),
    [
        ("approved by Olena K.", "Freigegeben von Olena K.", "Approved by Olena K."),
        ("needs work", "Als überarbeitungsbedürftig markiert", "Marked as needing work"),
        ("undo", "Rückgängig gemacht", "Undone"),
        ("undo re-translation", "Neuübersetzung rückgängig gemacht", "Re-translation undone"),
        ("moved", "Im Seitenbaum verschoben", "Moved in the page tree"),
        ("created", "Angelegt", "Created"),
        ("machine translation (DeepL)", "Maschinelle Übersetzung (DeepL)", "Machine translation (DeepL)"),
        (
            "re-translated content:2 (DeepL)",
            "Inhalt 3 neu übersetzt (DeepL)",
            "Re-translated Content 3 (DeepL)",
        ),
        ("edited title", "Titel bearbeitet", "Edited Title"),
        ("restored revision 12", "Version 12 wiederhergestellt", "Restored revision 12"),
        ("imported from Integreat", "Aus Integreat importiert", "Imported from Integreat"),
        ("XLIFF-Import a b.xlf (Yilmaz)", "XLIFF-Import a b.xlf (Yilmaz)", "XLIFF import a b.xlf (Yilmaz)"),
        ("Integreat CMS", "Aus dem Integreat-CMS übernommen", "Taken over from the Integreat CMS"),
        ("status: in_translation", "Status: in Übersetzung", "Status: in translation"),
        ("import liste.csv, row 4", "Import liste.csv, Zeile 4", "Import liste.csv, row 4"),
        (
            "bestätigt vom Träger am 06.12.2026 (antwort.xlsx)",
            "Vom Träger bestätigt am 06.12.2026 (antwort.xlsx)",
            "Confirmed by the provider on 06.12.2026 (antwort.xlsx)",
        ),
        # a person's own words and anything not recognised stay as written
        ("Tippfehler korrigiert", "Tippfehler korrigiert", "Tippfehler korrigiert"),
        ("{not json", "{not json", "{not json"),
        ("", "", ""),
    ],
)
def test_old_english_notes_are_shown_in_the_interface_language(old, german, english):
    assert render_note(old, "de") == german
    assert render_note(old, "en") == english


def test_an_old_english_note_in_a_database_shows_in_german(qtbot, sqlite_db, offer):
    from desktop.choices import load_choices
    from ui.revisions_dialog import RevisionsDialog

    with sqlite_db.transaction() as session:
        newest = session.exec(select(TextRevision).order_by(TextRevision.id.desc())).first()  # type: ignore[union-attr]
        newest.note = "approved by Olena K."
        newest.created_at = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)
        session.add(newest)
    dialog = RevisionsDialog(AppContext(sqlite_db, user="anna"), offer.id, load_choices(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    assert "Freigegeben von Olena K." in dialog.list.item(0).text()
    assert "Freigegeben von Olena K." in dialog.view.toPlainText()
    assert "approved by" not in dialog.view.toPlainText()
    assert "2026" in dialog.list.item(0).text()


def test_a_long_value_never_breaks_the_stored_json():
    note = stored_note(N_("XLIFF import {file} ({agency})", file="x" * 900, agency="A"))
    assert len(note) <= 500
    assert render_note(note, "de").startswith("XLIFF-Import xxx")


def test_the_date_follows_the_interface_language():
    from ui.i18n import set_language as ui_set_language
    from ui.revisions_dialog import entry_when

    when = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)
    ui_set_language("de")
    german = entry_when(when)
    ui_set_language("en")
    english = entry_when(when)
    assert german.startswith("07.12.2026") and english.startswith("12/7/2026")
    assert german != english


def test_a_machine_translation_notes_its_provider_in_both_languages(sqlite_db):
    from desktop.translation.engine import translate_batch
    from desktop.translation.settings import Providers
    from tests.support.fake_mt_server import FakeMTServer
    from tests.translation.conftest import FAST

    ids = make_region(sqlite_db)
    created = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    server = FakeMTServer().start()
    try:
        providers = Providers(sqlite_db, override="libretranslate", url=server.url, limits=FAST)
        translate_batch(sqlite_db, providers, ["en"], author="mt")
    finally:
        server.stop()
    english = next(e for e in offer_history(sqlite_db, created.id, "de") if e.language_code == "en")
    assert render_note(english.note, "de").startswith("Maschinelle Übersetzung (")
    assert render_note(english.note, "en").startswith("Machine translation (")
    assert english.note.startswith("{")  # stored as the message, not as English words
