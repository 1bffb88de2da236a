"""What the child processes do: edit offers through the real operations and journal every
operation the program reported as done. Runs in processes forked from the fork server."""

from __future__ import annotations

import random
import resource
import signal
import time
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from desktop.db import open_database
from desktop.drafts import save_draft
from desktop.errors import ConflictError, LotseError
from desktop.offers import get_offer, save_offer, save_translation
from models.tables import Offer

from .journal import Journal


def german(marker: str, filler: int = 1) -> dict[str, str]:
    return {
        "title": f"Angebot {marker}",
        "summary": f"Beratung {marker} für neu Zugewanderte.",
        "content": "<p>Wir beraten Sie kostenlos. Telefon 0241 123456.</p>"
        + f"<p>Stand {marker}.</p>" * filler,
    }


def english(marker: str) -> dict[str, str]:
    return {
        "title": f"Offer {marker}",
        "summary": f"Counselling {marker}.",
        "content": f"<p>Version {marker}.</p>",
    }


def editor_draft(base_version: int, marker: str) -> dict:
    """What the editor's autosave writes: its working copy, the base it started from, the language shown."""
    working = {"texts": {"de": german(marker)}, "facts": {"street": f"Entwurf {marker}"}}
    return {"payload": working, "base": {}, "base_version": base_version, "language": "de"}


def _offer_ids(db) -> list[int]:
    with db.transaction() as session:
        return list(session.exec(select(Offer.id).order_by(Offer.id)))


def edit_one(db, journal: Journal, rng: random.Random, offer_id: int, marker: str, name: str) -> None:
    """One edit of one kind, journalled after the operation returned."""
    kind = rng.choice(("text", "facts", "translation", "draft"))
    offer = get_offer(db, offer_id)
    if kind == "draft":
        save_draft(db, offer_id, offer.version, editor_draft(offer.version, marker), author=name)
        journal.write("draft", offer_id, offer.version, marker)
    elif kind == "text":
        saved = save_offer(
            db, offer_id, expected_version=offer.version, author=name, texts={"de": german(marker)}
        )
        journal.write("text", offer_id, saved.version, marker)
    elif kind == "facts":
        saved = save_offer(
            db, offer_id, expected_version=offer.version, author=name, facts={"street": f"Weg {marker}"}
        )
        journal.write("facts", offer_id, saved.version, marker)
    else:
        text = save_translation(db, offer_id, "en", english(marker), author=name, review_status="machine")
        journal.write("translation", offer_id, text.version, marker)


def edit_until_killed(
    url: str,
    journal_path: str,
    seed: int,
    name: str,
    ready=None,
    mt_url: str | None = None,
    package: str | None = None,
) -> None:
    """Edit forever (and, given a translation server and a package folder, translate and
    publish now and then); the parent ends this with SIGKILL at a random moment."""
    db = open_database(url)
    journal = Journal(journal_path)
    rng = random.Random(seed)
    ids = _offer_ids(db)
    if ready is not None:
        ready.set()
    step = 0
    while True:
        step += 1
        marker = f"{name}-{step}"
        roll = rng.random()
        if mt_url and roll < 0.12:
            translate_all(db, journal, mt_url, marker)
        elif package and roll < 0.24:
            publish(db, journal, package, marker)
        else:
            edit_one(db, journal, rng, rng.choice(ids), marker, name)


def autosave_until_killed(url: str, journal_path: str, name: str) -> None:
    """The editor's autosave, every few milliseconds, of one offer being typed into."""
    db = open_database(url)
    journal = Journal(journal_path)
    offer = get_offer(db, _offer_ids(db)[0])
    step = 0
    while True:
        step += 1
        marker = f"{name}-{step}"
        save_draft(db, offer.id, offer.version, editor_draft(offer.version, marker), author=name)
        journal.write("draft", offer.id, offer.version, marker)
        time.sleep(0.005)


def package_stamp(marker: str) -> datetime:
    """A publish's time stamp that encodes its marker, so the package on disk tells which publish made it."""
    from .checks import marker_order

    cycle, step = marker_order(marker)
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=cycle * 100_000 + step)


def publish(db, journal: Journal, package: str, marker: str) -> None:
    from desktop.publish import publish_package

    publish_package(db, package, generated_at=package_stamp(marker), local_preview=True)
    journal.write("published", 0, "", marker)


