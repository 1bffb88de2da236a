"""Flyers and brochures from the database: gather an offer's facts and texts, check
that the language may be printed, and hand plain data to ``export.flyers``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from export.flyers import BrochureData, FlyerData, FlyerResult, OfferTexts, render_flyer
from export.integreat.policy import ALLOWED, POLICIES  # noqa: F401 (POLICIES: for the commands)
from models.i18n import N_, Localized, Message, Text
from models.languages import UnknownLanguageError, display_name, language_info
from models.status import Status
from models.tables import Category, Municipality, Organization, Region

from .app_links import offer_language_links, offer_link_templates, region_app_url
from .db import Database
from .errors import LotseError
from .flyer_words import check_every_word
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
class _RegionFacts:
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


def _region_facts(session: Session, region_id: int) -> _RegionFacts:
    region = session.get(Region, region_id)
    policies = {
        rl.code: rl.publish_policy or region.publish_policy for rl in region_languages(session, region_id)
    }
    return _RegionFacts(region, policies)


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
        qr_link = (app_links or offer_link_templates(session, region)).get(offer.id)
        if language_links is None:
            language_links = offer_language_links(session, region)
        by_language = language_links.get(offer.id, {})
    category = session.get(Category, facts["category_id"]) if facts.get("category_id") else None
    organization = (
        session.get(Organization, facts["organization_id"]) if facts.get("organization_id") else None
    )
    municipality = (
        session.get(Municipality, facts["municipality_id"]) if facts.get("municipality_id") else None
    )
    return FlyerData(
        offer_id=offer.id,
        slug=offer.slug,
        texts={
            code: OfferTexts(t.title, t.summary, t.content, t.cost, list(t.contact_areas))
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
    not yet reviewed as far as the publishing policy asks (``policy`` overrides it)."""
    size = (size or "a4").lower()
    if size not in SIZES:
        raise FlyerError(N_("There is no paper size “{size}”: a4 or a5.", size=size))
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


# -- the brochure -------------------------------------------------------------------
@dataclass
class LeftOut:
    offer_id: int
    title: str
    reason: Text

    @property
    def reason_en(self) -> str:
        return self.reason.render("en")

    @property
    def reason_de(self) -> str:
        return self.reason.render("de")


@dataclass
class BrochurePlan:
    data: BrochureData
    left_out: list[LeftOut]
    # Offers printed with words not in the brochure's language: (id, title, parts).
    not_in_language: list = field(default_factory=list)


def brochure_plan(
    db: Database,
    language: str = "de",
    *,
    bilingual: bool = False,
    categories: list[str] | None = None,
    municipalities: list[str] | None = None,
    target_groups: list[str] | None = None,
    policy: str | None = None,
    link: str | None = None,
    printed_on: date | None = None,
    region_slug: str | None = None,
) -> BrochurePlan:
    """The published offers of the region that go into the brochure, and those left out and why.

    ``categories`` are category slugs or names (any language), ``municipalities`` names;
    an offer goes in when its text in every language of the brochure may be printed.
    """
    from sqlmodel import select

    from export.flyers import BrochureData
    from export.flyers import Category as BrochureCategory
    from models.tables import ContentKind, Offer, PublicationState

    from .offers import offer_data
    from .regions import categories as region_categories
    from .regions import current_region
    from .regions import municipalities as region_municipalities

    languages = (["de"] if bilingual and language != "de" else []) + [language]
    with db.transaction() as session:
        region = current_region(session, region_slug)
        facts = _region_facts(session, region.id)
        check_language(language, facts.policies)
        cats = region_categories(session, region.id)
        wanted_cats = _select(cats, categories, lambda c: [c.slug, *c.names.values()], N_("category"))
        munis = region_municipalities(session, region.id)
        wanted_munis = _select(munis, municipalities, lambda m: [m.name], N_("municipality"))
        app_links = None if (link or default_link_template()) else offer_link_templates(session, region)
        language_links = None if app_links is None else offer_language_links(session, region)
        query = select(Offer).where(
            Offer.region_id == region.id,
            Offer.state == PublicationState.PUBLISHED.value,
            Offer.kind == ContentKind.OFFER.value,
        )
        offers, left_out, not_in_language = [], [], []
        for offer in session.exec(query.order_by(Offer.id)).all():
            if wanted_cats is not None and offer.category_id not in wanted_cats:
                continue
            if wanted_munis is not None and offer.municipality_id not in wanted_munis:
                continue
            if target_groups and not set(target_groups) & set(offer.target_groups or []):
                continue
            data = offer_data(session, offer)
            missing = [
                code
                for code in languages
                if not printable(data, code, policy or facts.policies.get(code, "checked"))
            ]
            if missing:
                names = Localized(
                    lambda lang, missing=missing: ", ".join(display_name(c, lang) for c in missing)
                )
                left_out.append(
                    LeftOut(
                        offer.id,
                        data.texts.get("de").title if data.texts.get("de") else offer.slug,
                        N_("no printable {names} text", names=names),
                    )
                )
                continue
            entry = flyer_data_from(
                session,
                data,
                region,
                link=link,
                printed_on=printed_on,
                app_links=app_links,
                language_links=language_links,
            )
            try:
                rule = policy or facts.policies.get(language, "checked")
                plan_parts = check_every_word(entry, language, rule, "entry")
            except LotseError as exc:
                left_out.append(LeftOut(offer.id, entry.text("de").title or offer.slug, exc.text))
                continue
            if plan_parts:
                not_in_language.append((offer.id, entry.text("de").title or offer.slug, plan_parts))
            offers.append(entry)
        offers.sort(key=lambda o: (o.text(language).title or o.text("de").title).casefold())
        used = {o.category_slug for o in offers}
        subtitle = ", ".join(m.name for m in munis if wanted_munis and m.id in wanted_munis)
        plan = BrochureData(
            region_name=region.name,
            region_logo=region.logo_path,
            categories=[BrochureCategory(c.slug, dict(c.names), c.color) for c in cats if c.slug in used],
            offers=offers,
            link=_brochure_link(link or default_link_template(), region),
            subtitle=subtitle,
            printed_on=printed_on or date.today(),
        )
        return BrochurePlan(plan, left_out, not_in_language)


