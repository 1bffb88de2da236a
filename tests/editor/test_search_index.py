"""The search index against the simplest search there is: every query word a substring of
the offer's folded text. Generated texts mix scripts, marks, compatibility characters and
kinds of whitespace; offers are saved again and dropped in between."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.offer_search import SearchIndex, fold, query_words

# Latin with accents and casefold specials (ß, İ), Greek final sigma, Cyrillic, Arabic with
# vowel marks, Ethiopic, digits and punctuation, compatibility characters (the ligature ﬁ,
# ½, and ¨ which decomposes to a space and a mark).
LETTERS = "aAäÄbßeéÉiİnoösStTxyz" + "αάΣςω" + "абвгдЖЁё" + "مسعدةاُسَ" + "ምኽሪስ" + "0129-./&" + "ﬁ½¨"
SPACES = " \n\t\xa0\u3000"

texts = st.text(alphabet=LETTERS + SPACES, max_size=40)
queries = st.text(alphabet=LETTERS + " ", max_size=6)


def reference(texts: dict[int, str], query: str) -> set[int]:
    words = query_words(query)
    return {offer_id for offer_id, text in texts.items() if all(word in fold(text) for word in words)}


class SmallIndex(SearchIndex):
    """Thresholds small enough that a few offers already use bitmaps and get renumbered."""

    DENSE_FROM = 2
    RETIRED_SLACK = 2


def pieces_of(texts: dict[int, str], data) -> list[str]:
    """Queries that hit: pieces of the texts themselves, one or two words."""
    if not texts:
        return []
    found = []
    for _ in range(4):
        text = data.draw(st.sampled_from(sorted(texts.values())))
        start = data.draw(st.integers(0, len(text)))
        found.append(text[start : start + data.draw(st.integers(1, 12))])
    return found


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(1, 30), texts, max_size=10), st.lists(queries, max_size=5), st.data())
def test_built_index_answers_as_the_substring_search(offers, asked, data):
    for index in (SearchIndex(offers), SmallIndex(offers)):
        assert len(index) == len(offers)
        for query in asked + pieces_of(offers, data):
            assert index.matching(query) == reference(offers, query), query
            some = sorted(offers)[::2]
            assert index.matching(query, some) == reference(offers, query) & set(some)
            words = query_words(query)
            if words:
                assert {i for i in offers if index.matches(i, words)} == reference(offers, query)


operations = st.lists(st.tuples(st.integers(1, 8), st.one_of(st.none(), texts)), max_size=25)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(1, 8), texts, max_size=6),
    operations,
    st.lists(queries, min_size=1, max_size=4),
    st.data(),
)
def test_saving_and_dropping_offers_keeps_the_answers_exact(offers, changes, asked, data):
    """set() after a save and drop() after a delete, with queries in between (answers are kept)."""
    index, current = SmallIndex(offers), dict(offers)
    for offer_id, text in changes:
        for query in asked:
            assert index.matching(query) == reference(current, query), query
        if text is None:
            index.drop(offer_id)
            current.pop(offer_id, None)
        else:
            index.set(offer_id, text)
            current[offer_id] = text
    assert len(index) == len(current)
    for query in asked + pieces_of(current, data):
        assert index.matching(query) == reference(current, query), query
    # An index filled one offer at a time answers like one built at once.
    one_by_one = SearchIndex()
    for offer_id, text in current.items():
        one_by_one.set(offer_id, text)
    for query in asked:
        assert one_by_one.matching(query) == reference(current, query), query


def test_a_word_of_one_or_two_letters_and_a_word_found_nowhere():
    index = SearchIndex({1: "Beratung in Aachen", 2: "Sprachkurs", 3: "مُسَاعَدَة 0241 12345"})
    assert index.matching("a") == {1, 2}
    assert index.matching("ch") == {1, 2}
    assert index.matching("مس") == {3}
    assert index.matching("24") == {3}
    assert index.matching("xyz") == set()
    assert index.matching("be xyz") == set()
    assert index.matching("  ") == {1, 2, 3}


# --- typing: the index narrows from the answers it gave lately --------------------------------
# An edit of the search field: type a character at the end, delete back, type at a position
# (a cursor moved into the text), paste a piece at a position, select everything and type anew.
edits = st.one_of(
    st.tuples(st.just("type"), st.text(alphabet=LETTERS + " ", min_size=1, max_size=1)),
    st.tuples(st.just("back"), st.integers(1, 3)),
    st.tuples(st.just("insert"), st.text(alphabet=LETTERS + " ", min_size=1, max_size=1), st.integers(0, 20)),
    st.tuples(st.just("paste"), st.text(alphabet=LETTERS + " ", min_size=2, max_size=8), st.integers(0, 20)),
    st.tuples(st.just("replace"), st.text(alphabet=LETTERS + " ", max_size=6)),
)


def edited(query: str, edit: tuple) -> str:
    kind = edit[0]
    if kind == "type":
        return query + edit[1]
    if kind == "back":
        return query[: max(0, len(query) - edit[1])]
    if kind in ("insert", "paste"):
        at = min(edit[2], len(query))
        return query[:at] + edit[1] + query[at:]
    return edit[1]


# Few letters: many tokens share pieces, so a wrong narrowing (from a longer word, or from
# answers that no longer hold) finds too little and shows.
few_letters = st.text(alphabet="abcäÄ ", max_size=30)


def typed_from(texts: dict[int, str], data) -> list[str]:
    """A piece of the texts typed letter by letter (what narrows most often), then pasted
    whole and deleted back letter by letter (shorter words after longer ones)."""
    if not texts:
        return []
    text = data.draw(st.sampled_from(sorted(texts.values())))
    start = data.draw(st.integers(0, len(text)))
    word = text[start : start + data.draw(st.integers(3, 10))]
    pasted = text[::-1][: data.draw(st.integers(3, 10))]
    return [word[:end] for end in range(1, len(word) + 1)] + [
        pasted[:end] for end in range(len(pasted), 0, -1)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.integers(1, 30), st.one_of(texts, few_letters), max_size=10),
    st.lists(edits, min_size=1, max_size=30),
    st.data(),
)
def test_typing_deleting_and_pasting_gives_the_substring_search_at_every_step(offers, steps, data):
    """One index asked after every edit of one search field: each answer is the plain
    substring search's, however the answer before it was narrowed from."""
    for index in (SearchIndex(offers), SmallIndex(offers)):
        order = sorted(offers, reverse=True)  # the list's order, not the slots'
        selection = index.selection(order)
        query = ""
        for query in typed_from(offers, data) + [edited(query, step) for step in steps]:
            expected = reference(offers, query)
            assert index.matching(query) == expected, query
            hits = index.hits(query)
            picked = selection.pick(selection.mask if hits is None else hits, order)
            assert picked == [offer_id for offer_id in order if offer_id in expected], query


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.integers(1, 8), st.one_of(texts, few_letters), max_size=6),
    st.lists(
        st.tuples(
            edits,
            st.one_of(st.none(), st.tuples(st.integers(1, 8), st.one_of(st.none(), texts, few_letters))),
        )
    ),
    st.data(),
)
def test_typing_while_offers_are_saved_and_dropped_keeps_the_answers_exact(offers, steps, data):
    """Saves in between keystrokes (a new token may contain the word typed so far; a
    renumbering moves every slot): the narrowed answers and the list's selection stay exact."""
    index, current = SmallIndex(offers), dict(offers)
    query = ""
    for typed in typed_from(offers, data):
        assert index.matching(typed) == reference(current, typed)
    for edit, change in steps:
        query = edited(query, edit)
        assert index.matching(query) == reference(current, query), query
        if change is not None:
            offer_id, text = change
            if text is None:
                index.drop(offer_id)
                current.pop(offer_id, None)
            else:
                if data.draw(st.booleans()):
                    text += query.upper() + text  # a new token that holds the word typed so far
                index.set(offer_id, text)
                current[offer_id] = text
            assert index.matching(query) == reference(current, query), query
        order = sorted(current)
        selection = index.selection(order)
        hits = index.hits(query)
        assert selection.pick(selection.mask if hits is None else hits, order) == [
            offer_id for offer_id in order if offer_id in reference(current, query)
        ]


