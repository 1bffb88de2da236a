import pytest

from desktop.errors import ConflictError, LotseError
from desktop.offers import create_offer, get_offer, list_text_revisions, save_translation
from desktop.review.decisions import edit_segment, mark_approved, mark_checked, open_notes, send_back
from models.revision_notes import render_note
from tests.review.test_segments import ENGLISH, GERMAN
from tests.support.factory import make_region, offer_facts


@pytest.fixture
def offer(db):
    ids = make_region(db)
    created = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(db, created.id, "en", ENGLISH, author="mt", review_status="machine")
    return created


def test_checked_then_approved_with_the_name_of_who_confirmed(db, offer):
    text = mark_checked(db, offer.id, "en", author="rita")
    assert text.status == "checked" and text.reviewed_by == "rita"
    with pytest.raises(LotseError):
        mark_approved(db, offer.id, "en", author="rita", confirmed_by="  ")
    text = mark_approved(
        db, offer.id, "en", author="rita", confirmed_by="Olena K.", expected_version=text.version
    )
    assert text.status == "approved" and text.reviewed_by == "Olena K."
    note = list_text_revisions(db, offer.id, "en")[0].note
    assert render_note(note, "en") == "Approved by Olena K."
    assert render_note(note, "de") == "Freigegeben von Olena K."


def test_a_stale_decision_is_refused(db, offer):
    version = get_offer(db, offer.id).texts["en"].version
    mark_checked(db, offer.id, "en", author="rita", expected_version=version)
    with pytest.raises(ConflictError):
        mark_checked(db, offer.id, "en", author="sam", expected_version=version)


def test_needs_work_keeps_a_comment_until_the_text_is_checked(db, offer):
    mark_checked(db, offer.id, "en", author="rita")
    send_back(db, offer.id, "en", author="sam", comment="Die Uhrzeit fehlt im zweiten Absatz.")
    assert get_offer(db, offer.id).texts["en"].status == "machine"
    assert [n.comment for n in open_notes(db, offer.id, "en")] == ["Die Uhrzeit fehlt im zweiten Absatz."]
    mark_checked(db, offer.id, "en", author="rita")
    assert open_notes(db, offer.id, "en") == []


def test_editing_one_segment_keeps_the_rest_and_the_status(db, offer):
    mark_checked(db, offer.id, "en", author="rita")
    text = edit_segment(
        db, offer.id, "en", "content:1", "Coffee and tea cost <strong>nothing</strong>.", author="rita"
    )
    assert (
        text.content
        == "<p>Every Tuesday from 3 to 5 pm.</p><p>Coffee and tea cost <strong>nothing</strong>.</p><ul><li>No "
        "registration</li></ul>"
    )
    assert text.status == "checked"
    text = edit_segment(db, offer.id, "en", "title", "Language <b>café</b>", author="rita")
    assert text.title == "Language café"
