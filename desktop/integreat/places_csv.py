"""Places for a hosted Integreat CMS: a CSV in the column layout of the CMS's own management
command ``import_places_from_csv FILE REGION USER`` (release 2026.10), which Digitalfabrik (or
whoever runs the CMS) runs on the server.

The rows are the places the app package would publish in the region's source language, made
from the same objects (export/integreat/objects.py), so CSV and package agree. What the
command cannot take is said in the result, never silently lost: it saves drafts, only in the
region's default language, only the name (no description), one time slot per day, matches the
category by its translated name (unknown names become "other"), and 2026.10.0 drops website,
e-mail and phone. Values are written as they are (no spreadsheet formula guard): the reader is
the CMS's csv module, which takes them literally, and a guard would put an apostrophe in front
of every "+49" phone number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.dates import get_day_names

from export.integreat.objects import Builder
from export.integreat.policy import plan_publication
from export.safe_input import atomic_write
from models.i18n import N_, Localized, Message

from ..db import Database
from ..errors import LotseError
from ..team.publishing import authorize_publish

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
COLUMNS = [
    "name",
    "street_address",
    "postal_code",
    "city",
    "country",
    "longitude",
    "latitude",
    "place_on_map",
    "temporarily_closed",
    "category",
    "website",
    "appointment_url",
    "email",
    "phone_number",
    "barrier_free",
] + [
    f"{day}_{part}" for day in WEEKDAYS for part in ("start", "end", "all_day", "closed", "appointment_only")
]
# The CMS's PlaceForm: "+49 1234567", "0049 1234567" or "01234567"; anything else stops its import.
CMS_PHONE = re.compile(r"^(?:\+|00)\d{1,3}\s?\d+$|^0\d+$")
CMS_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class PlacesCsv:
    path: Path
    rows: int
    language: str
    categories: list[str]
    notes: list[Message] = field(default_factory=list)

    def report(self, lang: str | None = None) -> str:
        head = N_(
            "{rows} places in {path} (language {language}) for the Integreat CMS's “import_places_from_csv”.",
            rows=self.rows,
            path=str(self.path),
            language=self.language,
        )
        wanted = N_(
            "Categories the CMS must have under these names: {names}", names=", ".join(self.categories) or "-"
        )
        return "\n".join([head.render(lang), *("  - " + note.render(lang) for note in [wanted, *self.notes])])


def _bool(value) -> str:
    return "true" if value else "false"


def _phone(raw: str | None) -> str:
    """A phone number the CMS's form accepts (no spaces, dashes or brackets), or ""."""
    if not raw:
        return ""
    plus = raw.strip().startswith("+")
    digits = re.sub(r"\D", "", raw)
    value = ("+" if plus else "") + digits
    return value if CMS_PHONE.match(value) else ""


def place_row(place: dict, notes: list[Message]) -> dict[str, str]:
    """One CSV row from an Integreat API place object; what does not fit goes into ``notes``."""
    title = place["title"]
    location = place.get("location") or {}
    contact = (place.get("contacts") or [{}])[0] or {}
    website = contact.get("website") or ""
    if website and not website.startswith(("http://", "https://")):
        website = ""
    email = contact.get("email") or ""
    if email and not CMS_EMAIL.match(email):
        email = ""
    phone = _phone(contact.get("phone_number"))
    if contact.get("phone_number") and not phone:
        notes.append(
            N_(
                "“{title}”: phone number “{phone_number}” is not in a form the CMS accepts; left empty.",
                title=title,
                phone_number=contact["phone_number"],
            )
        )
    row = {
        "name": title,
        "street_address": location.get("address") or "",
        "postal_code": location.get("postcode") or "",
        "city": location.get("town") or "",
        "country": location.get("country") or "",
        "longitude": "" if location.get("longitude") is None else repr(float(location["longitude"])),
        "latitude": "" if location.get("latitude") is None else repr(float(location["latitude"])),
        "place_on_map": _bool(True),
        "temporarily_closed": _bool(place.get("temporarily_closed")),
        "category": (place.get("category") or {}).get("name") or "",
        "website": website,
        "appointment_url": place.get("appointment_url") or "",
        "email": email,
        "phone_number": phone,
        "barrier_free": _bool(place.get("barrier_free")),
    }
    hours = place.get("opening_hours")
    for index in range(7):
        spec = hours[index] if isinstance(hours, list) and len(hours) == 7 else None
        row.update(_day_columns(title, index, spec, notes))
    return row


