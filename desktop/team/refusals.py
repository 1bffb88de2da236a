"""The team database's refusals as messages in German and English that say who may."""

from __future__ import annotations

from ..errors import RightsError


def rights_error(exc: Exception) -> RightsError | None:
    """The team database's refusal (SQLSTATE 42501) as a message that says who may; None for
    any other error. Lotse's own guards raise 'LOTSE|German|English'."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != "42501":
        return None
    diag = getattr(orig, "diag", None)
    primary = (getattr(diag, "message_primary", None) or str(orig)).strip()
    if primary.startswith("LOTSE|") and primary.count("|") >= 2:
        _tag, de, en = primary.split("|", 2)
        return RightsError(de, en)
    if "lotse_audit" in primary:
        return RightsError(
            "Das Protokoll kann niemand ändern oder löschen; lesen dürfen es Administratoren.",
            "Nobody may change or delete the audit log; administrators may read it.",
        )
    return RightsError(
        f"Dafür fehlt Ihnen das Recht ({primary}). Rechte vergibt ein Administrator (lotse users).",
        f"You do not have the right to do this ({primary}). An administrator grants rights (lotse users).",
    )
