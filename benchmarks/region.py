"""A realistic synthetic region of N offers in L languages, written in batches.

The region goes through the real schema (``open_database`` runs the migrations);
rows are inserted with executemany in chunks, so 10,000 offers in 15 languages
(150,000 texts, each with its revision) take well under a minute. Texts have
realistic lengths (title 30-80 characters, summary 1-2 sentences, content 2-6
paragraphs with a list and a link), the script of their language, contacts,
opening hours and a mix of translation states, including outdated ones.
"""

from __future__ import annotations

import random
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from desktop.db import open_database
from models.languages import language_info
from models.richtext import fingerprint
from models.status import Status, statuses_for_offer
from models.tables import (
    Category,
    Municipality,
    Offer,
    OfferRevision,
    OfferText,
    Organization,
    Region,
    RegionLanguage,
    TextRevision,
)

# Bump when the generated data changes, so cached regions are rebuilt.
GENERATOR_VERSION = 1

# code -> the language it is translated from, in the order a region would add them.
LANGUAGES: list[tuple[str, str | None]] = [
    ("de", None),
    ("en", "de"),
    ("ar", "de"),
    ("uk", "de"),
    ("fa", "de"),
    ("prs", "fa"),
    ("ru", "de"),
    ("tr", "de"),
    ("kmr", "de"),
    ("fr", "de"),
    ("ps", "de"),
    ("ti", "de"),
    ("es", "de"),
    ("pl", "de"),
    ("ro", "de"),
]

SIZES = {"quick": (1_000, 5), "full": (10_000, 15), "tiny": (60, 3)}

_WORDS = {
    "de": "Beratung Familie Sprachkurs Wohnung Arbeit Gesundheit Kinder Anmeldung Termin "
    "kostenlos Unterstützung "
    "Jobcenter Ausländerbehörde Integrationskurs Hilfe Frauen Jugendliche Ausbildung Schule Kita Antrag "
    "und für mit bei Ihnen wir die der das eine im am zum vom nach".split(),
    "latin": "help family course housing work health children appointment free support office school "
    "the and for with you we a to of in at on by from after".split(),
    "ar": "استشارة عائلة دورة سكن عمل صحة أطفال موعد مجاني دعم مكتب مدرسة و في مع من إلى على".split(),
    "fa": "مشاوره خانواده دوره مسکن کار سلامت کودکان وقت رایگان حمایت اداره مدرسه و در با از به".split(),
    "cyr": "консультация семья курс жильё работа здоровье дети запись бесплатно помощь школа "
    "и в с для на".split(),
    "ti": "ምኽሪ ስድራ ትምህርቲ ገዛ ስራሕ ጥዕና ቆልዑ ቆጸራ ነጻ ሓገዝ ቤት ጽሕፈት ን ካብ ምስ".split(),
}
_SCRIPT = {"de": "de", "ar": "ar", "fa": "fa", "prs": "fa", "ps": "fa", "uk": "cyr", "ru": "cyr", "ti": "ti"}

