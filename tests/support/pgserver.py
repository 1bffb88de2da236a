"""A throw-away PostgreSQL server for tests: initdb in a temporary folder, started on
127.0.0.1 on a free port, as the ``postgres`` system user when the tests run as root."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_postgres_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.bin = find_postgres_bin()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="lotse-pg-"))
        self.data = self.folder / "data"
        self.user = "lotse"
        self._run_as = None
        if os.geteuid() == 0:
            # initdb refuses to run as root.
            self._run_as = "postgres"
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError(
                    "running as root, but there is no 'postgres' system user to run the server"
                ) from exc
            os.chmod(self.folder, 0o755)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _cmd(self, *args: str) -> list[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._run_as:
            return ["runuser", "-u", self._run_as, "--", *command]
        return command

    def start(self) -> None:
        subprocess.run(
            self._cmd(
                "initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-locale"
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off"
        )
        subprocess.run(
            self._cmd(
                "pg_ctl",
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode: str = "immediate") -> None:
        subprocess.run(
            self._cmd("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop"), capture_output=True
        )

    def restart(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            self._cmd(
                "pg_ctl",
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def require_passwords(self) -> None:
        """Every role but the test superuser must log in with its password (SCRAM), as a team
        server would; the superuser keeps trust so the other fixtures work unchanged."""
        hba = self.data / "pg_hba.conf"
        lines = [
            f"local all {self.user} trust",
            f"host all {self.user} 127.0.0.1/32 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "local all all scram-sha-256",
        ]
        if self._run_as:
            subprocess.run(
                ["runuser", "-u", self._run_as, "--", "sh", "-c", f"cat > {hba}"],
                input="\n".join(lines) + "\n",
                text=True,
                check=True,
            )
        else:
            hba.write_text("\n".join(lines) + "\n")
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "reload"), check=True, capture_output=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server in a temporary folder, stopped and removed afterwards."""
    if find_postgres_bin() is None:
        raise RuntimeError("PostgreSQL server binaries not found: run `make test`, which installs them")
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        server.cleanup()
