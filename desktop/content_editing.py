"""The editor's working copy of an information page or an event, its checks and saving it:
what ``ui/editor/item_editor.py`` calls, testable without Qt. The same JSON shape as an
offer's payload (desktop/offer_editing.py), so drafts, crash recovery and the undo stack
work unchanged:

    payload = {"facts": {field: JSON value, ...}, "texts": {code: {"title", "summary", "content"}}}

The facts are the few offer facts a page or event has (state, organization, image, the free
address) plus its kind's own (content.KIND_FIELDS). Texts go through the offer code, so the
status rules, revisions and translation treat them like an offer's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlmodel import Session, select

from models.i18n import N_, render
from models.recurrence import Timing, problem_messages
from models.tables import ContentKind, Offer, OfferRevision
from models.validation import Problem, check_text, check_url

from .content import (
    KIND_FIELDS,
    ContentError,
    _check_kind_facts,
    create_item,
    kind_facts_of,
    place_page,
)
from .db import Database
from .errors import LotseError, ValidationFailed
from .offer_editing import changed_texts
from .offers import FACT_FIELDS, TEXT_FIELDS, OfferData, get_offer, jsonable_facts, offer_data, save_offer

# The offer facts a page or an event has (besides its kind's own).
SHARED_FACTS = {
    ContentKind.PAGE.value: ("state", "organization_id", "image_path"),
    ContentKind.EVENT.value: ("state", "organization_id", "image_path", "street", "postcode", "town"),
}
# What the user sets in the editor; ical_uid is kept by the importer alone.
EDITED_KIND_FIELDS = {
    ContentKind.PAGE.value: ("parent_id", "position", "icon"),
    ContentKind.EVENT.value: tuple(f for f in KIND_FIELDS[ContentKind.EVENT.value] if f != "ical_uid"),
}


def payload_fields(kind: str) -> tuple[str, ...]:
    return SHARED_FACTS[kind] + EDITED_KIND_FIELDS[kind]


@dataclass(frozen=True)
class ItemProblem:
    """A problem beside a field, like :class:`models.validation.Problem` (``field`` and
    ``message(language)``), for the checks whose words come as a message or an error."""

    field: str
    said: object  # a Message, or an error with ``message(language)``

    def message(self, language: str | None = None) -> str:
        if isinstance(self.said, BaseException) and hasattr(self.said, "message"):
            return str(self.said.message(language))
        return render(self.said, language)

    def text(self) -> object:
        return self.said


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def get_item(db: Database, item_id: int) -> OfferData:
    """A page or an event with its texts; ``facts`` holds its kind (``"kind"``) and the kind's facts."""
    with db.transaction() as session:
        row = session.get(Offer, item_id)
        if row is None:
            return get_offer(db, item_id)  # raises NotFoundError with the usual message
        data = offer_data(session, row)
        data.facts = {**data.facts, **kind_facts_of(row), "kind": row.kind}
        return data


def empty_item_payload(kind: str, languages: list[str], *, timezone: str = "Europe/Berlin") -> dict[str, Any]:
    facts: dict[str, Any] = dict.fromkeys(payload_fields(kind))
    facts["state"] = "draft"
    if kind == ContentKind.PAGE.value:
        facts["position"] = None  # at the end of its siblings
    else:
        facts.update(all_day=False, timezone=timezone, exdates=[], moved={})
    return {"facts": facts, "texts": {code: dict.fromkeys(TEXT_FIELDS, "") for code in languages}}


def payload_from_item(item: OfferData) -> dict[str, Any]:
    kind = item.facts["kind"]
    return {
        "facts": {name: _jsonable(item.facts.get(name)) for name in payload_fields(kind)},
        "texts": {code: {f: getattr(t, f) or "" for f in TEXT_FIELDS} for code, t in item.texts.items()},
    }


