"""``lotse export VERB``: export offers to other formats."""

from __future__ import annotations

from .verbs import register_noun

# One module per verb, each with register(verbs, common).
VERB_MODULES: list[str] = [
    "desktop.cli.export_table_cmd",
]


def register(sub, common) -> None:
    if VERB_MODULES:
        register_noun(sub, common, "export", "export offers to other formats", VERB_MODULES)
