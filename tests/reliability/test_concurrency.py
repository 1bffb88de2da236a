"""Two processes edit the same offers at the same time, on SQLite and on PostgreSQL:
every attempt ends saved or with a reported conflict, and no saved update is lost."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import select

from desktop.db import open_database
from models.tables import Offer, OfferText, TextRevision

from . import procs, workers
from .journal import Journal
from .region import small_region

EDITS = procs.scaled(100, 1500)  # per process


def test_two_processes_editing_the_same_offers_lose_no_update(db_url, tmp_path, record_property):
    offer_ids = small_region(db_url, offers=3)  # few offers, so the two collide often
    journals = [Journal(tmp_path / f"editor-{n}.tsv") for n in range(2)]
    go = procs.context().Event()
    children = [
        procs.start(workers.edit_against_another, db_url, str(j.path), n, f"p{n}", EDITS, go)
        for n, j in enumerate(journals)
    ]
    go.set()
    for child in children:
        child.join(
            timeout=procs.scaled(600, 5400)
        )  # the soak's 2 × 1,500 edits take long on a loaded machine
        assert child.exitcode == 0, f"editor process ended with {child.exitcode} (None: still running)"
    entries = [e for j in journals for e in j.entries()]
    assert [e for e in entries if e.kind == "error"] == []
    assert len(entries) == 2 * EDITS  # every attempt reported: saved or conflict
    conflicts = [e for e in entries if e.kind == "conflict"]
    assert conflicts, "the two editors never collided: the test proves nothing"
    assert all("saved meanwhile by p" in e.detail for e in conflicts)

    db = open_database(db_url)
    try:
        with db.transaction() as session:
            versions = {oid: v for oid, v in session.exec(select(Offer.id, Offer.version))}
            texts = {(t.offer_id, t.language_code): t for t in session.exec(select(OfferText))}
            revisions = list(
                session.exec(select(TextRevision.offer_id, TextRevision.language_code, TextRevision.title))
            )
        assert db.integrity_problems() == []
    finally:
        db.dispose()
    for language, kind, prefix in (("de", "saved-de", "Angebot "), ("en", "saved-en", "Offer ")):
        claimed: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for e in entries:
            if e.kind == kind:
                assert int(e.version) == int(e.detail) + 1  # saved over exactly the version it was made from
                claimed[e.offer].append((int(e.version), e.marker))
        for offer_id in offer_ids:
            saved = sorted(claimed[offer_id])
            first = texts[(offer_id, language)].version - len(saved)
            # Each version was claimed by exactly one reported save: none twice, none lost in between.
            assert [v for v, _ in saved] == list(range(first + 1, first + len(saved) + 1)), (
                language,
                offer_id,
                [v for v, _ in saved],
                texts[(offer_id, language)].version,
            )
            if saved:
                assert (
                    texts[(offer_id, language)].title == prefix + saved[-1][1]
                )  # the newest save is what is stored
            for _, marker in saved:
                assert revisions.count((offer_id, language, prefix + marker)) == 1
        if language == "de":
            assert {oid: versions[oid] - 1 for oid in offer_ids} == {
                oid: len(claimed[oid]) for oid in offer_ids
            }
    record_property("attempts", len(entries))
    record_property("conflicts", len(conflicts))
    print(
        f"\n{db_url.split(':')[0]}: {len(entries)} attempts, {len(conflicts)} conflicts "
        "reported, no update lost"
    )
