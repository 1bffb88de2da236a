"""The region's brochure from the database: which published offers go in (filters by
category, municipality and target group; the publishing policy; every word in the
brochure's language), which are left out and why, and the PDF through ``export.flyers``."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from export.flyers import BrochureData, BrochureResult, FlyerData, render_brochure
from export.flyers import Category as BrochureCategory
from export.flyers.brochure import Progress
from export.flyers.coverage import ForeignPart
from models.i18n import N_, Localized, Message, Text
from models.languages import display_name
from models.tables import Region

from .app_links import offer_links, region_app_url
from .db import Database
from .errors import LotseError
from .flyer_words import check_every_word
from .flyers import (
    FlyerError,
    check_language,
    default_link_template,
    flyer_data_from,
    printable,
    region_facts,
)
from .tasks import CancelToken


@dataclass
class LeftOut:
    offer_id: int
    title: str
    reason: Text


@dataclass
class BrochurePlan:
    data: BrochureData
    left_out: list[LeftOut]
    # Offers printed with words not in the brochure's language: (id, title, parts).
    not_in_language: list[tuple[int, str, list[ForeignPart]]] = field(default_factory=list)


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
    from sqlmodel import col, select

    from models.tables import ContentKind, Offer, PublicationState

    from .offers import offer_data
    from .regions import categories as region_categories
    from .regions import current_region
    from .regions import municipalities as region_municipalities

    languages = (["de"] if bilingual and language != "de" else []) + [language]
    with db.transaction() as session:
        region = current_region(session, region_slug)
        assert region.id is not None
        facts = region_facts(session, region.id)
        check_language(language, facts.policies)
        cats = region_categories(session, region.id)
        wanted_cats = select_rows(cats, categories, lambda c: [c.slug, *c.names.values()], N_("category"))
        munis = region_municipalities(session, region.id)
        wanted_munis = select_rows(munis, municipalities, lambda m: [m.name], N_("municipality"))
        app_links, language_links = (
            (None, None) if (link or default_link_template()) else offer_links(session, region)
        )
        query = select(Offer).where(
            Offer.region_id == region.id,
            Offer.state == PublicationState.PUBLISHED.value,
            Offer.kind == ContentKind.OFFER.value,
        )
        offers: list[FlyerData] = []
        left_out: list[LeftOut] = []
        not_in_language: list[tuple[int, str, list[ForeignPart]]] = []
        for offer in session.exec(query.order_by(col(Offer.id))).all():
            assert offer.id is not None
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
                german = data.texts.get("de")
                left_out.append(
                    LeftOut(
                        offer.id,
                        german.title if german else offer.slug,
                        N_("no printable {names} text", names=_language_names(missing)),
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


def _language_names(codes: list[str]) -> Localized:
    """The languages' names, in the language the message is shown in."""
    return Localized(lambda lang: ", ".join(display_name(c, lang) for c in codes))


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


RowT = TypeVar("RowT", bound=_Row)


def select_rows(
    rows: Sequence[RowT], wanted: list[str] | None, names: Callable[[RowT], list[str]], what: Message
) -> set[int] | None:
    """The ids of the rows any of whose ``names`` contains a wanted value; None without a wish."""
    if not wanted:
        return None
    chosen: set[int] = set()
    for value in wanted:
        matches = {
            row.id
            for row in rows
            if row.id is not None and value.strip().casefold() in (n.casefold() for n in names(row))
        }
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
    out_path: str | os.PathLike[str],
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
    progress: Progress | None = None,
    token: CancelToken | None = None,
    **selection: Any,
) -> tuple[BrochureResult, list[LeftOut]]:
    """The brochure as a PDF file; returns (BrochureResult, left_out)."""
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
