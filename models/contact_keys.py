"""Contacts' stable keys and the areas of responsibility stored by them.

An offer's contacts are a list of dicts (``Offer.contacts``); each carries a short random
``key``, given when the contact is made and kept through every edit, move and save (a copy of
an offer gets new ones). A text's ``contact_areas`` maps those keys to the contact's area in
that language, so deleting or moving a contact keeps every language's area with its contact.

Lists of areas (in the contacts' order) are what texts held before the keys: they are read
by position against the contacts (what they meant when written), here and nowhere else."""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

KEY = "key"
_FIRST = string.ascii_lowercase
_REST = string.ascii_lowercase + string.digits
KEY_LENGTH = 8


def new_key() -> str:
    """A short random key; it starts with a letter, so it never reads as a position."""
    return secrets.choice(_FIRST) + "".join(secrets.choice(_REST) for _ in range(KEY_LENGTH - 1))


def is_key(value: object) -> bool:
    return (
        isinstance(value, str)
        and 1 <= len(value) <= 40
        and value[0] in _FIRST
        and all(ch in _REST or ch in "-_" for ch in value)
    )


def with_keys(contacts: Iterable[Mapping[str, Any] | None] | None) -> list[dict[str, Any]]:
    """The contacts, each with a key: kept where it has a valid one not used before in the list,
    a new one otherwise (a pasted twin gets its own)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for contact in contacts or ():
        item = dict(contact or {})
        given = item.get(KEY)
        key = given if isinstance(given, str) and is_key(given) else ""
        while not key or key in seen:
            key = new_key()
        item[KEY] = key
        seen.add(key)
        out.append(item)
    return out


def contact_keys(contacts: Iterable[Mapping[str, Any] | None] | None) -> list[str]:
    """Each contact's key in order ("" for one without a key)."""
    return [str((c or {}).get(KEY) or "") for c in contacts or ()]


def without_keys(contacts: Iterable[Mapping[str, Any] | None] | None) -> list[dict[str, Any]]:
    """The contacts for a copy: their keys dropped, so :func:`with_keys` gives new ones."""
    return [{k: v for k, v in (c or {}).items() if k != KEY} for c in contacts or ()]


AreasValue = Mapping[str, str | None] | Sequence[str | None] | None


def areas_by_key(value: AreasValue, contacts: Iterable[Mapping[str, Any] | None] | None) -> dict[str, str]:
    """A text's areas keyed by contact: a mapping as it is, a list (the old form, in the
    contacts' order) matched by position; areas of no contact in ``contacts`` are kept only
    from a mapping (a contact deleted and brought back by undo finds its words again)."""
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    keys = contact_keys(contacts)
    return {key: "" if area is None else str(area) for key, area in zip(keys, value, strict=False) if key}


def areas_in_order(value: AreasValue, contacts: Iterable[Mapping[str, Any] | None] | None) -> list[str]:
    """The areas in the contacts' order ("" where a contact has none in this text)."""
    contacts = list(contacts or ())
    areas = areas_by_key(value, contacts)
    return [areas.get(key, "") if key else "" for key in contact_keys(contacts)]


def rekeyed(value: AreasValue, old_to_new: Mapping[str, str]) -> dict[str, str]:
    """A text's areas under the keys a copy's contacts got."""
    if not isinstance(value, Mapping):
        return {}
    return {old_to_new[k]: str(v or "") for k, v in value.items() if k in old_to_new}


def stored_areas(value: object) -> dict[str, str]:
    """A stored ``contact_areas`` value as a dict (a column's empty default ``[]`` is none)."""
    if isinstance(value, Mapping):
        return {str(k): str(v or "") for k, v in value.items()}
    return {}


def _identity(contact: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(contact.get(k) or "").strip().casefold() for k in ("name", "email", "phone"))


def adopt_keys(
    contacts: Iterable[Mapping[str, Any] | None] | None, current: Iterable[Mapping[str, Any] | None] | None
) -> list[dict[str, Any]]:
    """Contacts from outside (a provider's list, a reply, the CMS) that carry no keys take the
    key of the stored contact they are: the same name, e-mail and phone, else the same name or
    the same e-mail; the others get new keys. Then every translation's area stays with its
    contact when a list comes back reordered or shortened."""
    given = [dict(c or {}) for c in contacts or ()]
    stored = [dict(c) for c in current or () if c and is_key(c.get(KEY))]
    taken = {c[KEY] for c in given if is_key(c.get(KEY))}
    matchers = (
        _identity,
        lambda c: (str(c.get("name") or "").strip().casefold(),),
        lambda c: (str(c.get("email") or "").strip().casefold(),),
    )
    for match in matchers:
        for contact in given:
            if is_key(contact.get(KEY)) or not any(match(contact)):
                continue
            for old in stored:
                if old[KEY] not in taken and match(old) == match(contact):
                    contact[KEY] = old[KEY]
                    taken.add(old[KEY])
                    break
    return with_keys(given)
