"""What one XLIFF file changes: the offer's old and new text, a word diff, and what is wrong
(unknown offers or units, inline tags that do not match the source, the engine's checks, a
source that changed since the export).
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlmodel import select

from export.xliff import XFile, field_of
from models.contact_keys import contact_keys
from models.i18n import N_, Joined, Text, Verbatim
from models.meaning import DiffSpan, word_diff
from models.richtext import clean_html, clean_plain, fingerprint, html_to_text, normalise_for_fingerprint
from models.status import Status
from models.tables import Offer, OfferText
from models.validation import check_text
from models.vocabulary import contact_labels, part_label

from ..translation.checks import check_translation
from ..translation.glossary import terms_for
from ..translation.text_parts import area_key, area_part, flat_parts, values_from_flat
from .engine import terms_in
from .xliff_documents import offer_id
from .xliff_export import LEGACY_AREA, part_of_unit, unit_id

FIELDS = ("title", "summary", "content")
PLAIN_UNITS = ("title", "summary", "content", "cost")


def expected_units(contacts: Sequence[Mapping[str, Any] | None]) -> Joined:
    """The units a file Lotse wrote for this offer holds: the plain ones and one area per
    contact, named ("area-k3x9q2mz (Frau Esser)")."""
    labels = contact_labels(contacts)
    areas = [
        Joined([Verbatim(unit_id(area_part(key))), Joined(["(", labels[key], ")"], "")], " ")
        for key in contact_keys(contacts)
        if key in labels
    ]
    return Joined([*PLAIN_UNITS, *areas], ", ")


@dataclass(frozen=True)
class Finding:
    code: str
    text: Text
    blocking: bool = False  # the text cannot be accepted
    severity: str = "warning"  # "error": not accepted unless the user ticks it

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)

    @property
    def en(self) -> str:
        return self.text.render("en")


def _pack(parts: dict[str, str]) -> bytes:
    """A change's texts as compressed bytes: a preview holds thousands of old and new texts, and
    as Python strings (two bytes a character once one Arabic letter is in them) they were most of
    an XLIFF import's memory, more than the file itself."""
    return zlib.compress(marshal.dumps(parts), 1) if parts else b""


def _unpack(packed: bytes) -> dict[str, str]:
    return marshal.loads(zlib.decompress(packed)) if packed else {}


@dataclass
class TextChange:
    offer_id: int
    language_code: str
    file_label: str
    offer_title: str = ""
    old_version: int = 0
    old_status: str = Status.MISSING.value
    source_current: bool = True
    source_fingerprint: str | None = None
    findings: list[Finding] = field(default_factory=list)
    accepted: bool = True
    contacts: dict[str, Text] | None = None  # the offer's contacts by key, read if the file has areas
    # the texts before and after, packed (see _pack): read through ``old`` and ``new``
    _old: bytes = field(default=b"", repr=False)
    _new: bytes = field(default=b"", repr=False)
    _same: bool = field(default=True, repr=False)  # old and new agree in every part

    @property
    def old(self) -> dict[str, str]:
        """The stored text's parts by key (a copy: assign, do not change in place)."""
        return _unpack(self._old)

    @old.setter
    def old(self, parts: dict[str, str]) -> None:
        self.set_texts(parts, self.new)

    @property
    def new(self) -> dict[str, str]:
        """The imported text's parts by key (a copy: assign, do not change in place)."""
        return _unpack(self._new)

    @new.setter
    def new(self, parts: dict[str, str]) -> None:
        self.set_texts(self.old, parts)

    def set_texts(self, old: dict[str, str], new: dict[str, str]) -> None:
        self._old = _pack(old)
        self._new = self._old if new == old else _pack(new)  # unchanged: packed once, held once
        self._same = bool(new) and all(old.get(k, "") == new.get(k, "") for k in {*FIELDS, *old, *new})

    @property
    def blocked(self) -> bool:
        return any(f.blocking for f in self.findings)

    @property
    def unchanged(self) -> bool:
        return self._same and self.old_status == Status.APPROVED.value

    def diff(self, name: str) -> list[DiffSpan]:
        old, new = self.old.get(name, ""), self.new.get(name, "")
        if name == "content":
            old, new = html_to_text(old), html_to_text(new)
        return word_diff(old, new)