def _datetime(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def timing_of_payload(facts: dict[str, Any]) -> Timing | None:
    """The event's times as the payload holds them; None while there is no start."""
    start = _datetime(facts.get("event_start"))
    if start is None:
        return None
    end = _datetime(facts.get("event_end")) or start
    return Timing(
        start=start,
        end=end,
        timezone=facts.get("timezone") or "Europe/Berlin",
        all_day=bool(facts.get("all_day")),
        rule=facts.get("rrule") or None,
        exdates=tuple(date.fromisoformat(d) for d in facts.get("exdates") or []),
        moved={
            date.fromisoformat(d): (datetime.fromisoformat(t[0]), datetime.fromisoformat(t[1]))
            for d, t in (facts.get("moved") or {}).items()
        },
    )


# The fields timing_problems names, as the editor's fields are called.
TIMING_FIELDS = {"end": "event_end", "timezone": "timezone", "rule": "rrule", "moved": "moved"}


TIMING_KEYS = ("event_start", "event_end", "all_day", "timezone", "rrule", "exdates", "moved")


@lru_cache(maxsize=64)
def _timing_problems(key: str) -> tuple[ItemProblem, ...]:
    """The timing's problems, once per state of the times: finding that a rule gives no date
    at all can take a second, and the editor checks on every keystroke in any field."""
    facts = json.loads(key)
    try:
        timing = timing_of_payload(facts)
    except ValueError:
        timing = None
    if timing is None:
        return (ItemProblem("event_start", N_("The start is missing. Please fill it in.")),)
    return tuple(ItemProblem(TIMING_FIELDS.get(f, f), said) for f, said in problem_messages(timing))


def item_problems(
    kind: str, payload: dict[str, Any], *, root: str, language: str | None = None
) -> list[Problem | ItemProblem]:
    """Everything wrong with the payload as it stands (shown beside the fields while typing)."""
    facts = payload["facts"]
    problems: list[Problem | ItemProblem] = []
    texts = payload.get("texts") or {}
    for code in [root] + ([language] if language and language != root else []):
        text = texts.get(code) or {}
        if code != root and not any(text.values()):
            continue  # an untranslated language is not an error
        problems += check_text(text.get("title"), None, text.get("content"), draft=True)
    if kind == ContentKind.EVENT.value:
        problems += check_url("meeting_url", facts.get("meeting_url"))
        problems += _timing_problems(json.dumps({k: facts.get(k) for k in TIMING_KEYS}, sort_keys=True))
    return problems


def _kind_values(kind: str, facts: dict[str, Any]) -> dict[str, Any]:
    out = {name: facts.get(name) for name in EDITED_KIND_FIELDS[kind]}
    if kind == ContentKind.EVENT.value:
        out["event_start"] = _datetime(out["event_start"])
        out["event_end"] = _datetime(out["event_end"]) or out["event_start"]
        out["all_day"] = bool(out["all_day"])
        out["exdates"] = sorted(out["exdates"] or [])
        out["moved"] = dict(out["moved"] or {})
        out["rrule"] = out["rrule"] or None
        out["meeting_url"] = (out["meeting_url"] or "").strip() or None
    return out


def _refuse_problems(kind: str, payload: dict[str, Any], root: str) -> None:
    problems = item_problems(kind, payload, root=root)
    if problems:
        plain = [p for p in problems if isinstance(p, Problem)]
        if plain:
            raise ValidationFailed(plain)
        raise LotseError(problems[0].text())  # type: ignore[arg-type]


def save_item(
    db: Database,
    item_id: int | None,
    kind: str,
    payload: dict[str, Any],
    *,
    base: dict[str, Any] | None,
    base_version: int | None,
    author: str,
    minor: bool = False,
    root: str = "de",
) -> OfferData:
    """Create the page or event, or save what changed over ``base_version`` (ConflictError if
    stale), in one transaction. A page whose parent or order changed is moved as
    ``content.move_page`` moves it: its texts are not touched."""
    _refuse_problems(kind, payload, root)
    texts = changed_texts(payload, base)
    facts = payload["facts"]
    shared = {name: facts.get(name) for name in SHARED_FACTS[kind] if name in FACT_FIELDS}
    values = _kind_values(kind, facts)
    with db.transaction() as session:
        if item_id is None:
            position = values.pop("position", None)
            item_id = create_item(session, kind, texts, author=author, facts=shared, kind_facts=values)
            if kind == ContentKind.PAGE.value and position is not None:
                new = session.get(Offer, item_id)
                assert new is not None  # just created in this transaction
                place_page(session, new, new.parent_id, int(position))
        else:
            facts_changed = base is None or facts != base.get("facts")
            if not facts_changed and not texts:
                return get_item(db, item_id)
            save_offer(
                session,
                item_id,
                expected_version=base_version if base_version is not None else 0,
                author=author,
                facts=shared if facts_changed else None,
                texts=texts,
                minor=minor,
                validate=False,
            )
            if facts_changed:
                _write_kind_facts(session, item_id, kind, values)
    return get_item(db, item_id)


def _write_kind_facts(session: Session, item_id: int, kind: str, values: dict[str, Any]) -> None:
    row = session.get(Offer, item_id)
    if row is None or row.kind != kind:
        raise ContentError(N_("This item is no longer there."))
    if kind == ContentKind.PAGE.value:
        parent, position = values.pop("parent_id"), values.pop("position")
        if parent != row.parent_id or (position is not None and position != row.position):
            place_page(session, row, parent, row.position if position is None else int(position))
    for name, value in values.items():
        setattr(row, name, value)
    _check_kind_facts(session, row, values)
    session.flush()
    # save_offer wrote the revision of this version with the offer facts: add the kind's.
    revision = session.exec(
        select(OfferRevision).where(
            OfferRevision.offer_id == row.id, OfferRevision.offer_version == row.version
        )
    ).first()
    if revision is not None:
        revision.facts = {**revision.facts, "kind": kind, **jsonable_facts(kind_facts_of(row))}


def list_places(db: Database) -> list[tuple[int, str]]:
    """Offers an event can take place at (those with an address): (id, "title, town"), by title."""
    from .offers import list_offers

    rows = [r for r in list_offers(db, include_archived=False) if r.street or r.town]
    return sorted(((r.id, ", ".join(p for p in (r.title, r.town) if p)) for r in rows), key=lambda p: p[1])