def _brochure_link(template: str | None, region: Region) -> str:
    """The cover's QR code: the region's start page in the app, in the brochure's language."""
    if not template:
        return region_app_url(region) + "{lang}/"
    return template.split("{slug}")[0].replace("{region}", region.slug).replace("/locations/", "/")


def _select(rows, wanted: list[str] | None, names, what: Message) -> set[int] | None:
    if not wanted:
        return None
    chosen: set[int] = set()
    for value in wanted:
        matches = {row.id for row in rows if value.strip().casefold() in (n.casefold() for n in names(row))}
        if not matches:
            known = ", ".join(names(row)[0] for row in rows)
            raise FlyerError(
                N_(
                    "There is no {what} “{value}”. Known: {known}.",
                    what=what,
                    value=value,
                    known=known,
                ),
            )
        chosen |= matches
    return chosen


def render_region_brochure(
    db: Database,
    out_path,
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
    progress=None,
    token=None,
    **selection,
):
    """The brochure as a PDF file; returns (BrochureResult, left_out)."""
    from export.flyers import render_brochure

    plan = brochure_plan(db, language, bilingual=bilingual, **selection)
    if not plan.data.offers:
        raise FlyerError(
            N_("No published offers match this selection and language; nothing was printed."),
        )
    result = render_brochure(
        plan.data, out_path, language, bilingual=bilingual, size=size, progress=progress, token=token
    )
    result.not_in_language = plan.not_in_language
    return result, plan.left_out


# -- what the window offers to choose from --------------------------------------------
@dataclass
class FlyerChoices:
    languages: list[tuple[str, str]]  # (code, "Arabisch – العربية")
    categories: list[tuple[str, str]]  # (slug, name in the UI language or German)
    municipalities: list[str]
    policy: str  # the region's publishing policy
    app_url: str = ""  # where QR codes lead unless a template is given


def flyer_choices(db: Database, ui_language: str = "de") -> FlyerChoices:
    from .regions import categories, current_region, municipalities

    with db.transaction() as session:
        region = current_region(session)
        languages = [
            (rl.code, f"{display_name(rl.code, ui_language)} – {rl.native_name}")
            for rl in region_languages(session, region.id)
        ]
        cats = [
            (c.slug, c.names.get(ui_language) or c.names.get("de") or c.slug)
            for c in categories(session, region.id)
        ]
        munis = [m.name for m in municipalities(session, region.id)]
        return FlyerChoices(languages, cats, munis, region.publish_policy, region_app_url(region))
