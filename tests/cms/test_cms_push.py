"""pushpage (desktop/integreat/push.py) against the real CMS: the page's content becomes a new
version that the API shows, the title stays; a wrong token and a wrong region are clear errors
and change nothing; the token is found in the environment under its documented name."""

from __future__ import annotations

import pytest

from desktop.integreat.push import PushFailed, page_token, push_content, token_name

pytestmark = pytest.mark.integreat_cms

TOKEN = "lotse-test-token-0123456789"


def set_token(cms, key: str) -> int:
    page_id = cms.seed["pages"][key]["id"]
    cms.run(
        "-c",
        "import django; django.setup();"
        "from integreat_cms.cms.models import Page;"
        f"Page.objects.filter(id={page_id}).update(api_token={TOKEN!r})",
    )
    return page_id


def test_push_replaces_the_content_of_that_page_only(clean_cms, monkeypatch):
    cms = clean_cms
    page_id = set_token(cms, "jobcenter")
    path = "/testumgebung/de/behörden/jobcenter/"
    before = {p["path"]: p for p in cms.api("de", "pages/")}
    monkeypatch.setenv(f"LOTSE_INTEGREAT_PUSH_TESTUMGEBUNG_{page_id}_KEY", TOKEN)
    assert token_name("städte-region", 7) == "integreat_push_st_dte_region_7"
    assert token_name("r", "ärzte") == "integreat_push_r__rzte"
    token = page_token(cms.region, page_id)
    assert token == TOKEN
    push_content(cms.base_url, cms.region, "de", token, "<p>Neue Öffnungszeiten: Mo–Fr 8–12 Uhr.</p>")
    after = {p["path"]: p for p in cms.api("de", "pages/")}
    assert after[path]["content"] == "<p>Neue Öffnungszeiten: Mo–Fr 8–12 Uhr.</p>"
    assert after[path]["title"] == before[path]["title"] == "Jobcenter"
    assert after[path]["id"] != before[path]["id"]  # a new version
    assert {p: v for p, v in after.items() if p != path} == {p: v for p, v in before.items() if p != path}


def test_wrong_token_and_wrong_region(clean_cms, monkeypatch):
    cms = clean_cms
    set_token(cms, "jobcenter")
    before = cms.api("de", "pages/")
    monkeypatch.setenv("LOTSE_LANG", "en")
    with pytest.raises(PushFailed) as caught:
        push_content(cms.base_url, cms.region, "de", "not-the-token", "<p>x</p>")
    assert "refuses the token (403)" in caught.value.en
    with pytest.raises(PushFailed) as caught:
        push_content(cms.base_url, "keine-region", "de", TOKEN, "<p>x</p>")
    assert "404" in caught.value.en
    with pytest.raises(PushFailed, match="No API token"):
        push_content(cms.base_url, cms.region, "de", "", "<p>x</p>")
    assert cms.api("de", "pages/") == before