def translate_all(db, journal: Journal, mt_url: str, marker: str) -> None:
    from desktop.translation.engine import translate_batch
    from desktop.translation.settings import Providers

    report = translate_batch(db, Providers(db, override="libretranslate", url=mt_url), ["ar"], author="mt")
    for result in report.results:
        if result.outcome == "translated":
            journal.write("machine", result.offer_id, "", marker)


def edit_against_another(url: str, journal_path: str, seed: int, name: str, count: int, go) -> None:
    """Edit the same offers as another process: every attempt ends saved or as a reported conflict."""
    db = open_database(url)
    journal = Journal(journal_path)
    rng = random.Random(seed)
    ids = _offer_ids(db)
    go.wait(60)
    for step in range(count):
        offer_id = rng.choice(ids)
        marker = f"{name}-{step}"
        translate = rng.random() < 0.3
        try:
            if translate:
                current = get_offer(db, offer_id).texts["en"]
                time.sleep(rng.uniform(0, 0.004))
                text = save_translation(
                    db,
                    offer_id,
                    "en",
                    english(marker),
                    author=name,
                    review_status="machine",
                    expected_version=current.version,
                )
                journal.write("saved-en", offer_id, text.version, marker, current.version)
            else:
                offer = get_offer(db, offer_id)
                time.sleep(rng.uniform(0, 0.004))
                saved = save_offer(
                    db, offer_id, expected_version=offer.version, author=name, texts={"de": german(marker)}
                )
                journal.write("saved-de", offer_id, saved.version, marker, offer.version)
        except ConflictError as exc:
            journal.write("conflict", offer_id, "", marker, exc.message("en").replace("\t", " "))
        except Exception as exc:  # noqa: BLE001 - anything else is a failure the test reports
            journal.write(
                "error", offer_id, "", marker, repr(exc).replace("\t", " ").replace("\n", " ")[:400]
            )
    db.dispose()


