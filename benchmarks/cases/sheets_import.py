"""A provider's spreadsheet at size: 1,000 and 20,000 rows of German Excel CSV read, checked and
saved into the region. The line: 20,000 rows within 25 times the 1,000-row time (linear)."""

from __future__ import annotations

import random
import time

from ..harness import Result, Stats

WHAT = "spreadsheet import (preview and save), 20,000 rows vs 1,000"
SIZES = (1000, 20000)
WORDS = (
    "Sprachcafé Beratung Treff Kurs Hilfe Werkstatt Frauen Eltern Jugend Nähen Kochen Lernen Musik".split()
)
STREETS = "Markt Jakobstraße Kirchweg Bahnhofstr. Hauptstraße Gartenweg Lindenallee".split()
HOURS = [
    "Mo, Mi 9-12 Uhr; Do 14-17 Uhr",
    "Mo-Fr 10-13",
    "Di 15:00-17:00",
    "nach Vereinbarung",
    "täglich 8-20",
]
LANGUAGES = ["Deutsch, Arabisch", "Farsi, Dari", "Kurdisch (Kurmancî), Türkisch", "Englisch"]
GROUPS = ["Frauen", "12 bis 27 Jahre", "alle", "Geflüchtete", "Zugewanderte ab 27 Jahren"]


def missing() -> str | None:
    return None


def write_csv(path, rows: int, seed: int = 7) -> None:
    """What a provider sends, rows times: windows-1252, semicolons, CRLF, some faults."""
    rng = random.Random(seed)
    lines = ["Angebot;Träger;Straße;PLZ;Ort;Telefon;E-Mail;Öffnungszeiten;Sprachen;Zielgruppe;Beschreibung"]
    for index in range(rows):
        title = " ".join(rng.sample(WORDS, 3)) + f" {index}"
        email = f"kontakt{index}@traeger.example" if index % 50 else f"kontakt{index}@traeger"
        lines.append(
            ";".join(
                [
                    title,
                    f"Träger {index % 40}",
                    f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                    f"520{rng.randint(62, 80)}" if index % 70 else "",
                    "Aachen",
                    f"0241 {rng.randint(100000, 999999)}",
                    email,
                    f'"{rng.choice(HOURS)}"',
                    rng.choice(LANGUAGES),
                    rng.choice(GROUPS),
                    '"Jeden Dienstag.\r\nMit Kinderbetreuung."',
                ]
            )
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.exchange.offer_import import apply_offer_import, preview_offer_import

    seconds: dict[int, float] = {}
    created: dict[int, int] = {}
    # A first small import, not timed: imports, CLDR names and phone metadata load once per process.
    for rows in (50, *SIZES):
        path = bench.scratch / f"liste-{rows}.csv"
        write_csv(path, rows)
        region = bench.private_region(f"sheets-{rows}")
        db = open_database(region.url)
        try:
            started = time.perf_counter()
            preview = preview_offer_import(db, path)
            result = apply_offer_import(db, preview, author="bench")
            seconds[rows] = time.perf_counter() - started
            created[rows] = len(result.created)
        finally:
            db.dispose()
        bench.say(f"{rows} rows: {seconds[rows]:.1f} s, {created[rows]} offers created")
        if rows not in SIZES:
            del seconds[rows], created[rows]
    small, large = SIZES
    return [
        Result(
            "sheets_import",
            f"{WHAT}: {large} rows read, checked and saved ({created[large]} offers)",
            "s",
            Stats.of([seconds[large]]),
            f"25 × the {small}-row time ({seconds[small]:.2f} s)",
            budget=25 * seconds[small],
            extra={f"seconds_{n}": round(s, 2) for n, s in seconds.items()},
        )
    ]
