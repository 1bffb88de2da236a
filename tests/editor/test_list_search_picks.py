"""The offer list's search as the user types: the rows the model shows are the offers the plain
substring search finds, in the list's sort order, under the other filters; typing on within one
set of hits neither resets the model nor builds a new list."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.offer_search import OfferFilter, SearchIndex, fold, query_words
from desktop.offers import OfferRow

WORDS = ["Beratung", "Aachen", "Eheberatung", "Kinder", "Stolberg", "Sprachkurs", "Frauen", "12", "Café"]


def _row(offer_id: int, title: str, state: str) -> OfferRow:
    return OfferRow(
        id=offer_id,
        slug=f"o{offer_id}",
        title=title,
        category="",
        category_id=None,
        municipality="",
        municipality_id=None,
        organization="",
        organization_id=None,
        state=state,
        town="",
        street="",
        updated_at=datetime(2026, 12, 1, tzinfo=UTC),
        version=1,
    )


def _model(qapp, texts: dict[int, str], states: dict[int, str]):
    from ui.offer_table_model import OfferTableModel

    model = OfferTableModel(["de"], "de")
    model.set_rows([_row(i, texts[i][:20], states[i]) for i in texts])
    model.set_search_index(SearchIndex(texts))
    return model


def _expected(model, texts: dict[int, str], query: str) -> list[int]:
    words = query_words(query)
    plain = OfferFilter(state=model.current_filter.state)
    return [
        row.id
        for row in model.rows()
        if plain.accepts(row, None) and all(word in fold(texts[row.id]) for word in words)
    ]


texts_of = st.dictionaries(
    st.integers(1, 40),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(
    texts_of,
    st.data(),
    st.lists(st.text(alphabet="abcdefhiklnrstuäé12 ", max_size=3), min_size=1, max_size=12),
)
def test_the_shown_rows_are_the_substring_search_in_the_list_order(qapp, texts, data, typing):
    from PySide6.QtCore import Qt

    states = {i: data.draw(st.sampled_from(["draft", "published", "archived"])) for i in texts}
    model = _model(qapp, texts, states)
    model.set_filter(OfferFilter())  # as the list starts: the archive left out
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by title: the list's order is not the slots'
    query = ""
    for piece in typing:  # typed on, deleted back to a prefix, typed again
        query = query[: data.draw(st.integers(0, len(query)))] + piece
        model.set_search(query)
        if data.draw(st.booleans()):  # sorted again by a column meanwhile
            model.sort(data.draw(st.sampled_from([0, 1, 5])), Qt.SortOrder.AscendingOrder)
        shown = [model.row_at(r).id for r in range(model.rowCount())]
        assert shown == _expected(model, texts, query), query
    model.set_filter(OfferFilter(text=query, state=None))  # another filter: the archive too
    assert [model.row_at(r).id for r in range(model.rowCount())] == _expected(model, texts, query)


def test_typing_on_within_the_same_hits_does_not_reset_the_list(qapp):
    texts = {1: "Beratung in Aachen", 2: "Beratungsstelle Stolberg", 3: "Sprachkurs Aachen"}
    model = _model(qapp, texts, dict.fromkeys(texts, "published"))
    resets = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    for end in range(1, len("beratung") + 1):
        model.set_search("beratung"[:end])
    # "b" keeps all three (Stolberg), "be" and on find the two Beratung offers: one reset.
    assert resets == [2]
    rows = model._rows
    model.set_search("beratung ")  # a trailing space: the same words, the same list object
    assert model._rows is rows and resets == [2]
    model.set_search("beratung aachen")
    assert resets == [2, 1] and model.row_at(0).id == 1


def test_a_keystroke_that_changes_the_count_repaints_the_list_not_the_editor(qtbot, demo_db):
    """The count under the list changes with the hits; the window around it stays as it is (a
    label that asked for a new layout made the tabs above repaint the whole editor each time)."""
    from PySide6.QtCore import QEvent, QObject

    from .helpers import open_window

    window = open_window(qtbot, demo_db)
    panel = window.list_panel

    class Paints(QObject):
        def __init__(self):
            super().__init__()
            self.seen: list[str] = []

        def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.Paint:
                self.seen.append(obj.objectName() or type(obj).__name__)
            return False

    editor, table, count = Paints(), Paints(), Paints()
    window.editor.installEventFilter(editor)
    panel.table.viewport().installEventFilter(table)
    panel.count_label.installEventFilter(count)
    qtbot.wait(300)  # the window's own first paints are done
    editor.seen.clear()
    counts = []
    for text in ("b", "be", "ber", "bera", "berat", "beratung"):
        panel.search.setText(text)
        qtbot.wait(30)  # the repaint happens when the events are processed
        counts.append(panel.count_label.text())
    assert len(set(counts)) > 1  # the count did change
    assert counts[-1].startswith(f"{window.proxy.rowCount()} ")
    assert table.seen and count.seen  # the list and its count were painted anew
    assert editor.seen == []
