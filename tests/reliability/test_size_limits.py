"""Sizes are checked before reading, and zips through one safe-archive reader: every importer
refuses a too-large file at once, without its bytes in memory. The probe's cases run as the
real command under /usr/bin/time: a 4 GB sparse file to `lotse xliff import` and a 468 KB zip
of 8 × 60 MB `[{},{},…]` to `lotse import integreat`, each refused within 2 s under 300 MB."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from desktop.errors import LotseError
from desktop.exchange.glossary_io import import_glossary
from desktop.exchange.xliff_import import read_documents
from desktop.integreat_import import ImportFailed, import_integreat
from desktop.translation.tmx_io import import_memory
from export.safe_archive import ArchiveLimits, SafeArchive
from export.safe_input import InputRejected
from export.table import read_table
from tests.support.factory import make_region

ROOT = Path(__file__).resolve().parents[2]
BIG = 4 * 1024**3


def sparse(path: Path, size: int = BIG) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def run_measured(*argv: str) -> tuple[subprocess.CompletedProcess, float, int, float]:
    """(result, seconds, maximum resident size in MB, CPU seconds) of `lotse ARGV` under /usr/bin/time.

    The CPU time is what the tests judge: on a machine shared with other work the wall-clock
    time of a Python start-up alone can exceed 2 s."""
    command = [
        "/usr/bin/time",
        "-f",
        "TIME %e %M %U %S",
        sys.executable,
        "-c",
        "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))",
        *argv,
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("TIME ")][-1]
    seconds, kilobytes, user, system = line.split()[1:]
    return result, float(seconds), int(kilobytes) // 1024, float(user) + float(system)


def _db_url(tmp_path) -> str:
    return "sqlite:///" + str(tmp_path / "lotse.sqlite")


def _baseline(db_url: str, tmp_path) -> float:
    """CPU seconds of the same command refusing a missing file: Python's start-up and the
    command's imports, which a machine shared by many processes can push past 2 s by itself."""
    result, _seconds, _megabytes, cpu = run_measured(
        "xliff", "import", "--db", db_url, str(tmp_path / "none")
    )
    assert result.returncode == 1
    return cpu


@pytest.fixture
def region_db(tmp_path):
    from desktop.db import open_database

    db = open_database(_db_url(tmp_path))
    make_region(db)
    db.dispose()
    return _db_url(tmp_path)


def test_a_4_gb_sparse_xliff_is_refused_at_once(region_db, tmp_path, record_property):
    big = sparse(tmp_path / "huge.xliff")
    baseline = _baseline(region_db, tmp_path)
    result, seconds, megabytes, cpu = run_measured("xliff", "import", "--db", region_db, str(big))
    record_property("xliff_4gb", f"{seconds:.2f} s, {cpu:.2f} s CPU, {megabytes} MB max RSS")
    print(f"\nxliff import of 4 GB sparse: {seconds:.2f} s ({cpu:.2f} s CPU), {megabytes} MB max RSS")
    assert result.returncode == 1
    assert "zu groß" in result.stderr or "too large" in result.stderr
    assert megabytes < 300
    assert cpu < 2.0 or cpu - baseline < 0.5, (cpu, baseline)


