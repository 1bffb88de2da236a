"""The build side of a re-publish: against the run served now (the sidecar beside the package
says what it was built from, the change log which items changed since), a publish builds only
the changed offers' objects and hands over only the files whose bytes change; applied to the
live run's files that gives a full publish, byte for byte."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from desktop import __version__
from desktop import publish_sidecar as build_state
from desktop.db import open_database
from desktop.offers import get_offer, list_offers, save_offer, save_translation, set_states
from desktop.publish import load_snapshot, publish_package
from desktop.publish_changes import newest_change, read_for_publish
from export.integreat.build_state import Delta, live_run
from export.integreat.package_write import Planned, package_delta

TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
BASE = "https://app.example.org"


def publish(db, out: Path):
    return publish_package(db, out, today=TODAY, generated_at=STAMP, base_url=BASE, make_zip=True)


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        # the manifest and its parts are the writer's, not in a delta
        if p.is_file() and p.relative_to(folder).parts[0] not in ("manifest.json", "manifest")
    }


def manifest(folder: Path) -> dict:
    """The manifest but the run's name (random)."""
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data.pop("run", None)
    return data


def planned(db, out: Path, **options) -> Planned:
    snapshot, failed, changes = read_for_publish(db, out, None, options.get("policy"), check_right=False)
    return package_delta(
        snapshot,
        out,
        changes,
        base_url=options.get("base_url", BASE),
        today=TODAY,
        generated_at=STAMP,
        lotse_version=__version__,
        policy=options.get("policy"),
        make_zip=True,
        failed_checks=failed,
        local_preview=False,
    )


def applied(live: Path, change: Delta) -> dict[str, bytes]:
    """The live run's files with the delta applied (what the writer makes of it)."""
    state = files(live)
    for relpath in change.removed:
        del state[relpath]
    state.update(change.changed)
    return state


def full(db, folder: Path) -> dict[str, bytes]:
    shutil.rmtree(folder.parent, ignore_errors=True)
    publish(db, folder)
    return files(folder)


def test_the_change_log_names_every_write(demo_db):
    with demo_db.transaction() as session:
        before = newest_change(session)
    assert before is not None and before > 0  # SQLite with the triggers of migration 4300
    offer = next(r for r in list_offers(demo_db) if r.state == "published")
    current = get_offer(demo_db, offer.id)
    save_offer(demo_db, offer.id, expected_version=current.version, author="t", facts={"street": "Logweg 1"})
    with demo_db.transaction() as session:
        from desktop.publish_changes import changed_since

        assert changed_since(session, before) == {offer.id}
        session.connection().exec_driver_sql("DROP TRIGGER publish_change_offer_text_update")
        assert newest_change(session) is None  # a missing trigger: the log is not trusted


def test_one_changed_offer_builds_only_its_files(demo_db, tmp_path):
    out = tmp_path / "site" / "pkg"
    assert publish(demo_db, out).written_as == "full"
    assert build_state.load(out) is not None  # the sidecar names the live run
    nothing = planned(demo_db, out)
    assert nothing.fast is None and nothing.delta is not None and nothing.delta.changed == {}

    with demo_db.transaction() as session:
        venues = {e.place_id for e in load_snapshot(session).events}
    rows = list_offers(demo_db)
    offer = next(r for r in rows if r.state == "published" and r.street and r.id not in venues)
    current = get_offer(demo_db, offer.id)
    save_offer(
        demo_db, offer.id, expected_version=current.version, author="t", facts={"street": "Deltaweg 3"}
    )
    plan = planned(demo_db, out)
    assert plan.fast is not None and plan.fast.lean, plan.why  # nothing of the others read
    assert [o.id for o in plan.build.snapshot.offers] == [offer.id]
    change = plan.delta
    assert change is not None and not change.removed
    # its places and nothing else (no page, no tree answer, no event: none is held there)
    assert change.changed and all("/locations/" in rel for rel in change.changed), sorted(change.changed)
    assert applied(out, change) == full(demo_db, tmp_path / "fresh" / "pkg")
    result = publish(demo_db, out)
    assert result.written_as == "lean"
    assert files(out) == files(tmp_path / "fresh" / "pkg")
    assert manifest(out) == manifest(tmp_path / "fresh" / "pkg")  # its counts too

    # a text (same title): its page in every tree answer holding it, its category's page
    save_translation(
        demo_db,
        offer.id,
        "en",
        {"title": current.texts["en"].title, "summary": "Kurz.", "content": "<p>Delta 12.</p>"},
        author="t",
        review_status="approved",
        reviewed_by="r",
    )
    plan = planned(demo_db, out)
    # its date (the category page shows the newest): its category's offers read (lean_groups.py)
    assert plan.fast is not None and plan.fast.lean and plan.delta is not None, plan.why
    assert len({o.category_id for o in plan.build.snapshot.offers}) == 1
    assert any("/en/pages/" in rel for rel in plan.delta.changed)
    assert any("/en/children/" in rel for rel in plan.delta.changed)
    assert applied(out, plan.delta) == full(demo_db, tmp_path / "fresh" / "pkg")
    assert publish(demo_db, out).written_as == "lean"

    # a new title moves the offer among its siblings: its category's block is built again
    save_translation(
        demo_db,
        offer.id,
        "en",
        {"title": "Aaa erstes Angebot", "summary": "Kurz.", "content": "<p>Delta 12.</p>"},
        author="t",
        review_status="approved",
        reviewed_by="r",
    )
    plan = planned(demo_db, out)
    assert plan.fast is not None and plan.fast.lean and plan.delta is not None, plan.why
    assert applied(out, plan.delta) == full(demo_db, tmp_path / "fresh" / "pkg")
    assert publish(demo_db, out).written_as == "lean"


