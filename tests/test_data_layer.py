"""The data layer on SQLite and on a real PostgreSQL server: statuses, revisions,
optimistic locking, validation on save."""

from __future__ import annotations

import pytest

from desktop.errors import ConflictError, NotFoundError, ReviewedTextProtected, ValidationFailed
from desktop.offers import (
    create_offer,
    get_offer,
    list_offers,
    list_text_revisions,
    restore_text_revision,
    save_offer,
    save_translation,
    set_review_status,
)
from tests.support.factory import GERMAN, make_region, offer_facts


def _new_offer(db, **facts):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids, **facts), {"de": GERMAN}, author="anna")
    return ids, offer


def _status(db, offer_id, code):
    return get_offer(db, offer_id).texts[code].status


def test_create_and_read_back(db):
    _ids, offer = _new_offer(db)
    loaded = get_offer(db, offer.id)
    assert loaded.texts["de"].title == "Migrationsberatung"
    assert loaded.texts["de"].status == "source"
    assert loaded.texts["en"].status == "missing"
    assert loaded.facts["opening_hours"][0]["slots"] == [["09:00", "12:00"], ["14:00", "16:00"]]
    assert loaded.slug == "migrationsberatung"
    rows = list_offers(db)
    assert [r.title for r in rows] == ["Migrationsberatung"]
    assert rows[0].statuses == {
        "de": "source",
        "en": "missing",
        "ar": "missing",
        "fa": "missing",
        "prs": "missing",
    }


def test_html_is_cleaned_on_save(db):
    ids = make_region(db)
    dirty = dict(
        GERMAN,
        content='<p onclick="x()">Hallo<script>alert(1)</script> <a href="javascript:alert(1)">x</a></p>',
    )
    offer = create_offer(db, offer_facts(ids), {"de": dirty}, author="anna")
    content = get_offer(db, offer.id).texts["de"].content
    assert "script" not in content and "onclick" not in content and "javascript" not in content
    assert content.startswith("<p>Hallo")


def test_translation_becomes_outdated_when_source_changes(db):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "en",
        {"title": "Migration counselling", "summary": "For adults.", "content": "<p>Free.</p>"},
        author="mt",
        review_status="machine",
    )
    set_review_status(db, offer.id, "en", "approved", author="bob", reviewed_by="Bob")
    assert _status(db, offer.id, "en") == "approved"
    saved = save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        texts={"de": dict(GERMAN, content="<p>Wir beraten Sie kostenlos. Telefon 0241 999999.</p>")},
    )
    assert saved.texts["en"].status == "outdated"
    assert saved.texts["en"].review_status == "approved"  # what the reviewer said is kept


@pytest.mark.parametrize(
    "change",
    [
        {
            "content": "<p>Wir   beraten Sie <strong>kostenlos</strong>.\n Telefon 0241 123456.</p>"
        },  # whitespace
        {"content": "<p>Wir beraten Sie <em>kostenlos</em>. Telefon 0241 123456.</p>"},  # markup only
        {
            "content": "<p>Wir beraten Sie <strong>kostenlos</strong>. Telefon&nbsp;0241 123456.</p>".replace(
                "&nbsp;", " "
            )
        },
    ],
)
def test_whitespace_and_markup_changes_do_not_outdate(db, change):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "ar",
        {"title": "استشارة", "summary": "للبالغين", "content": "<p>مجاني</p>"},
        author="mt",
        review_status="checked",
    )
    saved = save_offer(
        db, offer.id, expected_version=offer.version, author="anna", texts={"de": dict(GERMAN, **change)}
    )
    assert saved.texts["ar"].status == "checked"


def test_minor_edit_never_outdates(db):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "en",
        {"title": "Counselling", "summary": "Adults", "content": "<p>Free</p>"},
        author="mt",
        review_status="approved",
    )
    saved = save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        minor=True,
        texts={"de": dict(GERMAN, title="Migrationsberatung (MBE)")},
    )
    assert saved.texts["en"].status == "approved"
    # A later real change still outdates.
    saved = save_offer(
        db,
        offer.id,
        expected_version=saved.version,
        author="anna",
        texts={"de": dict(GERMAN, title="Beratung für Zugewanderte")},
    )
    assert saved.texts["en"].status == "outdated"


