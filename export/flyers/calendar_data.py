"""The events calendar's content from the app package's snapshot: the events the publishing
policy lets out in the language (the same as ``events.json``), every occurrence in the
period, each place under its name in the language (an offer) or its address.

``calendar_pdf(snapshot, "ar", since, until, path)`` is the whole way from a snapshot to the
PDF (no database): what ``desktop.event_print`` does after reading the region.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from export.integreat.api_values import TIMEZONE
from export.integreat.policy import Plan, plan_publication
from export.integreat.snapshot import OfferSnap, RegionSnapshot
from export.integreat.timing import timing_of
from models.recurrence import expand, zone

from .calendar import CalendarData, CalendarEntry, CalendarResult, render_calendar
from .calendar_words import series_text
from .flyer import flyer_languages


def month_period(month: str) -> tuple[date, date]:
    """ "2027-03" -> (1 March 2027, 31 March 2027); ValueError for anything else."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, following - timedelta(days=1)


def printable_events(plan: Plan, languages: tuple[str, ...]) -> set[int]:
    """The events that go out in every one of ``languages`` under the plan."""
    chosen = [set(plan.events.get(code, [])) for code in languages]
    return set.intersection(*chosen) if chosen else set()


def _address(item: OfferSnap) -> str:
    town = " ".join(p for p in (item.postcode, item.town) if p)
    return ", ".join(p for p in (item.street, town) if p)


def calendar_from_snapshot(
    snapshot: RegionSnapshot,
    plan: Plan,
    language: str,
    since: date,
    until: date,
    *,
    bilingual: bool = False,
    towns: list[str] | None = None,
    categories: set[int] | None = None,
    link: str | None = None,
    region_logo: str | None = None,
    subtitle: str = "",
    printed_on: date | None = None,
) -> CalendarData:
    """Every occurrence in [since, until] of the events going out in the calendar's languages;
    ``towns``: only events in these towns (their place's or their own address); ``categories``:
    only events of these category ids (their own category, else their place's)."""
    languages = flyer_languages(language, bilingual)
    wanted = printable_events(plan, languages)
    offers = {o.id: o for o in snapshot.offers}
    wanted_towns = {t.strip().casefold() for t in towns or [] if t.strip()}
    entries: list[CalendarEntry] = []
    for event in sorted(snapshot.events, key=lambda e: e.id):
        if event.id not in wanted:
            continue
        place = offers.get(event.place_id) if event.place_id is not None else None
        where = place if place is not None and place.has_address else event
        if wanted_towns and (where.town or "").strip().casefold() not in wanted_towns:
            continue
        category = event.category_id or (place.category_id if place is not None else None)
        if categories is not None and category not in categories:
            continue
        timing = timing_of(event)
        tz = zone(timing.timezone)
        first = datetime.combine(since, time.min, tz)
        last = datetime.combine(until, time.max, tz)
        places = {
            code: place.texts[code].title
            for code in languages
            if place is not None and place.id in plan.included.get(code, ()) and code in place.texts
        }
        series = {code: series_text(code, timing) for code in languages}
        for occurrence in expand(timing, first, last):
            entries.append(
                CalendarEntry(
                    event_id=event.id,
                    start=occurrence.start,
                    end=occurrence.end,
                    titles={code: event.texts[code].title for code in languages},
                    all_day=timing.all_day,
                    series=series,
                    places=places,
                    address=_address(where),
                    online=bool(event.meeting_url),
                    moved_from=occurrence.original if occurrence.moved else None,
                    zone_note="" if timing.timezone == TIMEZONE else timing.timezone,
                )
            )
    return CalendarData(
        region_name=snapshot.name,
        since=since,
        until=until,
        entries=entries,
        region_logo=region_logo,
        link=link,
        subtitle=subtitle,
        printed_on=printed_on or date.today(),
    )


def calendar_pdf(
    snapshot: RegionSnapshot,
    language: str,
    since: date,
    until: date,
    out_path: str | os.PathLike[str],
    *,
    bilingual: bool = False,
    policy: str | None = None,
    link: str | None = None,
    size: str = "a4",
) -> CalendarResult:
    """The calendar of ``snapshot``'s events in ``language`` for [since, until] as a PDF file,
    under the region's publishing policy (or ``policy``): the one call from data to paper."""
    plan = plan_publication(snapshot, today=since, override=policy)
    data = calendar_from_snapshot(snapshot, plan, language, since, until, bilingual=bilingual, link=link)
    return render_calendar(data, out_path, language, bilingual=bilingual, size=size)
