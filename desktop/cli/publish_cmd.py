"""``lotse publish VERB``: publish the app package, flyers and brochures."""

from __future__ import annotations

from .verbs import register_noun

# One module per verb, each with register(verbs, common).
VERB_MODULES: list[str] = [
    "desktop.cli.publish_package",
    "desktop.cli.publish_verify",
    "desktop.cli.flyer_cmd",
    "desktop.cli.brochure_cmd",
    "desktop.cli.calendar_cmd",
]


def register(sub, common) -> None:
    if VERB_MODULES:
        register_noun(sub, common, "publish", "publish the app package, flyers and brochures", VERB_MODULES)
