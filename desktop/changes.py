"""What an operation changed, as a small typed record the window can announce.

Every mutating operation in ``desktop/`` notes what it changes on its session
(:func:`note`); the notes count once the transaction commits (a rolled-back write
changed nothing). Whoever runs an operation and wants to know collects the
committed records with :func:`recording`::

    with recording() as recorder:
        save_offer(db, 7, ...)
    recorder.changes  # Changes(items={("offer", 7)}, kinds={FACTS, TEXT, ...}, ...)

The recorder lives in a context variable, so an operation running in a worker thread
reports to the recorder opened in that thread, and nothing is kept when nobody records
(the command line).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """The kinds of change a view may care about."""

    FACTS = "facts"  # language-independent values (address, hours, state of publication)
    TEXT = "text"  # the wording in some language
    STATUS = "status"  # translation / review status of texts
    STRUCTURE = "structure"  # items created, deleted or duplicated
    SETTINGS = "settings"  # region, languages, categories, policy
    RIGHTS = "rights"  # people, their roles and scopes (team database)


@dataclass(frozen=True)
class Changes:
    """Which items (``("offer", 7)``), which languages and which kinds of change.

    ``origin`` is whoever started the operation (a widget); views skip the changes they
    started themselves."""

    items: frozenset[tuple[str, int]] = frozenset()
    languages: frozenset[str] = frozenset()
    kinds: frozenset[Kind] = frozenset()
    origin: Any = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        item_kind: str,
        ids: Iterable[int],
        kinds: Iterable[Kind],
        languages: Iterable[str] = (),
    ) -> Changes:
        return cls(
            items=frozenset((item_kind, int(i)) for i in ids),
            languages=frozenset(languages),
            kinds=frozenset(kinds),
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.items | other.items,
            self.languages | other.languages,
            self.kinds | other.kinds,
            self.origin if self.origin is not None else other.origin,
        )

    def __bool__(self) -> bool:
        return bool(self.items or self.kinds)

    def ids(self, item_kind: str = "offer") -> frozenset[int]:
        return frozenset(i for k, i in self.items if k == item_kind)

    def touches(self, item_kind: str, item_id: int) -> bool:
        return (item_kind, item_id) in self.items

    def has(self, *kinds: Kind) -> bool:
        return any(k in self.kinds for k in kinds)

    def started_by(self, origin: Any) -> Changes:
        return replace(self, origin=origin)


NOTHING = Changes()
_SESSION_KEY = "lotse.changes"


class _Pending:
    """What a transaction noted so far, gathered into sets as it comes: an import of 20,000 offers
    notes three records per offer, and kept one by one until the commit they cost 2 KB each."""

    __slots__ = ("items", "languages", "kinds", "origins")

    def __init__(self) -> None:
        self.items: set[tuple[str, int]] = set()
        self.languages: set[str] = set()
        self.kinds: set[Kind] = set()
        self.origins: list[Changes] = []  # records that carry an origin, kept as they are

    def add(self, changes: Changes) -> None:
        if changes.origin is not None:
            self.origins.append(changes)
            return
        self.items |= changes.items
        self.languages |= changes.languages
        self.kinds |= changes.kinds

    def records(self) -> list[Changes]:
        gathered = Changes(frozenset(self.items), frozenset(self.languages), frozenset(self.kinds))
        return ([gathered] if gathered or gathered.languages else []) + self.origins


def note(session: Any, changes: Changes) -> None:
    """Note on ``session`` (a SQLModel session) what the work in it changes."""
    pending: _Pending = session.info.setdefault(_SESSION_KEY, _Pending())
    pending.add(changes)


def note_settings(session: Any, region_id: int, languages: Iterable[str] = ()) -> None:
    """The region's settings, languages, categories or organizations changed."""
    note(session, Changes.of("region", [region_id], [Kind.SETTINGS], languages))


def take_noted(session: Any) -> list[Changes]:
    noted: _Pending | None = session.info.pop(_SESSION_KEY, None)
    return noted.records() if noted is not None else []


class Recorder:
    def __init__(self) -> None:
        self._parts: list[Changes] = []

    def add(self, changes: Changes) -> None:
        self._parts.append(changes)

    @property
    def changes(self) -> Changes:
        merged = NOTHING
        for part in self._parts:
            merged = merged | part
        return merged


_recorder: ContextVar[Recorder | None] = ContextVar("lotse_change_recorder", default=None)


def committed(parts: list[Changes]) -> None:
    """Called by :meth:`desktop.db.Database.transaction` after a commit."""
    recorder = _recorder.get()
    if recorder is not None:
        for part in parts:
            recorder.add(part)


@contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    token = _recorder.set(recorder)
    try:
        yield recorder
    finally:
        _recorder.reset(token)
