"""The publishing policy for information pages and events: per language the same rules as for
offers (``policy.language_reason``); a page goes out in a language only where its parent does
(the app cannot reach it otherwise); an event only while it has a date today or later."""

from __future__ import annotations

from datetime import date, datetime

from models.page_tree import walk
from models.recurrence import RecurrenceError, timing_problems

from .policy import ALL_LANGUAGES, Omission, Plan, language_reason
from .snapshot import OfferSnap, RegionSnapshot
from .timing import last_occurrence, timing_of


def _blocker(item: OfferSnap, root: str) -> tuple[str, str] | None:
    if item.state != "published":
        return "not_published", item.state
    text = item.texts.get(root)
    if text is None or not text.title.strip():
        return "required_empty", f"title ({root})"
    return None


def _event_blocker(item: OfferSnap, today: date) -> tuple[str, str] | None:
    try:
        timing = timing_of(item)
        problems = timing_problems(timing)
        if problems:
            return "check_failed", f"{problems[0][0]}: {problems[0][2]}"
        last = last_occurrence(timing)
    except (RecurrenceError, ValueError) as exc:  # a stored value that cannot be read
        return "check_failed", str(exc)
    if last is not None and last < today:
        return "event_past", last.isoformat()
    return None


def plan_pages_and_events(
    snapshot: RegionSnapshot, plan: Plan, today: date, failed_checks: dict[tuple[int, str], str] | None
) -> None:
    root = snapshot.root
    codes = list(plan.included)
    plan.pages = {code: [] for code in codes}
    plan.events = {code: [] for code in codes}
    pages = {p.id: p for p in snapshot.pages}
    parents = {p.id: (p.parent_id if p.parent_id in pages else None) for p in snapshot.pages}
    going: dict[str, set[int]] = {code: set() for code in codes}
    for pid in walk(parents, {p.id: p.position for p in snapshot.pages}):
        _plan_item(pages[pid], plan, codes, root, failed_checks, plan.pages, going, parents.get(pid), None)
    for event in sorted(snapshot.events, key=lambda e: (e.event_start or datetime.min, e.id)):
        _plan_item(event, plan, codes, root, failed_checks, plan.events, None, None, today)


def _plan_item(item, plan, codes, root, failed_checks, target, going, parent, today) -> None:
    title = item.texts[root].title if root in item.texts else ""
    blocker = _blocker(item, root) or (_event_blocker(item, today) if today is not None else None)
    if blocker:
        plan.omissions.append(Omission(item.id, item.slug, title, ALL_LANGUAGES, *blocker))
        return
    for code in codes:
        reason, detail = language_reason(item, code, plan, failed_checks)
        if reason is None and going is not None and parent is not None and parent not in going[code]:
            reason = "parent_missing"
        if reason:
            plan.omissions.append(Omission(item.id, item.slug, title, code, reason, detail))
        else:
            target[code].append(item.id)
            if going is not None:
                going[code].add(item.id)
