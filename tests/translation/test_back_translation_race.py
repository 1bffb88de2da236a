"""The review screen and a background fetch storing the same text's back-translation at once
both succeed; the last one stored is what is kept, one row per text."""

from __future__ import annotations

import threading

from sqlmodel import select

from desktop.offers import create_offer
from desktop.translation.backtranslate import store_back_translation
from models.tables import BackTranslation
from tests.support.factory import GERMAN, make_region, offer_facts


def test_two_writers_store_the_same_back_translation_at_once(db):
    offer = create_offer(db, offer_facts(make_region(db)), {"de": dict(GERMAN)}, author="t")
    offer_id = offer if isinstance(offer, int) else offer.id
    errors: list[BaseException] = []
    with db.transaction() as first:
        first.add(
            BackTranslation(
                offer_id=offer_id, language_code="ar", target_fingerprint="f", segments={"title": "A"}
            )
        )
        first.flush()

        def second_writer() -> None:
            try:
                store_back_translation(db, offer_id, "ar", {"title": "B"}, "test", target_fingerprint="f")
            except BaseException as exc:  # the test reports it
                errors.append(exc)

        # The second writer runs while the first has not committed: on PostgreSQL its insert
        # waits for the first transaction, then meets the same key.
        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=1.0)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert errors == []
    with db.transaction() as session:
        rows = session.exec(select(BackTranslation).where(BackTranslation.offer_id == offer_id)).all()
        assert [(r.language_code, r.segments["title"]) for r in rows] == [("ar", "B")]
