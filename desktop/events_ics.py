"""One language's events as an iCalendar file, under the publishing policy (the same events
and texts the app package's ``events.ics`` holds)."""

from __future__ import annotations

from datetime import date

from export.ical import IcsResult
from export.integreat.content_objects import ContentObjects
from export.integreat.objects import Builder
from export.integreat.policy import plan_publication
from models.i18n import N_

from .db import Database
from .errors import LotseError
from .publish import DEFAULT_BASE_URL, failed_checks, load_snapshot, package_base_url
from .team.publishing import authorize_publish


def events_calendar(
    db: Database,
    code: str,
    *,
    policy: str | None = None,
    cms: bool = False,
    today: date | None = None,
    base_url: str | None = None,
) -> IcsResult:
    """``base_url``: where the app package is served (the region's setting, as in the package)."""
    if cms:  # the file the Integreat CMS imports: a delivery, for publishers
        authorize_publish(db, "publish.cms.ical", {"language": code})
    base_url = base_url or package_base_url(db) or DEFAULT_BASE_URL
    with db.transaction() as session:
        snapshot = load_snapshot(session)
        failed = failed_checks(session, snapshot, policy)
    if code not in {lang.code for lang in snapshot.languages}:
        raise LotseError(N_("The region has no language “{code}”.", code=code))
    plan = plan_publication(snapshot, today=today or date.today(), override=policy, failed_checks=failed)
    return ContentObjects(Builder(snapshot, plan, base_url, {}), today).ics(code, cms=cms)