# Target states that say nobody has finished the unit yet.
OPEN_STATES = frozenset(
    {
        "new",
        "needs-translation",
        "initial",
        "needs-review-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-adaptation",
        "needs-review-l10n",
    }
)


# A unit's source is normalised for _untouched and again for the source check: remembered for the
# few texts of the change being built (equal strings need no normalising at all).
_normalised = lru_cache(maxsize=32)(normalise_for_fingerprint)


def _same_words(a: str, b: str) -> bool:
    return a == b or _normalised(a) == _normalised(b)


def _untouched(unit, old_value: str, name: str) -> bool:
    """A target nobody worked on: still open, and only a copy of the source or of what we sent."""
    if unit.state not in OPEN_STATES:
        return False
    return _same_words(unit.target, unit.source) or _same_words(unit.target, old_value)


def _clean(name: str, value: str) -> str:
    return clean_html(value) if name == "content" else clean_plain(value)


class Loaded:
    """The offers and texts an import touches, read in two queries instead of two per file."""

    def __init__(self, session, offer_ids: list[int], language_codes: set[str]):
        ids = sorted(set(offer_ids))
        # id and region are all a preview needs of an offer: plain rows, no ORM objects
        self.offers = (
            {
                o.id: o
                for o in session.connection().execute(
                    select(Offer.id, Offer.region_id).where(Offer.id.in_(ids))
                )
            }
            if ids
            else {}
        )
        self.texts: dict[int, dict[str, Any]] = {}  # rows with the text's fields as attributes
        # Only the languages in the files and their sources: at 15 languages the others were
        # six rows in seven, and reading them took most of a whole-region preview.
        query = select(
            OfferText.offer_id,
            OfferText.language_code,
            OfferText.title,
            OfferText.summary,
            OfferText.content,
            OfferText.cost,
            OfferText.contact_areas,
            OfferText.version,
            OfferText.status,
            OfferText.fingerprint,
        ).where(OfferText.offer_id.in_(ids), OfferText.language_code.in_(sorted(language_codes)))
        # through the connection: plain rows, no ORM loading step per row
        for text in session.connection().execute(query) if ids else []:
            self.texts.setdefault(text.offer_id, {})[text.language_code] = text
        self._session = session
        self._contacts: dict[int, list[dict[str, Any]]] | None = None

    def contacts(self, offer_id: int) -> list[dict[str, Any]]:
        """The offer's contacts, read for every offer of the batch in one query when the first
        file with an area unit needs them (files without areas never read them)."""
        if self._contacts is None:
            ids = sorted(self.offers)
            query = select(Offer.id, Offer.contacts).where(Offer.id.in_(ids))
            rows = self._session.exec(query) if ids else []
            self._contacts = {number: list(contacts or []) for number, contacts in rows}
        return self._contacts.get(offer_id, [])

    def area_at(self, offer_id: int, position: int) -> str | None:
        """The part of the contact at ``position`` now, for a file from before the keys."""
        keys = contact_keys(self.contacts(offer_id))
        return area_part(keys[position]) if 0 <= position < len(keys) and keys[position] else None


