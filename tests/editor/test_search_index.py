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
