"""A save stores its texts by statements, not by the ORM's unit of work (desktop/offers/text_store.py):
what it stores, the statements it needs, and the ORM objects other code of the same session holds."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import event, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from desktop.errors import ValidationFailed
from desktop.offer_statements import LANGUAGE_TREE
from desktop.offers import (
    create_offer,
    get_offer,
    list_text_revisions,
    refresh_statuses,
    save_offer,
    save_translation,
    set_review_status,
)
from desktop.offers.data import StoredText
from desktop.offers.reading import texts_by_language
from desktop.offers.text_store import store_statuses
from desktop.offers.writing import claim_and_read_offer
from desktop.region_settings import load_region_settings
from desktop.regions import language_tree, region_languages
from models.tables import OfferText, RegionLanguage
from tests.support.factory import GERMAN, make_region, offer_facts


@pytest.fixture
def offer(db):
    ids = make_region(db)
    made = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="anna")
    for code in ("en", "ar"):
        save_translation(
            db,
            made.id,
            code,
            {"title": f"T {code}", "content": "<p>x</p>"},
            author="mt",
            review_status="machine",
        )
    return get_offer(db, made.id)


def test_a_stored_text_has_every_column_of_the_table_in_its_order():
    assert [f.name for f in dataclasses.fields(StoredText)] == [c.name for c in OfferText.__table__.c]


def test_a_text_save_needs_five_statements(sqlite_db):
    ids = make_region(sqlite_db)
    made = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(
        sqlite_db, made.id, "en", {"title": "T", "content": "<p>x</p>"}, author="mt", review_status="machine"
    )
    statements: list[str] = []
    event.listen(sqlite_db.engine, "before_cursor_execute", lambda *a: statements.append(a[2].split()[0]))
    save_offer(
        sqlite_db,
        made.id,
        expected_version=made.version,
        author="bea",
        texts={"de": dict(GERMAN, title="Neu")},
    )
    # the version claimed returning the offer with its region's box and language tree, the
    # texts; the revision, the statuses of the translations it made outdated, the text (last, as
    # the ORM's flush wrote it: a team database's audit keeps its order)
    assert statements == ["UPDATE", "SELECT", "INSERT", "UPDATE", "UPDATE"]


def test_the_tree_a_claim_reads_is_the_language_tree(db, offer):
    """The claim reads the region's tree as JSON and orders it itself: the same languages in the
    same order as language_tree, also with an inactive language and two at the same position."""
    with db.transaction() as session:
        session.execute(
            update(RegionLanguage).where(RegionLanguage.code == "fa").values(active=False, position=0)
        )
        session.execute(update(RegionLanguage).where(RegionLanguage.code == "prs").values(position=0))
    with db.transaction() as session:
        _offer, _box, tree = claim_and_read_offer(session, offer.id, offer.version, "bea")
        assert tree == language_tree(session, offer.region_id)
        assert list(tree.items())[:2] == [("de", None), ("prs", "fa")] and "fa" not in tree


# Two codes whose order by code point ("L" before "c") a locale's collation turns round.
LATIN, CYRILLIC = "sr-Latn", "sr-cyrl"


def _locale_collation(session) -> str | None:
    """A collation of the server that orders LATIN after CYRILLIC (ICU's or the system's)."""
    names = session.execute(
        text("SELECT collname FROM pg_collation WHERE collprovider IN ('i', 'c') ORDER BY collname")
    ).scalars()
    for name in names:
        if name in ("C", "POSIX", "ucs_basic") or name.startswith("C."):
            continue
        try:
            with session.begin_nested():
                quoted = name.replace('"', '""')
                if session.execute(
                    text(f'SELECT :a < :b COLLATE "{quoted}"'), {"a": CYRILLIC, "b": LATIN}
                ).scalar():
                    return name
        except DBAPIError:
            continue
    return None


def test_languages_at_one_position_keep_one_order_under_a_locales_collation(postgres_server):
    """On PostgreSQL the claim's JSON rows are ordered in Python (by code point) and
    language_tree in SQL: with a column collated by a locale ("sr-cyrl" before "sr-Latn") both
    still give the same order, since every language query orders codes by code point."""
    from desktop.db import open_database

    db = open_database(postgres_server.create_database("lotse_language_order"))
    try:
        ids = make_region(db, languages=(("de", None), ("en", "de")))
        made = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="anna")
        with db.transaction() as session:
            for code in (LATIN, CYRILLIC):
                session.add(
                    RegionLanguage(
                        region_id=ids["region_id"],
                        code=code,
                        bcp47_tag=code,
                        native_name=code,
                        source_code="de",
                        position=1,  # where "en" is
                    )
                )
        with db.transaction() as session:
            collation = _locale_collation(session)
            if collation is not None:  # the column as a database made with that locale has it
                quoted = collation.replace('"', '""')
                session.execute(
                    text(f'ALTER TABLE region_language ALTER COLUMN code TYPE VARCHAR(20) COLLATE "{quoted}"')
                )
                naive = session.execute(
                    text("SELECT code FROM region_language WHERE position = 1 ORDER BY code")
                ).scalars()
                assert list(naive) == ["en", CYRILLIC, LATIN]  # what ORDER BY code alone gives
        # Without such a collation the test stands by construction: the order is stated in SQL.
        compiled = str(LANGUAGE_TREE.compile(dialect=postgresql.dialect()))
        assert 'ORDER BY region_language.position, region_language.code COLLATE "C"' in compiled
        expected = ["de", "en", LATIN, CYRILLIC]
        with db.transaction() as session:
            _offer, _box, tree = claim_and_read_offer(session, made.id, made.version, "bea")
            assert list(tree) == list(language_tree(session, ids["region_id"])) == expected
            assert [lang.code for lang in region_languages(session, ids["region_id"])] == expected
        assert [lang.code for lang in load_region_settings(db).languages] == expected
    finally:
        db.dispose()


def test_a_save_stores_the_text_its_revision_and_the_outdated_statuses(db, offer):
    saved = save_offer(
        db, offer.id, expected_version=offer.version, author="bea", texts={"de": dict(GERMAN, title="Neu")}
    )
    assert saved.version == offer.version + 1
    assert saved.texts["de"].version == offer.texts["de"].version + 1 and saved.texts["de"].updated_by
    again = get_offer(db, offer.id)
    assert again.texts == saved.texts  # what the save returned is what is stored
    assert {code: t.status for code, t in again.texts.items()} == {
        "de": "source",
        "en": "outdated",
        "ar": "outdated",
        "fa": "missing",
        "prs": "missing",
    }
    newest = list_text_revisions(db, offer.id, "de")[0]
    assert (newest.title, newest.author, newest.fingerprint) == ("Neu", "bea", again.texts["de"].fingerprint)


def test_a_save_keeps_the_orm_objects_its_session_holds_current(db, offer):
    """Importers read texts as ORM objects and then call the operations in the same session:
    those objects show what the statements stored, and nothing is left for a flush to write."""
    with db.transaction() as session:
        loaded = {
            t.language_code: t for t in session.exec(select(OfferText).where(OfferText.offer_id == offer.id))
        }
        save_offer(
            session,
            offer.id,
            expected_version=offer.version,
            author="bea",
            texts={"de": dict(GERMAN, title="Neu")},
        )
        assert loaded["de"].title == "Neu" and loaded["de"].version == offer.texts["de"].version + 1
        assert loaded["en"].status == loaded["ar"].status == "outdated"
        assert not session.dirty
        set_review_status(session, offer.id, "en", "checked", author="bea")
        assert (loaded["en"].review_status, loaded["en"].status) == ("checked", "checked")
        assert loaded["en"].source_fingerprint == loaded["de"].fingerprint
    stored = get_offer(db, offer.id)
    assert stored.texts["de"].title == "Neu"
    assert (stored.texts["en"].review_status, stored.texts["en"].status) == ("checked", "checked")


def test_a_change_the_session_holds_is_stored_before_texts_are_read(db, offer):
    """As an ORM query would (autoflush): a review status changed on an ORM object counts."""
    with db.transaction() as session:
        english = session.exec(
            select(OfferText).where(OfferText.offer_id == offer.id, OfferText.language_code == "en")
        ).one()
        english.review_status = "in_translation"
        session.add(english)
        statuses = refresh_statuses(session, offer.id, offer.region_id)
        assert statuses["en"].value == english.status == "in_translation"
    assert get_offer(db, offer.id).texts["en"].status == "in_translation"


def test_a_status_is_held_by_one_index_only(sqlite_db):
    """A save that makes 14 translations outdated rewrites every index holding their status at the
    commit: only the offer list's covering index may (migration 4000 dropped (language, status))."""
    with sqlite_db.engine.connect() as conn:
        indexes = [row[1] for row in conn.exec_driver_sql("PRAGMA index_list(offer_text)")]
        with_status = [
            columns
            for name in indexes
            if "status" in (columns := [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({name})")])
        ]
    assert with_status == [["offer_id", "language_code", "status"]]


def test_a_save_checks_the_phone_numbers_and_hours_it_changes_not_the_stored_ones(db):
    """Publishing checks every value it publishes; a save only the numbers and hours it brings (a
    text save of an offer imported with a number phonenumbers refuses is not refused for it)."""
    ids = make_region(db)
    bad = [{"name": "Frau Test", "email": "test@example.org", "phone": "12"}]
    hours = [{"closed": True, "slots": [{"start": "09:00", "end": "12:00"}]}] * 7
    facts = offer_facts(ids, contacts=bad, opening_hours=hours)
    made = create_offer(db, facts, {"de": GERMAN}, author="imp", validate=False)
    saved = save_offer(
        db, made.id, expected_version=made.version, author="bea", texts={"de": dict(GERMAN, title="Neu")}
    )
    assert saved.texts["de"].title == "Neu"
    with pytest.raises(ValidationFailed) as refused:
        save_offer(
            db,
            made.id,
            expected_version=saved.version,
            author="bea",
            facts={"contacts": [dict(bad[0], phone="123")]},
        )
    assert [p.field for p in refused.value.problems] == ["contacts[0].phone"]
    assert get_offer(db, made.id).facts["contacts"][0]["phone"] == "12"


def test_a_text_save_does_not_check_the_facts_it_leaves_as_they_are(db):
    """Facts stored unchecked (an import) or made wrong later (a region's box moved) do not refuse a
    text save; a save that changes a fact checks the facts, and a text save still checks its text."""
    ids = make_region(db)
    facts = offer_facts(ids, postcode="5206", latitude=10.0, appointment_url="ftp://x")
    made = create_offer(db, facts, {"de": GERMAN}, author="imp", validate=False)
    saved = save_offer(
        db, made.id, expected_version=made.version, author="bea", texts={"de": dict(GERMAN, title="Neu")}
    )
    assert saved.texts["de"].title == "Neu" and saved.facts["postcode"] == "5206"
    with pytest.raises(ValidationFailed) as refused:
        save_offer(db, made.id, expected_version=saved.version, author="bea", facts={"street": "Markt 2"})
    assert {"postcode", "coordinates", "appointment_url"} <= {p.field for p in refused.value.problems}
    with pytest.raises(ValidationFailed) as refused:
        save_offer(db, made.id, expected_version=saved.version, author="bea", texts={"de": {"title": ""}})
    assert [p.field for p in refused.value.problems] == ["title", "summary", "content"]


def test_content_as_stored_is_not_cleaned_again(db, offer, monkeypatch):
    from desktop.offers import texts as text_module

    cleaned: list[str] = []
    real = text_module.clean_html
    monkeypatch.setattr(text_module, "clean_html", lambda value: cleaned.append(value) or real(value))
    stored = offer.texts["de"]
    saved = save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="bea",
        texts={"de": {"title": "Neu", "summary": stored.summary, "content": stored.content}},
    )
    assert cleaned == [] and saved.texts["de"].content == stored.content
    assert saved.texts["de"].title == "Neu" and saved.texts["en"].status == "outdated"
    save_offer(
        db,
        offer.id,
        expected_version=saved.version,
        author="bea",
        texts={"de": {"title": "Neu", "summary": stored.summary, "content": "<p>neu<script>x</script></p>"}},
    )
    assert cleaned == ["<p>neu<script>x</script></p>"]
    assert get_offer(db, offer.id).texts["de"].content == "<p>neu</p>"


def test_a_stored_offer_has_the_columns_its_statement_reads_in_their_order():
    from desktop.offer_statements import STORED_OFFER_FIELDS
    from desktop.offers.data import FACT_FIELDS, StoredOffer

    assert tuple(f.name for f in dataclasses.fields(StoredOffer)) == STORED_OFFER_FIELDS
    assert set(FACT_FIELDS) <= set(STORED_OFFER_FIELDS)


def test_a_save_and_a_publish_share_the_published_columns_by_name_only(db, offer):
    """StoredOffer (a save) and OfferSnap (a publish) are both OfferColumns: the same values of
    the same offer, nothing private among them, and neither built by position."""
    from desktop.publish_rows import read_offers
    from export.integreat.snapshot import OfferSnap
    from models.offer_fields import OfferColumns

    shared = [f.name for f in dataclasses.fields(OfferColumns)]
    assert "internal_notes" not in shared and "internal_notes" not in {
        f.name for f in dataclasses.fields(OfferSnap)
    }
    with db.transaction() as session:
        stored, _box, _tree = claim_and_read_offer(session, offer.id, offer.version, "bea")
        published = read_offers(session, offer.region_id, [offer.id])[offer.id]
    assert isinstance(stored, OfferColumns) and isinstance(published, OfferColumns)
    for name in shared:
        if name != "updated_at":  # the claim holds the moment it gave, the publish reads it back
            assert getattr(published, name) == getattr(stored, name), name
    with pytest.raises(TypeError):
        OfferSnap(*(getattr(published, name) for name in shared))


def test_a_text_save_keeps_the_offer_its_session_holds_current_and_sees_its_pending_change(db, offer):
    """A text save reads the offer as values: the session's ORM object of it gets the new version,
    and a change pending on that object is stored before the offer is read (autoflush)."""
    from models.tables import Offer

    with db.transaction() as session:
        held = session.get(Offer, offer.id)
        held.town = "Würselen"
        session.add(held)
        saved = save_offer(
            session,
            offer.id,
            expected_version=offer.version,
            author="bea",
            texts={"de": dict(GERMAN, title="N")},
        )
        assert saved.facts["town"] == "Würselen"
        assert (held.version, held.updated_by) == (offer.version + 1, "bea") and not session.dirty
    assert get_offer(db, offer.id).version == offer.version + 1


def test_a_source_text_whose_cost_changes_stores_the_fact_too(db, offer):
    saved = save_offer(
        db, offer.id, expected_version=offer.version, author="bea", texts={"de": dict(GERMAN, cost="5 €")}
    )
    assert saved.facts["cost"] == "5 €" and saved.texts["de"].cost == "5 €"
    assert get_offer(db, offer.id).facts["cost"] == "5 €"


def test_what_a_save_returns_is_the_offer_as_stored_whenever_its_texts_are_read(db, offer):
    """A save's OfferData makes its texts from the rows the save read only when asked: asked
    after another save of the same offer, it still tells what this save stored."""
    first = save_offer(
        db, offer.id, expected_version=offer.version, author="bea", texts={"de": dict(GERMAN, title="Eins")}
    )
    stored_then = get_offer(db, offer.id)
    second = save_offer(
        db, offer.id, expected_version=first.version, author="cem", texts={"de": dict(GERMAN, title="Zwei")}
    )
    assert first == stored_then and first.texts["de"].title == "Eins"
    assert first.texts["en"].status == "outdated" and first.texts["fa"].status == "missing"
    assert second == get_offer(db, offer.id) != first
    assert list(second.texts) == ["de", "en", "ar", "fa", "prs"] and "Zwei" in repr(second)
    second.texts = {"de": second.texts["de"]}  # the editor replaces them after a save
    assert list(second.texts) == ["de"]


def test_new_statuses_are_stored_one_statement_per_status(db, offer):
    """Texts going to the same status are one UPDATE … WHERE id IN (…), on both databases."""
    heard: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: heard.append(a[2].split()[0]))
    with db.transaction() as session:
        texts = texts_by_language(session, offer.id)
        heard.clear()
        store_statuses(
            session, [(texts["en"], "outdated"), (texts["ar"], "checked"), (texts["de"], "outdated")]
        )
        assert heard == ["UPDATE", "UPDATE"]
        assert texts["ar"].status == "checked"  # the rows hold what was stored
    stored = {code: text.status for code, text in get_offer(db, offer.id).texts.items()}
    assert (stored["de"], stored["en"], stored["ar"], stored["fa"]) == (
        "outdated",
        "outdated",
        "checked",
        "missing",
    )
