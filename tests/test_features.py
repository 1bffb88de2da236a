"""Features plug in through the Feature protocol and keep their dialogs themselves."""

from __future__ import annotations

import inspect

from tests.editor.helpers import open_window


def test_every_feature_has_a_name_and_installs_on_a_host_with_its_dialogs():
    from ui.features import feature_modules

    features = feature_modules()
    assert len({f.NAME for f in features}) == len(features) == 6
    for feature in features:
        assert list(inspect.signature(feature.install).parameters) == ["window", "dialogs"]


def test_a_feature_keeps_the_dialog_it_opens_and_the_window_gets_no_attribute(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    before = set(vars(window))
    queue = next(a for a in window.menu("review").actions() if "Ctrl+Shift+R" in a.shortcut().toString())
    queue.trigger()
    dialog = window.features.dialog("review", "queue")
    qtbot.addWidget(dialog)
    assert dialog is not None and dialog.isVisible()
    assert set(vars(window)) == before  # nothing written onto the window
    assert dialog.operations is window.operations  # passed down, like the context