def test_a_longer_word_is_looked_for_only_among_the_tokens_its_piece_had():
    """The narrowing itself (the reason a keystroke's cost follows the matches, not the region):
    after "bera", "berat" is not searched in the vocabulary at all."""
    index = SearchIndex({1: "Beratung in Aachen", 2: "Beratungsstelle Stolberg", 3: "Eheberatung"})
    assert index.matching("bera") == {1, 2, 3}
    index._vocabulary = ""  # a scan of the vocabulary would now find nothing
    assert index.matching("beratungs") == {2}
    assert index.matching("eberat") == {3}  # typed in front of a word asked: narrowed too
    assert index.matching("aachen") == set()  # asked for the first time: the (emptied) vocabulary


def test_slots_past_two_bytes_switch_the_build_to_four(monkeypatch):
    """The build keeps a token's slots in two bytes while they fit (65,536 offers): past that,
    every array is made wide and the index answers as before (the limit lowered to 5 here)."""
    import desktop.search_index as search_index

    monkeypatch.setattr(search_index, "_SHORT_SLOTS", 5)
    texts = {offer: f"Kurs Beratung{offer % 3} Straße {offer} Ärztin" for offer in range(1, 13)}
    index = SearchIndex(texts)
    for query in ("kurs", "beratung1", "strasse 1", "arztin 12", "11", "ku", "g2"):
        assert index.matching(query) == reference(texts, query), query