def save_until_the_disk_is_full(url: str, journal_path: str, headroom: int, outcome) -> None:
    """Save ever larger texts under a file-size limit; report how the first failing save ended."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    db = open_database(url)
    journal = Journal(journal_path)
    ids = _offer_ids(db)
    import os

    sizes = [os.path.getsize(p) for p in (db.sqlite_path, f"{db.sqlite_path}-wal") if os.path.exists(p)]
    limit = max(sizes) + headroom
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    step = 0
    try:
        while step < 10_000:
            step += 1
            offer_id = ids[step % len(ids)]
            offer = get_offer(db, offer_id)
            saved = save_offer(
                db,
                offer_id,
                expected_version=offer.version,
                author="disk",
                texts={"de": german(f"disk-{step}", filler=200)},
            )
            journal.write("text", offer_id, saved.version, f"disk-{step}")
        outcome.put(("no-error", step, "", ""))
    except LotseError as exc:
        outcome.put(("lotse-error", step, exc.de, exc.en))
    except BaseException as exc:  # noqa: BLE001
        outcome.put(("crash", step, type(exc).__name__, str(exc)[:500]))


def save_through_a_server_stop(url: str, offer_id: int, version: int, outcome, go_on) -> None:
    """A save the parent interrupts by stopping the server; then, when told, the same save again."""
    db = open_database(url)
    try:
        save_offer(db, offer_id, expected_version=version, author="stop", texts={"de": german("stopped-1")})
        outcome.put(("saved", "", ""))
    except LotseError as exc:
        outcome.put(("lotse-error", exc.de, exc.en))
    except BaseException as exc:  # noqa: BLE001
        outcome.put(("crash", type(exc).__name__, str(exc)[:500]))
    go_on.wait(120)
    try:
        saved = save_offer(
            db, offer_id, expected_version=version, author="stop", texts={"de": german("retry-1")}
        )
        outcome.put(("saved", saved.version, ""))
    except BaseException as exc:  # noqa: BLE001
        outcome.put(("crash", type(exc).__name__, str(exc)[:500]))


def publish_until_the_disk_is_full(url: str, package: str, limit: int, outcome) -> None:
    """Publish once freely, then again under a file-size limit; report how the second ended."""
    from desktop.publish import publish_package

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    db = open_database(url)
    publish_package(db, package, generated_at=package_stamp("good1-1"), local_preview=True)
    offer = get_offer(db, _offer_ids(db)[0])
    save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="disk",
        texts={"de": german("after-1", filler=50)},
    )
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        publish_package(db, package, make_zip=True, generated_at=package_stamp("full2-1"), local_preview=True)
        outcome.put(("no-error", "", ""))
    except LotseError as exc:
        outcome.put(("lotse-error", exc.de, exc.en))
    except BaseException as exc:  # noqa: BLE001
        outcome.put(("crash", type(exc).__name__, str(exc)[:500]))


def publish_killed_at(
    url: str, package: str, kill_at: int, stamp_seconds: int, steps_file: str, no_exchange: bool = False
) -> None:
    """Publish (with the zip), SIGKILLed just before file operation number ``kill_at`` (0: never);
    every operation reached is written to ``steps_file`` first, so the parent knows the gaps.
    ``no_exchange``: as on a kernel or file system without renameat2(RENAME_EXCHANGE)."""
    import os

    from desktop.publish import publish_package
    from export.integreat import swap

    log = open(steps_file, "a", encoding="utf-8")  # noqa: SIM115 - open until the kill

    def hook(number: int, what: str) -> None:
        log.write(f"{number}\t{what}\n")
        log.flush()
        if number == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    swap.STEP_HOOK = hook
    if no_exchange:
        swap.EXCHANGE = False
    db = open_database(url)
    stamp = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=stamp_seconds)
    publish_package(db, package, make_zip=True, generated_at=stamp, local_preview=True)
    log.close()


def killed_while_writing(what: str, target: str, temp: str) -> None:
    """Die by SIGKILL at the last step of a real write (``os.replace``), as a killed command would:
    ``atomic`` an export's file, ``backup`` a SQLite backup, ``folder`` a CMS import's temporary folder."""
    import os
    import tempfile
    from pathlib import Path

    tempfile.tempdir = temp

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = die
    if what == "atomic":
        from export.safe_input import atomic_write

        atomic_write(Path(target), b"half a file")
    elif what == "backup":
        from desktop.db import backup_sqlite

        backup_sqlite(Path(target), "migrate")
    elif what == "folder":
        from export.leftovers import temp_folder

        with temp_folder("cms") as folder:
            (Path(folder) / "pages.json").write_text("[]", encoding="utf-8")
            die()


def writing_until_told(target: str, temp: str, ready, done) -> None:
    """A command still writing: its half-written file and temporary folder must be left alone."""
    import os
    import tempfile
    from pathlib import Path

    from export.leftovers import partial_file, temp_folder

    tempfile.tempdir = temp
    handle, _partial = partial_file(Path(target))
    with temp_folder("cms"):
        ready.set()
        done.wait(60)
    os.close(handle)


def delta_files(stamp_seconds: int) -> tuple[dict[str, bytes], frozenset[str]]:
    """The files a delta publish of ``stamp_seconds`` changes and removes (deterministic)."""
    changed = {
        f"lotse/delta/{stamp_seconds % 7}.json": f'{{"stamp": {stamp_seconds}}}\n'.encode(),
        "media/offers/changed.txt": f"changed at {stamp_seconds}\n".encode(),
        f"lotse/new/{stamp_seconds}/index.json": b"[]\n",
    }
    return changed, frozenset({f"lotse/gone/{stamp_seconds % 3}.json"})


def delta_killed_at(
    package: str, kill_at: int, stamp_seconds: int, steps_file: str, full: bool = False
) -> None:
    """A publish given as a delta against the live run (or, ``full``, every file of the state the
    delta would give), SIGKILLed just before file operation ``kill_at`` (0: never); every
    operation reached is written to ``steps_file`` first."""
    import os
    from pathlib import Path

    from export.integreat import swap
    from export.integreat.delta import expanded
    from export.integreat.package_data import FORMAT
    from export.integreat.writer import PackageDelta, live_run, write_package

    log = open(steps_file, "a", encoding="utf-8")  # noqa: SIM115 - open until the kill

    def hook(number: int, what: str) -> None:
        log.write(f"{number}\t{what}\n")
        log.flush()
        if number == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    stamp = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=stamp_seconds)

    def manifest_of() -> dict:
        return {"format": FORMAT, "format_version": 1, "generated_at": stamp.isoformat(timespec="seconds")}

    changed, removed = delta_files(stamp_seconds)
    delta = PackageDelta(live_run(Path(package)) or "", changed, removed)
    swap.STEP_HOOK = hook
    if full:
        payload, _count = expanded(Path(package), delta)
        write_package(Path(package), list(payload), manifest_of, make_zip=True)
    else:
        write_package(Path(package), None, manifest_of, make_zip=True, delta=delta)
    log.close()
