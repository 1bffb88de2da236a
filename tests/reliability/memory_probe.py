"""Peak memory of one real import, run in a fresh process: ``python -m tests.reliability.memory_probe
KIND DATABASE FILE WARMUP``. The import runs once on a small file (``WARMUP``: the modules it
loads and the caches it fills are not what grows with the file), then on ``FILE``. Prints JSON:
``rss_kb`` (resident size just before), ``peak_kb`` (the process's peak resident size after).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path


def status_kb(field: str) -> int:
    """``VmRSS`` (resident now) or ``VmHWM`` (the peak) of this process, in KB. Not ru_maxrss:
    Linux carries that over an exec from the forking parent, whose size it would then report."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field}")


def _xliff(db, path: Path) -> None:
    from desktop.exchange.xliff_import import apply_xliff_import, preview_xliff_import

    preview = preview_xliff_import(db, path)
    result = apply_xliff_import(db, preview, author="probe", agency="Agentur")
    print(json.dumps({"saved": result.saved}), file=sys.stderr)


def _tmx(db, path: Path) -> None:
    from desktop.translation.tmx_io import import_memory

    result = import_memory(db, path)
    print(json.dumps({"added": result.added}), file=sys.stderr)


def _table(db, path: Path) -> None:
    from desktop.exchange.offer_import import apply_offer_import, preview_offer_import

    preview = preview_offer_import(db, path)
    result = apply_offer_import(db, preview, author="probe")
    print(json.dumps({"created": len(result.created), "skipped": len(result.skipped)}), file=sys.stderr)


def _read_table(_db, path: Path) -> None:
    from export.table import read_table

    table = read_table(path)
    print(json.dumps({"rows": len(table.rows)}), file=sys.stderr)


def _glossary(db, path: Path) -> None:
    from desktop.exchange.glossary_io import import_glossary

    result = import_glossary(db, path)
    print(json.dumps({"added": result.added, "rejected": len(result.rejected)}), file=sys.stderr)


def _integreat(db, path: Path) -> None:
    """Each import into a database of its own (a region is imported once per database)."""
    from desktop.db import open_database
    from desktop.integreat_import import import_integreat

    target = open_database(str(db.sqlite_path.with_name(f"integreat-{path.name}-{os.getpid()}.sqlite")))
    result = import_integreat(target, path)
    target.dispose()
    print(json.dumps({"offers": result.offers, "pages": result.pages}), file=sys.stderr)


IMPORTS: dict[str, Callable] = {
    "xliff": _xliff,
    "tmx": _tmx,
    "table": _table,
    "read_table": _read_table,
    "glossary": _glossary,
    "integreat": _integreat,
}


def main(kind: str, database: str, path: str, warmup: str) -> None:
    from desktop.db import open_database

    db = open_database(database)  # made here if it is not there (the readers need none)
    run = IMPORTS[kind]
    run(db, Path(warmup))
    gc.collect()
    before = status_kb("VmRSS")
    run(db, Path(path))
    peak = status_kb("VmHWM")
    print(json.dumps({"rss_kb": before, "peak_kb": peak}))


if __name__ == "__main__":
    main(*sys.argv[1:])
