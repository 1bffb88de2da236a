"""API keys: from an environment variable or the system keyring, never from the
database, an export or a log. Without a keyring the program still works and says
how to provide a key."""

from __future__ import annotations

import os
from typing import Any

from models.i18n import N_, Message

SERVICE = "Lotse"


def env_var(provider: str) -> str:
    return f"LOTSE_{provider.upper()}_KEY"


def _keyring() -> Any:
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring

        backend = keyring.get_keyring()
        if isinstance(backend, FailKeyring) or type(backend).__name__ in ("FailKeyring", "NullKeyring"):
            return None
        if getattr(backend, "priority", 1) <= 0 and type(backend).__module__.startswith(
            "keyring.backends.chainer"
        ):
            return None
        return keyring
    except Exception:  # noqa: BLE001 - no usable keyring on this system
        return None


def system_keyring() -> Any:
    """The keyring module when this system has a usable keyring, else None."""
    return _keyring()


def keyring_available() -> bool:
    return _keyring() is not None


def get_key(provider: str) -> str | None:
    """The key from $LOTSE_<PROVIDER>_KEY, else from the keyring, else None."""
    value = os.environ.get(env_var(provider))
    if value:
        return value.strip()
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, provider) or None
    except Exception:  # noqa: BLE001 - a locked or broken keyring counts as "no key"
        return None


def set_key(provider: str, key: str | None) -> None:
    """Store (or with None/"" delete) a key in the keyring; raise LotseError if there is none."""
    from ..errors import LotseError

    ring = _keyring()
    if ring is None:
        raise LotseError(how_to_provide(provider))
    try:
        if key:
            ring.set_password(SERVICE, provider, key.strip())
        else:
            try:
                ring.delete_password(SERVICE, provider)
            except Exception:  # noqa: BLE001 - nothing stored
                pass
    except Exception as exc:  # noqa: BLE001
        raise LotseError(
            N_(
                "The keyring did not store the key ({error}). {how}",
                error=type(exc).__name__,
                how=how_to_provide(provider),
            ),
        ) from None


def how_to_provide(provider: str) -> Message:
    var = env_var(provider)
    return N_(
        "There is no keyring on this system. Set the environment variable {var} to "
        "the key before starting Lotse.",
        var=var,
    )
