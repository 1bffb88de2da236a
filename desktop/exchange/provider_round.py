"""The yearly update round: ask each organization to check its offers, read back what it says.

:func:`request_round` writes, per organization, a pre-filled sheet (``export.provider_sheet``)
and a cover letter (``export.cover_letter``). :func:`preview_round_reply` compares a returned
sheet with the offers field by field (nothing saved); :func:`apply_round_reply` saves the
accepted changes as ordinary revisions (a changed German title outdates the translations as any
edit does), archives the offers marked "entfällt" and records "bestätigt vom Träger am …"
(``OfferConfirmation``), all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.dates import format_date
from sqlmodel import select

from export.cover_letter import Letter, write_letter
from export.provider_sheet import CHANGED, COLUMNS, GONE, OK, read_sheet, write_sheet
from export.safe_input import InputRejected, atomic_write
from models.hours import week_from_json, week_to_json
from models.hours_text import format_hours_text, parse_hours_text
from models.i18n import N_, Message
from models.language_names import read_languages
from models.languages import display_name
from models.revision_notes import stored_note
from models.slugs import slugify
from models.tables import ContentKind, Offer, OfferConfirmation, OfferText, Organization
from models.validation import is_email, is_url, normalise_phone

from ..changes import Changes, Kind
from ..changes import note as note_change
from ..db import Database
from ..errors import LotseError
from ..offers import OfferWrite, write_offer
from ..regions import current_region, root_language

TEXT_KEYS = ("title", "summary")
CONTACT_KEYS = ("phone", "email", "website")


def _current(offer: Offer, text: OfferText | None) -> dict[str, str]:
    """The facts as the sheet shows them (and as a reply is compared with)."""
    contact = (offer.contacts or [{}])[0]
    return {
        "id": str(offer.id),
        "title": text.title if text else "",
        "summary": text.summary if text else "",
        "street": offer.street or "",
        "postcode": offer.postcode or "",
        "town": offer.town or "",
        "phone": contact.get("phone") or "",
        "email": contact.get("email") or "",
        "website": contact.get("website") or "",
        "opening_hours": format_hours_text(week_from_json(offer.opening_hours)),
        "languages_spoken": ", ".join(display_name(c, "de") for c in offer.languages_spoken or []),
    }


def _offers_with_texts(session, region_id: int, root: str, organization_id: int | None = None):
    query = (
        select(Offer, OfferText)
        .join(OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root), isouter=True)
        .where(Offer.region_id == region_id, Offer.state != "archived", Offer.kind == ContentKind.OFFER.value)
        .order_by(Offer.id)
    )
    if organization_id is not None:
        query = query.where(Offer.organization_id == organization_id)
    return list(session.exec(query))


@dataclass
class RoundRequest:
    folder: Path
    sheets: list[Path]
    letters: list[Path]
    offers: int


def request_round(
    db: Database, folder: Path, *, today: date | None = None, reply_weeks: int = 6, contact: str = ""
) -> RoundRequest:
    """A sheet and a letter per organization with offers (archived offers are not asked about)."""
    from datetime import timedelta

    today = today or date.today()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = RoundRequest(folder, [], [], 0)
    with db.session() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        organizations = session.exec(
            select(Organization).where(Organization.region_id == region.id).order_by(Organization.name)
        ).all()
        for organization in organizations:
            rows = [
                _current(offer, text)
                for offer, text in _offers_with_texts(session, region.id, root, organization.id)
            ]
            if not rows:
                continue
            name = slugify(organization.name, fallback=f"traeger-{organization.id}")
            sheet = folder / f"{name}.xlsx"
            atomic_write(sheet, write_sheet(organization.name, rows, format_date(today, "long", locale="de")))
            letter = Letter(
                region=region.name,
                organization=organization.name,
                offers=[r["title"] for r in rows],
                sheet_name=sheet.name,
                date=format_date(today, "long", locale="de"),
                reply_by=format_date(today + timedelta(weeks=reply_weeks), "long", locale="de"),
                contact=contact,
            )
            out.letters.append(write_letter(letter, folder / f"{name}-anschreiben.pdf"))
            out.sheets.append(sheet)
            out.offers += len(rows)
    return out


@dataclass
class FieldChange:
    key: str
    label: str
    old: str
    new: str


@dataclass
class OfferReply:
    offer_id: int
    title: str
    answer: str  # OK / CHANGED / GONE / "" (not answered)
    changes: list[FieldChange] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # fields not taken over, and why
    remark: str = ""
    accepted: bool = True

    @property
    def confirms(self) -> bool:
        return bool(self.answer) or bool(self.changes)


@dataclass
class RoundReply:
    file: str
    offers: list[OfferReply]
    problems: list[Message]  # rows that are not offers of the region


LABELS = {c.key: c.heading for c in COLUMNS}


def _check_value(key: str, value: str) -> tuple[str, Message | None]:
    """The value as stored, or a problem."""
    if not value:
        return value, None
    if key == "email" and not is_email(value):
        return value, N_("“{value}” is not a valid e-mail address", value=value)
    if key == "phone":
        normal = normalise_phone(value)
        if normal is None:
            return value, N_("“{value}” is not a valid phone number", value=value)
        return normal, None
    if key == "website" and not is_url(value):
        return value, N_("“{value}” is not a web address (https://)", value=value)
    if key == "postcode" and not (value.isdigit() and len(value) == 5):
        return value, N_("“{value}” is not a postcode", value=value)
    return value, None


def preview_round_reply(db: Database, path: Path) -> RoundReply:
    """What the provider changed, offer by offer and field by field; nothing is saved."""
    try:
        rows = read_sheet(Path(path))
    except InputRejected as exc:
        raise LotseError(exc.text) from exc
    reply = RoundReply(Path(path).name, [], [])
    with db.session() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        for row in rows:
            raw_id = row.values.get("id", "")
            offer = session.get(Offer, int(raw_id)) if raw_id.isdigit() else None
            if offer is None or offer.region_id != region.id:
                reply.problems.append(
                    N_(
                        "Row {number}: no. “{raw_id}” is not an offer of the region.",
                        number=row.number,
                        raw_id=raw_id,
                    )
                )
                continue
            text = session.exec(
                select(OfferText).where(OfferText.offer_id == offer.id, OfferText.language_code == root)
            ).first()
            current = _current(offer, text)
            answer = row.values.get("answer", "").casefold()
            answer = next((a for a in (OK, CHANGED, GONE) if a == answer), "")
            item = OfferReply(offer.id, current["title"], answer, remark=row.values.get("remark", ""))
            if answer != GONE:
                for key, old in current.items():
                    if key == "id" or key not in row.values:
                        continue
                    new, problem = _compare(key, old, row.values[key])
                    if problem:
                        item.problems.append(
                            N_(
                                "{label}: {problem}; stays “{old}”.",
                                label=LABELS[key],
                                problem=problem,
                                old=old,
                            )
                        )
                    elif new is not None:
                        item.changes.append(FieldChange(key, LABELS[key], old, new))
            reply.offers.append(item)
    return reply


def _compare(key: str, old: str, written: str) -> tuple[str | None, Message | None]:
    """(the new value if it differs, a problem): values compared as stored, not as typed."""
    if key == "opening_hours":
        if written == old:
            return None, None
        read = parse_hours_text(written)
        if read.kept or (written and read.week is None):
            kept = "; ".join(read.kept) or written
            return None, N_("“{kept}” not understood", kept=kept)
        new = format_hours_text(read.week)
        return (new if new != old else None), None
    if key == "languages_spoken":
        codes, unknown = read_languages(written)
        if unknown:
            names = ", ".join(unknown)
            return None, N_("language “{names}” not recognised", names=names)
        new = ", ".join(display_name(c, "de") for c in codes)
        return (new if new != old else None), None
    value, problem = _check_value(key, written)
    if problem:
        return None, problem
    if key == "phone" and old and normalise_phone(old) == value:
        return None, None
    return (value if value != old else None), None


def apply_round_reply(
    db: Database, reply: RoundReply, *, author: str, today: date | None = None
) -> list[int]:
    """Save the accepted offers' changes as revisions, archive the "entfällt" ones, record the
    confirmations; one transaction. Returns the ids confirmed."""
    today = today or date.today()
    note = stored_note(
        N_("Confirmed by the provider on {date} ({file})", date=today.strftime("%d.%m.%Y"), file=reply.file)
    )
    confirmed: list[int] = []
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        for item in reply.offers:
            if not item.accepted or not item.confirms:
                continue
            offer = session.get(Offer, item.offer_id)
            text = session.exec(
                select(OfferText).where(OfferText.offer_id == offer.id, OfferText.language_code == root)
            ).first()
            facts, texts = _facts_and_texts(offer, item, text)
            if item.answer == GONE:
                facts = {"state": "archived"}
            if facts or texts:
                change = OfferWrite(
                    author,
                    facts=facts or None,
                    texts={root: texts} if texts else {},
                    validate=False,
                    note=note,
                )
                write_offer(session, offer.id, change, expected_version=offer.version)
            answer = "gone" if item.answer == GONE else ("changed" if item.changes else "ok")
            session.add(
                OfferConfirmation(
                    offer_id=offer.id,
                    confirmed_on=today,
                    answer=answer,
                    source=reply.file[:300],
                    author=author[:200],
                )
            )
            confirmed.append(offer.id)
        # The confirmation date is a fact the list shows ("not confirmed since …").
        note_change(session, Changes.of("offer", confirmed, [Kind.FACTS]))
    return confirmed


def _facts_and_texts(offer: Offer, item: OfferReply, text: OfferText | None) -> tuple[dict, dict]:
    facts: dict = {}
    texts: dict = {}
    contact = dict((offer.contacts or [{}])[0]) if offer.contacts else {}
    for change in item.changes:
        if change.key in TEXT_KEYS:
            texts[change.key] = change.new
        elif change.key in CONTACT_KEYS:
            contact[change.key] = change.new or None
            facts["contacts"] = [contact, *(offer.contacts or [])[1:]]
        elif change.key == "opening_hours":
            read = parse_hours_text(change.new)
            facts["opening_hours"] = week_to_json(read.week)
        elif change.key == "languages_spoken":
            facts["languages_spoken"] = read_languages(change.new)[0]
        else:
            facts[change.key] = change.new or None
    if texts and text is not None:
        # a text write takes the whole text: the parts the provider did not change as they are
        texts = {"title": text.title, "summary": text.summary, "content": text.content, **texts}
    return facts, texts
