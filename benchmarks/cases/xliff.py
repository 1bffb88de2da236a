"""XLIFF for a translation agency: the whole region for one language out, and read back as a
preview, against translate-toolkit writing and parsing the same units."""

from __future__ import annotations

from ..harness import Result, Stats, alternate, ms, timed

WHAT = "XLIFF 1.2 of the whole region for one language"


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    from sqlmodel import select
    from translate.storage import xliff as tt_xliff

    from desktop.db import open_database
    from desktop.exchange.xliff_export import export_xliff
    from desktop.exchange.xliff_import import preview_xliff_import
    from models.tables import OfferText

    region = bench.private_region("xliff")
    target = next(code for code in region.languages if code != "de")
    db = open_database(region.url)
    out = bench.scratch / "xliff-out"
    written: dict = {}

    def ours_export() -> float:
        def work():
            written["path"] = export_xliff(
                db, target, None, out / "all.xliff", author="bench", single_file=True, mark=False
            ).path

        return timed(work)

    def toolkit_export() -> float:
        def work():
            with db.transaction() as session:
                rows = list(
                    session.exec(select(OfferText).where(OfferText.language_code.in_(["de", target])))
                )
            texts: dict[int, dict[str, OfferText]] = {}
            for row in rows:
                texts.setdefault(row.offer_id, {})[row.language_code] = row
            store = tt_xliff.xlifffile(sourcelanguage="de", targetlanguage=target)
            for offer_id, by_code in sorted(texts.items()):
                source, translation = by_code.get("de"), by_code.get(target)
                if source is None:
                    continue
                # One <file> for all units: translate-toolkit's switchfile searches every file
                # node, so one file per offer made the baseline quadratic (hours at 10,000 offers).
                for name in ("title", "summary", "content"):
                    unit = store.UnitClass(getattr(source, name))
                    store.addunit(unit)
                    unit.setid(f"{offer_id}.{name}")
                    if translation is not None:
                        unit.target = getattr(translation, name)
            (out / "toolkit.xliff").write_bytes(bytes(store))

        return timed(work)

    def ours_preview() -> float:
        return timed(lambda: preview_xliff_import(db, written["path"]))

    def toolkit_parse() -> float:
        data = written["path"].read_bytes()
        return timed(lambda: [u.target for u in tt_xliff.xlifffile.parsestring(data).units])

    out.mkdir(parents=True, exist_ok=True)
    try:
        runs = bench.runs["slow"]
        mine_out, theirs_out = alternate(ours_export, toolkit_export, runs)
        mine_in, theirs_in = alternate(ours_preview, toolkit_parse, runs)
    finally:
        db.dispose()
    size = f"{region.offers} offers, de → {target}"
    return [
        Result(
            "xliff_export",
            f"{WHAT} ({size}), inline tags and notes",
            "ms",
            Stats.of(ms(mine_out)),
            "translate-toolkit writing the same texts (HTML escaped, no notes)",
            Stats.of(ms(theirs_out)),
        ),
        Result(
            "xliff_preview",
            f"read that XLIFF back as an import preview ({size}), with checks and diffs",
            "ms",
            Stats.of(ms(mine_in)),
            "translate-toolkit parsing the same file",
            Stats.of(ms(theirs_in)),
        ),
    ]
