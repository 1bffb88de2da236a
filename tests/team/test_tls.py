"""A team database on a PostgreSQL server that accepts only TLS: with ``sslmode=verify-full``
and the root certificate (made here with openssl, the server's certificate for 127.0.0.1)
Lotse connects; without TLS, or with a certificate signed by someone else, it is refused with
a message that says what to set. The settings dialog writes the two options into the URL."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from desktop.db import open_database
from desktop.errors import DatabaseError
from tests.support.pgserver import find_postgres_bin, running_server

PASSWORD = "Tls-secret-4711"


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path, name: str) -> Path:
    """A root (CA) and a server certificate for 127.0.0.1 signed by it; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
             "-subj", f"/CN={name}", "-days", "2", cwd=folder)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=127.0.0.1", cwd=folder)  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "server.crt", "-days", "2", "-extfile", "san.ext", cwd=folder)  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    if find_postgres_bin() is None or shutil.which("openssl") is None:
        pytest.fail("PostgreSQL server binaries and openssl are needed: run `make test`, which installs them")
    certs = make_certificates(tmp_path_factory.mktemp("certs"), "Lotse test CA")
    with running_server() as server:
        for name in ("server.crt", "server.key"):
            target = server.data / name
            subprocess.run(
                (["runuser", "-u", server._run_as, "--"] if server._run_as else [])
                + ["sh", "-c", f"cat > '{target}' && chmod 600 '{target}'"],
                input=(certs / name).read_bytes(),
                check=True,
            )
        hba = server.data / "pg_hba.conf"
        lines = [
            f"local all {server.user} trust",
            f"host all {server.user} 127.0.0.1/32 trust",
            "hostssl all all 127.0.0.1/32 scram-sha-256",
            "hostnossl all all 127.0.0.1/32 reject",
        ]
        subprocess.run(
            (["runuser", "-u", server._run_as, "--"] if server._run_as else [])
            + ["sh", "-c", f"cat > '{hba}'"],
            input="\n".join(lines).encode() + b"\n",
            check=True,
        )
        with psycopg.connect(
            host="127.0.0.1", port=server.port, user=server.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute("ALTER SYSTEM SET ssl = on")
            conn.execute("ALTER SYSTEM SET password_encryption = 'scram-sha-256'")
            conn.execute("SELECT pg_reload_conf()")
            secret = psycopg.sql.Literal(PASSWORD).as_string(conn)
            conn.execute(f"CREATE ROLE tina LOGIN PASSWORD {secret}")
        server.create_database("lotse_tls")
        with psycopg.connect(
            host="127.0.0.1", port=server.port, user=server.user, dbname="lotse_tls", autocommit=True
        ) as conn:
            conn.execute("GRANT ALL ON SCHEMA public TO tina")
            conn.execute("ALTER DATABASE lotse_tls OWNER TO tina")
        yield server, certs


def url(server, query: str = "") -> str:
    return f"postgresql://tina:{PASSWORD}@127.0.0.1:{server.port}/lotse_tls" + (f"?{query}" if query else "")


def test_verify_full_with_the_root_certificate_connects_encrypted(tls_server):
    server, certs = tls_server
    database = open_database(url(server, f"sslmode=verify-full&sslrootcert={certs / 'ca.crt'}"))
    try:
        with database.engine.connect() as conn:
            encrypted = conn.exec_driver_sql(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).scalar()
        assert encrypted is True
    finally:
        database.dispose()


def test_without_tls_the_server_refuses_and_the_message_says_what_to_set(tls_server):
    server, _certs = tls_server
    with pytest.raises(DatabaseError) as caught:
        open_database(url(server, "sslmode=disable"))
    english = caught.value.message("en")
    assert "only encrypted connections" in english and "verify-full" in english, english
    assert "nur verschlüsselte Verbindungen" in caught.value.message("de")
    assert PASSWORD not in english


def test_a_certificate_from_another_authority_is_refused(tls_server, tmp_path):
    server, _certs = tls_server
    stranger = make_certificates(tmp_path / "other", "Someone else's CA")
    with pytest.raises(DatabaseError) as caught:
        open_database(url(server, f"sslmode=verify-full&sslrootcert={stranger / 'ca.crt'}"))
    english = caught.value.message("en")
    assert "certificate" in english and "root certificate" in english, english
    with pytest.raises(DatabaseError) as caught:
        open_database(url(server, f"sslmode=verify-full&sslrootcert={tmp_path / 'missing.crt'}"))
    assert "missing.crt" in caught.value.message("en")


def test_the_settings_dialog_keeps_tls_in_the_url_and_the_password_in_the_keyring(
    qtbot, tls_server, tmp_path
):
    from desktop.context import AppContext
    from tests.support.memory_keyring import memory_keyring
    from ui.settings_dialog import SettingsDialog
    from ui.settings_store import SettingsStore

    server, certs = tls_server
    root = str(certs / "ca.crt")
    secure = url(server, f"sslmode=verify-full&sslrootcert={root}")
    database = open_database(secure)
    try:
        from desktop.demo import install_demo

        install_demo(database)
        settings = SettingsStore(str(tmp_path / "s.ini"))
        with memory_keyring() as ring:
            dialog = SettingsDialog(AppContext(db=database, user="tina"), settings)
            qtbot.addWidget(dialog)
            dialog.database.setText(url(server))
            dialog.ssl_mode.setCurrentIndex(dialog.ssl_mode.findData("verify-full"))
            dialog.root_certificate.setText(root)
            dialog.save()
            stored = settings.get("database")
            assert "sslmode=verify-full" in stored and "sslrootcert=" in stored
            assert PASSWORD not in stored and PASSWORD not in (tmp_path / "s.ini").read_text()
            assert list(ring.entries.values()) == [PASSWORD]
            again = SettingsDialog(AppContext(db=database, user="tina"), settings)
            qtbot.addWidget(again)
            assert again.ssl_mode.currentData() == "verify-full" and again.root_certificate.text() == root
            assert "sslmode" not in again.database.text()
    finally:
        database.dispose()
