"""Who may do what in a team database, enforced by PostgreSQL: through a raw psycopg
connection as each person (what psql would do) and through Lotse's own API."""

from __future__ import annotations

import psycopg
import pytest

from desktop.db import open_database
from desktop.errors import DatabaseError, RightsError
from tests.team.conftest import PASSWORDS, login_url, raw


def ids(server, name) -> dict:
    """An Eschweiler and an Aachen offer, each with a machine Arabic and Persian text."""
    with psycopg.connect(
        host="127.0.0.1", port=server.port, dbname=name, user="lotse", autocommit=True
    ) as conn:
        found = {}
        for town in ("Eschweiler", "Aachen"):
            found[town] = conn.execute(
                "SELECT o.id FROM offer o JOIN municipality m ON m.id = o.municipality_id "
                "WHERE m.name = %s ORDER BY o.id LIMIT 1",
                (town,),
            ).fetchone()[0]
        for offer_id in found.values():
            for code in ("ar", "fa"):
                conn.execute(
                    "INSERT INTO offer_text (offer_id, language_code, title, summary, content, fingerprint, "
                    "review_status, status, version, updated_at, updated_by) VALUES "
                    "(%s, %s, 'T', '', '<p>x</p>', '', 'machine', 'machine', 1, now(), '') "
                    "ON CONFLICT (offer_id, language_code) DO UPDATE SET review_status = 'machine'",
                    (offer_id, code),
                )
        return found


