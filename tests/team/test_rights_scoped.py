"""The rights beyond offers and texts: drafts, to-dos, translation memory, glossary, pages and
events, the agency right per language, print runs and CMS deliveries; and the database's
refusals as catalogue messages (English msgid, German in de.po)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import psycopg
import pytest

from desktop.db import open_database
from desktop.errors import RightsError
from tests.team.conftest import PASSWORDS, login_url, raw
from tests.team.test_rights import audit, ids, refused

TEAM = Path(__file__).resolve().parents[2] / "desktop" / "team"


def superuser(server, name) -> psycopg.Connection:
    return psycopg.connect(host="127.0.0.1", port=server.port, dbname=name, user="lotse", autocommit=True)


def test_every_refusal_the_database_raises_is_in_the_catalogue():
    from desktop.team.refusals import REFUSALS
    from models.i18n import translate

    sql = (TEAM / "rights.sql").read_text(encoding="utf-8") + (TEAM / "roles.sql").read_text(encoding="utf-8")
    raised = set(re.findall(r"lotse_refuse\(\s*'((?:[^']|'')+)'", sql))
    raised |= set(re.findall(r"DETAIL = 'LOTSE\|([^|]+)\|", sql))
    raised -= {"msgid", "' "}  # the function's own body
    listed = {m.msgid for m in REFUSALS}
    assert raised and raised <= listed, raised - listed
    for msgid in raised:
        assert translate(msgid, "de") != msgid, f"no German for {msgid!r}"


def test_a_refusal_reads_as_a_sentence_in_psql_and_in_the_persons_language(team_server, team_db):
    offers = ids(team_server, team_db)
    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    try:
        from desktop.offers import get_offer, save_offer

        theirs = get_offer(editor, offers["Aachen"])
        with pytest.raises(RightsError) as caught:
            save_offer(editor, theirs.id, expected_version=theirs.version, author="eva_editor", facts={})
    finally:
        editor.dispose()
    assert caught.value.message("de").startswith(f"Angebot {theirs.id} (Aachen")
    assert "dürfen nur Bearbeiter:innen für Aachen" in caught.value.message("de")
    assert caught.value.message("en").startswith("Only editors for Aachen")
    with raw(team_server, team_db, "eva_editor") as conn, pytest.raises(psycopg.Error) as plain:
        conn.execute("DELETE FROM offer WHERE id = %s", (theirs.id,))
    assert plain.value.diag.message_primary.startswith("Only editors for Aachen")
    assert "{" not in plain.value.diag.message_primary


def test_drafts_are_the_writers_own_and_follow_the_items_scope(team_server, team_db):
    offers = ids(team_server, team_db)
    with raw(team_server, team_db, "eva_editor") as conn:
        conn.execute(
            "INSERT INTO draft (offer_id, payload, author, saved_at) VALUES (%s, '{}', '', now())",
            (offers["Eschweiler"],),
        )
        conn.execute("INSERT INTO draft (offer_id, payload, author, saved_at) VALUES (NULL, '{}', '', now())")
        refused(
            conn,
            "INSERT INTO draft (offer_id, payload, author, saved_at) VALUES (%s, '{}', '', now())",
            (offers["Aachen"],),
            says="may keep a draft of item",
        )
    with raw(team_server, team_db, "rami_reviewer") as conn:
        # A reviewer keeps a draft of any item (texts in their language); a new item needs an editor.
        conn.execute(
            "INSERT INTO draft (offer_id, payload, author, saved_at) VALUES (%s, '{}', '', now())",
            (offers["Aachen"],),
        )
        refused(
            conn,
            "INSERT INTO draft (offer_id, payload, author, saved_at) VALUES (NULL, '{}', '', now())",
            says="may keep a draft",
        )
        # The editor's drafts are neither visible nor changeable to anyone else.
        assert conn.execute("SELECT count(*) FROM draft WHERE author = 'eva_editor'").fetchone()[0] == 0
        assert conn.execute("DELETE FROM draft WHERE author = 'eva_editor'").rowcount == 0
    with superuser(team_server, team_db) as conn:
        assert conn.execute("SELECT count(*) FROM draft WHERE author = 'eva_editor'").fetchone()[0] == 2


def test_todos_follow_the_items_scope(team_server, team_db):
    offers = ids(team_server, team_db)
    insert = (
        "INSERT INTO offer_todo (offer_id, field, value, message, source, created_at) "
        "VALUES (%s, 'email', 'x', '{}', 'test', now()) RETURNING id"
    )
    with raw(team_server, team_db, "eva_editor") as conn:
        mine = conn.execute(insert, (offers["Eschweiler"],)).fetchone()[0]
        conn.execute("UPDATE offer_todo SET done_at = now() WHERE id = %s", (mine,))
        refused(conn, insert, (offers["Aachen"],), says="Only editors for Aachen")
    with raw(team_server, team_db, "ada_admin") as conn:
        theirs = conn.execute(insert, (offers["Aachen"],)).fetchone()[0]
    with raw(team_server, team_db, "eva_editor") as conn:
        refused(
            conn, "UPDATE offer_todo SET done_at = now() WHERE id = %s", (theirs,), says="the to-dos of item"
        )
    with raw(team_server, team_db, "rami_reviewer") as conn:
        refused(conn, "DELETE FROM offer_todo WHERE id = %s", (mine,), says="the to-dos of item")
    rows = audit(team_server, team_db, item="offer_todo", item_id=mine)
    assert [r[0] for r in rows] == ["eva_editor", "eva_editor"]


def _memory(code: str, key: str, provider: str) -> tuple:
    return (
        "INSERT INTO translation_memory (source_language, target_language, source_key, source_masked, "
        "target_masked, source_text, target_text, provider, words, characters, created_at) "
        "VALUES ('de', %s, %s, 'Haus', 'X', 'Haus', 'X', %s, 1, 4, now())",
        (code, key, provider),
    )


def test_translation_memory_and_glossary_belong_to_the_languages_reviewers(team_server, team_db):
    glossary = (
        "INSERT INTO glossary_term (source_language, target_language, term, translation, note, created_at) "
        "VALUES ('de', %s, %s, 'x', '', now())"
    )
    with raw(team_server, team_db, "eva_editor") as conn:
        conn.execute(*_memory("ar", "k-machine", "deepl"))  # what a service answered while translating
        refused(conn, *_memory("ar", "k-person", "tmx"), says="translation memory for “ar”")
        refused(
            conn, "DELETE FROM translation_memory WHERE source_key = 'k-machine'", says="translation memory"
        )
        refused(conn, glossary, ("ar", "Jobcenter"), says="the glossary for “ar”")
        refused(conn, glossary, ("*", "Jobcenter"), says="the glossary for “*”")
    with raw(team_server, team_db, "rami_reviewer") as conn:
        conn.execute(*_memory("ar", "k-person", "tmx"))
        conn.execute("UPDATE translation_memory SET target_text = 'Y' WHERE source_key = 'k-machine'")
        refused(conn, *_memory("fa", "k-fa", "tmx"), says="translation memory for “fa”")
        conn.execute(glossary, ("ar", "Jobcenter"))
        conn.execute(glossary, ("*", "Integreat"))
        refused(conn, glossary, ("fa", "Jobcenter"), says="the glossary for “fa”")
        refused(
            conn,
            "UPDATE glossary_term SET target_language = 'fa' WHERE term = 'Jobcenter'",
            says="the glossary for “fa”",
        )
    rows = audit(team_server, team_db, item="glossary_term")
    assert [(r[0], r[4]) for r in rows] == [("rami_reviewer", "ar"), ("rami_reviewer", "*")]


def test_pages_and_events_are_scoped_like_offers(team_server, team_db):
    """A region-wide page (no municipality, no organization) is the administrators'; an event
    in Eschweiler is the Eschweiler editor's; an organization's page its organization's."""
    with superuser(team_server, team_db) as conn:
        page = conn.execute(
            "SELECT id FROM offer WHERE kind = 'page' AND municipality_id IS NULL "
            "AND organization_id IS NULL ORDER BY id LIMIT 1"
        ).fetchone()[0]
        org_page, org = conn.execute(
            "SELECT id, organization_id FROM offer WHERE kind = 'page' AND organization_id IS NOT NULL "
            "ORDER BY id LIMIT 1"
        ).fetchone()
        event = conn.execute("SELECT id FROM offer WHERE kind = 'event' ORDER BY id LIMIT 1").fetchone()[0]
        org_name = conn.execute("SELECT name FROM organization WHERE id = %s", (org,)).fetchone()[0]
        eschweiler = conn.execute("SELECT id FROM municipality WHERE name = 'Eschweiler'").fetchone()[0]
        conn.execute(
            "INSERT INTO offer_text (offer_id, language_code, title, summary, content, fingerprint, "
            "review_status, status, version, updated_at, updated_by) VALUES "
            "(%s, 'ar', 'T', '', '<p>x</p>', '', 'machine', 'machine', 1, now(), '') ON CONFLICT DO NOTHING",
            (page,),
        )
    with raw(team_server, team_db, "eva_editor") as conn:
        refused(
            conn,
            "UPDATE offer SET icon = 'x' WHERE id = %s",
            (page,),
            says="Only administrators may change page",
        )
        refused(conn, "UPDATE offer SET rrule = NULL WHERE id = %s", (event,), says="may change event")
        refused(
            conn,
            "UPDATE offer_text SET title = 'X' WHERE offer_id = %s AND language_code = 'de'",
            (page,),
            says="text of item",
        )
        # Moving the event into Eschweiler is creating it there: refused, it is not theirs yet.
        refused(
            conn,
            "UPDATE offer SET municipality_id = %s WHERE id = %s",
            (eschweiler, event),
            says="may change event",
        )
    with raw(team_server, team_db, "ada_admin") as conn:
        conn.execute("UPDATE offer SET municipality_id = %s WHERE id = %s", (eschweiler, event))
    with raw(team_server, team_db, "eva_editor") as conn:
        conn.execute("UPDATE offer SET meeting_url = 'https://meet.example.org/x' WHERE id = %s", (event,))
        conn.execute(
            "UPDATE offer_text SET title = 'Sprachcafé' WHERE offer_id = %s AND language_code = 'de'",
            (event,),
        )
    with raw(team_server, team_db, "rami_reviewer") as conn:
        # The reviewer for Arabic approves the page's Arabic text, not its German one.
        conn.execute(
            "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = 'ar'",
            (page,),
        )
        refused(
            conn,
            "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = 'de'",
            (page,),
            says="reviewers for “de”",
        )
    admin = open_database(login_url(team_server, team_db, "ada_admin"))
    try:
        from desktop.team.people import add_person

        PASSWORDS["olga_org"] = "Org-secret-ZZ"
        add_person(admin, "olga_org", "editor", PASSWORDS["olga_org"], organizations=[org_name])
    finally:
        admin.dispose()
    with raw(team_server, team_db, "olga_org") as conn:
        conn.execute("UPDATE offer SET icon = 'info' WHERE id = %s", (org_page,))
        refused(conn, "UPDATE offer SET icon = 'x' WHERE id = %s", (page,), says="may change page")
    assert audit(team_server, team_db, item="offer", item_id=event)[-1][0] == "eva_editor"
    assert audit(team_server, team_db, item="offer", item_id=org_page)[-1][0] == "olga_org"