def _bomb(path: Path, files: int = 8, size: int = 60 * 1024 * 1024) -> Path:
    chunk = b"{}," * (1 << 18)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(files):
            info = zipfile.ZipInfo(f"api/v3/r/de/pages{n}.json")
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                member.write(b"[")
                for _ in range(size // len(chunk)):
                    member.write(chunk)
                member.write(b"{}]")
    return path


def test_the_integreat_zip_bomb_is_refused_at_once(region_db, tmp_path, record_property):
    bomb = _bomb(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 600_000
    baseline = _baseline(region_db, tmp_path)
    result, seconds, megabytes, cpu = run_measured(
        "import", "integreat", "--db", "sqlite:///" + str(tmp_path / "new.sqlite"), str(bomb)
    )
    record_property("integreat_bomb", f"{seconds:.2f} s, {cpu:.2f} s CPU, {megabytes} MB max RSS")
    print(
        f"\nintegreat zip bomb ({bomb.stat().st_size // 1024} KB): {seconds:.2f} s "
        f"({cpu:.2f} s CPU), {megabytes} MB"
    )
    assert result.returncode == 1
    assert "ZIP-Bombe" in result.stderr or "zip bomb" in result.stderr
    assert megabytes < 300
    assert cpu < 2.0 or cpu - baseline < 0.5, (cpu, baseline)


def test_json_that_would_cost_too_much_memory_is_refused_before_parsing(sqlite_db, tmp_path):
    """The same `[{},{},…]` unpacked in a folder: 40 MB on disk, over a gigabyte parsed."""
    folder = tmp_path / "export"
    (folder / "api").mkdir(parents=True)
    (folder / "api" / "pages.json").write_bytes(b"[" + b"{}," * (14 * 1024 * 1024) + b"{}]")
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed) as caught:
            import_integreat(sqlite_db, folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "zu viele Einträge" in caught.value.message("de") and "too many items" in caught.value.message(
        "en"
    )
    assert peak < 100 * 1024 * 1024, peak


def _importers(db, tmp_path):
    """Every importer of a user file, each given a file too large for it (sparse: no disk used)."""
    return {
        "xliff": lambda: read_documents(sparse(tmp_path / "a.xliff", 300 * 1024**2)),
        "xliff zip": lambda: read_documents(sparse(tmp_path / "a.zip", 2 * 1024**3)),
        "csv": lambda: read_table(sparse(tmp_path / "a.csv", 300 * 1024**2)),
        "xlsx": lambda: read_table(sparse(tmp_path / "a.xlsx", 300 * 1024**2)),
        "tbx": lambda: import_glossary(db, sparse(tmp_path / "a.tbx", 300 * 1024**2)),
        "glossary csv": lambda: import_glossary(db, sparse(tmp_path / "g.csv", 300 * 1024**2)),
        "tmx": lambda: import_memory(db, sparse(tmp_path / "a.tmx", 300 * 1024**2)),
        "integreat file": lambda: import_integreat(db, sparse(tmp_path / "pages.json", 300 * 1024**2)),
    }


def test_every_importer_checks_the_size_before_reading(sqlite_db, tmp_path):
    make_region(sqlite_db)
    for name, attempt in _importers(sqlite_db, tmp_path).items():
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises((InputRejected, LotseError)) as caught:
                attempt()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        message = getattr(caught.value, "de", "") or caught.value.message("de")
        assert "zu groß" in message, (name, message)
        assert peak < 20 * 1024 * 1024, (name, peak)
        assert time.monotonic() - started < 10, name  # reading 300 MB is not what takes the time here


def test_the_safe_archive_checks_count_names_sizes_and_a_lying_header(tmp_path):
    limits = ArchiveLimits(members=3, member_bytes=1000, total_bytes=1500, ratio=200, ratio_from=100)

    def archive(members: dict[str, bytes]) -> Path:
        path = tmp_path / "a.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return path

    for members, word in (
        ({f"{n}.json": b"x" for n in range(4)}, "höchstens 3"),
        ({"../x.json": b"x"}, "Zielordner"),
        ({"big.json": b"x" * 1001}, "ZIP-Bombe"),
        ({"a.json": b"x" * 800, "b.json": b"x" * 800}, "ZIP-Bombe"),
    ):
        with pytest.raises(InputRejected) as caught:
            SafeArchive(archive(members), limits, path_limit=10**6)
        assert word in caught.value.de, members.keys()
    # A header that claims fewer bytes than the member holds: reading stops one byte past the claim.
    path = archive({"a.json": b"x" * 500})
    data = bytearray(path.read_bytes())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(header)
        offset = at + (22 if header == b"PK\x03\x04" else 24)  # uncompressed size
        data[offset : offset + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with SafeArchive(path, limits, path_limit=10**6) as opened, pytest.raises(InputRejected):
        opened.read(opened.members()[0])
