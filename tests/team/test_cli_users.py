"""`lotse team init` and `lotse users …` through the command line, as an administrator and as
an editor; no password appears in anything Lotse prints or writes, nor in the server's log of
every statement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"boss": "Boss-pw-3141-secret", "eva": "Eva-pw-2718-secret", "rami": "Rami-pw-1618-secret"}


@pytest.fixture
def home(tmp_path) -> Path:
    for name in ("home", "config", "data", "cache"):
        (tmp_path / name).mkdir()
    return tmp_path


def lotse(home: Path, *args: str, password: str | None = None, new: str | None = None):
    env = {
        **os.environ,
        "LOTSE_LANG": "en",
        "HOME": str(home / "home"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LOTSE_SETTINGS": str(home / "config" / "lotse.ini"),
    }
    env.pop("PGPASSWORD", None)
    env.pop("LOTSE_NEW_PASSWORD", None)
    if password:
        env["PGPASSWORD"] = password
    if new:
        env["LOTSE_NEW_PASSWORD"] = new
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=home,
    )


def test_people_on_the_command_line_and_no_password_anywhere(team_server, home):
    from desktop.db import open_database
    from desktop.demo import install_demo

    url = team_server.create_database("lotse_cli_people")
    database = open_database(url)
    install_demo(database)
    database.dispose()
    with psycopg.connect(
        host="127.0.0.1", port=team_server.port, user="lotse", dbname="postgres", autocommit=True
    ) as c:
        c.execute("ALTER SYSTEM SET log_statement = 'all'")
        c.execute("SELECT pg_reload_conf()")
    base = f"postgresql://%s@127.0.0.1:{team_server.port}/lotse_cli_people"
    outputs = []

    def ok(*args, **kw):
        result = lotse(home, *args, **kw)
        outputs.append(result.stdout + result.stderr)
        assert result.returncode == 0, result.stderr
        return result

    ok("team", "init", "--db", base % "lotse", "--admin", "boss", new=SECRETS["boss"])
    admin = ["--db", base % "boss"]
    ok(
        "users",
        "add",
        "eva",
        "--role",
        "editor",
        "--municipality",
        "Eschweiler",
        *admin,
        password=SECRETS["boss"],
        new=SECRETS["eva"],
    )
    ok(
        "users",
        "add",
        "rami",
        "--role",
        "reviewer",
        "--language",
        "ar",
        *admin,
        password=SECRETS["boss"],
        new=SECRETS["rami"],
    )
    people = {
        p["name"]: p
        for p in json.loads(ok("users", "list", "--json", *admin, password=SECRETS["boss"]).stdout)
    }
    assert people["eva"]["roles"] == ["editor"] and people["eva"]["municipalities"] == ["Eschweiler"]
    assert people["rami"]["languages"] == ["ar"] and people["boss"]["roles"] == ["admin"]

    refused = lotse(
        home,
        "users",
        "add",
        "mallory",
        "--role",
        "admin",
        "--db",
        base % "eva",
        password=SECRETS["eva"],
        new="Mallory-pw-0000",
    )
    outputs.append(refused.stdout + refused.stderr)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "An administrator grants rights" in refused.stderr
    wrong = lotse(home, "users", "list", "--db", base % "eva", password="not-" + SECRETS["eva"])
    outputs.append(wrong.stdout + wrong.stderr)
    assert "Logging in as eva" in wrong.stderr and "password is wrong" in wrong.stderr

    ok("users", "change", "rami", "--language", "fa", *admin, password=SECRETS["boss"])
    ok("users", "remove", "rami", *admin, password=SECRETS["boss"])
    people = {
        p["name"]: p
        for p in json.loads(ok("users", "list", "--json", *admin, password=SECRETS["boss"]).stdout)
    }
    assert (
        people["rami"]["login"] is False
        if "login" in people["rami"]
        else people["rami"]["can_login"] is False
    )
    assert people["rami"]["roles"] == []

    csv_path = home / "home" / "audit.csv"
    ok("audit", "--item", "person", "--csv", str(csv_path), *admin, password=SECRETS["boss"])
    written_csv = csv_path.read_text(encoding="utf-8-sig")
    assert written_csv.startswith("id;at;person;action;item")
    assert "boss;rights.add;person" in written_csv and '"person"": ""eva""' in written_csv
    assert (
        "rights.remove" in ok("audit", "--action", "rights.remove", *admin, password=SECRETS["boss"]).stdout
    )
    not_admin = lotse(home, "audit", "--db", base % "eva", password=SECRETS["eva"])
    outputs.append(not_admin.stdout + not_admin.stderr)
    assert not_admin.returncode != 0 and "administrators may read it" in not_admin.stderr

    # Every password: not in what was printed, not in any file under the home folders, not in
    # the server's statement log (the CLI sends only a SCRAM verifier).
    server_log = (team_server.folder / "server.log").read_text(errors="replace")
    assert "CREATE ROLE" in server_log or "ALTER ROLE" in server_log  # the log did record statements
    written = [p for p in home.rglob("*") if p.is_file()]
    for secret in [*SECRETS.values(), "Mallory-pw-0000"]:
        assert all(secret not in text for text in outputs), secret
        assert secret not in server_log, secret
        for path in written:
            assert secret.encode() not in path.read_bytes(), (secret, path)


def test_users_change_adds_and_drops_roles_scopes_and_the_password(team_server, home):
    """Each option of `lotse users change` does what it says, the database then allows and
    refuses accordingly, the old password stops working, and a wrong name or role is an error."""
    from desktop.db import open_database
    from desktop.demo import install_demo

    url = team_server.create_database("lotse_cli_change")
    database = open_database(url)
    install_demo(database)
    database.dispose()
    base = f"postgresql://%s@127.0.0.1:{team_server.port}/lotse_cli_change"
    admin = ["--db", base % "boss"]

    def ok(*args, **kw):
        result = lotse(home, *args, **kw)
        assert result.returncode == 0, result.stderr
        for secret in (*SECRETS.values(), "Eva-new-pw-99"):
            assert secret not in result.stdout + result.stderr
        return result

    def person(name: str) -> dict:
        listed = json.loads(ok("users", "list", "--json", *admin, password=SECRETS["boss"]).stdout)
        return next(p for p in listed if p["name"] == name)

    def may(password: str, query: str):
        with psycopg.connect(
            host="127.0.0.1", port=team_server.port, dbname="lotse_cli_change", user="eva", password=password
        ) as conn:
            return conn.execute(query).fetchone()[0]

    ok("team", "init", "--db", base % "lotse", "--admin", "boss", new=SECRETS["boss"])
    ok("users", "add", "eva", "--role", "editor", "--municipality", "Eschweiler", *admin,
       password=SECRETS["boss"], new=SECRETS["eva"])  # fmt: skip
    assert person("eva")["roles"] == ["editor"] and person("eva")["municipalities"] == ["Eschweiler"]

    ok("users", "change", "eva", "--add-role", "reviewer", "--language", "ar", "--municipality", "Aachen",
       *admin, password=SECRETS["boss"])  # fmt: skip
    eva = person("eva")
    assert eva["roles"] == ["editor", "reviewer"] and eva["languages"] == ["ar"]
    assert sorted(eva["municipalities"]) == ["Aachen", "Eschweiler"]
    assert may(SECRETS["eva"], "SELECT lotse_may_review('ar')") is True

    ok("users", "change", "eva", "--drop-role", "editor", "--clear-scopes", "--language", "fa",
       *admin, password=SECRETS["boss"])  # fmt: skip
    eva = person("eva")
    assert eva["roles"] == ["reviewer"] and eva["municipalities"] == [] and eva["languages"] == ["fa"]
    assert may(SECRETS["eva"], "SELECT lotse_may_review('ar')") is False
    assert (
        may(SECRETS["eva"], "SELECT lotse_may_edit(m.id, NULL) FROM municipality m WHERE name = 'Eschweiler'")
        is False
    )

    ok("users", "change", "eva", "--password", *admin, password=SECRETS["boss"], new="Eva-new-pw-99")
    with pytest.raises(psycopg.OperationalError):
        may(SECRETS["eva"], "SELECT 1")
    assert may("Eva-new-pw-99", "SELECT session_user") == "eva"

    unknown = lotse(
        home, "users", "change", "nobody", "--add-role", "editor", *admin, password=SECRETS["boss"]
    )
    assert unknown.returncode != 0 and "There is no person “nobody”" in unknown.stdout + unknown.stderr
    town = lotse(
        home, "users", "change", "eva", "--municipality", "Atlantis", *admin, password=SECRETS["boss"]
    )
    assert town.returncode != 0 and "There is no municipality “Atlantis”" in town.stdout + town.stderr
    assert person("eva")["municipalities"] == []  # nothing of the refused change stayed
    # Only an administrator changes people.
    by_eva = lotse(home, "users", "change", "eva", "--add-role", "admin", "--db", base % "eva",
                   password="Eva-new-pw-99")  # fmt: skip
    assert by_eva.returncode != 0 and person("eva")["roles"] == ["reviewer"]
