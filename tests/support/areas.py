"""Contact areas as a test reads them: in the contacts' order (the stored form is by key)."""

from __future__ import annotations

from desktop.offers import OfferData
from models.contact_keys import areas_in_order


def areas_of(offer: OfferData, code: str) -> list[str]:
    """``code``'s areas of responsibility in the order of the offer's contacts ("" for none)."""
    return areas_in_order(offer.texts[code].contact_areas, offer.facts["contacts"])


def keyed(offer: OfferData, areas: list[str]) -> dict[str, str]:
    """Areas given in the contacts' order, by the contacts' keys (as a write takes them)."""
    return {c["key"]: a for c, a in zip(offer.facts["contacts"], areas, strict=False) if a}
