"""Revisions of an offer: the stored ones (texts and facts), the way back to one, and the
history for people: one list of saves, each with what it changed, in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from models.contact_keys import KEY, stored_areas
from models.i18n import N_, render
from models.revision_notes import stored_note
from models.richtext import html_to_text
from models.tables import OfferRevision, TextRevision
from models.vocabulary import FACT_FIELD_LABELS, ITEM_FIELD_LABELS, TEXT_FIELD_LABELS, Label

from ..db import Database, within
from ..errors import NotFoundError
from ..regions import language_tree
from .data import TEXT_FIELDS, OfferData
from .reading import load_offer, offer_data
from .texts import save_translation
from .writing import save_offer

if TYPE_CHECKING:
    from models.meaning import DiffSpan

# models.meaning (difflib and the word diff) is loaded when a history is shown, not with every
# import of desktop.offers: the window imports that before its first paint.


def list_text_revisions(db: Database, offer_id: int, language_code: str | None = None) -> list[TextRevision]:
    """Revisions of an offer's texts, newest first."""
    with db.transaction() as session:
        load_offer(session, offer_id)
        query = select(TextRevision).where(TextRevision.offer_id == offer_id)
        if language_code:
            query = query.where(TextRevision.language_code == language_code)
        return list(session.exec(query.order_by(TextRevision.id.desc())))


def list_offer_revisions(db: Database, offer_id: int) -> list[OfferRevision]:
    with db.transaction() as session:
        load_offer(session, offer_id)
        query = select(OfferRevision).where(OfferRevision.offer_id == offer_id)
        return list(session.exec(query.order_by(OfferRevision.id.desc())))


def _revision(session: Session, model: type, revision_id: int):
    revision = session.get(model, revision_id)
    if revision is None:
        raise NotFoundError(N_("There is no revision {revision_id}.", revision_id=revision_id))
    return revision


def restored_note(revision_id: int) -> str:
    """What a restore writes on the revisions it makes, in the versions dialog's language."""
    return stored_note(N_("Restored revision {id}", id=revision_id))


def restore_text_revision(
    target: Database | Session, revision_id: int, *, author: str, expected_version: int
) -> OfferData:
    """Bring back a text as it was; the restore is itself a new, non-minor revision."""
    with within(target) as session:
        revision = _revision(session, TextRevision, revision_id)
        offer_id, code = revision.offer_id, revision.language_code
        values = {name: getattr(revision, name) for name in TEXT_FIELDS}
        offer = load_offer(session, offer_id)
        if language_tree(session, offer.region_id).get(code) is None:
            return save_offer(
                session,
                offer_id,
                expected_version=expected_version,
                author=author,
                texts={code: values},
                validate=False,
                note=restored_note(revision_id),
            )
        save_translation(
            session,
            offer,
            code,
            values,
            author=author,
            review_status=revision.review_status,
            source_fingerprint=revision.source_fingerprint,
            overwrite_reviewed=True,
            note=restored_note(revision_id),
        )
        return offer_data(session, offer)


def restore_offer_revision(
    target: Database | Session, revision_id: int, *, author: str, expected_version: int
) -> OfferData:
    with within(target) as session:
        revision = _revision(session, OfferRevision, revision_id)
        return save_offer(
            session,
            revision.offer_id,
            expected_version=expected_version,
            author=author,
            facts=dict(revision.facts),
            validate=False,
            note=restored_note(revision_id),
        )


FACT_LABELS = FACT_FIELD_LABELS
ITEM_LABELS = ITEM_FIELD_LABELS
TEXT_LABELS = TEXT_FIELD_LABELS


@dataclass
class Change:
    field: str
    label: str
    spans: list[DiffSpan]


@dataclass
class RevisionEntry:
    kind: str  # "text" or "facts"
    id: int
    language_code: str | None
    author: str
    created_at: datetime
    minor: bool
    note: str
    changes: list[Change]  # what this save changed against the save before it


def _label(labels: dict[str, Label], name: str, ui: str | None) -> str:
    return render(labels.get(name, name), ui)


