"""The languages panel is readable at 1280×800 and 1600×900 in both interface languages: every
language's name and status shows in full on the offers, pages and events tabs (at 1280 the
offers tab squeezed it to about 100 pixels and cut both off)."""

from __future__ import annotations

import pytest

from .helpers import open_window


def _cut_off(tree) -> list[str]:
    """The columns whose contents do not fit, and a sideways scroll bar."""
    header = tree.header()
    problems = [
        f"column {column}: {header.sectionSize(column)} < {tree.sizeHintForColumn(column)}"
        for column in (0, 1)
        if header.sectionSize(column) < tree.sizeHintForColumn(column)
    ]
    if header.sectionSize(0) + header.sectionSize(1) > tree.viewport().width():
        problems.append("wider than the pane")
    return problems + (["scrolls sideways"] if tree.horizontalScrollBar().isVisible() else [])


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_language_name_and_status_shows_in_full(qtbot, demo_db, language):
    from ui.i18n import set_language

    set_language(language)
    window = open_window(qtbot, demo_db)
    window.open_offer(window.model.rows()[0].id)
    tabs = window.content_tabs
    for panel in (tabs.pages, tabs.events):
        tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda panel=panel: panel.loaded, timeout=20000)
    tabs.pages.open_page(tabs.pages.rows[0].id)
    for size in ((1280, 800), (1600, 900)):
        window.resize(*size)
        qtbot.waitUntil(lambda size=size: window.width() == size[0])
        for index, panel in enumerate((window.languages_panel, tabs.pages.languages, tabs.events.languages)):
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(panel.isVisible)
            assert _cut_off(panel.tree) == [], (size, index)
    tabs.setCurrentIndex(0)
    assert window.list_panel.table.width() > 350  # the list gave way, and still shows its titles
