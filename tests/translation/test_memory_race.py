"""Two writers storing the same segment at once (a back-translation fetched in the background
while the review screen fetches it too) both succeed, and the segment is kept once."""

from __future__ import annotations

import threading

from sqlmodel import func, select

from desktop.translation.memory import Entry, store, store_in
from models.tables import TranslationMemory


def _entry() -> Entry:
    return Entry(
        source_masked="Die Beratung ist kostenlos.",
        target_masked="The counselling is free of charge.",
        source_text="Die Beratung ist kostenlos.",
        target_text="The counselling is free of charge.",
        provider="test",
    )


def test_the_same_segment_stored_by_two_writers_at_once_is_kept_once(db):
    errors: list[BaseException] = []
    with db.transaction() as first:
        assert store_in(first, "de", "en", [_entry()]) == 1

        def second_writer() -> None:
            try:
                store(db, "de", "en", [_entry()])
            except BaseException as exc:  # the test reports it
                errors.append(exc)

        # The second writer looks the segment up before the first commits: on PostgreSQL it
        # does not see the uncommitted row and its insert waits for the first transaction.
        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=1.0)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert errors == []
    with db.transaction() as session:
        assert session.exec(select(func.count()).select_from(TranslationMemory)).one() == 1
