"""Information pages and events in the API v3 shape, beside the offers' pages and places
(``objects.Builder``). Pages come as the CMS sends them: the tree with ``parent`` (the
parent's page id and path), ``order``, ``available_languages``, every language's own slug in
its path. Events: one item per event, recurring events also as their occurrences of the next
31 days (slug ``name$YYYY-MM-DD``, ``id`` null, as the CMS does), ``recurrence_rule`` with a
naive UTC DTSTART, ``location`` always an object, ``end`` never null; and ``events.ics``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

from export.ical import CalEvent, IcsResult, write_calendars, write_ics
from models.recurrence import Occurrence, expand, parse_rule, zone
from models.richtext import html_to_text

from .api_values import TIMEZONE, own_id
from .page_tree import PAGE_ID_KEY
from .snapshot import OfferSnap
from .timing import timing_of

EXPANSION_DAYS = 31
NO_LOCATION = {
    "id": None,
    "name": None,
    "address": None,
    "town": None,
    "state": None,
    "postcode": None,
    "region": None,
    "country": None,
    "latitude": None,
    "longitude": None,
}


_NOT_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")


def text_slug(title: str, fallback: str) -> str:
    """A slug in the text's own script, as the CMS makes them (Django's slugify with Unicode):
    "Ein Bankkonto eröffnen" -> "ein-bankkonto-eröffnen", Arabic stays Arabic."""
    text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", title).lower())
    return _SPACES.sub("-", text).strip("-_")[:80] or fallback


def _text_id(text) -> int:
    """A translation's id: the CMS's for imported ones (deep links and deliveries use it),
    Lotse's own above every CMS id for the others (``api_values.own_id``)."""
    return text.cms_id if text.cms_id is not None else own_id(text.id)


