"""Flyers and brochures from the database: gather an offer's facts and texts, check
that the language may be printed, and hand plain data to ``export.flyers``."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from export.flyers import FlyerData, FlyerResult, OfferTexts, render_flyer
from models.languages import UnknownLanguageError, display_name, language_info
from models.status import Status
from models.tables import Category, Municipality, Organization, Region

from .db import Database
from .errors import LotseError
from .offers import OfferData, get_offer
from .regions import region_languages

# Where the QR code leads: the offer in the Integreat web app. $LOTSE_FLYER_URL overrides it.
DEFAULT_LINK = "https://integreat.app/{region}/{lang}/locations/{slug}"
SIZES = ("a4", "a5")
# Which translations may go to print, by the region's (or the language's) publishing policy.
PRINTABLE = {
    "approved": {Status.APPROVED.value, Status.SOURCE.value},
    "checked": {Status.CHECKED.value, Status.APPROVED.value, Status.SOURCE.value},
    "machine": {Status.MACHINE.value, Status.CHECKED.value, Status.APPROVED.value, Status.SOURCE.value},
}


class FlyerError(LotseError):
    pass


@dataclass
class _RegionFacts:
    region: Region
    policies: dict[str, str]  # language code -> policy


def link_template(region_slug: str, slug: str, template: str | None = None) -> str:
    template = template or os.environ.get("LOTSE_FLYER_URL") or DEFAULT_LINK
    return template.replace("{region}", region_slug).replace("{slug}", slug)


def _region_facts(session: Session, region_id: int) -> _RegionFacts:
    region = session.get(Region, region_id)
    policies = {rl.code: rl.publish_policy or region.publish_policy for rl in region_languages(session, region_id)}
    return _RegionFacts(region, policies)


def check_language(code: str, policies: dict[str, str]) -> None:
    try:
        language_info(code)
    except UnknownLanguageError:
        raise FlyerError(
            f"„{code}“ ist kein Sprachcode. Verwenden Sie einen der Region, z. B. {', '.join(policies)}.",
            f"“{code}” is not a language code. Use one of the region's, e.g. {', '.join(policies)}.",
        ) from None
    if code not in policies:
        raise FlyerError(
            f"Die Region bietet {display_name(code)} nicht an. Sprachen der Region: {', '.join(policies)}.",
            f"The region does not offer {display_name(code, 'en')}. Its languages: {', '.join(policies)}.",
        )


def printable(offer: OfferData, code: str, policy: str) -> bool:
    text = offer.texts.get(code)
    return bool(text and text.title and text.status in PRINTABLE.get(policy, PRINTABLE["checked"]))


def flyer_data_from(session: Session, offer: OfferData, region: Region, *, link: str | None = None,
                    printed_on: date | None = None) -> FlyerData:
    facts = offer.facts
    category = session.get(Category, facts["category_id"]) if facts.get("category_id") else None
    organization = session.get(Organization, facts["organization_id"]) if facts.get("organization_id") else None
    municipality = session.get(Municipality, facts["municipality_id"]) if facts.get("municipality_id") else None
    return FlyerData(
        offer_id=offer.id,
        slug=offer.slug,
        texts={code: OfferTexts(t.title, t.summary, t.content) for code, t in offer.texts.items() if t.title},
        region_name=region.name,
        region_logo=region.logo_path,
        category_names=dict(category.names) if category else {},
        category_color=category.color if category else "#4A6FA5",
        category_slug=category.slug if category else "",
        organization_name=organization.name if organization else "",
        organization_logo=organization.logo_path if organization else None,
        municipality=municipality.name if municipality else "",
        street=facts.get("street") or "",
        postcode=facts.get("postcode") or "",
        town=facts.get("town") or "",
        contacts=list(facts.get("contacts") or []),
        opening_hours=facts.get("opening_hours"),
        languages_spoken=list(facts.get("languages_spoken") or []),
        target_groups=list(facts.get("target_groups") or []),
        cost=facts.get("cost"),
        barrier_free=facts.get("barrier_free"),
        appointment_url=facts.get("appointment_url"),
        link_template=link_template(region.slug, offer.slug, link),
        printed_on=printed_on or date.today(),
    )


def flyer_data(db: Database, offer_id: int, *, link: str | None = None, printed_on: date | None = None) -> FlyerData:
    """Everything one offer's flyer prints, from the database (every language it has)."""
    offer = get_offer(db, offer_id)
    with db.transaction() as session:
        region = session.get(Region, offer.region_id)
        return flyer_data_from(session, offer, region, link=link, printed_on=printed_on)


def render_offer_flyer(db: Database, offer_id: int, out_path, language: str = "de", *, bilingual: bool = False,
                       size: str = "a4", link: str | None = None, policy: str | None = None,
                       printed_on: date | None = None) -> FlyerResult:
    """The flyer of one offer as a PDF file. Refuses a language whose text is missing or
    not yet reviewed as far as the publishing policy asks (``policy`` overrides it)."""
    size = (size or "a4").lower()
    if size not in SIZES:
        raise FlyerError(f"Papierformat „{size}“ gibt es nicht: a4 oder a5.", f"There is no paper size “{size}”: a4 or a5.")
    offer = get_offer(db, offer_id)
    with db.transaction() as session:
        facts = _region_facts(session, offer.region_id)
        data = flyer_data_from(session, offer, facts.region, link=link, printed_on=printed_on)
    check_language(language, facts.policies)
    for code in (["de"] if bilingual else []) + [language]:
        rule = policy or facts.policies.get(code, "checked")
        if not printable(offer, code, rule):
            status = offer.texts[code].status if code in offer.texts else Status.MISSING.value
            raise FlyerError(
                f"Angebot {offer_id} hat auf {display_name(code)} keinen druckbaren Text (Status: {status}; "
                f"verlangt: {rule}). Lassen Sie den Text prüfen oder wählen Sie eine andere Sprache.",
                f"Offer {offer_id} has no printable {display_name(code, 'en')} text (status: {status}; "
                f"required: {rule}). Have the text reviewed or choose another language.",
            )
    return render_flyer(data, out_path, language, bilingual=bilingual, size=size)