def test_no_delta_without_a_sidecar_for_the_live_run(demo_db, tmp_path):
    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    assert planned(demo_db, out).delta is not None
    assert planned(demo_db, out, base_url="https://other.example.org").delta is None  # the context
    sidecar = build_state.sidecar_path(out)
    sidecar.write_bytes(b"not a database")
    assert build_state.load(out) is None and planned(demo_db, out).delta is None
    assert publish(demo_db, out).written_as == "full"  # and a sidecar for its own run
    assert build_state.load(out).run == live_run(out)


# One edit: (kind, which published offer, a number for the new value)
EDITS = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["street", "content", "summary", "title", "hours", "archive", "status", "spoken"]
                + ["detext", "detitle"]
            ),
            st.integers(0, 40),
            st.integers(0, 999),
        ),
        min_size=1,
        max_size=3,
    ),
    min_size=1,
    max_size=3,
)


def _edit(db, kind: str, which: int, number: int) -> None:
    rows = [r for r in list_offers(db) if r.state == "published"]
    if not rows:
        return
    row = rows[which % len(rows)]
    offer = get_offer(db, row.id)
    if kind == "street":
        save_offer(db, row.id, expected_version=offer.version, author="t", facts={"street": f"Weg {number}"})
    elif kind == "spoken":  # in Lotse's side file lotse/offers.json
        spoken = ["de", "en", "ar", "fa", "uk"][: 1 + number % 5]
        save_offer(db, row.id, expected_version=offer.version, author="t", facts={"languages_spoken": spoken})
    elif kind == "hours":
        week = [
            {"closed": day > number % 5, "all_day": False, "appointment_only": False, "slots": []}
            for day in range(7)
        ]
        for day in week:
            if not day["closed"]:
                day["slots"] = [[f"{7 + number % 4:02d}:00", "16:00"]]
        save_offer(db, row.id, expected_version=offer.version, author="t", facts={"opening_hours": week})
    elif kind == "archive":
        set_states(db, [row.id], "archived", author="t")
    elif kind in ("detext", "detitle"):  # the source text: every translation becomes outdated
        text = offer.texts["de"]
        values = {"title": text.title, "summary": text.summary, "content": text.content}
        if kind == "detext":
            values["content"] = f"<p>Neuer Inhalt {number}.</p>"
        else:
            values["title"] = f"Angebot {number}"
        save_offer(db, row.id, expected_version=offer.version, author="t", texts={"de": values})
    else:
        code = "en" if "en" in offer.texts else next(iter(offer.texts))
        text = offer.texts[code]
        values = {"title": text.title, "summary": text.summary, "content": text.content}
        if kind == "content":
            values["content"] = f"<p>Inhalt {number}.</p>"
        elif kind == "summary":
            values["summary"] = f"Kurz {number}."
        elif kind == "title":
            values["title"] = f"Titel {number}"
        if kind == "status" and number % 2:
            save_translation(
                db, row.id, code, values, author="mt", review_status="machine", overwrite_reviewed=True
            )
        else:
            save_translation(db, row.id, code, values, author="t", review_status="approved", reviewed_by="r")


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=EDITS)
# CI found it: an archived offer took the lean path and left its organization's logo in media/
@example(
    rounds=[
        [("content", 13, 70), ("archive", 26, 999), ("street", 30, 785)],
        [("detitle", 12, 591)],
        [("archive", 38, 761)],
    ]
)
def test_random_edits_give_through_the_delta_what_a_full_publish_gives(
    demo_template, tmp_path_factory, rounds
):
    tmp = tmp_path_factory.mktemp("delta")
    shutil.copy(demo_template, tmp / "demo.sqlite")
    db = open_database(str(tmp / "demo.sqlite"))
    try:
        out = tmp / "site" / "pkg"
        publish(db, out)
        for edits in rounds:
            for kind, which, number in edits:
                _edit(db, kind, which, number)
            plan = planned(db, out)
            assert plan.delta is not None
            assert applied(out, plan.delta) == full(db, tmp / "fresh" / "pkg")
            publish(db, out)  # the next round's live run
            assert files(out) == files(tmp / "fresh" / "pkg")
            assert manifest(out) == manifest(tmp / "fresh" / "pkg")
    finally:
        db.dispose()