def build_change(
    db, xf: XFile, code: str, source_code: str, region, terms_cache: dict, loaded: Loaded
) -> TextChange | None:
    number = offer_id(xf)
    change = TextChange(offer_id=number or 0, language_code=code, file_label=xf.label)
    offer = loaded.offers.get(number) if number else None
    if offer is None or offer.region_id != region.id:
        change.findings.append(
            Finding(
                "unknown_offer",
                N_(
                    "There is no offer “{original}” in this region (file “{label}”).",
                    original=xf.original,
                    label=xf.label,
                ),
                blocking=True,
            )
        )
        change.accepted = False
        return change
    texts = loaded.texts.get(offer.id, {})
    source, target = texts.get(source_code), texts.get(code)
    change.offer_title = source.title if source else ""
    old = flat_parts(target)
    if target is not None:
        change.old_version, change.old_status = target.version, target.status
    new = dict(old) or {name: "" for name in FIELDS}
    stored_source = flat_parts(source)
    file_sources: dict[str, str] = {}  # the file's source per part, cleaned only if it differs
    translated = 0
    for unit in xf.units:
        name = part_of_unit(unit.id) or field_of(unit.id)
        if name is not None and name.startswith(LEGACY_AREA):
            name = loaded.area_at(offer.id, int(name[len(LEGACY_AREA) :]))
        if name is None:
            change.findings.append(
                Finding(
                    "unknown_unit",
                    N_(
                        "Lotse does not know the unit “{id}” (this offer's units: {units}).",
                        id=unit.id,
                        units=expected_units(loaded.contacts(offer.id)),
                    ),
                    blocking=True,
                )
            )
            continue
        if area_key(name) is not None:
            if not change.contacts:
                change.contacts = contact_labels(loaded.contacts(offer.id))
            if area_key(name) not in change.contacts:
                change.findings.append(
                    Finding(
                        "gone_contact",
                        N_(
                            "The unit “{id}” is the area of a contact the offer no longer has; "
                            "it is left out (this offer's units: {units}).",
                            id=unit.id,
                            units=expected_units(loaded.contacts(offer.id)),
                        ),
                    )
                )
                continue
        if unit.problems:
            change.findings.append(
                Finding(
                    "inline_tags",
                    N_(
                        "{field}: the formatting tags do not match the source ({items}).",
                        field=part_label(name, change.contacts),
                        items="; ".join(unit.problems),
                    ),
                    blocking=True,
                )
            )
            continue
        if unit.target is None or not unit.target.strip():
            continue
        if _untouched(unit, old.get(name, ""), name):
            continue
        translated += 1
        file_sources[name] = unit.source
        new[name] = _clean(name, unit.target)
        current = stored_source.get(name, "")
        if not _same_words(unit.source, current or ""):
            change.source_current = False
    if translated == 0 and not change.findings:
        return None
    if source is None or not (source.title or source.content):
        change.findings.append(
            Finding(
                "no_source",
                N_(
                    "Offer {id} no longer has a text in “{source_code}”.",
                    id=offer.id,
                    source_code=source_code,
                ),
                blocking=True,
            )
        )
    elif change.source_current:
        change.source_fingerprint = source.fingerprint
    else:
        made_from = values_from_flat(stored_source | {n: _clean(n, v) for n, v in file_sources.items()})
        change.source_fingerprint = fingerprint(
            made_from["title"],
            made_from["summary"],
            made_from["content"],
            made_from["cost"],
            made_from["contact_areas"],
        )
        change.findings.append(
            Finding(
                "source_changed",
                N_("The source changed since the export; the text is stored as outdated."),
            )
        )
    for problem in check_text(new.get("title"), new.get("summary"), new.get("content"), draft=True):
        change.findings.append(Finding(problem.code, problem.text(), blocking=True))
    if source is not None:
        key = (source_code, code)
        if key not in terms_cache:
            terms_cache[key] = terms_for(db, source_code, code)
        for name in new:
            if not new.get(name) or new.get(name) == old.get(name):
                continue
            src_value = stored_source.get(name, "")
            for note in check_translation(src_value, new[name], code, terms_in(src_value, terms_cache[key])):
                change.findings.append(
                    Finding(
                        note.code,
                        N_("{field}: {finding}", field=part_label(name, change.contacts), finding=note.text),
                        severity=note.severity,
                    )
                )
    change.set_texts(old, new)
    change.accepted = (
        not change.blocked
        and not change.unchanged
        and not any(f.severity == "error" for f in change.findings)
    )
    return change