def test_the_agency_right_is_per_language(team_server, team_db):
    offers = ids(team_server, team_db)
    admin = open_database(login_url(team_server, team_db, "ada_admin"))
    try:
        from desktop.team.people import add_person

        PASSWORDS["yusuf_agency"] = "Agency-secret-YY"
        add_person(admin, "yusuf_agency", "agency", PASSWORDS["yusuf_agency"], languages=["ar"])
    finally:
        admin.dispose()
    approve = "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = %s"
    with raw(team_server, team_db, "yusuf_agency") as conn:
        conn.execute(approve, (offers["Aachen"], "ar"))
        refused(conn, approve, (offers["Aachen"], "fa"), says="reviewers for “fa”")


def test_print_runs_and_cms_deliveries_need_the_publish_right(team_server, team_db, tmp_path):
    from desktop.events_ics import events_calendar
    from desktop.integreat.deliveries import export_cms_xliff
    from desktop.integreat.places_csv import export_places_csv

    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    publisher = open_database(login_url(team_server, team_db, "paul_publisher"))
    try:
        for attempt in (
            lambda db: export_places_csv(db, tmp_path / "places.csv", policy="machine"),
            lambda db: export_cms_xliff(db, "ar", tmp_path / "ar.zip", policy="machine"),
            lambda db: events_calendar(db, "de", cms=True, policy="machine"),
        ):
            with pytest.raises(RightsError) as caught:
                attempt(editor)
            assert caught.value.message("de").startswith("Veröffentlichen dürfen nur")
        assert not (tmp_path / "places.csv").exists() and not (tmp_path / "ar.zip").exists()
        events_calendar(editor, "de", policy="machine")  # a calendar to look at is no delivery
        export_places_csv(publisher, tmp_path / "places.csv", policy="machine")
        events_calendar(publisher, "de", cms=True, policy="machine")
    finally:
        editor.dispose()
        publisher.dispose()
    actions = [(r[0], r[1]) for r in audit(team_server, team_db) if r[1].startswith("publish.")]
    assert ("paul_publisher", "publish.cms.places") in actions
    assert ("paul_publisher", "publish.cms.ical") in actions
    assert not any(person == "eva_editor" for person, _ in actions)


