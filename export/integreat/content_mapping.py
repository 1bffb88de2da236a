"""From the Integreat CMS's pages and events to Lotse's information pages and events, keeping
the CMS's identity: the page tree with its order, every language's slug, the ids of pages,
events and translations, ``last_updated``; events with their recurrence rule.

The API shows a page's own id only as its children's ``parent.id``; a leaf page's own id is
not in the API (``cms_id`` stays None there). Events come as one item per occurrence (slug
``name$2030-01-01``) or combined (``?combine_recurring=True``); both give one event. The API
fills untranslated events with the German text (``id`` null): such an item is no translation.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

from models.i18n import N_, Joined, Text
from models.page_tree import tree_problems, walk
from models.recurrence import RecurrenceError, Timing, parse_rule, problem_messages, zone
from models.richtext import clean_plain

from .reader import IntegreatData, ReadError, norm_path

TITLE_MAX = 500
SLUG_MAX = 200


@dataclass
class ContentText:
    title: str
    summary: str
    content: str
    status: str  # source / checked / approved / machine
    slug: str | None = None
    cms_id: int | None = None
    updated_at: datetime | None = None
    old_slugs: list[str] = field(default_factory=list)  # the CMS's earlier slugs, oldest first


@dataclass
class NewPage:
    key: str  # the root language's path: how the others and the children find it
    parent: str | None
    position: int
    cms_id: int | None
    organization: dict | None
    texts: dict[str, ContentText] = field(default_factory=dict)
    thumbnail: str | None = None  # the CMS's picture address
    image_path: str | None = None  # its checked copy (desktop.integreat.thumbnails)


@dataclass
class NewEvent:
    key: str
    cms_id: int | None
    timing: Timing
    place_cms_id: int | None
    address: dict
    meeting_url: str | None
    texts: dict[str, ContentText] = field(default_factory=dict)
    thumbnail: str | None = None
    image_path: str | None = None


def _text(value, limit: int) -> str:
    return clean_plain(html_lib.unescape(value))[:limit] if isinstance(value, str) else ""


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _moment(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _slug(path) -> str | None:
    segments = [s for s in unquote(str(path or "")).split("/") if s]
    return segments[-1][:SLUG_MAX] if len(segments) >= 3 else None


def _old_slugs(item: dict, slug: str | None) -> list[str]:
    """The page's earlier slugs from the CMS's ``slug_history`` (all its versions' slugs, the
    current one included): what old links still find."""
    history = item.get("slug_history")
    if not isinstance(history, list):
        return []
    seen = {slug}
    out = []
    for value in history[:100]:
        if isinstance(value, str) and value and value not in seen:
            seen.add(value)
            out.append(value[:SLUG_MAX])
    return out


def _content_text(item: dict, status: str, clean) -> ContentText:
    content = clean(item.get("content"))
    slug = _slug(item.get("path"))
    return ContentText(
        title=_text(item.get("title"), TITLE_MAX),
        summary="",
        content=content,
        status=status,
        slug=slug,
        cms_id=_int(item.get("id")),
        updated_at=_moment(item.get("last_updated")),
        old_slugs=_old_slugs(item, slug),
    )


def _picture(item: dict) -> str | None:
    url = item.get("thumbnail")
    return url[:2000] if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _links(item: dict) -> dict:
    links = item.get("available_languages")
    return links if isinstance(links, dict) else {}


def _root_link(item: dict, root: str) -> str:
    link = _links(item).get(root)
    return norm_path(link.get("path")) if isinstance(link, dict) else ""


def map_pages(data: IntegreatData, root: str, clean, status_of) -> tuple[list[NewPage], list[Text]]:
    """Every page of the root language with its place in the tree and its translations.
    A parent that is not in the data or a cycle stops the import (ReadError, the page named)."""
    root_pages = data.pages.get(root, {})
    warnings: list[Text] = []
    pages: dict[str, NewPage] = {}
    page_ids: dict[str, int] = {}  # a parent's own id, from its children's parent.id
    for path, item in root_pages.items():
        parent = item.get("parent") if isinstance(item.get("parent"), dict) else {}
        parent_path = norm_path(parent.get("path")) or None
        if parent_path and _int(parent.get("id")):
            page_ids[parent_path] = parent["id"]
        pages[path] = NewPage(
            key=path,
            parent=parent_path,
            position=_int(item.get("order")) or 0,
            cms_id=None,
            organization=item.get("organization") if isinstance(item.get("organization"), dict) else None,
            thumbnail=_picture(item),
        )
        pages[path].texts[root] = _content_text(item, "source", clean)
    for path, page in pages.items():
        page.cms_id = page_ids.get(path)
    names = {p: page.texts[root].title or p for p, page in pages.items()}
    problems = tree_problems({p: page.parent for p, page in pages.items()}, names)
    if problems:
        raise ReadError(
            N_(
                "The page tree is invalid: {problems}",
                problems=Joined((p.text for p in problems[:5]), " "),
            )
        )
    by_translation = {
        (code, norm_path(link.get("path"))): path
        for path, item in root_pages.items()
        for code, link in _links(item).items()
        if isinstance(link, dict)
    }
    for code, items in data.pages.items():
        if code == root:
            continue
        for path, item in items.items():
            key = _root_link(item, root) or by_translation.get((code, path))
            if key not in pages:
                warnings.append(
                    N_(
                        "{code}: page “{title}” belongs to no page in {root}; skipped.",
                        code=code,
                        title=_text(item.get("title"), 60),
                        root=root,
                    )
                )
                continue
            pages[key].texts.setdefault(code, _content_text(item, status_of(code, key), clean))
    order = walk(
        {p: page.parent for p, page in pages.items()}, {p: page.position for p, page in pages.items()}
    )
    return [pages[p] for p in order], warnings


def _base_key(path: str) -> tuple[str, str | None]:
    """("/augsburg/de/events/test-veranstaltung/", "2030-01-01") for an occurrence's path."""
    segments = [s for s in path.split("/") if s]
    slug, _, day = segments[-1].partition("$")
    return "/" + "/".join([*segments[:-1], slug]) + "/", day or None


