"""A real nginx (Debian's package) on 127.0.0.1 with the README's configuration, for tests."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"<!-- lotse-nginx-begin -->\s*```nginx\n(.*?)```\s*<!-- lotse-nginx-end -->", re.S)


def readme_config() -> str:
    """The nginx configuration exactly as the README gives it to the user."""
    match = _BLOCK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match, "README.md has no lotse-nginx block"
    return match.group(1)


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        pytest.fail("nginx is not installed: run `.ci/system-packages.sh test` (Debian package nginx)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx in the foreground, serving ``package`` with the README's server block."""

    def __init__(self, package: Path, work: Path):
        self.work = work
        self.port = _free_port()
        config = readme_config()
        assert "listen 80;" in config and "root /srv/lotse/integreat-paket;" in config
        config = config.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        config = config.replace("root /srv/lotse/integreat-paket;", f"root {package};")
        temp = work / "temp"
        temp.mkdir(parents=True, exist_ok=True)
        # as root, workers would run as nobody and could not enter pytest's private temp folders
        user = "user root;\n" if os.geteuid() == 0 else ""
        (work / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            "events { worker_connections 64; }\n"
            "http {\n  access_log off;\n"
            + "".join(
                f"  {name}_temp_path {temp};\n"
                for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + config
            + "\n}\n",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [nginx_binary(), "-c", str(work / "nginx.conf"), "-p", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx did not start: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise AssertionError("nginx did not listen within 10 s")
        self.base = f"http://127.0.0.1:{self.port}"

    def errors(self) -> str:
        log = self.work / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process.stderr:
            self.process.stderr.close()
