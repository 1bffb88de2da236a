"""Events from an iCalendar file: a preview (new, changed, unchanged, matched by UID), then
one transaction. A second import of the same file changes nothing and never duplicates;
a changed series updates the event (its times, rule, exceptions and source-language text).
Events Lotse wrote itself (UID ``lotse-{region}-event-{id}``) are matched to that event.

    preview = preview_ics_import(db, "kalender.ics")
    result = apply_ics_import(db, preview, author="Name")
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from export.ical_read import IcsError, ReadEvent, read_ics_file
from models.i18n import N_, Message
from models.richtext import html_to_text
from models.tables import ContentKind, Offer, OfferText

from .content import create_item, timing_facts, timing_of_row
from .db import Database
from .errors import LotseError
from .offers import save_offer
from .regions import current_region, language_tree

AUTHOR_NOTE = "imported from iCalendar"


class IcsImportError(LotseError):
    """Nothing was imported."""


CHANGED_PARTS = {"timing": N_("times/rule"), "title": N_("title"), "description": N_("description")}


@dataclass
class IcsChange:
    uid: str
    title: str
    action: str  # new / update / same
    event_id: int | None
    event: ReadEvent
    what: list[str] = field(default_factory=list)  # what changes (keys of CHANGED_PARTS), for the preview


@dataclass
class IcsPreview:
    source: str
    changes: list[IcsChange]
    warnings: list[Message]

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "update": 0, "same": 0}
        for change in self.changes:
            out[change.action] += 1
        return out

    def report(self, lang: str | None = None) -> list[str]:
        words = {"new": N_("new"), "update": N_("changed"), "same": N_("unchanged")}
        lines = []
        for c in self.changes:
            label = words[c.action].render(lang)
            detail = f" ({', '.join(CHANGED_PARTS[w].render(lang) for w in c.what)})" if c.what else ""
            lines.append(f"{label}: {c.title}{detail}")
        lines += [warning.render(lang) for warning in self.warnings]
        return lines


def _content(description: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", description) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _same_words(content: str, description: str, meeting_url: str | None) -> bool:
    """The description says what the stored text says (a calendar holds plain text, and Lotse's
    own calendars add the meeting URL): then the richer stored text stays."""
    if meeting_url:
        description = description.replace(meeting_url, "")
    return html_to_text(content).split() == description.split()


def _own_id(uid: str, region_slug: str) -> int | None:
    match = re.fullmatch(rf"lotse-{re.escape(region_slug)}-event-(\d+)", uid)
    return int(match.group(1)) if match else None


def preview_ics_import(db: Database, path: str | Path, *, region_slug: str | None = None) -> IcsPreview:
    with db.transaction() as session:
        region = current_region(session, region_slug)
        root = next((c for c, s in language_tree(session, region.id).items() if s is None), "de")
        try:
            read = read_ics_file(path)
        except IcsError as exc:
            raise IcsImportError(exc.text) from exc
        events = session.exec(
            select(Offer).where(Offer.region_id == region.id, Offer.kind == ContentKind.EVENT.value)
        ).all()
        by_uid = {e.ical_uid: e for e in events if e.ical_uid}
        by_id = {e.id: e for e in events}
        texts = {
            t.offer_id: t
            for t in session.exec(
                select(OfferText).where(
                    OfferText.offer_id.in_(list(by_id) or [0]), OfferText.language_code == root
                )
            )
        }
        changes = []
        for item in read.events:
            row = by_uid.get(item.uid) or by_id.get(_own_id(item.uid, region.slug) or -1)
            if row is None:
                changes.append(IcsChange(item.uid, item.title, "new", None, item))
                continue
            what = []
            if timing_facts(timing_of_row(row)) != timing_facts(item.timing):
                what.append("timing")
            text = texts.get(row.id)
            if text is None or text.title != item.title:
                what.append("title")
            if text is None or not _same_words(text.content, item.description, row.meeting_url):
                what.append("description")
            changes.append(IcsChange(item.uid, item.title, "update" if what else "same", row.id, item, what))
    return IcsPreview(str(path), changes, read.warnings)


def apply_ics_import(
    db: Database, preview: IcsPreview, *, author: str, region_slug: str | None = None
) -> dict[str, int]:
    """Create and update the events of the preview in one transaction."""
    with db.transaction() as session:
        region = current_region(session, region_slug)
        root = next((c for c, s in language_tree(session, region.id).items() if s is None), "de")
        for change in preview.changes:
            event = change.event
            text = {"title": event.title[:500], "summary": "", "content": _content(event.description)}
            if change.action == "update" and "description" not in change.what:
                del text["content"]
            address = {"street": event.location[:500] or None} if event.location else {}
            if change.action == "new":
                create_item(
                    session,
                    ContentKind.EVENT.value,
                    {root: text},
                    author=author,
                    facts={"state": "published", **address},
                    kind_facts={**timing_facts(event.timing), "ical_uid": event.uid},
                    region_slug=region.slug,
                )
            elif change.action == "update":
                row = session.get(Offer, change.event_id)
                save_offer(
                    session,
                    row.id,
                    expected_version=row.version,
                    author=author,
                    facts=address or None,
                    texts={root: text},
                    validate=False,
                )
                for name, value in {**timing_facts(event.timing), "ical_uid": event.uid}.items():
                    setattr(row, name, value)
    return preview.counts()
