"""desktop/offers as a package: every write is one transaction (also when it composes
others), there is one function per write (a Database or the caller's Session), and each
write tells what it changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from desktop.changes import Changes, Kind, recording
from desktop.errors import ConflictError
from desktop.offers import (
    create_offer,
    delete_offer,
    duplicate_offer,
    get_offer,
    list_offers,
    list_text_revisions,
    restore_text_revision,
    save_offer,
    save_translation,
    set_review_status,
    set_state,
)
from tests.support.factory import GERMAN, make_region, offer_facts

ROOT = Path(__file__).resolve().parents[1]


def _count_commits(db) -> list[int]:
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _conn: commits.append(1))
    return commits


@pytest.fixture
def offer(db):
    ids = make_region(db)
    made = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(
        db,
        made.id,
        "en",
        {"title": "Migration advice", "content": "<p>Help</p>"},
        author="mt",
        review_status="machine",
    )
    return get_offer(db, made.id)


def test_restoring_a_text_and_duplicating_are_one_transaction_each(db, offer):
    first = list_text_revisions(db, offer.id, "en")[-1]
    save_translation(
        db, offer.id, "en", {"title": "Changed", "content": "<p>x</p>"}, author="mt", review_status="machine"
    )
    commits = _count_commits(db)
    restored = restore_text_revision(db, first.id, author="bea", expected_version=offer.version)
    assert restored.texts["en"].title == "Migration advice"
    assert len(commits) == 1
    copy = duplicate_offer(db, offer.id, author="bea")
    assert len(commits) == 2
    assert copy.texts["de"].title.endswith("(Kopie)") and copy.facts["state"] == "draft"
    assert copy.texts["en"].status == "missing"  # translations are not copied


def test_a_failing_restore_writes_nothing(db, offer):
    german = list_text_revisions(db, offer.id, "de")[-1]
    before = len(list_text_revisions(db, offer.id))
    with pytest.raises(ConflictError):
        restore_text_revision(db, german.id, author="bea", expected_version=offer.version - 1)
    assert len(list_text_revisions(db, offer.id)) == before


def test_one_function_writes_in_the_callers_transaction(db, offer):
    """The same save_offer works on the caller's session: nothing is stored until it commits."""
    with pytest.raises(RuntimeError):
        with db.transaction() as session:
            save_offer(
                session, offer.id, expected_version=offer.version, author="bea", facts={"town": "Anderswo"}
            )
            set_review_status(session, offer.id, "en", "checked", author="bea")
            raise RuntimeError("the caller gives up")
    again = get_offer(db, offer.id)
    assert again.facts["town"] == offer.facts["town"] and again.version == offer.version
    assert again.texts["en"].review_status == "machine"


def test_each_write_says_what_it_changed(db, offer):
    with recording() as saved:
        save_offer(
            db,
            offer.id,
            expected_version=offer.version,
            author="bea",
            texts={"de": dict(GERMAN, title="Neue Beratung")},
        )
    assert saved.changes.ids() == {offer.id}
    assert Kind.TEXT in saved.changes.kinds and "de" in saved.changes.languages
    assert Kind.STATUS in saved.changes.kinds and "en" in saved.changes.languages  # now outdated
    assert Kind.FACTS not in saved.changes.kinds

    with recording() as decided:
        set_review_status(db, offer.id, "en", "checked", author="bea")
    assert decided.changes == Changes.of("offer", [offer.id], [Kind.STATUS], ["en"])

    version = get_offer(db, offer.id).version
    with recording() as archived:
        set_state(db, offer.id, "archived", author="bea", expected_version=version)
    assert archived.changes.kinds == {Kind.FACTS}

    with recording() as copied:
        copy = duplicate_offer(db, offer.id, author="bea")
    assert copied.changes.ids() == {copy.id} and Kind.STRUCTURE in copied.changes.kinds

    with recording() as deleted:
        delete_offer(db, copy.id)
    assert deleted.changes == Changes.of("offer", [copy.id], [Kind.STRUCTURE])


def test_a_rolled_back_write_announces_nothing(db, offer):
    with recording() as failed:
        with pytest.raises(ConflictError):
            save_offer(db, offer.id, expected_version=offer.version + 5, author="bea", facts={"town": "X"})
    assert not failed.changes
    with recording() as outer:
        with pytest.raises(RuntimeError), db.transaction() as session:
            set_review_status(session, offer.id, "en", "checked", author="bea")
            raise RuntimeError
    assert not outer.changes
    assert [r.id for r in list_offers(db)] == [offer.id]


def test_no_module_of_the_offer_package_is_long():
    lengths = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "desktop/offers").glob("*.py")
    }
    assert max(lengths.values()) <= 400, lengths


def test_settings_changes_are_announced_as_settings(db):
    from desktop.choices import create_category, create_organization

    make_region(db)
    with recording() as made:
        create_category(db, "Sprachkurse")
        create_organization(db, "Neuer Träger e. V.")
    assert made.changes.kinds == {Kind.SETTINGS} and made.changes.ids("region")
    with recording() as again:
        create_category(db, "Sprachkurse")  # exists already: nothing changed
    assert not again.changes