def _day_columns(title: str, index: int, spec: dict | None, notes: list[Message]) -> dict[str, str]:
    """One weekday's five columns, in combinations the CMS's form accepts: closed, open all
    day, or open with time slots (one per day). Always an explicit ``closed``: the command
    reads an empty one from the other columns' raw text, where "false" counts as true."""
    day = WEEKDAYS[index]
    weekday = Localized(lambda language: get_day_names("wide", locale=language)[index])
    slots = [s for s in ((spec or {}).get("timeSlots") or []) if s.get("start", "") < s.get("end", "")]
    all_day = bool(spec and spec.get("allDay"))
    closed = spec is None or bool(spec.get("closed"))  # no hours known: the CMS's own default
    appointment = bool(spec and spec.get("appointmentOnly"))
    if not (closed or all_day) and not slots:
        if appointment:
            all_day = True  # "by appointment" without times: the CMS needs all day or a time
            notes.append(
                N_(
                    "“{title}”: {weekday} “by appointment” without times goes as all day by appointment.",
                    title=title,
                    weekday=weekday,
                )
            )
        else:
            closed = True
    if len(slots) > 1 and not (closed or all_day):
        kept = f"{slots[0]['start']}–{slots[0]['end']}"
        notes.append(
            N_(
                "“{title}”: the CMS takes one opening time per day; {weekday} keeps "
                "{kept}, add {more} more in the CMS by hand.",
                title=title,
                weekday=weekday,
                kept=kept,
                more=len(slots) - 1,
            )
        )
    first = slots[0] if slots and not (closed or all_day) else {}
    return {
        f"{day}_start": first.get("start", ""),
        f"{day}_end": first.get("end", ""),
        f"{day}_all_day": _bool(all_day and not closed),
        f"{day}_closed": _bool(closed),
        f"{day}_appointment_only": _bool(appointment and not closed),
    }


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def standing_notes(any_contacts: bool) -> list[Message]:
    notes = [
        N_("The CMS saves the places as drafts: check and publish them there."),
        N_(
            "Only name, address, coordinates, category, opening hours, appointment "
            "link and barrier-free arrive, in the region's default language; no "
            "description, no translations."
        ),
        N_("The CMS finds the category by its name; a name it does not have becomes “other”."),
        N_("The CMS checks every row; the first bad one stops the import (earlier rows stay)."),
    ]
    if any_contacts:
        notes.append(
            N_(
                "Integreat CMS 2026.10.0 drops website, e-mail and phone on import "
                "(they are in the file all the same): enter them in the CMS by hand."
            )
        )
    return notes


def export_places_csv(
    db: Database,
    out: str | Path,
    *,
    policy: str | None = None,
    today: date | None = None,
    region_slug: str | None = None,
) -> PlacesCsv:
    """Write the region's places (as the package would publish them, source language) to ``out``."""
    from ..publish import _check_policy, failed_checks, load_snapshot

    _check_policy(policy)
    authorize_publish(db, "publish.cms.places", {"out": str(out)})
    with db.transaction() as session:
        snapshot = load_snapshot(session, region_slug)
        failed = failed_checks(session, snapshot, policy)
    plan = plan_publication(snapshot, today=today or date.today(), override=policy, failed_checks=failed)
    code = snapshot.root
    places = (
        Builder(snapshot, plan, "https://example.invalid", {}).places(code) if code in plan.languages else []
    )
    if not places:
        raise LotseError(
            N_(
                "No places to write: no offer with an address and coordinates is "
                "published in the source language."
            )
        )
    notes: list[Message] = []
    rows = [place_row(place, notes) for place in places]
    any_contacts = any(r["website"] or r["email"] or r["phone_number"] for r in rows)
    path = atomic_write(Path(out), csv_bytes(rows))
    categories = sorted({r["category"] for r in rows if r["category"]})
    return PlacesCsv(path, len(rows), code, categories, standing_notes(any_contacts) + notes)
