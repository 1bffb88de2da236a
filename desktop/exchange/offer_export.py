"""Export the offer list to CSV or Excel, in the columns the import reads back."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from export.safe_input import atomic_write
from export.table import write_csv, write_xlsx
from models.hours import week_from_json
from models.hours_text import format_hours_text
from models.i18n import N_
from models.richtext import html_to_text
from models.tables import Category, ContentKind, Municipality, Offer, OfferText, Organization
from models.vocabulary import FACT_FIELD_LABELS, TARGET_GROUPS

from ..db import Database
from ..errors import LotseError
from ..regions import current_region, language_tree, root_language
from ..tasks import CancelToken, no_progress
from .offer_columns import COLUMNS


def offer_rows(
    db: Database,
    offer_ids: list[int] | None = None,
    language: str = "de",
    progress=no_progress,
    token: CancelToken | None = None,
) -> tuple[list[str], list[list]]:
    """Headings and one row per offer (facts, source text, status per language)."""
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        codes = [c for c in language_tree(session, region.id) if c != root]
        categories = {
            c.id: c.name(language if language in c.names else "de")
            for c in session.exec(select(Category).where(Category.region_id == region.id))
        }
        organizations = {
            o.id: o.name
            for o in session.exec(select(Organization).where(Organization.region_id == region.id))
        }
        towns = {
            m.id: m.name
            for m in session.exec(select(Municipality).where(Municipality.region_id == region.id))
        }
        query = (
            select(Offer)
            .where(Offer.region_id == region.id, Offer.kind == ContentKind.OFFER.value)
            .order_by(Offer.id)
        )
        if offer_ids:
            query = query.where(Offer.id.in_(offer_ids))
        offers = list(session.exec(query))
        texts: dict[int, dict[str, OfferText]] = {}
        for text in session.exec(
            select(OfferText).join(Offer, Offer.id == OfferText.offer_id).where(Offer.region_id == region.id)
        ):
            texts.setdefault(text.offer_id, {})[text.language_code] = text
        headers = (
            ["ID"]
            + [c.label(language) for c in COLUMNS]
            + [FACT_FIELD_LABELS["state"].render(language)]
            + [f"Status {code}" for code in codes]
        )
        yes_no = {True: N_("yes").render(language), False: N_("no").render(language)}
        rows = []
        for index, offer in enumerate(offers):
            if token is not None:
                token.raise_if_cancelled()
            source = texts.get(offer.id, {}).get(root)
            contact = (offer.contacts or [{}])[0] if offer.contacts else {}
            values = {
                "title": source.title if source else "",
                "summary": source.summary if source else "",
                "content": html_to_text(source.content).replace("\n", "\n\n") if source else "",
                "category": categories.get(offer.category_id, ""),
                "organization": organizations.get(offer.organization_id, ""),
                "municipality": towns.get(offer.municipality_id, ""),
                "street": offer.street,
                "postcode": offer.postcode,
                "town": offer.town,
                "latitude": offer.latitude,
                "longitude": offer.longitude,
                "contact_name": contact.get("name"),
                "email": contact.get("email"),
                "phone": contact.get("phone"),
                "website": contact.get("website"),
                "appointment_url": offer.appointment_url,
                "cost": offer.cost,
                "age_min": offer.age_min,
                "age_max": offer.age_max,
                "target_groups": ", ".join(
                    TARGET_GROUPS.get(g, {}).get(language, g) for g in offer.target_groups or []
                ),
                "languages_spoken": ", ".join(offer.languages_spoken or []),
                "barrier_free": "" if offer.barrier_free is None else yes_no[offer.barrier_free],
                "valid_from": offer.valid_from.isoformat() if offer.valid_from else "",
                "valid_until": offer.valid_until.isoformat() if offer.valid_until else "",
                "opening_hours": format_hours_text(week_from_json(offer.opening_hours)),
                "internal_notes": offer.internal_notes,
            }
            statuses = texts.get(offer.id, {})
            rows.append(
                [offer.id]
                + [("" if values[c.key] is None else values[c.key]) for c in COLUMNS]
                + [offer.state]
                + [statuses[code].status if code in statuses else "missing" for code in codes]
            )
            progress(index + 1, len(offers), values["title"])
    return headers, rows


def export_offer_list(
    db: Database,
    path: Path,
    *,
    offer_ids: list[int] | None = None,
    language: str = "de",
    progress=no_progress,
    token: CancelToken | None = None,
) -> int:
    """Write the list as .csv or .xlsx (by the file's suffix); returns the number of offers."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise LotseError(N_("“{name}”: please use .csv or .xlsx as the file ending.", name=path.name))
    headers, rows = offer_rows(db, offer_ids, language, progress, token)
    atomic_write(path, write_csv(headers, rows) if suffix == ".csv" else write_xlsx(headers, rows))
    return len(rows)
