"""After a crash or a fault: is everything the program reported as saved still there?"""

from __future__ import annotations

import re

from sqlmodel import select

from models.tables import Offer, OfferRevision, OfferText, TextRevision

from .journal import Entry

_MARKER = re.compile(r"(\w+?)(\d+)-(\d+)$")


def marker_order(marker: str) -> tuple[int, int]:
    """'k12-7' -> (12, 7): the cycle and the step, so later saves compare greater."""
    found = _MARKER.search(marker)
    return (int(found.group(2)), int(found.group(3))) if found else (-1, -1)


def lost_saves(db, entries: list[Entry]) -> list[str]:
    """Every reported save that cannot be found (empty when nothing was lost)."""
    with db.transaction() as session:
        texts = set(
            session.exec(select(TextRevision.offer_id, TextRevision.language_code, TextRevision.title))
        )
        streets = {
            (oid, (facts or {}).get("street"))
            for oid, facts in session.exec(select(OfferRevision.offer_id, OfferRevision.facts))
        }
        versions = {oid: v for oid, v in session.exec(select(Offer.id, Offer.version))}
        current = {(r.offer_id, r.language_code): r for r in session.exec(select(OfferText))}
        current_street = {oid: s for oid, s in session.exec(select(Offer.id, Offer.street))}
    lost: list[str] = []
    last: dict[tuple[int, str], Entry] = {}
    for e in entries:
        if e.kind == "text":
            found = (e.offer, "de", f"Angebot {e.marker}") in texts and versions[e.offer] >= int(e.version)
        elif e.kind == "facts":
            found = (e.offer, f"Weg {e.marker}") in streets and versions[e.offer] >= int(e.version)
        elif e.kind == "translation":
            found = (e.offer, "en", f"Offer {e.marker}") in texts and current[(e.offer, "en")].version >= int(
                e.version
            )
        else:
            continue
        if not found:
            lost.append(f"{e.kind} {e.marker} of offer {e.offer}")
        last[(e.offer, e.kind)] = e
    # The current value is the last reported one or a later one, never an older one.
    for (offer_id, kind), e in last.items():
        if kind == "text":
            now = current[(offer_id, "de")].title.removeprefix("Angebot ")
        elif kind == "facts":
            now = (current_street.get(offer_id) or "").removeprefix("Weg ")
        else:
            now = current[(offer_id, "en")].title.removeprefix("Offer ")
        if marker_order(now) < marker_order(e.marker):
            lost.append(f"{kind} of offer {offer_id} went back from {e.marker} to {now}")
    return lost


def lost_drafts(db, entries: list[Entry]) -> list[str]:
    """The next start offers back every offer's last reported autosave (or a later one) to its author."""
    from desktop.drafts import list_drafts

    last: dict[tuple[str, int], Entry] = {}
    for e in entries:
        if e.kind == "draft":
            last[(e.marker.rsplit("-", 1)[0], e.offer)] = e
    lost = []
    for author in {author for author, _offer in last}:
        offered = {}
        for draft in list_drafts(db, author=author):
            typed = draft.payload["payload"]["texts"]["de"]["title"].removeprefix("Angebot ")
            offered[draft.offer_id] = typed
        for (who, offer_id), e in last.items():
            if who != author:
                continue
            if offer_id not in offered:
                lost.append(f"draft {e.marker} of offer {offer_id} not offered to {author}")
            elif marker_order(offered[offer_id]) < marker_order(e.marker):
                lost.append(f"draft of offer {offer_id} went back from {e.marker} to {offered[offer_id]}")
    return lost


def lost_translations(db, entries: list[Entry]) -> list[str]:
    """Every machine translation a batch reported as stored has its revision."""
    from collections import Counter

    reported = Counter(e.offer for e in entries if e.kind == "machine")
    with db.transaction() as session:
        stored = Counter(
            session.exec(
                select(TextRevision.offer_id).where(
                    TextRevision.language_code == "ar", TextRevision.author == "mt"
                )
            )
        )
    return [
        f"offer {oid}: {n} translations reported, {stored[oid]} stored"
        for oid, n in reported.items()
        if stored[oid] < n
    ]


def package_problems(folder, entries: list[Entry]) -> list[str]:
    """The package on disk is whole (every file as its manifest says) and not older than the last
    reported publish."""
    import hashlib
    import json
    from pathlib import Path

    from export.integreat.manifest_parts import listed_files
    from export.integreat.package import recover

    from .workers import package_stamp

    folder = Path(folder)
    published = [e for e in entries if e.kind == "published"]
    recover(folder)  # what the next publish does first: a kill between two renames puts the last package back
    if not published:
        return []
    if not folder.is_dir():
        return [f"no package although {len(published)} publishes were reported"]
    problems = []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = listed_files(folder, manifest)
    parts = {p["path"] for p in manifest["parts"]}
    for relpath, digest in listed.items():
        data = (folder / relpath).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest["sha256"]:
            problems.append(f"{relpath} differs from its manifest")
        elif relpath.endswith(".json"):
            json.loads(data)
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {
        "manifest.json",
        *parts,
    }
    if on_disk != set(listed):
        problems.append(f"files not in the manifest or missing: {sorted(on_disk ^ set(listed))[:5]}")
    if manifest["generated_at"] < package_stamp(published[-1].marker).isoformat(timespec="seconds"):
        problems.append(f"the package is older than the last reported publish {published[-1].marker}")
    return problems