def test_a_flyer_print_run_on_the_command_line_is_checked_and_recorded(team_server, team_db, tmp_path):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    offers = ids(team_server, team_db)

    def flyer(user: str, out: Path) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "LOTSE_LANG": "en",
            "HOME": str(tmp_path),
            "PGPASSWORD": PASSWORDS[user],
        }
        url = f"postgresql://{user}@127.0.0.1:{team_server.port}/{team_db}"
        return subprocess.run(
            [sys.executable, str(root / "main.py"), "publish", "flyer", "--db", url]
            + ["--offer", str(offers["Eschweiler"]), "--out", str(out), "--policy", "machine"],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
            timeout=180,
        )

    refused_run = flyer("eva_editor", tmp_path / "eva.pdf")
    assert refused_run.returncode != 0 and "Only publishers and administrators may publish" in (
        refused_run.stdout + refused_run.stderr
    )
    assert not (tmp_path / "eva.pdf").exists()
    done = flyer("paul_publisher", tmp_path / "paul.pdf")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "paul.pdf").read_bytes().startswith(b"%PDF")
    rows = audit(team_server, team_db, action="publish.flyer")
    assert [r[0] for r in rows] == ["paul_publisher"]
    assert json.dumps(rows[0][5]).count(str(offers["Eschweiler"])) >= 1
