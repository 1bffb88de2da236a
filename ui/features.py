"""Features (review, translation, publishing, exchange, flyers) plug into the main window.

A feature is anything with a ``NAME`` and ``install(host, dialogs)`` (the :class:`Feature`
protocol; the feature modules themselves satisfy it). ``host`` is what a feature may use of
the window (:class:`FeatureHost`: its menus, the context, the task runner, the operations
and the selected offers); ``dialogs`` is the feature's own place for the windows it opens,
so the main window does not grow an attribute per dialog. Adding a feature is one line in
:data:`FEATURES`. The feature modules import their dialogs only when one is opened, which
keeps the first paint fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QStatusBar

    from desktop.context import AppContext

    from .operations import Operations
    from .task_runner import TaskRunner


class FeatureHost(Protocol):
    """What a feature may use of the main window."""

    context: AppContext
    tasks: TaskRunner
    operations: Operations
    features: Features

    def menu(
        self, name: str
    ) -> QMenu: ...  # file, edit, offer, translate, review, publish, exchange, team, help

    def selected_offer_ids(self) -> list[int]: ...

    def selected_item_ids(self) -> list[int]: ...  # on the pages or events tab: the open one

    def reload(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)


class Dialogs:
    """The windows one feature keeps open, by name (Qt would lose a window nobody holds)."""

    def __init__(self) -> None:
        self._open: dict[str, QWidget] = {}

    def keep(self, name: str, dialog: QWidget) -> QWidget:
        self._open[name] = dialog
        return dialog

    def get(self, name: str) -> QWidget | None:
        return self._open.get(name)


class Feature(Protocol):
    NAME: str

    def install(self, host: FeatureHost, dialogs: Dialogs) -> None: ...


def feature_modules() -> list[Feature]:
    from . import exchange, flyers, publish_feature, review, team, translation

    # team last: it disables what the person may not do among the others' actions
    return [review, translation, publish_feature, exchange, flyers, team]


class Features:
    """The installed features of one window and the dialogs each keeps."""

    def __init__(self) -> None:
        self._dialogs: dict[str, Dialogs] = {}

    def install_all(self, host: FeatureHost, features: list[Feature] | None = None) -> None:
        for feature in features if features is not None else feature_modules():
            dialogs = self._dialogs.setdefault(feature.NAME, Dialogs())
            feature.install(host, dialogs)

    def dialogs(self, feature: str) -> Dialogs:
        return self._dialogs.setdefault(feature, Dialogs())

    def dialog(self, feature: str, name: str) -> QWidget | None:
        """The window a feature opened last under that name (tests and the window ask)."""
        return self.dialogs(feature).get(name)
