"""Publishing the app package: the operation the CLI (``lotse publish package``), the
Publish dialog and the benchmarks call.

    result = publish_package(db, out, base_url=..., make_zip=True, progress=..., token=...)

reads the region in one transaction into a snapshot (nothing private: no internal
notes, no reviewer comments or names), lets ``export.integreat`` plan, build, check
and write it, and returns what was written and what was left out and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, select

from export.integreat.app_rules import is_loopback
from export.integreat.package import PackageInvalid, PackageResult, PackageWriteError
from export.integreat.package_write import make_package
from export.integreat.policy import POLICIES, Omission, Plan, machine_candidates, plan_publication
from export.integreat.snapshot import (
    Alias,
    CategorySnap,
    LanguageSnap,
    OfferSnap,
    OrganizationSnap,
    RegionSnapshot,
)
from export.integreat.validate import PackageProblem
from models.i18n import N_, Text
from models.tables import Category, ContentKind, Municipality, OfferText, Organization

from . import __version__
from .confirmations import last_confirmed
from .db import Database
from .errors import LotseError
from .package_folder import tidy_package_folder as tidy_package_folder  # (its place before)
from .publish_rows import CONTENTS, LIGHT, SUMMARIES, read_contents, read_offers, read_texts
from .regions import current_region, region_languages
from .tasks import CancelToken, Progress, no_progress
from .team.publishing import note_publish

# The address of a local preview (``lotse serve``): only with local_preview=True.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class PublishError(LotseError):
    """The package could not be made; the previous package is untouched."""

    def __init__(self, text: Text, problems: list[PackageProblem] | None = None):
        super().__init__(text)
        self.problems = list(problems or [])


def load_snapshot(
    session: Session,
    region_slug: str | None = None,
    *,
    light: bool = False,
    contents_for: set[int] | None = None,
) -> RegionSnapshot:
    """The region as a publish reads it. ``light`` leaves out summaries and contents (a
    placeholder marks a non-empty content): enough for the report, much less to read.
    ``contents_for``: the contents of only these items (the others get the placeholder, their
    summaries are read): what a re-publish of a few changed offers needs."""
    snapshot = load_region(session, region_slug)
    codes = {lang.code for lang in snapshot.languages}
    offers = read_offers(session, snapshot.id)
    what = LIGHT if light else SUMMARIES if contents_for is not None else CONTENTS
    read_texts(session, snapshot.id, offers, codes, what)
    if contents_for:
        read_contents(session, offers, sorted(contents_for))
    for offer_id, day in last_confirmed(session, snapshot.id).items():
        if offer_id in offers:
            offers[offer_id].confirmed_on = day
    add_items(snapshot, offers.values())
    return snapshot


def add_items(snapshot: RegionSnapshot, items: Iterable[OfferSnap]) -> None:
    """Offers, pages and events (in id order) into the snapshot's lists."""
    for item in items:
        if item.kind == ContentKind.OFFER.value:
            snapshot.offers.append(item)
        elif item.kind == ContentKind.PAGE.value:
            snapshot.pages.append(item)
        elif item.kind == ContentKind.EVENT.value:
            snapshot.events.append(item)


def load_region(session: Session, region_slug: str | None = None) -> RegionSnapshot:
    """The region's snapshot without its items (offers, pages, events)."""
    region = current_region(session, region_slug)
    languages = [
        LanguageSnap(
            rl.id,
            rl.code,
            rl.bcp47_tag,
            rl.native_name,
            rl.direction,
            rl.source_code,
            rl.position,
            rl.publish_policy,
        )
        for rl in region_languages(session, region.id)
    ]
    categories = [
        CategorySnap(c.id, c.slug, c.icon, c.color, c.position, dict(c.names or {}))
        for c in session.exec(select(Category).where(Category.region_id == region.id))
    ]
    organizations = [
        OrganizationSnap(o.id, o.slug, o.name, o.website, o.logo_path)
        for o in session.exec(select(Organization).where(Organization.region_id == region.id))
    ]
    aliases = [
        Alias(m.name, m.latitude, m.longitude)
        for m in session.exec(
            select(Municipality).where(Municipality.region_id == region.id).order_by(Municipality.name)
        )
        if m.latitude is not None and m.longitude is not None
    ]
    return RegionSnapshot(
        id=region.id,
        slug=region.slug,
        name=region.name,
        prefix=region.prefix,
        name_without_prefix=region.name_without_prefix,
        postcode=region.postcode,
        latitude=region.latitude,
        longitude=region.longitude,
        bounding_box=region.bounding_box,
        imprint_html=region.imprint_html or "",
        policy=region.publish_policy or "checked",
        hold_unconfirmed_months=region.hold_unconfirmed_months,
        languages=languages,
        categories=categories,
        organizations=organizations,
        offers=[],
        aliases=aliases,
    )


