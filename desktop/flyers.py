"""One offer's flyer from the database: gather its facts and texts, check that the language
may be printed, and hand plain data to ``export.flyers``. The checks and ``flyer_data_from``
serve the brochure too (``desktop.brochure``); the window's choices are in ``flyer_choices``."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from export.flyers import FlyerData, FlyerResult, OfferTexts, render_flyer
from export.integreat.policy import ALLOWED, POLICIES  # noqa: F401 (POLICIES: for the commands)
from models.i18n import N_, Localized
from models.languages import UnknownLanguageError, display_name, language_info
from models.status import Status
from models.tables import Category, Municipality, Organization, Region

from .app_links import offer_links
from .db import Database
from .errors import LotseError
from .flyer_reading import read_offer, read_policies, read_region, row_by_id
from .flyer_words import check_every_word
from .gc_pause import gc_paused
from .offers import OfferData, get_offer
from .regions import region_languages

# Where the QR code leads: the offer's item in the region's app (its app URL, desktop/app_links.py).
# A template ({region}, {lang}, {slug}) from --url or $LOTSE_FLYER_URL overrides it.
SIZES = ("a4", "a5")
# Which translations may go to print: the same publishing policy as the app package.
PRINTABLE = ALLOWED


class FlyerError(LotseError):
    pass


@dataclass
class RegionFacts:
    region: Region
    policies: dict[str, str]  # language code -> policy


def default_link_template() -> str | None:
    """A template that overrides the app's paths: $LOTSE_FLYER_URL, else None (the app URL)."""
    return os.environ.get("LOTSE_FLYER_URL") or None


def link_template(region_slug: str, slug: str, template: str) -> str:
    if not template.startswith(("https://", "http://")):
        raise FlyerError(
            N_("The QR code address “{template}” must start with https:// (or http://).", template=template),
        )
    return template.replace("{region}", region_slug).replace("{slug}", slug)


def region_facts(session: Session, region_id: int) -> RegionFacts:
    region = session.get(Region, region_id)
    policies = {
        rl.code: rl.publish_policy or region.publish_policy for rl in region_languages(session, region_id)
    }
    return RegionFacts(region, policies)


def check_language(code: str, policies: dict[str, str]) -> None:
    try:
        language_info(code)
    except UnknownLanguageError:
        raise FlyerError(
            N_(
                "“{code}” is not a language code. Use one of the region's, e.g. {items}.",
                code=code,
                items=", ".join(policies),
            ),
        ) from None
    if code not in policies:
        raise FlyerError(
            N_(
                "The region does not offer {language}. Its languages: {items}.",
                language=Localized(lambda lang, code=code: display_name(code, lang)),
                items=", ".join(policies),
            ),
        )


def printable(offer: OfferData, code: str, policy: str) -> bool:
    text = offer.texts.get(code)
    return bool(text and text.title and text.status in PRINTABLE.get(policy, PRINTABLE["checked"]))


def flyer_data_from(
    session: Session,
    offer: OfferData,
    region: Region,
    *,
    link: str | None = None,
    printed_on: date | None = None,
    app_links: dict[int, str] | None = None,
    language_links: dict[int, dict[str, str]] | None = None,
) -> FlyerData:
    """``app_links`` and ``language_links`` (from ``offer_link_templates`` and
    ``offer_language_links``) save reading the region once per offer."""
    facts = offer.facts
    template = link or default_link_template()
    by_language: dict[str, str] = {}
    if template:
        qr_link = link_template(region.slug, offer.slug, template)
    else:
        if app_links is None or language_links is None:  # the region read once for both
            app_links, language_links = offer_links(session, region, only=offer.id)
        qr_link = app_links.get(offer.id)
        by_language = language_links.get(offer.id, {})
    category = row_by_id(session, Category, facts.get("category_id") or None)
    organization = row_by_id(session, Organization, facts.get("organization_id") or None)
    municipality = row_by_id(session, Municipality, facts.get("municipality_id") or None)
    return FlyerData(
        offer_id=offer.id,
        slug=offer.slug,
        texts={
            code: OfferTexts(t.title, t.summary, t.content, t.cost, dict(t.contact_areas))
            for code, t in offer.texts.items()
            if t.title
        },
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
        link_template=qr_link,
        links=by_language,
        printed_on=printed_on or date.today(),
    )


def flyer_data(
    db: Database, offer_id: int, *, link: str | None = None, printed_on: date | None = None
) -> FlyerData:
    """Everything one offer's flyer prints, from the database (every language it has)."""
    offer = get_offer(db, offer_id)
    with db.transaction() as session:
        region = session.get(Region, offer.region_id)
        return flyer_data_from(session, offer, region, link=link, printed_on=printed_on)


def render_offer_flyer(
    db: Database,
    offer_id: int,
    out_path,
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
    link: str | None = None,
    policy: str | None = None,
    printed_on: date | None = None,
) -> FlyerResult:
    """The flyer of one offer as a PDF file. Refuses a language whose text is missing or
    not yet reviewed as far as the publishing policy asks (``policy`` overrides it).

    Without cyclic collections while it is made: a flyer makes ~10,000 objects (a first one
    ~50,000), enough to start a dozen young collections and now and then a full one, which
    walks every object of the process (0.24 s beside WeasyPrint in the benchmark's process, more
    in the window's); the document's own cycles (fpdf2's objects point at each other) are
    freed at the end by one young collection over what the flyer made (while still paused: the
    first automatic collection after a pause may well be a full one)."""
    with gc_paused():
        result = _render_offer_flyer(
            db, offer_id, out_path, language, bilingual, size, link, policy, printed_on
        )
        gc.collect(0)  # before the collector runs again: it would start with an older generation
    return result


def _render_offer_flyer(
    db: Database,
    offer_id: int,
    out_path,
    language: str,
    bilingual: bool,
    size: str,
    link: str | None,
    policy: str | None,
    printed_on: date | None,
) -> FlyerResult:
    size = (size or "a4").lower()
    if size not in SIZES:
        raise FlyerError(N_("There is no paper size “{size}”: a4 or a5.", size=size))
    # Rows, not ORM objects: a process's first flyer need not map every table (flyer_reading).
    with db.transaction() as session:
        offer = read_offer(session, offer_id)
        region = read_region(session, offer.region_id)
        facts = RegionFacts(region, read_policies(session, region))
        data = flyer_data_from(session, offer, region, link=link, printed_on=printed_on)
    check_language(language, facts.policies)
    for code in (["de"] if bilingual else []) + [language]:
        rule = policy or facts.policies.get(code, "checked")
        if not printable(offer, code, rule):
            status = offer.texts[code].status if code in offer.texts else Status.MISSING.value
            raise FlyerError(
                N_(
                    "Offer {offer_id} has no printable {language} text (status: {status}; "
                    "required: {rule}). Have the text reviewed or choose another "
                    "language.",
                    offer_id=offer_id,
                    language=Localized(lambda lang, code=code: display_name(code, lang)),
                    status=status,
                    rule=rule,
                ),
            )
    rule = policy or facts.policies.get(language, "checked")
    check_every_word(data, language, rule, "flyer")
    return render_flyer(data, out_path, language, bilingual=bilingual, size=size)