def test_facts_of_two_offers_at_once_take_the_lean_path(demo_db, tmp_path):
    """Lotse's side file (the languages spoken) and the places (the town) of two offers: only
    those two are read, and the package equals a full publish (its manifest's counts too)."""
    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    with demo_db.transaction() as session:
        venues = {e.place_id for e in load_snapshot(session).events}
    rows = [r for r in list_offers(demo_db) if r.state == "published" and r.street and r.id not in venues]
    first, second = get_offer(demo_db, rows[0].id), get_offer(demo_db, rows[1].id)
    spoken = {"languages_spoken": ["ti"]}
    save_offer(demo_db, first.id, expected_version=first.version, author="t", facts=spoken)
    save_offer(demo_db, second.id, expected_version=second.version, author="t", facts={"town": "Anderswo"})
    plan = planned(demo_db, out)
    assert plan.fast is not None and plan.fast.lean, plan.why
    assert plan.delta is not None and "lotse/offers.json" in plan.delta.changed
    assert applied(out, plan.delta) == full(demo_db, tmp_path / "fresh" / "pkg")
    assert publish(demo_db, out).written_as == "lean"
    assert files(out) == files(tmp_path / "fresh" / "pkg")
    assert manifest(out) == manifest(tmp_path / "fresh" / "pkg")


def test_a_new_german_text_or_title_takes_the_lean_path(demo_db, tmp_path):
    """A new German text makes every translation outdated: the offer leaves those languages
    (its pages and places taken out, its siblings' order and its category pages' dates new).
    Only its category's offers are read, and the package equals a full publish; so does the
    next one, a new German title (the offer moves among its siblings)."""
    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    with demo_db.transaction() as session:
        snapshot = load_snapshot(session)
    venues = {e.place_id for e in snapshot.events}
    translated = {
        o.id
        for o in snapshot.offers
        if o.category_id is not None
        and sum(t.status in ("approved", "checked") for t in o.texts.values()) >= 2
    }
    row = next(r for r in list_offers(demo_db) if r.state == "published" and r.id in translated - venues)
    current = get_offer(demo_db, row.id)
    german = current.texts["de"]
    values = {"title": german.title, "summary": german.summary, "content": german.content + "<p>Neu.</p>"}
    save_offer(demo_db, row.id, expected_version=current.version, author="t", texts={"de": values})
    plan = planned(demo_db, out)
    assert plan.fast is not None and plan.fast.lean, plan.why
    category = next(o.category_id for o in snapshot.offers if o.id == row.id)
    siblings = {o.id for o in snapshot.offers if o.category_id == category}
    assert {o.id for o in plan.build.snapshot.offers} == siblings  # nothing of the others
    assert plan.delta is not None and plan.delta.removed  # its page-tree files where it left
    assert applied(out, plan.delta) == full(demo_db, tmp_path / "fresh" / "pkg")
    assert publish(demo_db, out).written_as == "lean"
    assert files(out) == files(tmp_path / "fresh" / "pkg")
    assert manifest(out) == manifest(tmp_path / "fresh" / "pkg")  # counts, pages per language

    current = get_offer(demo_db, row.id)
    values = {**values, "title": "Aaa erstes Angebot"}
    save_offer(demo_db, row.id, expected_version=current.version, author="t", texts={"de": values})
    assert publish(demo_db, out).written_as == "lean"
    fresh = full(demo_db, tmp_path / "fresh" / "pkg")
    assert files(out) == fresh
    assert manifest(out) == manifest(tmp_path / "fresh" / "pkg")