def failed_checks(
    session: Session, snapshot: RegionSnapshot, override: str | None = None
) -> dict[tuple[int, str], Text]:
    """Machine translations that would go out but fail a translation check with an error
    (a phone number, e-mail, URL, time, date or price lost or changed, tags broken...)."""
    from .translation.checks import check_translation

    candidates = machine_candidates(snapshot, override)
    if not candidates:
        return {}
    sources = {lang.code: lang.source_code for lang in snapshot.languages}
    wanted = {(oid, code) for oid, code in candidates} | {
        (oid, sources[code]) for oid, code in candidates if sources[code]
    }
    offer_ids = sorted({oid for oid, _ in wanted})
    contents: dict[tuple[int, str], str] = {}
    for start in range(0, len(offer_ids), 500):
        chunk = offer_ids[start : start + 500]
        rows = session.exec(
            select(OfferText.offer_id, OfferText.language_code, OfferText.content).where(
                OfferText.offer_id.in_(chunk)
            )
        )
        for oid, code, content in rows:
            if (oid, code) in wanted:
                contents[(oid, code)] = content or ""
    failed: dict[tuple[int, str], Text] = {}
    for oid, code in candidates:
        source = sources[code]
        findings = [
            f
            for f in check_translation(contents.get((oid, source), ""), contents.get((oid, code), ""), code)
            if f.severity == "error"
        ]
        if findings:
            failed[(oid, code)] = findings[0].text  # in words ("Phone number changed: …"), not a code
    return failed


def _check_policy(policy: str | None) -> None:
    if policy is not None and policy not in POLICIES:
        raise LotseError(
            N_(
                "Unknown publishing policy “{policy}”. Allowed: {items}.",
                policy=policy,
                items=", ".join(POLICIES),
            ),
        )


@dataclass
class Preview:
    """What a publish would do, without writing: the plan and the region's languages."""

    snapshot: RegionSnapshot
    plan: Plan

    @property
    def omissions(self) -> list[Omission]:
        return self.plan.omissions


def preview_publication(
    db: Database, *, policy: str | None = None, today: date | None = None, region_slug: str | None = None
) -> Preview:
    """The report before publishing: per language what goes out, and what is left out and why."""
    _check_policy(policy)
    with db.transaction() as session:
        snapshot = load_snapshot(session, region_slug, light=True)
        failed = failed_checks(session, snapshot, policy)
    return Preview(
        snapshot,
        plan_publication(snapshot, today=today or date.today(), override=policy, failed_checks=failed),
    )


def package_base_url(db: Database, region_slug: str | None = None) -> str | None:
    """The region's setting: where its app package is served."""
    with db.transaction() as session:
        return current_region(session, region_slug).package_base_url


def set_package_base_url(db: Database, url: str | None, region_slug: str | None = None) -> None:
    """Store where the region's app package is served (checked as a publish checks it)."""
    if url:
        _check_base_url(url, local_preview=False)
    with db.transaction() as session:
        region = current_region(session, region_slug)
        region.package_base_url = url.strip() if url else None
        session.add(region)


def check_package_base_url(url: str) -> str:
    """An address for the region's package as stored: checked as a publish checks it."""
    return _check_base_url(url.strip(), local_preview=False)


def _check_base_url(base_url: str | None, *, local_preview: bool) -> str:
    if not base_url:
        raise LotseError(
            N_(
                "The region has no address for its app package yet. Say once where "
                "it will be served (lotse publish package --base-url https://…, it "
                "is remembered), or publish a local preview (--local-preview)."
            ),
        )
    if not base_url.startswith(("http://", "https://")):
        raise LotseError(
            N_("The base URL “{base_url}” must start with https:// (or http://).", base_url=base_url),
        )
    if is_loopback(base_url) and not local_preview:
        raise LotseError(
            N_(
                "The base URL “{base_url}” points at this computer: only this computer "
                "could open such a package. Give the address where the package will "
                "be served, or publish a local preview on purpose (--local-preview).",
                base_url=base_url,
            ),
        )
    return base_url


def publish_package(
    db: Database,
    out: str | Path,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    base_url: str | None = None,
    policy: str | None = None,
    make_zip: bool = False,
    today: date | None = None,
    region_slug: str | None = None,
    generated_at: datetime | None = None,
    local_preview: bool = False,
) -> PackageResult:
    """Write the app package to ``out`` (and ``out``.zip); see export/integreat/package.py.

    ``base_url`` defaults to the region's setting (``set_package_base_url``); an address on
    this computer (127.0.0.1, localhost) is refused unless ``local_preview`` asks for it."""
    _check_policy(policy)
    if base_url is None:
        base_url = package_base_url(db, region_slug) or (DEFAULT_BASE_URL if local_preview else None)
    base_url = _check_base_url(base_url, local_preview=local_preview)
    progress(0, 1, "reading the database")
    from .publish_changes import read_for_publish

    snapshot, failed, changes = read_for_publish(db, out, region_slug, policy, check_right=not local_preview)
    try:
        result = make_package(
            snapshot,
            out,
            base_url=base_url,
            today=today or date.today(),
            generated_at=generated_at or datetime.now(UTC),
            lotse_version=__version__,
            policy=policy,
            make_zip=make_zip,
            progress=progress,
            token=token,
            failed_checks=failed,
            local_preview=local_preview,
            changes=changes,
        )
    except PackageInvalid as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        raise PublishError(
            N_(
                "The package breaks the Integreat format and was not written: {message}{more}",
                message=first.text(),
                more=N_(" (and {more} more problems)", more=more) if more else "",
            ),
            exc.problems,
        ) from exc
    except PackageWriteError as exc:
        raise PublishError(exc.text) from exc
    except OSError as exc:
        raise PublishError(
            N_(
                "The package could not be written ({value}: {value2}). The previous package is unchanged.",
                value=exc.strerror or exc,
                value2=exc.filename or out,
            ),
        ) from exc
    if not local_preview:
        with db.transaction() as session:
            note_publish(session, "publish.package", {"out": str(out), "policy": policy, "zip": make_zip})
    return result
