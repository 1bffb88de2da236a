"""A contact's area of responsibility is shown to a reviewer with the contact's name ("Zuständig
für – Frau Esser"), never by its key: the review screen's rows, the findings above them, the undo
step, and the revision note an edit leaves in the versions dialog."""

from __future__ import annotations

import pytest

from desktop.context import AppContext
from desktop.offers import create_offer, get_offer, offer_history, save_translation
from desktop.review.decisions import edit_segment
from desktop.review.queue import review_queue
from desktop.review.segments import review_text
from models.i18n import render, set_language
from models.revision_notes import render_note
from tests.support.factory import GERMAN, make_region, offer_facts

CONTACTS = [
    {"name": "Frau L. Hoffmann", "email": "mbe@example.org"},
    {"name": "", "email": "sekretariat@example.org"},  # no name: called by its place
    {"name": "Herr O. Haddad", "phone": "0241 123456"},
]
AREAS = ["Migrationsberatung für Erwachsene", "Anmeldung", "Sprachkurse"]
ARABIC_AREAS = ["استشارات الهجرة للبالغين", "التسجيل", "دورات اللغة"]


@pytest.fixture
def offer(sqlite_db):
    ids = make_region(sqlite_db)
    facts = offer_facts(ids)
    facts["contacts"] = CONTACTS
    created = create_offer(sqlite_db, facts, {"de": {**GERMAN, "contact_areas": AREAS}}, author="anna")
    keys = [c["key"] for c in created.facts["contacts"]]
    arabic = {
        "title": "استشارة الهجرة",
        "summary": "استشارة للبالغين.",
        "content": "<p>نقدم لكم المشورة.</p>",
    }
    arabic["contact_areas"] = dict(zip(keys, ARABIC_AREAS, strict=True))
    save_translation(sqlite_db, created.id, "ar", arabic, author="mt", review_status="machine")
    return get_offer(sqlite_db, created.id)


def _area_labels(review, language: str) -> list[str]:
    return [render(s.label, language) for s in review.segments if s.key.startswith("area:")]


def test_each_area_segment_names_its_contact_in_both_languages(sqlite_db, offer):
    review = review_text(sqlite_db, offer.id, "ar")
    keys = [c["key"] for c in offer.facts["contacts"]]
    assert [s.key for s in review.segments if s.key.startswith("area:")] == [f"area:{k}" for k in keys]
    assert _area_labels(review, "de") == [
        "Zuständig für – Frau L. Hoffmann",
        "Zuständig für – Ansprechperson 2",
        "Zuständig für – Herr O. Haddad",
    ]
    assert _area_labels(review, "en") == [
        "Area of responsibility – Frau L. Hoffmann",
        "Area of responsibility – Contact 2",
        "Area of responsibility – Herr O. Haddad",
    ]
    # The other parts keep their plain labels ("Content 1", never "content:0").
    assert [render(s.label, "en") for s in review.segments[:3]] == ["Title", "Summary", "Content 1"]


def test_the_review_screen_heads_each_area_row_with_the_contact(qtbot, sqlite_db, offer):
    from PySide6.QtWidgets import QLabel

    from ui.i18n import set_language as set_ui_language
    from ui.review.review_window import ReviewWindow
    from ui.review.text_parts import findings_lines

    set_ui_language("de")
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), review_queue(sqlite_db, languages=["ar"]))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    headings = {
        row.segment.key: row.findChildren(QLabel)[0].text()
        for row in window.rows
        if "area:" in row.segment.key
    }
    names = [headings[f"area:{c['key']}"] for c in offer.facts["contacts"]]
    assert names == [
        "<b>Zuständig für – Frau L. Hoffmann</b>",
        "<b>Zuständig für – Ansprechperson 2</b>",
        "<b>Zuständig für – Herr O. Haddad</b>",
    ]
    row = next(r for r in window.rows if r.segment.key == f"area:{offer.facts['contacts'][2]['key']}")
    assert "Zuständig für – Herr O. Haddad:" in findings_lines([(row, _Said("Telefonnummer fehlt"))])[1]

    # Editing the row: the undo step and the revision note name the contact too.
    row.editor.setFocus()
    row.editor.selectAll()
    row.editor.insertPlainText("دورات اللغة الألمانية")
    window.rows[0].editor.setFocus()
    qtbot.waitUntil(lambda: not window.operations.busy and window.undo_stack.count() == 1)
    assert window.undo_stack.text(0) == "Zuständig für – Herr O. Haddad"
    key = offer.facts["contacts"][2]["key"]
    qtbot.waitUntil(
        lambda: get_offer(sqlite_db, offer.id).texts["ar"].contact_areas[key].endswith("الألمانية")
    )
    window.close()


class _Said:
    """A finding as the assist hands it over (only its words are read here)."""

    def __init__(self, words: str) -> None:
        self.words = words

    def message(self) -> str:
        return self.words


def test_an_edited_area_is_named_by_its_contact_in_the_versions(sqlite_db, offer):
    key = offer.facts["contacts"][0]["key"]
    edit_segment(sqlite_db, offer.id, "ar", f"area:{key}", "استشارة", author="rita")
    try:
        set_language("de")
        german = render_note(offer_history(sqlite_db, offer.id, "ar")[0].note)
        set_language("en")
        english = render_note(offer_history(sqlite_db, offer.id, "ar")[0].note)
    finally:
        set_language("de")
    assert german == "Zuständig für – Frau L. Hoffmann bearbeitet"
    assert english == "Edited Area of responsibility – Frau L. Hoffmann"
