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
