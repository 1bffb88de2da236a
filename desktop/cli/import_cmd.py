"""``lotse import VERB``: import offers from other formats."""

from __future__ import annotations

from .verbs import register_noun

# One module per verb, each with register(verbs, common).
VERB_MODULES: list[str] = [
    "desktop.cli.import_table_cmd",
    "desktop.cli.import_integreat",
    "desktop.cli.import_ics_cmd",
]


def register(sub, common) -> None:
    if VERB_MODULES:
        register_noun(sub, common, "import", "import offers from other formats", VERB_MODULES)
