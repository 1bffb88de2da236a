"""Events on paper, from the database: the calendar of a month or period and one event's
flyer. The events and texts that print are the ones the app package publishes (the same
snapshot, policy and translation checks); the PDFs are made by ``export.flyers``."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from export.flyers.calendar import CalendarResult, render_calendar
from export.flyers.calendar_data import calendar_from_snapshot, printable_events
from export.flyers.content import FlyerData, OfferTexts
from export.flyers.event_flyer import EventFlyerData, EventFlyerResult, render_event_flyer
from export.flyers.flyer import flyer_languages
from export.integreat.policy import Plan, plan_publication
from export.integreat.snapshot import RegionSnapshot
from export.integreat.timing import last_occurrence, timing_of
from models.i18n import N_, Localized
from models.languages import display_name
from models.recurrence import expand, zone
from models.tables import ContentKind, Offer, Organization, Region

from .app_links import event_links, events_link
from .brochure import select_rows  # categories by slug or name, as the brochure
from .db import Database
from .flyers import SIZES, FlyerError, check_language
from .publish import failed_checks, load_snapshot
from .regions import current_region

MAX_DAYS = 366  # a calendar of at most a year


def _read(
    db: Database, policy: str | None, today: date, region_slug: str | None = None
) -> tuple[Region, RegionSnapshot, Plan]:
    with db.transaction() as session:
        region = current_region(session, region_slug)
        snapshot = load_snapshot(session, region.slug)
        failed = failed_checks(session, snapshot, policy)
        plan = plan_publication(snapshot, today=today, override=policy, failed_checks=failed)
        session.expunge(region)
    return region, snapshot, plan


def _checked(language: str, plan: Plan, size: str) -> None:
    check_language(language, plan.policies)
    if size.lower() not in SIZES:
        raise FlyerError(N_("There is no paper size “{size}”: a4 or a5.", size=size))


def render_event_calendar(
    db: Database,
    out_path: str | os.PathLike[str],
    language: str,
    since: date,
    until: date,
    *,
    bilingual: bool = False,
    towns: list[str] | None = None,
    categories: list[str] | None = None,
    policy: str | None = None,
    size: str = "a4",
    printed_on: date | None = None,
) -> CalendarResult:
    """The region's events of [since, until] in ``language`` (German beside it when
    ``bilingual``) as a PDF; ``towns`` keeps the events in these towns, ``categories`` (slugs
    or names in any language) those of these categories."""
    if until < since:
        raise FlyerError(N_("The period ends before it begins."))
    if (until - since).days >= MAX_DAYS:
        raise FlyerError(N_("A calendar covers at most one year."))
    region, snapshot, plan = _read(db, policy, since)
    _checked(language, plan, size)
    wanted = select_rows(
        snapshot.categories, categories, lambda c: [c.slug, *c.names.values()], N_("category")
    )
    data = calendar_from_snapshot(
        snapshot,
        plan,
        language,
        since,
        until,
        bilingual=bilingual,
        towns=towns,
        categories=wanted,
        link=events_link(region),
        region_logo=region.logo_path,
        subtitle=", ".join(towns or []),
        printed_on=printed_on,
    )
    if not data.entries:
        raise FlyerError(
            N_(
                "No event takes place in this period in {language} (under the publishing policy); "
                "nothing was printed.",
                language=Localized(lambda lang: display_name(language, lang)),
            )
        )
    return render_calendar(data, out_path, language, bilingual=bilingual, size=size)


def event_flyer_data(
    snapshot: RegionSnapshot,
    plan: Plan,
    region: Region,
    event_id: int,
    languages: tuple[str, ...],
    today: date,
    link: str | None,
    organization: Organization | None,
) -> EventFlyerData:
    event = next((e for e in snapshot.events if e.id == event_id), None)
    if event is None:
        raise FlyerError(N_("There is no event with the id {event_id}.", event_id=event_id))
    timing = timing_of(event)
    offers = {o.id: o for o in snapshot.offers}
    place = offers.get(event.place_id) if event.place_id is not None else None
    where = place if place is not None and place.has_address else event
    tz = zone(timing.timezone)
    now = datetime.combine(today, time.min, tz)
    upcoming = expand(timing, now, now + timedelta(days=400)) if timing.rule else []
    last = last_occurrence(timing) if timing.rule else None
    flyer = FlyerData(
        offer_id=event.id,
        slug=event.slug,
        texts={
            code: OfferTexts(t.title, t.summary, t.content)
            for code, t in event.texts.items()
            if code in languages
        },
        region_name=snapshot.name,
        region_logo=region.logo_path,
        organization_name=organization.name if organization else "",
        organization_logo=organization.logo_path if organization else None,
        street=where.street or "",
        postcode=where.postcode or "",
        town=where.town or "",
        link_template=link,
        printed_on=today,
    )
    return EventFlyerData(
        flyer=flyer,
        timing=timing,
        upcoming=upcoming,
        cancelled=sorted(d for d in timing.exdates if d >= today),
        last_day=last,
        place_names={
            code: place.texts[code].title
            for code in languages
            if place is not None and place.id in plan.included.get(code, ()) and code in place.texts
        },
        meeting_url=event.meeting_url,
    )


def render_event_flyer_pdf(
    db: Database,
    event_id: int,
    out_path: str | os.PathLike[str],
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
    policy: str | None = None,
    today: date | None = None,
) -> EventFlyerResult:
    """One event's flyer; refuses a language the event is not published in (policy, checks)."""
    today = today or date.today()
    region, snapshot, plan = _read(db, policy, today)
    _checked(language, plan, size)
    languages = flyer_languages(language, bilingual)
    if event_id not in {e.id for e in snapshot.events}:
        raise FlyerError(N_("There is no event with the id {event_id}.", event_id=event_id))
    missing = [code for code in languages if event_id not in printable_events(plan, (code,))]
    if missing:
        reasons = [o for o in plan.omissions if o.offer_id == event_id and o.language in (*missing, "*")]
        raise FlyerError(
            N_(
                "Event {event_id} is not published in {language} ({reason}); have the text reviewed "
                "or choose another language.",
                event_id=event_id,
                language=Localized(lambda lang: ", ".join(display_name(c, lang) for c in missing)),
                reason=reasons[0].text() if reasons else N_("no text"),
            )
        )
    with db.transaction() as session:
        links = event_links(session, region, plan)
        event = next(e for e in snapshot.events if e.id == event_id)
        organization = session.get(Organization, event.organization_id) if event.organization_id else None
        if organization is not None:
            session.expunge(organization)
    data = event_flyer_data(
        snapshot, plan, region, event_id, languages, today, links.get((event_id, languages[-1])), organization
    )
    return render_event_flyer(data, out_path, language, bilingual=bilingual, size=size)


def events_among(db: Database, ids: list[int]) -> list[int]:
    """The ids (of ``ids``) that are events, in their order (what the window has selected)."""
    if not ids:
        return []
    with db.transaction() as session:
        found = set(
            session.exec(
                select(Offer.id).where(col(Offer.id).in_(ids), Offer.kind == ContentKind.EVENT.value)
            ).all()
        )
    return [i for i in ids if i in found]