class ContentObjects:
    def __init__(self, builder, today: date | None = None):
        self.b = builder
        self.today = today or date.today()
        snap = builder.snapshot
        self.pages = {p.id: p for p in snap.pages}
        self.events = {e.id: e for e in snap.events}
        self.page_ids = {c: set(ids) for c, ids in builder.plan.pages.items()}
        self.event_ids = {c: set(ids) for c, ids in builder.plan.events.items()}
        self._slugs: dict[tuple[int, str], str] = {}
        self._current: dict[str, set[str]] = {}  # language -> every page's current slug
        for code, ids in builder.plan.pages.items():
            taken = self._offer_page_slugs(code)
            for pid in ids:  # imported slugs first: they are the CMS's and stay as they were
                text = self.pages[pid].texts[code]
                if text.slug:
                    self._slugs[(pid, code)] = self._claim(text.slug, taken)
            for pid in ids:
                if (pid, code) not in self._slugs:
                    self._slugs[(pid, code)] = self._claim(self._own_slug(self.pages[pid], code), taken)
        for code, ids in builder.plan.events.items():
            taken = set()
            for eid in ids:
                event = self.events[eid]
                base = event.texts[code].slug or self._own_slug(event, code)
                self._slugs[(eid, code)] = self._claim(base, taken)

    def _offer_page_slugs(self, code: str) -> set[str]:
        """The slugs the offers' pages take in ``code``: the category pages and offer pages that
        are in this language's package. A category without a page here (a place category of
        an imported region) reserves nothing, so a CMS page keeps its slug."""
        taken: set[str] = set()
        for category, offers in self.b._groups(code):
            taken.add(self.b.category_slugs[category.id if category else None])
            taken.update(self.b.offer_slugs[o.id] for o in offers)
        return taken

    def slug_history(self, item: OfferSnap, code: str) -> list[str]:
        """The CMS's ``slug_history``: the earlier slugs an import kept (unless a page has one
        of them as its slug now), then the current one."""
        current = self._slugs[(item.id, code)]
        old = item.texts[code].old_slugs
        if not old:
            return [current]
        if code not in self._current:
            self._current[code] = {self._slugs[(pid, code)] for pid in self.page_ids.get(code, ())}
        return [*(s for s in old if s not in self._current[code]), current]

    def _own_slug(self, item: OfferSnap, code: str) -> str:
        """Lotse's slug of an item: in the source language its stable slug (a new title keeps the
        path), in the others one made from the title in its own script."""
        if code == self.b.root:
            return item.slug
        return text_slug(item.texts[code].title, "seite" if item.kind == "page" else "veranstaltung")

    @staticmethod
    def _claim(slug: str, taken: set[str]) -> str:
        base = slug.strip("/").replace("/", "-").lower() or "seite"
        candidate, n = base, 2
        while candidate in taken or candidate in (
            "search",
            "imprint",
            "events",
            "news",
            "places",
            "locations",
        ):
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    # --- pages -------------------------------------------------------------------------
    def page_id(self, page: OfferSnap) -> int:
        """The page's own id (its children's ``parent.id``): the CMS's for imported pages."""
        return page.cms_id if page.cms_id is not None else own_id(page.id)

    def page_path(self, page: OfferSnap, code: str) -> str:
        chain, node = [], page
        while node is not None:
            chain.append(self._slugs[(node.id, code)])
            node = self.pages.get(node.parent_id)
        return self.b.path(code, *reversed(chain))

    def page(self, page: OfferSnap, code: str) -> dict:
        text = page.texts[code]
        path = self.page_path(page, code)
        parent = self.pages.get(page.parent_id)
        content, excerpt = self.b.content(page, code)
        return {
            "id": _text_id(text),
            "url": self.b.url(path),
            "path": path,
            "title": text.title,
            **self.b._dates(text.updated_at),
            "excerpt": excerpt,
            "content": content,
            "parent": (
                {"id": self.page_id(parent), "url": self.b.url(p := self.page_path(parent, code)), "path": p}
                if parent is not None
                else {"id": 0, "url": None, "path": None}
            ),
            "order": page.position,
            "available_languages": {
                other: self.b.link(
                    _text_id(page.texts[other]),
                    self.page_path(page, other),
                )
                for other in self.b.languages
                if other != code and page.id in self.page_ids.get(other, ())
            },
            "thumbnail": self.b.thumbnails.get(page.id),
            "organization": self.b.organization(page),
            "embedded_offers": [],
            "hash": None,
            "slug_history": self.slug_history(page, code),
            PAGE_ID_KEY: self.page_id(page),
        }

    def side_file(self) -> dict:
        """For a faithful re-import: which pages are information pages (the source language's
        paths) and every page's and event's status per language (the API has no field for it)."""
        root = self.b.root
        paths = {pid: self.page_path(self.pages[pid], root) for pid in self.b.plan.pages.get(root, [])}
        events = {
            eid: self.event_path(self.events[eid], root, None) for eid in self.b.plan.events.get(root, [])
        }
        statuses: dict[str, dict[str, str]] = {}
        for code in self.b.languages:
            for pid in self.b.plan.pages.get(code, []):
                if pid in paths:
                    statuses.setdefault(code, {})[paths[pid]] = self.pages[pid].texts[code].status
            for eid in self.b.plan.events.get(code, []):
                if eid in events:
                    statuses.setdefault(code, {})[events[eid]] = self.events[eid].texts[code].status
        return {"pages": list(paths.values()), "statuses": statuses}

    def tree_pages(self, code: str) -> list[dict]:
        return [self.page(self.pages[pid], code) for pid in self.b.plan.pages.get(code, [])]

    # --- events ------------------------------------------------------------------------
    def _window(self, tz_name: str) -> tuple[datetime, datetime]:
        tz = zone(tz_name)
        start = datetime.combine(self.today, time.min, tz)
        return start, start + timedelta(days=EXPANSION_DAYS)

    def location(self, event: OfferSnap, code: str) -> tuple[dict, str | None]:
        place = self.b.offers.get(event.place_id)
        if place is not None and place.id in self.b._included.get(code, set()) and self.b.is_place(place):
            return (
                {
                    **NO_LOCATION,
                    "id": place.id,
                    "name": place.texts[code].title,
                    "address": place.street,
                    "town": place.town,
                    "postcode": place.postcode,
                    "country": "Deutschland",
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                },
                self.b.path(code, *self.b.item_segments(place, code, "place")),
            )
        if event.street or event.town:
            return {
                **NO_LOCATION,
                "address": event.street,
                "town": event.town,
                "postcode": event.postcode,
            }, None
        return dict(NO_LOCATION), None

    @staticmethod
    def cms_rule(event: OfferSnap) -> str | None:
        """The rule as the CMS writes it: DTSTART as naive UTC, then the RRULE."""
        if not event.rrule:
            return None
        timing = timing_of(event)
        start = timing.start.replace(tzinfo=zone(timing.timezone)).astimezone(UTC)
        rule = parse_rule(timing.rule, timing.timezone).text()
        return f"DTSTART:{start:%Y%m%dT%H%M%S}\nRRULE:{rule}"

    def event_path(self, event: OfferSnap, code: str, day: date | None) -> str:
        slug = self._slugs[(event.id, code)]
        return self.b.path(code, "events", f"{slug}${day:%Y-%m-%d}" if day else slug)

    def event(self, event: OfferSnap, code: str, occurrence: Occurrence | None) -> dict:
        text = event.texts[code]
        timing = timing_of(event)
        tz = zone(timing.timezone)
        if occurrence is None:
            start = timing.start.replace(tzinfo=tz)
            end = (
                timing.end if not timing.all_day else datetime.combine(timing.end.date(), time(23, 59, 59))
            ).replace(tzinfo=tz)
        else:
            start, end = occurrence.start, occurrence.end
        day = occurrence.start.date() if occurrence is not None else None
        path = self.event_path(event, code, day)
        text_id = None if occurrence is not None else _text_id(text)
        location, location_path = self.location(event, code)
        content, excerpt = self.b.content(event, code)
        event_id = event.cms_id if event.cms_id is not None else own_id(event.id)
        return {
            "id": text_id,
            "url": self.b.url(path),
            "path": path,
            "title": text.title,
            **self.b._dates(text.updated_at),
            "excerpt": excerpt,
            "content": content,
            "available_languages": {
                other: self.b.link(
                    None if occurrence is not None else _text_id(event.texts[other]),
                    self.event_path(event, other, day),
                )
                for other in self.b.languages
                if other != code and event.id in self.event_ids.get(other, ())
            },
            "thumbnail": self.b.thumbnails.get(event.id),
            "location": location,
            "location_path": location_path,
            "meeting_url": event.meeting_url,
            "event": {
                "id": event_id,
                "start": start.isoformat(),
                "start_date": start.date().isoformat(),
                "start_time": start.strftime("%H:%M:%S"),
                "end": end.isoformat(),
                "end_date": end.date().isoformat(),
                "end_time": end.strftime("%H:%M:%S"),
                "all_day": timing.all_day,
                "only_weekdays": False,
                "recurrence_id": event_id if timing.rule else None,
                "timezone": timing.timezone,
            },
            "hash": None,
            "recurrence_rule": self.cms_rule(event),
        }

    def occurrences(self, event: OfferSnap) -> list[Occurrence]:
        timing = timing_of(event)
        return expand(timing, *self._window(timing.timezone))

    def event_list(self, code: str, *, combined: bool) -> list[dict]:
        """The events API: upcoming events, recurring ones as their next occurrences (or once)."""
        out = []
        for eid in self.b.plan.events.get(code, []):
            event = self.events[eid]
            if event.rrule and not combined:
                out.extend(self.event(event, code, o) for o in self.occurrences(event))
            else:  # a one-off event that has not ended (the plan left out the past ones)
                out.append(self.event(event, code, None))
        return out

    def ics(self, code: str, *, cms: bool = False) -> IcsResult:
        return write_ics(
            self._calendar_events(code), timezone=TIMEZONE, name=self.b.snapshot.name, language=code, cms=cms
        )

    def calendars(self, code: str) -> tuple[IcsResult, IcsResult]:
        """``events.ics`` and ``events-integreat.ics``, the events made once for both."""
        return write_calendars(
            self._calendar_events(code), timezone=TIMEZONE, name=self.b.snapshot.name, language=code
        )

    def _calendar_events(self, code: str) -> list[CalEvent]:
        items = []
        for eid in self.b.plan.events.get(code, []):
            event = self.events[eid]
            text = event.texts[code]
            location, _ = self.location(event, code)
            where = ", ".join(
                str(v)
                for v in (location["name"], location["address"], location["postcode"], location["town"])
                if v
            )
            items.append(
                CalEvent(
                    uid=f"lotse-{self.b.snapshot.slug}-event-{event.id}",
                    timing=timing_of(event),
                    title=text.title,
                    description=html_to_text(text.content),
                    location=where,
                    url=self.b.url(self.event_path(event, code, None)),
                    meeting_url=event.meeting_url,
                    last_modified=text.updated_at,
                )
            )
        return items


def content_files(content: ContentObjects, folder: str, code: str):
    """The events files of one language: the CMS's answer to ``events/`` (occurrences) and to
    ``events/?combine_recurring=True`` (one item per event), and the calendars: ``events.ics``
    for people's calendar programs, ``events-integreat.ics`` for the CMS's calendar import."""
    yield f"{folder}/events/index.json", content.event_list(code, combined=False)
    yield f"{folder}/events/combine_recurring/index.json", content.event_list(code, combined=True)
    people, integreat = content.calendars(code)
    yield f"{folder}/events.ics", people.data
    yield f"{folder}/events-integreat.ics", integreat.data
