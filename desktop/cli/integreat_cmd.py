"""``lotse integreat VERB``: deliveries for a hosted Integreat CMS, through its own write paths."""

from __future__ import annotations

from .verbs import register_noun

# One module per verb, each with register(verbs, common).
VERB_MODULES: list[str] = [
    "desktop.cli.integreat_places",
    "desktop.cli.integreat_xliff",
    "desktop.cli.integreat_push",
    "desktop.cli.integreat_sync",
    "desktop.cli.integreat_link",
]


def register(sub, common) -> None:
    register_noun(sub, common, "integreat", "deliveries for a hosted Integreat CMS", VERB_MODULES)