def _plain(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return (N_("yes") if value else N_("no")).render()
    if isinstance(value, list):
        return "\n".join(_plain(v) for v in value)
    if isinstance(value, dict):
        # (a contact's key is no word a person reads: a contact that only got its key is unchanged)
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", [], False) and k != KEY)
    return str(value)


def readable(spans: list[DiffSpan]) -> list[DiffSpan]:
    """Changed runs as one deletion followed by one insertion: a word diff interleaves
    old and new word by word ("Alt1Neu1 Alt2Neu2"), which nobody can read."""
    from models.meaning import DiffSpan

    out: list[DiffSpan] = []
    old: list[str] = []
    new: list[str] = []
    pending_space = ""

    def flush() -> None:
        if old:
            out.append(DiffSpan("delete", "".join(old)))
        if new:
            out.append(DiffSpan("insert", "".join(new)))
        old.clear()
        new.clear()

    for span in spans:
        if span.op == "equal" and not span.text.strip() and (old or new):
            pending_space += span.text  # a space between two changes belongs to both
            continue
        if span.op == "equal":
            flush()
            out.append(DiffSpan("equal", pending_space + span.text))
        else:
            if pending_space:
                old.append(pending_space)
                new.append(pending_space)
            (old if span.op == "delete" else new).append(span.text)
        pending_space = ""
    flush()
    if pending_space:
        out.append(DiffSpan("equal", pending_space))
    return out


DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def _hours(days, ui: str | None) -> str:
    """Opening hours as one readable line per day."""
    if not days:
        return "—"
    lines = []
    for day_name, day in zip(DAYS, days, strict=False):
        if day.get("closed"):
            what = N_("closed").render(ui)
        elif day.get("all_day"):
            what = N_("all day").render(ui)
        else:
            what = ", ".join(f"{a}–{b}" for a, b in day.get("slots") or [])
            if day.get("appointment_only"):
                what = (what + " " if what else "") + N_("by appointment").render(ui)
        lines.append(f"{day_name.render(ui)} {what}")
    return "\n".join(lines)


def _text_changes(old: dict, new: dict, ui: str | None) -> list[Change]:
    from models.meaning import word_diff

    out = []
    for name in TEXT_FIELDS:
        before, after = old.get(name, ""), new.get(name, "")
        if name == "contact_areas":
            # by contact key on both sides, so a line is the same contact's before and after
            before, after = "\n".join(stored_areas(before).values()), "\n".join(stored_areas(after).values())
        if name == "content":
            before, after = html_to_text(before), html_to_text(after)
        if before != after:
            out.append(Change(name, _label(TEXT_LABELS, name, ui), readable(word_diff(before, after))))
    return out


def _item_value(name: str, value: Any, facts: dict, ui: str | None, id_names: dict[str, dict]) -> str:
    """A page's or an event's own fact in words: the parent page's title, times in the reader's
    language, the rule as a person says it, cancelled and moved dates one per line."""
    from models.time_words import moment_words, rule_words

    all_day = bool(facts.get("all_day"))
    if name == "parent_id":
        return (
            render(id_names.get(name, {}).get(value, value), ui)
            if value
            else N_("top of the tree").render(ui)
        )
    if name in ("event_start", "event_end"):
        return moment_words(value, all_day=all_day).render(ui)
    if name == "rrule":
        return rule_words(value, facts.get("timezone") or "Europe/Berlin").render(ui)
    if name == "exdates":
        return "\n".join(moment_words(v, all_day=True).render(ui) for v in value or []) or "—"
    if name == "moved":  # an occurrence's day → its new time
        lines = [
            f"{moment_words(day, all_day=True).render(ui)} → "
            + moment_words(when[0], all_day=all_day).render(ui)
            for day, when in sorted((value or {}).items())
        ]
        return "\n".join(lines) or "—"
    if name in id_names:
        return _plain(id_names[name].get(value, value))
    return _plain(value)


def _fact_changes(old: dict, new: dict, ui: str | None, id_names: dict[str, dict]) -> list[Change]:
    from models.meaning import word_diff

    out = []
    for name in FACT_LABELS:
        if old.get(name) != new.get(name):
            if name in id_names:
                before, after = (_plain(id_names[name].get(v, v)) for v in (old.get(name), new.get(name)))
            elif name == "opening_hours":
                before, after = (_hours(v, ui) for v in (old.get(name), new.get(name)))
            else:
                before, after = (_plain(v) for v in (old.get(name), new.get(name)))
            if before != after:  # (None and [] are both "—": no change a person could see)
                out.append(Change(name, _label(FACT_LABELS, name, ui), readable(word_diff(before, after))))
    for name in ITEM_LABELS:  # a page's place in the tree, an event's times (offers have none)
        if old.get(name) != new.get(name) and (name in new or name in old):
            before, after = (
                _item_value(name, f[name], f, ui, id_names) if name in f else "—" for f in (old, new)
            )  # (the first version has nothing before it)
            if before == after:  # no moved dates before and after ({} and None)
                continue
            out.append(Change(name, _label(ITEM_LABELS, name, ui), readable(word_diff(before, after))))
    return out


def offer_history(
    db: Database, offer_id: int, ui: str | None = None, id_names: dict[str, dict] | None = None
) -> list[RevisionEntry]:
    """Every save of the offer, newest first, each with its changes; ``id_names`` turns
    ids into names (``{"category_id": {3: "Beratung"}}``)."""
    entries: list[RevisionEntry] = []
    texts = list(reversed(list_text_revisions(db, offer_id)))
    previous: dict[str, dict] = {}
    for rev in texts:
        values = {name: getattr(rev, name) for name in TEXT_FIELDS}
        changes = _text_changes(previous.get(rev.language_code, {}), values, ui)
        previous[rev.language_code] = values
        entries.append(
            RevisionEntry(
                "text", rev.id, rev.language_code, rev.author, rev.created_at, rev.minor, rev.note, changes
            )
        )
    last_facts: dict = {}
    for rev in reversed(list_offer_revisions(db, offer_id)):
        changes = _fact_changes(last_facts, rev.facts, ui, id_names or {})
        last_facts = rev.facts
        entries.append(
            RevisionEntry("facts", rev.id, None, rev.author, rev.created_at, False, rev.note, changes)
        )
    entries.sort(key=lambda e: (e.created_at, e.kind == "facts", e.id), reverse=True)
    return entries


def restore(db: Database, entry: RevisionEntry, *, author: str) -> OfferData:
    """Bring the offer back to this revision (a new save; nothing in between is lost)."""
    with db.transaction() as session:
        revision = _revision(session, TextRevision if entry.kind == "text" else OfferRevision, entry.id)
        version = load_offer(session, revision.offer_id).version
        if entry.kind == "text":
            return restore_text_revision(session, entry.id, author=author, expected_version=version)
        return restore_offer_revision(session, entry.id, author=author, expected_version=version)
