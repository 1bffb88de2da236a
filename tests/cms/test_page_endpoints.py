"""The page tree endpoints the Integreat web app calls (children/, parents/, page/), answered by
the real CMS: the rules tests/cms/page_answers.py writes down hold for every page and depth the
web app asks for, in every language. The same collector judges Lotse's answers against the CMS's."""

from __future__ import annotations

import pytest

from tests.cms import page_answers
from tests.support.integreat_cms_server import page_key

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


def _fetcher(base_url: str, region: str, lang: str):
    import json
    import urllib.error
    import urllib.request

    def fetch(query: str):
        try:
            with urllib.request.urlopen(f"{base_url}/api/v3/{region}/{lang}/{query}", timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, None

    return fetch


def test_lotse_serve_answers_like_the_cms_for_the_cms_tree(integreat_cms, cms_tree_answers, tmp_path):
    """Lotse's page-tree answers (export/integreat/page_tree.py behind ``lotse serve``) given the
    CMS's own pages/ of every language and the pages' own ids: every answer equals the CMS's."""
    import json

    from desktop.serve import serve_in_background

    region = integreat_cms.region
    ids = {key: page["id"] for key, page in integreat_cms.seed["pages"].items()}
    for lang, (_, _, pages) in cms_tree_answers.items():
        folder = tmp_path / "api" / "v3" / region / lang / "pages"
        folder.mkdir(parents=True)
        (folder / "index.json").write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        # path -> the page's own id (the CMS shows it only as its children's parent.id)
        page_ids = {p["path"]: ids[page_key(lang, p["path"])] for p in pages}
        (tmp_path / "lotse" / "page-ids").mkdir(parents=True, exist_ok=True)
        (tmp_path / "lotse" / "page-ids" / f"{lang}.json").write_text(json.dumps(page_ids), encoding="utf-8")
    server, _ = serve_in_background(tmp_path)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for lang, (cms_answers, _, _) in cms_tree_answers.items():
            answers, seen = page_answers.collect(_fetcher(base, region, lang), lang)
            assert answers.keys() == cms_answers.keys()
            different = [q for q in answers if answers[q] != cms_answers[q]]
            assert not different, f"{lang}: {len(different)} answers differ, first {different[0]}"
            assert page_answers.id_problems(seen) == []
    finally:
        server.shutdown()
        server.server_close()