def refused(conn, statement, params=(), *, says: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
        conn.execute(statement, params)
    assert says in caught.value.diag.message_primary, caught.value.diag.message_primary


def audit(server, name, **where) -> list[tuple]:
    with raw(server, name, "ada_admin") as conn:
        clause = " AND ".join(f"{k} = %s" for k in where) or "true"
        return conn.execute(
            "SELECT person, action, item, item_id, language, details FROM lotse_audit "
            f"WHERE {clause} ORDER BY id",
            tuple(where.values()),
        ).fetchall()


def test_editor_edits_only_their_municipality_in_raw_sql(team_server, team_db):
    offers = ids(team_server, team_db)
    with raw(team_server, team_db, "eva_editor") as conn:
        conn.execute("UPDATE offer SET street = 'Markt 1' WHERE id = %s", (offers["Eschweiler"],))
        assert conn.execute(
            "SELECT updated_by FROM offer WHERE id = %s", (offers["Eschweiler"],)
        ).fetchone() == ("eva_editor",)
        refused(
            conn,
            "UPDATE offer SET street = 'X' WHERE id = %s",
            (offers["Aachen"],),
            says="Only editors for Aachen",
        )
        refused(conn, "DELETE FROM offer WHERE id = %s", (offers["Aachen"],), says="Only editors for Aachen")
        aachen = conn.execute("SELECT id FROM municipality WHERE name = 'Aachen'").fetchone()[0]
        refused(
            conn,
            "UPDATE offer SET municipality_id = %s WHERE id = %s",
            (aachen, offers["Eschweiler"]),
            says="Only editors for Aachen",
        )
        conn.execute("UPDATE offer SET state = 'draft' WHERE id = %s", (offers["Eschweiler"],))
        refused(
            conn,
            "UPDATE offer SET state = 'published' WHERE id = %s",
            (offers["Eschweiler"],),
            says="Only publishers and administrators may publish",
        )
        refused(
            conn,
            "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = 'ar'",
            (offers["Eschweiler"],),
            says="Only reviewers for “ar”",
        )
        # Writing the rights or the audit log itself, or granting oneself more: plain no.
        for statement in (
            "INSERT INTO lotse_scope (person, municipality_id) VALUES ('eva_editor', 1)",
            "SELECT * FROM lotse_audit",
            "INSERT INTO lotse_audit (action) VALUES ('forged')",
            "GRANT lotse_admin TO eva_editor",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with raw(team_server, team_db, "ada_admin") as conn:
        assert (
            conn.execute("SELECT street FROM offer WHERE id = %s", (offers["Aachen"],)).fetchone()[0] != "X"
        )
    rows = audit(team_server, team_db, item="offer", item_id=offers["Eschweiler"])
    assert any(r[0] == "eva_editor" and r[1] == "update" and "street" in r[5]["changed"] for r in rows)


def test_reviewer_approves_only_their_language(team_server, team_db):
    offers = ids(team_server, team_db)
    with raw(team_server, team_db, "rami_reviewer") as conn:
        conn.execute(
            "UPDATE offer_text SET review_status = 'approved', reviewed_by = 'someone else' "
            "WHERE offer_id = %s AND language_code = 'ar'",
            (offers["Aachen"],),
        )
        assert conn.execute(
            "SELECT reviewed_by, updated_by FROM offer_text WHERE offer_id = %s AND language_code = 'ar'",
            (offers["Aachen"],),
        ).fetchone() == ("rami_reviewer", "rami_reviewer")
        refused(
            conn,
            "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = 'fa'",
            (offers["Aachen"],),
            says="reviewers for “fa” and administrators may change",
        )
        refused(
            conn,
            "UPDATE offer SET street = 'Y' WHERE id = %s",
            (offers["Aachen"],),
            says="Only editors for Aachen",
        )
    rows = audit(team_server, team_db, item="offer_text", item_id=offers["Aachen"], language="ar")
    assert rows[-1][0] == "rami_reviewer" and rows[-1][5]["review_status"] == "approved"
    # The editor may no longer change the approved Arabic text's words.
    with raw(team_server, team_db, "eva_editor") as conn:
        conn.execute("UPDATE offer_text SET review_status = 'approved' WHERE false")  # allowed, no row
        refused(
            conn,
            "UPDATE offer_text SET title = 'changed' WHERE offer_id = %s AND language_code = 'ar'",
            (offers["Aachen"],),
            says="reviewers for “ar”",
        )
        # Nor its cost or its contacts' areas: they are the text's words too.
        for change in ("cost = '5 €'", "contact_areas = '[\"x\"]'"):
            refused(
                conn,
                f"UPDATE offer_text SET {change} WHERE offer_id = %s AND language_code = 'ar'",
                (offers["Aachen"],),
                says="reviewers for “ar”",
            )


def test_nobody_forges_an_author_or_changes_the_audit_log(team_server, team_db):
    offers = ids(team_server, team_db)
    with raw(team_server, team_db, "eva_editor") as conn:
        refused(
            conn,
            "INSERT INTO text_revision (offer_id, language_code, title, summary, content, fingerprint, "
            "review_status, minor, author, created_at, note) VALUES (%s, 'de', 't', "
            "'', '', '', 'source', false, "
            "'rami_reviewer', now(), '')",
            (offers["Eschweiler"],),
            says="The author recorded is always the person logged in (eva_editor), not “rami_reviewer”",
        )
        conn.execute(
            "INSERT INTO offer_revision (offer_id, offer_version, facts, author, created_at, note) "
            "VALUES (%s, 1, '{}', '', now(), 'x')",
            (offers["Eschweiler"],),
        )
        assert conn.execute("SELECT author FROM offer_revision ORDER BY id DESC LIMIT 1").fetchone() == (
            "eva_editor",
        )
        for statement in ("UPDATE offer_revision SET author = 'x'", "DELETE FROM text_revision"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    before = len(audit(team_server, team_db))
    with raw(team_server, team_db, "ada_admin") as conn:
        for statement in (
            "UPDATE lotse_audit SET person = 'nobody'",
            "DELETE FROM lotse_audit",
            "TRUNCATE lotse_audit",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    # Even the server's superuser meets the append-only trigger.
    with psycopg.connect(
        host="127.0.0.1", port=team_server.port, dbname=team_db, user="lotse", autocommit=True
    ) as c:
        refused(c, "DELETE FROM lotse_audit", says="Nobody may change or delete the audit log")
    assert len(audit(team_server, team_db)) == before


def test_publisher_publishes_but_does_not_edit(team_server, team_db):
    offers = ids(team_server, team_db)
    with raw(team_server, team_db, "paul_publisher") as conn:
        conn.execute("UPDATE offer SET state = 'published' WHERE id = %s", (offers["Aachen"],))
        refused(
            conn,
            "UPDATE offer SET street = 'Z' WHERE id = %s",
            (offers["Aachen"],),
            says="Only editors for Aachen",
        )
        refused(
            conn,
            "UPDATE offer_text SET review_status = 'approved' WHERE offer_id = %s AND language_code = 'fa'",
            (offers["Aachen"],),
            says="reviewers for “fa”",
        )
        conn.execute("SELECT lotse_note('publish.package', 'region', '{\"files\": 12}')")
    with raw(team_server, team_db, "eva_editor") as conn:
        refused(
            conn,
            "SELECT lotse_note('publish.package', 'region', '{}')",
            says="Only publishers and administrators may publish",
        )
    rows = audit(team_server, team_db, action="publish.package")
    assert [r[0] for r in rows] == ["paul_publisher"]


def test_the_lotse_api_meets_the_same_rules(team_server, team_db):
    from desktop.offers import get_offer, save_offer, set_review_status

    offers = ids(team_server, team_db)
    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    reviewer = open_database(login_url(team_server, team_db, "rami_reviewer"))
    try:
        from desktop.context import current_user

        # The name Lotse passes as author is the login the database knows, not $LOTSE_USER.
        assert current_user(editor) == "eva_editor" and current_user(reviewer) == "rami_reviewer"
        mine = get_offer(editor, offers["Eschweiler"])
        save_offer(
            editor, mine.id, expected_version=mine.version, author="eva_editor", facts={"cost": "kostenlos"}
        )
        theirs = get_offer(editor, offers["Aachen"])
        with pytest.raises(RightsError) as caught:
            save_offer(
                editor, theirs.id, expected_version=theirs.version, author="eva_editor", facts={"cost": "5 €"}
            )
        assert "Bearbeiter:innen für Aachen" in caught.value.de and "editors for Aachen" in caught.value.en
        assert get_offer(editor, theirs.id).facts["cost"] == theirs.facts["cost"]
        with pytest.raises(RightsError) as caught:
            set_review_status(editor, mine.id, "ar", "approved", author="eva_editor")
        assert "reviewers for “ar”" in caught.value.en
        set_review_status(reviewer, theirs.id, "ar", "checked", author="rami_reviewer")
        with pytest.raises(RightsError) as caught:
            set_review_status(reviewer, theirs.id, "fa", "approved", author="rami_reviewer")
        assert "Prüfer:innen für „fa“" in caught.value.de
        with pytest.raises(RightsError) as caught:
            set_review_status(reviewer, theirs.id, "ar", "approved", author="eva_editor")
        assert "not “eva_editor”" in caught.value.en
    finally:
        editor.dispose()
        reviewer.dispose()
    rows = audit(team_server, team_db, item="offer", item_id=offers["Eschweiler"])
    assert rows[-1][0] == "eva_editor" and "cost" in rows[-1][5]["changed"]


def test_importing_an_agency_xliff_as_approved_needs_the_agency_right(team_server, team_db, tmp_path):
    from desktop.exchange.xliff_export import export_xliff
    from desktop.exchange.xliff_import import apply_xliff_import, preview_xliff_import
    from desktop.offers import get_offer
    from desktop.team.people import add_person
    from tests.exchange.agency import translate_path

    offers = ids(team_server, team_db)
    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    admin = open_database(login_url(team_server, team_db, "ada_admin"))
    PASSWORDS["sami_agency"] = "Agency-secret-PP"
    add_person(admin, "sami_agency", "agency", PASSWORDS["sami_agency"], languages=["fa"])
    admin.dispose()
    agency = open_database(login_url(team_server, team_db, "sami_agency"))
    try:
        exported = export_xliff(editor, "fa", [offers["Eschweiler"]], tmp_path, author="eva_editor")
        returned = translate_path(exported.path, tmp_path / "back.xliff", say=lambda t: f"FA[{t.strip()}]")
        with pytest.raises(RightsError) as caught:
            apply_xliff_import(
                editor, preview_xliff_import(editor, returned), author="eva_editor", agency="Yilmaz"
            )
        assert "the agency import right" in caught.value.en
        assert not get_offer(editor, offers["Eschweiler"]).texts["fa"].title.startswith("FA[")
        apply_xliff_import(
            agency, preview_xliff_import(agency, returned), author="sami_agency", agency="Yilmaz"
        )
        text = get_offer(agency, offers["Eschweiler"]).texts["fa"]
        assert text.title.startswith("FA[") and text.review_status == "approved"
    finally:
        editor.dispose()
        agency.dispose()
    rows = audit(team_server, team_db, item="offer_text", item_id=offers["Eschweiler"], language="fa")
    assert rows[-1][0] == "sami_agency" and rows[-1][5]["review_status"] == "approved"


def test_only_a_publisher_publishes_the_package(team_server, team_db, tmp_path):
    from desktop.publish import publish_package

    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    publisher = open_database(login_url(team_server, team_db, "paul_publisher"))
    try:
        with pytest.raises(RightsError) as caught:
            publish_package(editor, tmp_path / "by-editor", base_url="https://lotse.example.org/app")
        assert "Only publishers and administrators may publish" in caught.value.en
        assert not (tmp_path / "by-editor").exists()
        publish_package(publisher, tmp_path / "by-publisher", base_url="https://lotse.example.org/app")
        assert (tmp_path / "by-publisher").is_dir()
    finally:
        editor.dispose()
        publisher.dispose()
    rows = audit(team_server, team_db, action="publish.package")
    assert rows[-1][0] == "paul_publisher" and rows[-1][5]["out"].endswith("by-publisher")


def test_wrong_password_is_a_clear_message_and_locks_nobody_out(team_server, team_db):
    with pytest.raises(DatabaseError) as caught:
        open_database(login_url(team_server, team_db, "eva_editor", password="wrong-guess"))
    message = caught.value.message("en")
    assert "Logging in as eva_editor" in message and "password is wrong" in message
    assert "wrong-guess" not in message and "wrong-guess" not in caught.value.message("de")
    for _ in range(3):
        with pytest.raises(DatabaseError):
            open_database(login_url(team_server, team_db, "eva_editor", password="again-wrong"))
    good = open_database(login_url(team_server, team_db, "eva_editor"))
    good.dispose()


def test_a_removed_person_loses_the_open_session_and_keeps_their_history(team_server, team_db):
    from desktop.team.people import add_person, list_people, remove_person

    admin = open_database(login_url(team_server, team_db, "ada_admin"))
    PASSWORDS["temp_editor"] = "Temp-secret-QQ"
    add_person(admin, "temp_editor", "editor", PASSWORDS["temp_editor"], municipalities=["Eschweiler"])
    offers = ids(team_server, team_db)
    session = raw(team_server, team_db, "temp_editor")
    session.execute("UPDATE offer SET cost = 'by temp' WHERE id = %s", (offers["Eschweiler"],))
    remove_person(admin, "temp_editor")
    with pytest.raises(psycopg.Error):
        session.execute("UPDATE offer SET cost = 'after removal' WHERE id = %s", (offers["Eschweiler"],))
    session.close()
    with pytest.raises(psycopg.OperationalError):
        raw(team_server, team_db, "temp_editor")
    people = {p.name: p for p in list_people(admin)}
    assert people["temp_editor"].roles == [] and not people["temp_editor"].can_login
    admin.dispose()
    rows = audit(team_server, team_db, item="offer", item_id=offers["Eschweiler"])
    assert any(r[0] == "temp_editor" for r in rows)
    assert [
        r[1] for r in audit(team_server, team_db, item="person") if r[5].get("person") == "temp_editor"
    ] == [
        "rights.add",
        "rights.remove",
    ]


def test_only_an_administrator_migrates(team_server, team_db):
    from alembic import command

    from desktop.db import _alembic_config, head_revision, make_engine

    engine = make_engine(f"postgresql+psycopg://lotse@127.0.0.1:{team_server.port}/{team_db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("SET ROLE lotse_admin")
        command.downgrade(_alembic_config(conn), "-1")
    engine.dispose()
    with pytest.raises(DatabaseError) as caught:
        open_database(login_url(team_server, team_db, "eva_editor"))
    assert "only an administrator may run (not eva_editor)" in caught.value.message("en")
    admin = open_database(login_url(team_server, team_db, "ada_admin"))
    with admin.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        owner = conn.exec_driver_sql("SELECT tableowner FROM pg_tables WHERE tablename = 'offer'").scalar()
    admin.dispose()
    assert owner == "lotse_admin"
    editor = open_database(login_url(team_server, team_db, "eva_editor"))
    editor.dispose()
