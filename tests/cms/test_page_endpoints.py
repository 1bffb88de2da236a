"""The page tree endpoints the Integreat web app calls (children/, parents/, page/), answered by
the real CMS: the rules tests/cms/page_answers.py writes down hold for every page and depth the
web app asks for, in every language. The same collector judges Lotse's answers against the CMS's."""

from __future__ import annotations

import pytest

from tests.cms import page_answers

pytestmark = pytest.mark.integreat_cms


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa"])
def test_cms_answers_follow_the_written_rules(cms_tree_answers, lang):
    answers, seen, pages = cms_tree_answers[lang]
    assert len(answers) == 2 + 4 * len(pages)
    for query, answer in answers.items():
        assert answer == page_answers.expected(pages, query), query
    assert page_answers.id_problems(seen) == []


def test_the_rules_spelled_out_on_the_german_tree(cms_tree_answers):
    answers, _, _ = cms_tree_answers["de"]
    office = page_answers.quote("/testumgebung/de/behörden/ausländerbehörde/", safe="/")
    # parents/: from the root down to the parent, not the page itself.
    assert [a[0] for a in answers[f"parents/?url={office}termine/"]] == [
        "/testumgebung/de/behörden/",
        "/testumgebung/de/behörden/ausländerbehörde/",
    ]
    # children/?url=: the page itself first, then its children in their order.
    first = answers[f"children/?url={office}&depth=1"]
    assert [a[1] for a in first] == ["Ausländerbehörde", "Aufenthaltstitel", "Termine", "Einbürgerung"]
    assert [a[3] for a in first[1:]] == [0, 1, 2]
    # depth=2 adds the grandchild right after its parent.
    second = answers[f"children/?url={office}&depth=2"]
    assert [a[1] for a in second][1:3] == ["Aufenthaltstitel", "Niederlassungserlaubnis"]
    # Without url: every page down to that depth, roots in their order.
    assert [a[1] for a in answers["children/?depth=1"]] == [
        "Willkommen",
        "Behörden",
        "Gesundheit",
        "Sprache lernen",
    ]