def _timing(item: dict, occurrence_day: str | None, name: str) -> Timing:
    event = item.get("event") if isinstance(item.get("event"), dict) else {}
    tz_name = str(event.get("timezone") or "Europe/Berlin")
    tz = zone(tz_name)
    start, end = _moment(event.get("start")), _moment(event.get("end"))
    if start is None:
        raise RecurrenceError(N_("“{name}”: no valid start.", name=name))
    end = end or start
    local_start = start.astimezone(tz).replace(tzinfo=None) if start.tzinfo else start
    local_end = end.astimezone(tz).replace(tzinfo=None) if end.tzinfo else end
    rule_text = item.get("recurrence_rule")
    rule = None
    if isinstance(rule_text, str) and rule_text.strip():
        lines = [line.strip() for line in rule_text.replace("\\n", "\n").splitlines() if line.strip()]
        rrule = next((line for line in lines if line.upper().startswith("RRULE:")), None)
        dtstart = next((line for line in lines if line.upper().startswith("DTSTART")), None)
        if rrule is None:
            raise RecurrenceError(N_("“{name}”: rule without RRULE.", name=name))
        rule = parse_rule(rrule, tz_name).text()
        if dtstart and occurrence_day:
            # the series starts at DTSTART (naive UTC in the CMS), not at this occurrence
            raw = dtstart.split(":", 1)[1].strip().rstrip("Z")
            series = datetime.strptime(raw, "%Y%m%dT%H%M%S").replace(tzinfo=zone("UTC")).astimezone(tz)
            duration = local_end - local_start
            local_start = series.replace(tzinfo=None)
            local_end = local_start + duration
    all_day = bool(event.get("all_day"))
    return Timing(local_start, local_end, tz_name, all_day, rule)


def map_events(data: IntegreatData, root: str, clean, status_of) -> tuple[list[NewEvent], list[Text]]:
    """One event per series (occurrences folded), with its translations."""
    warnings: list[Text] = []
    events: dict[str, NewEvent] = {}
    link_ids: dict[tuple[str, str], int] = {}
    for path, item in sorted(data.events.get(root, {}).items(), key=lambda kv: _base_key(kv[0])[1] or ""):
        key, day = _base_key(path)
        if key in events:
            continue  # another occurrence of a series already read
        name = _text(item.get("title"), 80) or key
        try:
            timing = _timing(item, day, name)
            problems = problem_messages(timing)
        except RecurrenceError as exc:
            raise ReadError(exc.text) from exc
        if problems:
            raise ReadError(N_("“{name}”: {problem}", name=name, problem=problems[0][1]))
        location = item.get("location") if isinstance(item.get("location"), dict) else {}
        event = item.get("event") if isinstance(item.get("event"), dict) else {}
        text = _content_text(item, "source", clean)
        text.slug = _base_key(path)[0].strip("/").split("/")[-1]
        events[key] = NewEvent(
            key=key,
            cms_id=_int(event.get("id")),
            timing=timing,
            place_cms_id=_int(location.get("id")),
            address={
                "street": location.get("address") if isinstance(location.get("address"), str) else None,
                "postcode": location.get("postcode") if isinstance(location.get("postcode"), str) else None,
                "town": location.get("town") if isinstance(location.get("town"), str) else None,
            },
            meeting_url=item.get("meeting_url") if isinstance(item.get("meeting_url"), str) else None,
            thumbnail=_picture(item),
        )
        events[key].texts[root] = text
        for code, link in _links(item).items():
            if isinstance(link, dict) and _int(link.get("id")) is not None:
                link_ids[(key, code)] = link["id"]
    for code, items in data.events.items():
        if code == root:
            continue
        for path, item in items.items():
            link = _root_link(item, root)
            key = _base_key(link)[0] if link else None
            if key not in events:
                warnings.append(
                    N_(
                        "{code}: event “{title}” belongs to none in {root}; skipped.",
                        code=code,
                        title=_text(item.get("title"), 60),
                        root=root,
                    )
                )
                continue
            source = events[key].texts[root]
            text = _content_text(item, status_of(code, key), clean)
            if (text.title, text.content) == (source.title, source.content):
                continue  # the CMS's fallback to the German text: no translation
            text.slug = _base_key(path)[0].strip("/").split("/")[-1]
            if text.cms_id is None:  # an occurrence: the series' translation id is in the root's links
                text.cms_id = link_ids.get((key, code))
            events[key].texts.setdefault(code, text)
    return list(events.values()), warnings