_CATEGORIES = [
    ("beratung", "Beratung", "Counselling"),
    ("sprache", "Sprache", "Language"),
    ("wohnen", "Wohnen", "Housing"),
    ("arbeit", "Arbeit", "Work"),
    ("gesundheit", "Gesundheit", "Health"),
    ("familie", "Familie", "Family"),
    ("bildung", "Bildung", "Education"),
    ("recht", "Recht", "Law"),
    ("freizeit", "Freizeit", "Leisure"),
    ("behoerden", "Behörden", "Authorities"),
    ("frauen", "Frauen", "Women"),
    ("notfall", "Notfall", "Emergency"),
]
_TOWNS = [
    ("Aachen", "52062", 50.7753, 6.0839),
    ("Alsdorf", "52477", 50.8760, 6.1700),
    ("Baesweiler", "52499", 50.9090, 6.1890),
    ("Eschweiler", "52249", 50.8170, 6.2720),
    ("Herzogenrath", "52134", 50.8690, 6.0940),
    ("Monschau", "52156", 50.5540, 6.2400),
    ("Roetgen", "52159", 50.6500, 6.2000),
    ("Simmerath", "52152", 50.6070, 6.3000),
    ("Stolberg", "52222", 50.7700, 6.2280),
    ("Würselen", "52146", 50.8180, 6.1280),
]
_STREETS = (
    "Markt Hauptstraße Bahnhofstraße Kirchstraße Schulstraße Gartenweg Lindenallee Theaterplatz "
    "Jülicher Straße"
).split(" ")
_FIRST = (
    "Anna Ben Clara David Elif Fatima Georg Hanna Ivan Julia Karim Lena Mehmet Nora Olga Paul Rania Sami"
).split()
_LAST = "Becker Schmidt Yilmaz Haddad Kowalski Novak Fischer Wagner Rahimi Petrenko Meyer Hoffmann".split()
_HOURS = [
    [
        {
            "closed": False,
            "all_day": False,
            "appointment_only": False,
            "slots": [["09:00", "12:00"], ["13:30", "16:00"]],
        }
    ]
    * 4
    + [{"closed": False, "all_day": False, "appointment_only": False, "slots": [["09:00", "12:00"]]}]
    + [{"closed": True, "all_day": False, "appointment_only": False, "slots": []}] * 2,
    [{"closed": False, "all_day": False, "appointment_only": True, "slots": []}] * 5
    + [{"closed": True, "all_day": False, "appointment_only": False, "slots": []}] * 2,
    [{"closed": False, "all_day": False, "appointment_only": False, "slots": [["08:00", "18:00"]]}] * 6
    + [{"closed": True, "all_day": False, "appointment_only": False, "slots": []}],
    None,
]
_TARGETS = [
    "all_newcomers",
    "refugees",
    "women",
    "families",
    "children",
    "youth",
    "skilled_workers",
    "students",
]
CHUNK = 2_000


@dataclass
class RegionInfo:
    path: Path
    offers: int
    languages: list[str]
    texts: int
    seconds: float

    @property
    def url(self) -> str:
        return str(self.path)


def _words(rng: random.Random, code: str, n: int) -> str:
    vocab = _WORDS.get(_SCRIPT.get(code, "latin"), _WORDS["latin"])
    return " ".join(rng.choice(vocab) for _ in range(n))


def _sentence(rng: random.Random, code: str, lo: int = 6, hi: int = 16) -> str:
    s = _words(rng, code, rng.randint(lo, hi))
    return s[:1].upper() + s[1:] + "."


def make_text(rng: random.Random, code: str, number: int) -> dict[str, str]:
    """Title, summary and limited-HTML content of realistic length in the language's script."""
    title = f"{_words(rng, code, rng.randint(3, 8)).title()} {number}"
    summary = " ".join(_sentence(rng, code) for _ in range(rng.randint(1, 2)))
    paragraphs = [
        f"<p>{' '.join(_sentence(rng, code) for _ in range(rng.randint(2, 5)))}</p>"
        for _ in range(rng.randint(2, 5))
    ]
    items = "".join(f"<li>{_words(rng, code, rng.randint(2, 6))}</li>" for _ in range(rng.randint(2, 5)))
    paragraphs.insert(1, f"<ul>{items}</ul>")
    paragraphs.append(
        f'<p><strong>{_words(rng, code, 2)}</strong> <a href="https://example.org/angebot/{number}">'
        f"example.org/angebot/{number}</a>, Tel. 0241 {rng.randint(100000, 999999)}</p>"
    )
    return {"title": title[:200], "summary": summary, "content": "".join(paragraphs)}


