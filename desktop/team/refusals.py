"""The team database's refusals as catalogue messages that say who may.

The database (rights.sql, roles.sql) refuses with SQLSTATE 42501, the English sentence as the
message (what psql shows) and ``LOTSE|<English msgid>|<values as JSON>`` as the detail. The
msgids are listed here, so the catalogue tool collects them and resources/i18n/de.po holds
their German."""

from __future__ import annotations

import json

from models.i18n import N_, Message, Verbatim

from ..errors import RightsError

# Every text the database raises: keep in step with rights.sql and roles.sql (a test checks).
REFUSALS: tuple[Message, ...] = (
    N_("Only editors for {place} and administrators may change {kind} {offer}."),
    N_("Only editors for {place} and administrators may create offers, pages or events there."),
    N_("Only administrators may change {kind} {offer}: it is for the whole region."),
    N_("Only administrators may create items for the whole region (without a municipality or organization)."),
    N_("Only publishers and administrators may publish."),
    N_(
        "Only editors for {place}, reviewers for “{language}” and administrators may change the "
        "“{language}” text of item {offer}."
    ),
    N_(
        "Only reviewers for “{language}”, the agency import right for “{language}” and administrators "
        "may mark “{language}” texts checked or approved (or change approved ones)."
    ),
    N_("The author recorded is always the person logged in ({person}), not “{author}”."),
    N_("A draft belongs to the person who wrote it ({author})."),
    N_("Only editors for {place}, reviewers and administrators may keep a draft of item {offer}."),
    N_("Only editors for {place} and administrators may change the to-dos of item {offer}."),
    N_(
        "Only reviewers for “{language}” and administrators may change the translation memory for "
        "“{language}”; a machine translation is stored by whoever translates."
    ),
    N_("Only reviewers for “{language}” and administrators may change the glossary for “{language}”."),
    N_("Nobody may change or delete the audit log."),
    N_("Only administrators may change rights."),
)
KINDS = {"offer": N_("offer"), "page": N_("page"), "event": N_("event")}


def refusal_message(raised: str) -> Message | None:
    """``LOTSE|msgid|{json}`` as the message it names; None for anything else."""
    if not raised.startswith("LOTSE|") or raised.count("|") < 2:
        return None
    _tag, rest = raised.split("|", 1)
    msgid, _bar, values_text = rest.rpartition("|")
    try:
        values = json.loads(values_text)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    shown: dict[str, object] = {
        key: KINDS.get(str(value), Verbatim(str(value))) if key == "kind" else Verbatim(str(value))
        for key, value in values.items()
    }
    return N_(msgid, **shown)


def rights_error(exc: Exception) -> RightsError | None:
    """The team database's refusal (SQLSTATE 42501) as a message that says who may; None for
    any other error."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != "42501":
        return None
    diag = getattr(orig, "diag", None)
    primary = (getattr(diag, "message_primary", None) or str(orig)).strip()
    message = refusal_message((getattr(diag, "message_detail", None) or "").strip())
    if message is not None:
        return RightsError(message)
    if "lotse_audit" in primary:
        return RightsError(N_("Nobody may change or delete the audit log; administrators may read it."))
    return RightsError(
        N_(
            "You do not have the right to do this ({detail}). An administrator grants rights (lotse users).",
            detail=Verbatim(primary),
        )
    )
