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

from dataclasses import dataclass, field
from datetime import date

from models.confirmation import months_before
from models.validation import check_offer_facts, check_text

from .snapshot import OfferSnap, RegionSnapshot

POLICIES = ("approved", "checked", "machine")
ALLOWED: dict[str, frozenset[str]] = {
    "approved": frozenset({"source", "approved"}),
    "checked": frozenset({"source", "approved", "checked"}),
    "machine": frozenset({"source", "approved", "checked", "machine"}),
}
ALL_LANGUAGES = "*"

# reason code -> (German, English); {detail} is filled in where given.
REASONS: dict[str, tuple[str, str]] = {
    "not_published": ("Angebot ist nicht veröffentlicht ({detail})", "offer is not published ({detail})"),
    "unconfirmed": (
        "vom Träger nicht bestätigt seit {detail} (Regel der Region)",
        "not confirmed by the provider since {detail} (the region's rule)",
    ),
    "expired": ("Gültigkeit ist am {detail} abgelaufen", "validity ended on {detail}"),
    "not_yet_valid": ("gilt erst ab {detail}", "valid only from {detail}"),
    "required_empty": ("Pflichtfeld leer: {detail}", "required field empty: {detail}"),
    "check_failed": ("Prüfung nicht bestanden: {detail}", "failed check: {detail}"),
    "missing": ("Übersetzung fehlt", "translation missing"),
    "outdated": (
        "Übersetzung veraltet: der Ausgangstext hat sich geändert",
        "translation outdated: the source text changed",
    ),
    "below_policy": (
        "Status „{detail}“ reicht nach der Regel dieser Sprache nicht",
        "status “{detail}” is not enough under this language's policy",
    ),
    "no_coordinates": ("nicht auf der Karte: Koordinaten fehlen", "not on the map: coordinates missing"),
    "event_past": (
        "Veranstaltung ist vorbei (letzter Termin {detail})",
        "event is over (last date {detail})",
    ),
    "parent_missing": (
        "übergeordnete Seite geht in dieser Sprache nicht hinaus",
        "the parent page does not go out in this language",
    ),
    "language_empty": (
        "Sprache ohne veröffentlichbare Inhalte",
        "language has nothing that may be published",
    ),
}


STATUS_NAMES = {
    "source": ("Ausgangstext", "source"),
    "approved": ("freigegeben", "approved"),
    "checked": ("geprüft", "checked"),
    "machine": ("maschinell", "machine"),
    "outdated": ("veraltet", "outdated"),
    "in_translation": ("in Übersetzung", "in translation"),
}


STATE_NAMES = {"draft": ("Entwurf", "draft"), "archived": ("archiviert", "archived")}


@dataclass(frozen=True)
class Omission:
    """One thing left out (or, for ``no_coordinates``, left off the map)."""

    offer_id: int | None
    offer_slug: str
    title: str
    language: str  # a code, or "*" for every language
    reason: str
    detail: str = ""

    def message(self, lang: str = "de") -> str:
        de, en = REASONS[self.reason]
        detail = self.detail
        if self.reason == "below_policy" and detail in STATUS_NAMES:
            detail = STATUS_NAMES[detail][1 if lang == "en" else 0]
        elif self.reason == "not_published" and detail in STATE_NAMES:
            detail = STATE_NAMES[detail][1 if lang == "en" else 0]
        return (en if lang == "en" else de).format(detail=detail)


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
            # events alone do not make a language: without pages the app has no Information tab
            if ids or self.pages.get(code) or code == self._root
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


def _offer_blockers(offer: OfferSnap, snapshot: RegionSnapshot, today: date) -> list[tuple[str, str]]:
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
        return [("required_empty", f"title ({snapshot.root})")]
    blockers = []
    problems = check_offer_facts(_facts(offer), snapshot.bounding_box, draft=False)
    problems += [p for p in check_text(root.title, root.summary, root.content, draft=True)]
    for problem in problems:
        if problem.code == "required":
            blockers.append(("required_empty", problem.field))
        elif problem.code != "coordinates_region":  # outside the box: shown, but still published
            blockers.append(("check_failed", f"{problem.field}: {problem.message('en')}"))
    return blockers


def language_reason(
    item: OfferSnap, code: str, plan: Plan, failed_checks: dict[tuple[int, str], str] | None
) -> tuple[str | None, str]:
    """Why one item's text in one language may not go out (None: it may), for every kind."""
    text = item.texts.get(code)
    if text is None or not (text.title.strip() or text.content.strip()):
        return "missing", ""
    if text.status == "outdated":
        return "outdated", ""
    if text.status not in ALLOWED[plan.policies[code]]:
        return "below_policy", text.status
    if not text.title.strip():
        return "required_empty", f"title ({code})"
    if failed_checks and (item.id, code) in failed_checks:
        return "check_failed", failed_checks[(item.id, code)]
    return None, ""


def machine_candidates(snapshot: RegionSnapshot, override: str | None = None) -> list[tuple[int, str]]:
    """(offer id, language) of the machine translations the policy would let out: the ones to check."""
    machine = [l.code for l in snapshot.languages if policy_for(snapshot, l.code, override) == "machine"]
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
    failed_checks: dict[tuple[int, str], str] | None = None,
) -> Plan:
    """``failed_checks``: (offer id, language) -> what a translation check found (a changed
    phone number...); such a machine translation stays out."""
    root = snapshot.root
    codes = [l.code for l in snapshot.languages]
    plan = Plan(policies={code: policy_for(snapshot, code, override) for code in codes})
    plan._root = root
    plan.included = {code: [] for code in codes}
    for offer in snapshot.offers:
        root_text = offer.texts.get(root)
        title = root_text.title if root_text else ""
        blockers = _offer_blockers(offer, snapshot, today)
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
        if code != root and not (plan.included[code] or plan.pages[code]):
            plan.omissions.append(Omission(None, "", "", code, "language_empty"))
    return plan
