"""The real Integreat CMS as a test judge: its own venv (Python 3.13, built once and cached),
a PostgreSQL server of its own, a seeded test region, gunicorn on 127.0.0.1.

    with running_cms() as cms:
        cms.get_json("/api/v3/testumgebung/de/pages/")

The venv lives under the user cache folder keyed by the CMS version
(``~/.cache/lotse-tests/integreat-cms-2026.10.0/``); a build writes a marker file last, so a
killed build is never taken for a good one, and a lock file keeps two test runs from building
at once. The migrated and seeded database is cached as a dump beside it (keyed by the seed
script's hash), so a warm start restores it instead of migrating again. The CMS is a test tool,
never a dependency of Lotse.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.pgserver import PostgresServer, find_postgres_bin, free_port

CMS_VERSION = "2026.10.0"
REGION = "testumgebung"  # the slug in integreat_cms_region.json
SEED_SCRIPT = Path(__file__).with_name("integreat_cms_seed.py")
REGION_DATA = Path(__file__).with_name("integreat_cms_region.json")
SETTINGS_MODULE = "lotse_cms_test_settings"
# Redis and Celery are not running: no cacheops, link checks in-process and off.
SETTINGS_TEXT = """from integreat_cms.core.settings import *  # noqa: F403

CACHEOPS_ENABLED = False
LINKCHECK_IN_CELERY = False
LINKCHECK_DISABLE_LISTENERS = True
"""
DB_NAME = "integreat"
TEMPLATE_DB = "integreat_seeded"


def region_data() -> dict:
    """The seeded region as declared (pages in the CMS's order, per-language titles and slugs)."""
    return json.loads(REGION_DATA.read_text(encoding="utf-8"))


def page_key(lang: str, path: str) -> str:
    """The key in integreat_cms_region.json of the page at ``path`` (by its slug in ``lang``)."""
    from urllib.parse import unquote

    slug = unquote(path).rstrip("/").rsplit("/", 1)[1]
    return next(p["key"] for p in region_data()["pages"] if p["texts"].get(lang, {}).get("slug") == slug)


class CmsUnavailable(RuntimeError):
    """The CMS cannot be built or started on this machine; the message says why and what to do."""


def cache_root() -> Path:
    base = os.environ.get("LOTSE_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "lotse-tests"
    )
    return Path(base)


def _python_version(executable: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [executable, "-c", "import sys, venv; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python313() -> str:
    """A CPython 3.13 with venv: $LOTSE_PYTHON313, pyenv's newest 3.13.x, python3.13 on PATH."""
    candidates: list[str] = []
    if os.environ.get("LOTSE_PYTHON313"):
        candidates.append(os.environ["LOTSE_PYTHON313"])
    roots = [os.environ.get("PYENV_ROOT"), os.path.expanduser("~/.pyenv")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        try:
            roots.insert(
                0, subprocess.run([pyenv, "root"], capture_output=True, text=True, timeout=30).stdout.strip()
            )
        except (OSError, subprocess.TimeoutExpired):
            pass
    for root in filter(None, roots):
        found = glob.glob(os.path.join(root, "versions", "3.13.*", "bin", "python3"))
        candidates += sorted(
            found, key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()]
        )[::-1]
    for name in ("python3.13",):
        if shutil.which(name):
            candidates.append(shutil.which(name))
    for candidate in candidates:
        if _python_version(candidate) == (3, 13):
            return candidate
    raise CmsUnavailable(
        f"integreat-cms {CMS_VERSION} needs Python 3.13, and none was found (tried: "
        f"{candidates or 'nothing'}). "
        "Install it (e.g. `pyenv install 3.13.0`, or Debian's python3.13 and python3.13-venv) "
        "or point LOTSE_PYTHON313 at its python3."
    )


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)


def ensure_venv(log=None) -> Path:
    """The cached venv with integreat-cms, built on first use. Returns its python."""
    folder = cache_root() / f"integreat-cms-{CMS_VERSION}"
    marker = folder / "lotse-build-complete.json"
    python = folder / "bin" / "python"
    with _locked(cache_root() / f"integreat-cms-{CMS_VERSION}.lock"):
        if marker.is_file() and python.exists():
            return python
        # No marker: nothing, or a build that was killed half-way. Start again.
        shutil.rmtree(folder, ignore_errors=True)
        base = find_python313()
        started = time.monotonic()
        steps = [
            [base, "-m", "venv", str(folder)],
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"integreat-cms=={CMS_VERSION}",
            ],
        ]
        for step in steps:
            out = subprocess.run(step, capture_output=True, text=True, timeout=1800)
            if out.returncode != 0:
                shutil.rmtree(folder, ignore_errors=True)
                raise CmsUnavailable(
                    f"Building the Integreat CMS venv failed at `{' '.join(step)}`:\n{out.stderr[-3000:]}\n"
                    "The CMS tests need PyPI (or a pip mirror) once; afterwards the venv is cached in "
                    f"{folder}."
                )
        _atomic_text(
            marker,
            json.dumps(
                {"version": CMS_VERSION, "python": base, "seconds": round(time.monotonic() - started, 1)}
            ),
        )
        if log:
            log(f"integreat-cms venv built in {time.monotonic() - started:.0f} s")
        return python


def _seed_key() -> str:
    digest = hashlib.sha256(
        SEED_SCRIPT.read_bytes() + REGION_DATA.read_bytes() + SETTINGS_TEXT.encode()
    ).hexdigest()
    return digest[:16]


class CmsServer:
    """One running CMS: its PostgreSQL, its settings and folders, gunicorn. Use ``running_cms()``."""

    def __init__(self, python: Path):
        self.python = python
        self.folder = Path(tempfile.mkdtemp(prefix="lotse-cms-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.region = REGION
        self.pg: PostgresServer | None = None
        self.gunicorn: subprocess.Popen | None = None
        self.seed: dict = {}
        self.timings: dict[str, float] = {}
        (self.folder / "settings").mkdir()
        (self.folder / "settings" / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_TEXT)
        for name in ("media", "xliff", "pdf", "static"):
            (self.folder / name).mkdir()

    # -- environment -------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        assert self.pg is not None
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("INTEGREAT_CMS_", "PYTHON", "VIRTUAL_ENV"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
                "PYTHONPATH": str(self.folder / "settings"),
                "INTEGREAT_CMS_DB_NAME": DB_NAME,
                "INTEGREAT_CMS_DB_USER": self.pg.user,
                "INTEGREAT_CMS_DB_PASSWORD": "",
                "INTEGREAT_CMS_DB_HOST": "127.0.0.1",
                "INTEGREAT_CMS_DB_PORT": str(self.pg.port),
                "INTEGREAT_CMS_SECRET_KEY": "lotse-tests-only-" + self.folder.name,
                "INTEGREAT_CMS_DEBUG": "False",
                "INTEGREAT_CMS_BASE_URL": self.base_url,
                "INTEGREAT_CMS_ALLOWED_HOSTS": "127.0.0.1\nlocalhost",
                "INTEGREAT_CMS_REDIS_CACHE": "False",
                "INTEGREAT_CMS_BACKGROUND_TASKS_ENABLED": "False",
                "INTEGREAT_CMS_LOGFILE": str(self.folder / "cms.log"),
                "INTEGREAT_CMS_MEDIA_ROOT": str(self.folder / "media"),
                "INTEGREAT_CMS_XLIFF_ROOT": str(self.folder / "xliff"),
                "INTEGREAT_CMS_PDF_ROOT": str(self.folder / "pdf"),
                "INTEGREAT_CMS_STATIC_ROOT": str(self.folder / "static"),
                # The place import geocodes every row: point it at a closed port (offline, ignored).
                "INTEGREAT_CMS_NOMINATIM_API_ENABLED": "True",
                "INTEGREAT_CMS_NOMINATIM_API_URL": f"http://127.0.0.1:{free_port()}/",
            }
        )
        return env

    def run(self, *args: str, timeout: float = 300, check: bool = True, input: str | None = None):
        """Run the CMS's Python with the CMS's settings (``-m django migrate``, a script, ``-c``)."""
        out = subprocess.run(
            [str(self.python), *args],
            env=self.env(),
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )
        if check and out.returncode != 0:
            raise RuntimeError(
                f"CMS command {args[:3]} failed ({out.returncode}):\n"
                f"{out.stdout[-2000:]}\n{out.stderr[-4000:]}"
            )
        return out

    def manage(self, *args: str, timeout: float = 300, check: bool = True):
        """An ``integreat-cms-cli`` management command."""
        return self.run("-m", "django", *args, timeout=timeout, check=check)

    # -- database ----------------------------------------------------------------------
    def _sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        assert self.pg is not None
        with psycopg.connect(
            f"host=127.0.0.1 port={self.pg.port} user={self.pg.user} dbname={database}", autocommit=True
        ) as conn:
            conn.execute(statement)

    def _pg_tool(self, name: str, *args: str) -> None:
        assert self.pg is not None
        command = [
            str(self.pg.bin / name),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.pg.port),
            "-U",
            self.pg.user,
            *args,
        ]
        out = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"{name} failed: {out.stderr[-2000:]}")

    def _prepare_database(self) -> None:
        """Migrated and seeded: from the cached dump when there is one, else migrate + seed + dump."""
        cache = cache_root() / f"integreat-cms-{CMS_VERSION}" / f"seeded-{_seed_key()}"
        dump, seed_json = cache / "db.dump", cache / "seed.json"
        self._sql(f"CREATE DATABASE {DB_NAME}")
        started = time.monotonic()
        if dump.is_file() and seed_json.is_file():
            self._pg_tool("pg_restore", "--no-owner", "-d", DB_NAME, str(dump))
            self.seed = json.loads(seed_json.read_text())
            shutil.copytree(cache / "media", self.folder / "media", dirs_exist_ok=True)
            self.timings["restore"] = time.monotonic() - started
            return
        self.manage("migrate", "--noinput", timeout=900)
        self.timings["migrate"] = time.monotonic() - started
        started = time.monotonic()
        # -P: the script's folder (Lotse's tests/support) must not shadow the CMS's modules.
        self.run("-P", str(SEED_SCRIPT), str(REGION_DATA), str(self.folder / "seed.json"))
        self.seed = json.loads((self.folder / "seed.json").read_text())
        self.timings["seed"] = time.monotonic() - started
        with _locked(cache.with_suffix(".lock")):
            if not dump.is_file():
                tmp = Path(tempfile.mkdtemp(prefix="seeded-", dir=cache.parent))
                self._pg_tool("pg_dump", "-Fc", "-f", str(tmp / "db.dump"), DB_NAME)
                shutil.copytree(self.folder / "media", tmp / "media")
                (tmp / "seed.json").write_text(json.dumps(self.seed))
                shutil.rmtree(cache, ignore_errors=True)
                os.replace(tmp, cache)  # the folder appears complete or not at all

    def snapshot(self) -> None:
        """Keep the current database as the template ``reset()`` goes back to."""
        self._sql(f"DROP DATABASE IF EXISTS {TEMPLATE_DB}")
        self._sql(f"CREATE DATABASE {TEMPLATE_DB} TEMPLATE {DB_NAME}")

    def reset(self) -> None:
        """Back to the seeded state (well under a second); the server reconnects per request."""
        self._sql(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
        self._sql(f"CREATE DATABASE {DB_NAME} TEMPLATE {TEMPLATE_DB}")

    # -- server ------------------------------------------------------------------------
    def start_server(self) -> None:
        started = time.monotonic()
        log = open(self.folder / "gunicorn.log", "ab")
        self.gunicorn = subprocess.Popen(
            [
                str(self.python),
                "-m",
                "gunicorn",
                "integreat_cms.core.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "120",
            ],
            env=self.env(),
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise RuntimeError("gunicorn ended at start:\n" + self.log_tail())
            try:
                with urllib.request.urlopen(self.base_url + "/api/v3/regions/", timeout=5) as response:
                    if response.status == 200:
                        self.timings["server"] = time.monotonic() - started
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError("the CMS did not answer within 60 s:\n" + self.log_tail())

    def log_tail(self, chars: int = 4000) -> str:
        parts = []
        for name in ("gunicorn.log", "cms.log"):
            path = self.folder / name
            if path.is_file():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-chars:])
        return "\n".join(parts)

    def stop(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.terminate()
            try:
                self.gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
                self.gunicorn.wait()
        if self.pg is not None:
            self.pg.stop()
            self.pg.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- HTTP --------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """Absolute URL; non-ASCII in the path or query (umlaut slugs) percent-encoded."""
        return self.base_url + urllib.parse.quote(path, safe="/?&=:%+")

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url(path), timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def get_json(self, path: str):
        status, body = self.get(path)
        if status != 200:
            raise AssertionError(f"GET {path}: HTTP {status}\n{body[:500]!r}\n{self.log_tail(1500)}")
        return json.loads(body)

    def api(self, lang: str, endpoint: str):
        """``/api/v3/{region}/{lang}/{endpoint}`` as JSON."""
        return self.get_json(f"/api/v3/{self.region}/{lang}/{endpoint}")


@contextmanager
def running_cms(log=None) -> Iterator[CmsServer]:
    """Build (once) and start the CMS with its seeded test region; everything stops afterwards."""
    if find_postgres_bin() is None:
        raise CmsUnavailable("PostgreSQL server binaries not found: run `make test`, which installs them")
    started = time.monotonic()
    python = ensure_venv(log)
    venv_seconds = time.monotonic() - started
    cms = CmsServer(python)
    cms.timings["venv"] = venv_seconds
    try:
        started = time.monotonic()
        cms.pg = PostgresServer()
        cms.pg.start()
        cms.timings["postgres"] = time.monotonic() - started
        cms._prepare_database()
        cms.snapshot()
        cms.start_server()
        cms.timings["total"] = sum(v for k, v in cms.timings.items() if k != "total")
        if log:
            log("integreat-cms up: " + ", ".join(f"{k} {v:.1f} s" for k, v in cms.timings.items()))
        yield cms
    finally:
        cms.stop()


if (
    __name__ == "__main__"
):  # `python -m tests.support.integreat_cms_server`: start it and wait (for trying things)
    with running_cms(log=print) as server:
        print(server.base_url, server.seed)
        sys.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
