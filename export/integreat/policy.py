"""The publishing policy: which texts go out in which language, and why the rest does not.

Per language the policy is ``approved`` (approved only), ``checked`` (checked or
approved) or ``machine`` (machine translations too, marked as such in the
package). The source language's own text always goes out. Nothing falls back to
another language: a text that may not go out is left out, and the report says why.
Offers that are not published, whose validity has ended or not yet begun, whose
source text lacks a required field or whose facts fail a check are left out in
every language.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from models.confirmation import months_before
from models.i18n import N_, Message, Text, Verbatim
from models.validation import LABELS, check_offer_facts, check_text

from .snapshot import OfferSnap, RegionSnapshot

POLICIES = ("approved", "checked", "machine")
ALLOWED: dict[str, frozenset[str]] = {
    "approved": frozenset({"source", "approved"}),
    "checked": frozenset({"source", "approved", "checked"}),
    "machine": frozenset({"source", "approved", "checked", "machine"}),
}
ALL_LANGUAGES = "*"

# reason code -> why, in words; {detail} is filled in where given.
REASONS: dict[str, Message] = {
    "not_published": N_("offer is not published ({detail})"),
    "unconfirmed": N_("not confirmed by the provider since {detail} (the region's rule)"),
    "expired": N_("validity ended on {detail}"),
    "not_yet_valid": N_("valid only from {detail}"),
    "required_empty": N_("required field empty: {detail}"),
    "check_failed": N_("failed check: {detail}"),
    "missing": N_("translation missing"),
    "outdated": N_("translation outdated: the source text changed"),
    "below_policy": N_("status “{detail}” is not enough under this language's policy"),
    "no_coordinates": N_("not on the map: coordinates missing"),
    "event_past": N_("event is over (last date {detail})"),
    "parent_missing": N_("the parent page does not go out in this language"),
    "language_empty": N_("language has nothing that may be published"),
}


STATUS_NAMES = {
    "source": N_("source"),
    "approved": N_("approved"),
    "checked": N_("checked"),
    "machine": N_("machine"),
    "outdated": N_("outdated"),
    "in_translation": N_("in translation"),
}


STATE_NAMES = {"draft": N_("draft"), "archived": N_("archived")}


@dataclass(frozen=True)
class Omission:
    """One thing left out (or, for ``no_coordinates``, left off the map)."""

    offer_id: int | None
    offer_slug: str
    title: str
    language: str  # a code, or "*" for every language
    reason: str
    detail: Text | str = ""

    def text(self) -> Message:
        detail = self.detail
        if self.reason == "below_policy" and isinstance(detail, str) and detail in STATUS_NAMES:
            detail = STATUS_NAMES[detail]
        elif self.reason == "not_published" and isinstance(detail, str) and detail in STATE_NAMES:
            detail = STATE_NAMES[detail]
        return Message(REASONS[self.reason].msgid, detail=detail)

    def message(self, lang: str | None = None) -> str:
        return self.text().render(lang)


@dataclass
class Plan:
    """What goes out: per language the offer ids, plus what was left out and why."""

    policies: dict[str, str]
    included: dict[str, list[int]] = field(default_factory=dict)
    omissions: list[Omission] = field(default_factory=list)
    # information pages (parents before children) and events, per language
    pages: dict[str, list[int]] = field(default_factory=dict)
    events: dict[str, list[int]] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        """Languages with anything to publish (the root language always)."""
        return [
            code
            for code, ids in self.included.items()
            # events alone make a language too: the app shows its Events tab (an empty page
            # tree is a valid answer), and a region's Tigrinya speakers see the Sprachcafé
            if ids or self.pages.get(code) or self.events.get(code) or code == self._root
        ]

    _root: str = "de"

    def status_counts(self, snapshot: RegionSnapshot) -> dict[str, dict[str, int]]:
        offers = {o.id: o for o in snapshot.offers}
        out: dict[str, dict[str, int]] = {}
        for code, ids in self.included.items():
            counts: dict[str, int] = {}
            for oid in ids:
                status = offers[oid].texts[code].status
                counts[status] = counts.get(status, 0) + 1
            out[code] = dict(sorted(counts.items()))
        return out


def policy_for(snapshot: RegionSnapshot, code: str, override: str | None = None) -> str:
    value = override or snapshot.language(code).policy or snapshot.policy or "checked"
    if value not in ALLOWED:
        raise ValueError(f"unknown publishing policy {value!r}; use one of {', '.join(POLICIES)}")
    return value


def _facts(offer: OfferSnap) -> dict:
    return {
        "category_id": offer.category_id,
        "postcode": offer.postcode,
        "latitude": offer.latitude,
        "longitude": offer.longitude,
        "appointment_url": offer.appointment_url,
        "contacts": offer.contacts,
        "opening_hours": offer.opening_hours,
        "valid_from": offer.valid_from,
        "valid_until": offer.valid_until,
    }


@dataclass
class FactsMemo:
    """Offers' facts known to pass every check (by a digest of the facts and the region's box):
    a re-publish does not check them again (the phone numbers' parsing was most of a plan).
    ``found`` collects the ones this plan checked and found clean, for the next one."""

    known: set[bytes] = field(default_factory=set)
    found: set[bytes] = field(default_factory=set)

    @staticmethod
    def key(offer: OfferSnap, snapshot: RegionSnapshot) -> bytes:
        value = json.dumps([_facts(offer), snapshot.bounding_box], sort_keys=True, default=repr)
        return hashlib.blake2b(value.encode("utf-8"), digest_size=16).digest()


def _offer_blockers(
    offer: OfferSnap, snapshot: RegionSnapshot, today: date, memo: FactsMemo | None = None
) -> list[tuple[str, Text | str]]:
    """Reasons that keep an offer out of every language."""
    if offer.state != "published":
        return [("not_published", offer.state)]
    if offer.valid_until and offer.valid_until < today:
        return [("expired", offer.valid_until.isoformat())]
    if offer.valid_from and offer.valid_from > today:
        return [("not_yet_valid", offer.valid_from.isoformat())]
    months = snapshot.hold_unconfirmed_months
    if months is not None and (
        offer.confirmed_on is None or offer.confirmed_on < months_before(today, months)
    ):
        return [("unconfirmed", offer.confirmed_on.isoformat() if offer.confirmed_on else "–")]
    root = offer.texts.get(snapshot.root)
    if root is None or not root.title.strip():
        return [("required_empty", _field("title", snapshot.root))]
    blockers: list[tuple[str, Text | str]] = []
    key = memo.key(offer, snapshot) if memo is not None else b""
    if memo is not None and key in memo.known:
        problems = []
    else:
        problems = check_offer_facts(_facts(offer), snapshot.bounding_box, draft=False)
        if memo is not None and not problems:
            memo.found.add(key)
    problems += [p for p in check_text(root.title, root.summary, root.content, draft=True)]
    for problem in problems:
        if problem.code == "required":
            blockers.append(("required_empty", LABELS.get(problem.field, Verbatim(problem.field))))
        elif problem.code != "coordinates_region":  # outside the box: shown, but still published
            blockers.append(("check_failed", problem.text()))
    return blockers


def _field(name: str, language: str) -> Message:
    """A field of one language's text, by its label: "the title (ar)"."""
    return N_("{field} ({language})", field=LABELS[name], language=language)


def language_reason(
    item: OfferSnap, code: str, plan: Plan, failed_checks: dict[tuple[int, str], Text] | None
) -> tuple[str | None, object]:
    """Why one item's text in one language may not go out (None: it may), for every kind."""
    text = item.texts.get(code)
    if text is None or not (text.title.strip() or text.content.strip()):
        return "missing", ""
    if text.status == "outdated":
        return "outdated", ""
    if text.status not in ALLOWED[plan.policies[code]]:
        return "below_policy", text.status
    if not text.title.strip():
        return "required_empty", _field("title", code)
    if failed_checks and (item.id, code) in failed_checks:
        return "check_failed", failed_checks[(item.id, code)]
    return None, ""


def machine_candidates(snapshot: RegionSnapshot, override: str | None = None) -> list[tuple[int, str]]:
    """(offer id, language) of the machine translations the policy would let out: the ones to check."""
    machine = [
        lang.code for lang in snapshot.languages if policy_for(snapshot, lang.code, override) == "machine"
    ]
    return [
        (o.id, code)
        for o in [*snapshot.offers, *snapshot.pages, *snapshot.events]
        if o.state == "published"
        for code in machine
        if code in o.texts and o.texts[code].status == "machine"
    ]


def plan_publication(
    snapshot: RegionSnapshot,
    *,
    today: date,
    override: str | None = None,
    failed_checks: dict[tuple[int, str], Text] | None = None,
    memo: FactsMemo | None = None,
) -> Plan:
    """``failed_checks``: (offer id, language) -> what a translation check found (a changed
    phone number...); such a machine translation stays out. ``memo``: facts known clean."""
    root = snapshot.root
    codes = [lang.code for lang in snapshot.languages]
    plan = Plan(policies={code: policy_for(snapshot, code, override) for code in codes})
    plan._root = root
    plan.included = {code: [] for code in codes}
    for offer in snapshot.offers:
        root_text = offer.texts.get(root)
        title = root_text.title if root_text else ""
        blockers = _offer_blockers(offer, snapshot, today, memo)
        if blockers:
            plan.omissions.extend(
                Omission(offer.id, offer.slug, title, ALL_LANGUAGES, r, d) for r, d in blockers
            )
            continue
        if offer.has_address and (offer.latitude is None or offer.longitude is None):
            plan.omissions.append(Omission(offer.id, offer.slug, title, ALL_LANGUAGES, "no_coordinates"))
        for code in codes:
            reason, detail = language_reason(offer, code, plan, failed_checks)
            if reason:
                plan.omissions.append(Omission(offer.id, offer.slug, title, code, reason, detail))
            else:
                plan.included[code].append(offer.id)
    from .content_policy import plan_pages_and_events  # pages and events: the same rules per language

    plan_pages_and_events(snapshot, plan, today, failed_checks)
    for code in codes:
        if code != root and not (plan.included[code] or plan.pages[code] or plan.events[code]):
            plan.omissions.append(Omission(None, "", "", code, "language_empty"))
    return plan
