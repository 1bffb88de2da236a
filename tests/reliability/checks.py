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
        texts = set(session.exec(select(TextRevision.offer_id, TextRevision.language_code, TextRevision.title)))
        streets = {(oid, (facts or {}).get("street")) for oid, facts in session.exec(select(OfferRevision.offer_id, OfferRevision.facts))}
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
            found = (e.offer, "en", f"Offer {e.marker}") in texts and current[(e.offer, "en")].version >= int(e.version)
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
