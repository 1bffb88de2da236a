import pytest

from models.status import Status, statuses_for_offer, tree_order

TREE = {"de": None, "en": "de", "fa": "de", "prs": "fa"}


def entry(review="machine", made_from="fp-de", own="fp-x"):
    return (True, review, made_from, own)


def test_up_to_date_translations_keep_their_review_status():
    texts = {
        "de": (True, "source", None, "fp-de"),
        "en": entry("approved"),
        "fa": entry("checked", own="fp-fa"),
        "prs": entry("machine", made_from="fp-fa"),
    }
    assert statuses_for_offer(TREE, texts) == {
        "de": Status.SOURCE,
        "en": Status.APPROVED,
        "fa": Status.CHECKED,
        "prs": Status.MACHINE,
    }


def test_changed_source_outdates_and_children_inherit():
    texts = {
        "de": (True, "source", None, "fp-de-2"),
        "en": entry("approved"),
        "fa": entry("checked", own="fp-fa"),
        "prs": entry("approved", made_from="fp-fa"),
    }
    result = statuses_for_offer(TREE, texts)
    assert result["en"] is Status.OUTDATED and result["fa"] is Status.OUTDATED
    assert result["prs"] is Status.OUTDATED


def test_missing_texts_and_missing_source():
    texts = {"fa": entry("checked", own="fp-fa")}
    result = statuses_for_offer(TREE, texts)
    assert result["de"] is Status.MISSING and result["en"] is Status.MISSING
    assert result["fa"] is Status.OUTDATED  # its source text is gone


def test_tree_order_puts_sources_first_and_rejects_cycles_and_strangers():
    order = tree_order(TREE)
    assert order.index("fa") < order.index("prs") and order[0] == "de"
    with pytest.raises(ValueError, match="cycle"):
        tree_order({"de": None, "a": "b", "b": "a"})
    with pytest.raises(ValueError, match="not in the region"):
        tree_order({"de": None, "en": "xx"})
    with pytest.raises(ValueError, match="exactly one root"):
        tree_order({"de": None, "en": None})


def test_a_tree_ordered_again_gives_the_same_order_and_a_bad_tree_fails_every_time():
    tree = {"de": None, "en": "de", "uk": "en", "ar": "de"}
    first = tree_order(tree)
    first.append("zz")  # a caller's list is its own
    assert tree_order(tree) == tree_order(dict(reversed(tree.items()))) == ["de", "ar", "en", "uk"]
    for _ in range(2):
        with pytest.raises(ValueError, match="cycle"):
            tree_order({"de": None, "en": "uk", "uk": "en"})