def _facts(rng: random.Random, ids: dict, number: int) -> dict:
    town, postcode, lat, lon = rng.choice(_TOWNS)
    contacts = []
    for _ in range(rng.randint(1, 3)):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        contacts.append(
            {
                "key": f"c{number}n{len(contacts)}",  # a stable key as every contact has (migration 4500)
                "area_of_responsibility": rng.choice(["Beratung", "Anmeldung", "Leitung", None]),
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}@example.org",
                "phone": f"0241 {rng.randint(100000, 999999)}",
                "mobile": None,
                "website": None,
            }
        )
    state = rng.choices(["published", "draft", "archived"], weights=[80, 15, 5])[0]
    return {
        "region_id": ids["region"],
        "slug": f"angebot-{number}",
        "category_id": rng.choice(ids["categories"]),
        "organization_id": rng.choice(ids["organizations"]),
        "municipality_id": ids["municipalities"][town],
        "street": f"{rng.choice(_STREETS)} {rng.randint(1, 120)}",
        "postcode": postcode,
        "town": town,
        "latitude": lat + rng.uniform(-0.02, 0.02),
        "longitude": lon + rng.uniform(-0.02, 0.02),
        "contacts": contacts,
        "opening_hours": rng.choice(_HOURS),
        "appointment_url": None,
        "barrier_free": rng.choice([True, False, None]),
        "languages_spoken": rng.sample(["de", "en", "ar", "tr", "uk", "fa"], 2),
        "target_groups": rng.sample(_TARGETS, rng.randint(1, 3)),
        "cost": rng.choice([None, "kostenlos", "5 € pro Termin"]),
        "valid_from": None,
        "valid_until": None,
        "image_path": None,
        "internal_notes": "",
        "state": state,
        "version": 1,
        "updated_by": "Generator",
    }


def _base_rows(conn, rng: random.Random, languages: list[tuple[str, str | None]]) -> dict:
    region_id = conn.execute(
        insert(Region.__table__).values(
            slug="benchregion",
            name="Benchmark-Region",
            bbox_lon_min=5.9,
            bbox_lat_min=50.4,
            bbox_lon_max=6.5,
            bbox_lat_max=51.0,
            imprint_html="",
            publish_policy="checked",
        )
    ).inserted_primary_key[0]
    for position, (code, source) in enumerate(languages):
        info = language_info(code)
        conn.execute(
            insert(RegionLanguage.__table__).values(
                region_id=region_id,
                code=code,
                bcp47_tag=info.bcp47_tag,
                native_name=info.native_name,
                direction=info.direction,
                source_code=source,
                position=position,
                active=True,
            )
        )
    municipalities = {}
    for name, postcode, lat, lon in _TOWNS:
        municipalities[name] = conn.execute(
            insert(Municipality.__table__).values(
                region_id=region_id, name=name, postcode=postcode, latitude=lat, longitude=lon
            )
        ).inserted_primary_key[0]
    categories = [
        conn.execute(
            insert(Category.__table__).values(
                region_id=region_id, slug=slug, color="#4A6FA5", position=i, names={"de": de, "en": en}
            )
        ).inserted_primary_key[0]
        for i, (slug, de, en) in enumerate(_CATEGORIES)
    ]
    organizations = [
        conn.execute(
            insert(Organization.__table__).values(
                region_id=region_id,
                slug=f"traeger-{i}",
                name=f"{rng.choice(['Caritas', 'Diakonie', 'AWO', 'DRK', 'Stadt', 'Verein'])} "
                f"{rng.choice(_LAST)} {i}",
                email=f"info{i}@example.org",
                phone=f"0241 {100000 + i}",
            )
        ).inserted_primary_key[0]
        for i in range(max(20, len(_TOWNS) * 20))
    ]
    return {
        "region": region_id,
        "municipalities": municipalities,
        "categories": categories,
        "organizations": organizations,
    }


def _texts_for_offer(rng, offer_id, number, tree, now):
    """The offer's text rows with consistent fingerprints and effective statuses."""
    made: dict[str, dict] = {}
    for code, source in tree.items():
        if source is not None and (source not in made or rng.random() < 0.08):
            continue  # missing
        values = make_text(rng, code, number)
        fp = fingerprint(values["title"], values["summary"], values["content"])
        if source is None:
            review, made_from = Status.SOURCE.value, None
        else:
            review = rng.choices(["machine", "checked", "approved"], weights=[45, 30, 25])[0]
            made_from = made[source]["fingerprint"] if rng.random() > 0.1 else "0" * 64  # about 10 % outdated
        made[code] = {
            "offer_id": offer_id,
            "language_code": code,
            **values,
            "fingerprint": fp,
            "review_status": review,
            "status": review,
            "source_fingerprint": made_from,
            "source_language_code": source,
            "provider": "generator" if review == "machine" else None,
            "reviewed_by": None if review == "machine" else "Prüferin",
            "version": 1,
            "updated_at": now,
            "updated_by": "Generator",
        }
    entries = {
        c: (True, r["review_status"], r["source_fingerprint"], r["fingerprint"]) for c, r in made.items()
    }
    for code, status in statuses_for_offer(tree, entries).items():
        if code in made:
            made[code]["status"] = status.value
    return list(made.values())