def test_outdated_is_inherited_down_the_language_tree(db):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "fa",
        {"title": "مشاوره", "summary": "برای بزرگسالان", "content": "<p>رایگان</p>"},
        author="mt",
        review_status="checked",
    )
    save_translation(
        db,
        offer.id,
        "prs",
        {"title": "مشوره", "summary": "برای بزرگسالان", "content": "<p>رایگان</p>"},
        author="mt",
        review_status="checked",
    )
    assert _status(db, offer.id, "prs") == "checked"
    save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        texts={"de": dict(GERMAN, summary="Beratung für Erwachsene ab 27 Jahren.")},
    )
    assert _status(db, offer.id, "fa") == "outdated"
    # Dari was made from the Farsi, which did not change, but Farsi itself is outdated now.
    assert _status(db, offer.id, "prs") == "outdated"
    # A new Farsi translation of the new German makes Dari outdated on its own terms (made from old Farsi).
    save_translation(
        db,
        offer.id,
        "fa",
        {"title": "مشاوره مهاجرت", "summary": "برای بزرگسالان ۲۷ ساله", "content": "<p>رایگان</p>"},
        author="mt",
        review_status="machine",
        overwrite_reviewed=True,
    )
    assert _status(db, offer.id, "fa") == "machine"
    assert _status(db, offer.id, "prs") == "outdated"


def test_reverting_the_source_brings_the_status_back(db):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "en",
        {"title": "C", "summary": "A", "content": "<p>F</p>"},
        author="mt",
        review_status="checked",
    )
    v = save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        texts={"de": dict(GERMAN, title="Anders")},
    ).version
    assert _status(db, offer.id, "en") == "outdated"
    save_offer(db, offer.id, expected_version=v, author="anna", texts={"de": GERMAN})
    assert _status(db, offer.id, "en") == "checked"


def test_machine_translation_never_overwrites_a_reviewed_text(db):
    _ids, offer = _new_offer(db)
    save_translation(
        db,
        offer.id,
        "en",
        {"title": "Reviewed", "summary": "s", "content": "<p>c</p>"},
        author="bob",
        review_status="approved",
    )
    with pytest.raises(ReviewedTextProtected):
        save_translation(
            db,
            offer.id,
            "en",
            {"title": "Machine", "summary": "s", "content": "<p>c</p>"},
            author="mt",
            review_status="machine",
        )
    assert get_offer(db, offer.id).texts["en"].title == "Reviewed"


def test_optimistic_locking_reports_who_and_when_and_overwrites_nothing(db):
    _ids, offer = _new_offer(db)
    first = save_offer(
        db, offer.id, expected_version=offer.version, author="anna", facts={"street": "Markt 2"}
    )
    with pytest.raises(ConflictError) as caught:
        save_offer(db, offer.id, expected_version=offer.version, author="bernd", facts={"street": "Markt 99"})
    assert "anna" in caught.value.message("de") and "anna" in caught.value.message("en")
    assert caught.value.by == "anna"
    after = get_offer(db, offer.id)
    assert after.facts["street"] == "Markt 2"
    assert after.version == first.version


def test_every_text_save_keeps_a_revision_that_can_be_restored(db):
    _ids, offer = _new_offer(db)
    v2 = save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        texts={"de": dict(GERMAN, title="Zweiter Titel")},
    )
    v3 = save_offer(
        db,
        offer.id,
        expected_version=v2.version,
        author="bernd",
        minor=True,
        texts={"de": dict(GERMAN, title="Zweiter  Titel!")},
    )
    revisions = list_text_revisions(db, offer.id, "de")
    assert [r.title for r in revisions] == ["Zweiter Titel!", "Zweiter Titel", "Migrationsberatung"]
    assert [r.author for r in revisions] == ["bernd", "anna", "anna"]
    assert [r.minor for r in revisions] == [True, False, False]
    restored = restore_text_revision(db, revisions[-1].id, author="carla", expected_version=v3.version)
    assert restored.texts["de"].title == "Migrationsberatung"
    assert len(list_text_revisions(db, offer.id, "de")) == 4


def test_saving_unchanged_text_adds_no_revision(db):
    _ids, offer = _new_offer(db)
    save_offer(db, offer.id, expected_version=offer.version, author="anna", texts={"de": GERMAN})
    assert len(list_text_revisions(db, offer.id, "de")) == 1


def test_published_offer_with_errors_is_refused_but_draft_is_kept(db):
    ids = make_region(db)
    bad = offer_facts(ids, contacts=[{"email": "not-an-email"}], state="published")
    with pytest.raises(ValidationFailed) as caught:
        create_offer(db, bad, {"de": GERMAN}, author="anna")
    assert any(p.code == "email" for p in caught.value.problems)
    assert list_offers(db) == []
    draft = create_offer(
        db, offer_facts(ids, state="draft", contacts=[]), {"de": {"title": "Nur ein Titel"}}, author="anna"
    )
    assert get_offer(db, draft.id).facts["state"] == "draft"


def test_coordinates_outside_the_region_are_refused(db):
    ids = make_region(db)
    with pytest.raises(ValidationFailed) as caught:
        create_offer(db, offer_facts(ids, latitude=52.52, longitude=13.40), {"de": GERMAN}, author="anna")
    assert [p.code for p in caught.value.problems] == ["coordinates_region"]


def test_unknown_offer_id(db):
    make_region(db)
    with pytest.raises(NotFoundError):
        get_offer(db, 4711)
