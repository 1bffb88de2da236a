"""Publishing the app package for the region, against json.dumps of the same objects."""
from __future__ import annotations

from ._landing import describe, first_available

WHAT = "publish the app package"
CANDIDATES = [("export.integreat", "publish_package"), ("export.integreat.package", "publish_package")]


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "the app package (issue 6)")


def run(bench):
    raise NotImplementedError("wired when issue 6 lands")