def build_region(path: Path, offers: int, languages: int, *, seed: int = 9, progress=None) -> RegionInfo:
    """Write a new region database at ``path`` (replacing what is there)."""
    started = time.perf_counter()
    partial = path.with_name(path.name + ".part")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    chosen = LANGUAGES[:languages]
    tree = dict(chosen)
    database = open_database(str(partial))
    now = datetime.now(UTC) - timedelta(days=30)
    texts_written = 0
    try:
        with database.engine.begin() as conn:
            ids = _base_rows(conn, rng, chosen)
        for start in range(0, offers, CHUNK):
            numbers = range(start + 1, min(offers, start + CHUNK) + 1)
            offer_rows = [
                {"id": n, **_facts(rng, ids, n), "created_at": now, "updated_at": now} for n in numbers
            ]
            text_rows = [row for n in numbers for row in _texts_for_offer(rng, n, n, tree, now)]
            revisions = [
                {
                    k: r[k]
                    for k in (
                        "offer_id",
                        "language_code",
                        "title",
                        "summary",
                        "content",
                        "fingerprint",
                        "review_status",
                        "source_fingerprint",
                    )
                }
                | {"minor": False, "author": "Generator", "created_at": now, "note": ""}
                for r in text_rows
            ]
            offer_revisions = [
                {
                    "offer_id": r["id"],
                    "offer_version": 1,
                    "author": "Generator",
                    "created_at": now,
                    "note": "created",
                    "facts": {
                        k: v
                        for k, v in r.items()
                        if k
                        not in (
                            "id",
                            "region_id",
                            "slug",
                            "version",
                            "updated_by",
                            "created_at",
                            "updated_at",
                        )
                    },
                }
                for r in offer_rows
            ]
            with database.engine.begin() as conn:
                conn.execute(insert(Offer.__table__), offer_rows)
                conn.execute(insert(OfferText.__table__), text_rows)
                conn.execute(insert(TextRevision.__table__), revisions)
                conn.execute(insert(OfferRevision.__table__), offer_revisions)
            texts_written += len(text_rows)
            if progress:
                progress(numbers[-1], offers, "offers")
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    partial.replace(path)
    return RegionInfo(path, offers, [c for c, _ in chosen], texts_written, time.perf_counter() - started)


def cached_region(folder: Path, size: str, progress=None) -> RegionInfo:
    """The region for a benchmark size, built once and kept under ``folder``."""
    from desktop.db import head_revision

    offers, languages = SIZES[size]
    # Keyed by the schema too: a region made before a new migration is made again, not migrated in place.
    path = folder / f"region-{size}-g{GENERATOR_VERSION}-{head_revision()}.sqlite"
    # Regions of an older generator go; those of other schema heads stay (worktrees on other
    # branches share this folder, and one branch's migration must not delete another's region).
    for stale in folder.glob(f"region-{size}-g*"):
        if not stale.name.startswith(f"region-{size}-g{GENERATOR_VERSION}-"):
            stale.unlink()
    if path.exists():
        return RegionInfo(path, offers, [c for c, _ in LANGUAGES[:languages]], -1, 0.0)
    folder.mkdir(parents=True, exist_ok=True)
    return build_region(path, offers, languages, progress=progress)


def copy_region(region: RegionInfo, target: Path) -> RegionInfo:
    """A private copy for a benchmark that writes."""
    shutil.copyfile(region.path, target)
    return RegionInfo(target, region.offers, region.languages, region.texts, 0.0)
