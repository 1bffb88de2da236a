"""XLIFF for the CMS (desktop/integreat/cms_xliff.py) goes through the CMS's own page XLIFF
import: the preview its upload form shows and the confirm that saves; the new translation
versions are then read from the CMS's API."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from desktop.integreat.cms_xliff import CmsPageText, xliff_document, xliff_zip

pytestmark = pytest.mark.integreat_cms

IMPORTER = "tests/support/integreat_cms_xliff_import.py"


def feed(cms, data: bytes, name: str, lang: str) -> dict:
    target = cms.folder / name
    target.write_bytes(data)
    out = cms.run(
        "-P", str(shutil.os.path.abspath(IMPORTER)), str(target), cms.region, lang, cms.seed["user"]
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def page_text(cms, key, source, target, title, content) -> CmsPageText:
    tags = {lang["code"]: lang["bcp47_tag"] for lang in cms.get_json(f"/api/v3/{cms.region}/languages/")}
    source_page = next(
        p for p in cms.api(source, "pages/") if p["id"] == cms.seed["pages"][key]["translations"][source]
    )
    return CmsPageText(
        page_id=cms.seed["pages"][key]["id"],
        source_code=source,
        target_code=target,
        source_tag=tags[source],
        target_tag=tags[target],
        source_title=source_page["title"],
        source_content=source_page["content"],
        target_title=title,
        target_content=content,
        slug=source_page["path"].rstrip("/").rsplit("/", 1)[1],
    )


def test_new_and_changed_translations_through_the_cms_import(clean_cms):
    cms = clean_cms
    new = page_text(cms, "aufenthaltstitel", "en", "fa", "اجازه اقامت", "<p>اجازه اقامت: 0241 123456</p>")
    changed = page_text(cms, "willkommen", "de", "ar", "أهلا وسهلا", "<p>نص جديد <b>مهم</b> ]]> نهاية</p>")
    before_ar = {p["path"]: p for p in cms.api("ar", "pages/")}
    result = feed(cms, xliff_zip(cms.region, [new]), "fa.zip", "fa")
    assert result["invalid_files"] == [] and result["success"] is True, result
    assert [(p["page"], p["language"], p["errors"]) for p in result["preview"]] == [
        (cms.seed["pages"]["aufenthaltstitel"]["id"], "fa", [])
    ]
    result = feed(cms, xliff_document(changed), "willkommen_ar.xliff", "ar")
    assert result["success"] is True and result["preview"][0]["errors"] == [], result
    fa = {p["title"]: p for p in cms.api("fa", "pages/")}
    assert fa["اجازه اقامت"]["parent"]["id"] == cms.seed["pages"]["auslaenderbehoerde"]["id"]
    assert "0241 123456" in fa["اجازه اقامت"]["content"]
    ar = {p["path"]: p for p in cms.api("ar", "pages/")}
    root = "/testumgebung/ar/مرحبا/"
    assert ar[root]["title"] == "أهلا وسهلا"
    # markup kept; the "]]>" that had to be split across two CDATA sections arrives whole (as HTML text)
    assert "<b>مهم</b>" in ar[root]["content"] and "]]&gt; نهاية" in ar[root]["content"]
    assert ar[root]["id"] != before_ar[root]["id"]  # a new version, as the CMS makes for every import


def test_a_page_without_a_known_id_is_found_by_its_path(clean_cms):
    """The public API shows a leaf page's own id nowhere: the file names its CMS path instead."""
    cms = clean_cms
    text = page_text(cms, "jobcenter", "de", "fa", "جاب سنتر", "<p>مرکز کار</p>")
    text = replace(text, page_id=None, page_path="/testumgebung/de/behörden/jobcenter/")
    assert b"<external-file href=" in xliff_document(text)
    result = feed(cms, xliff_zip(cms.region, [text]), "leaf.zip", "fa")
    assert result["success"] is True and [p["page"] for p in result["preview"]] == [
        cms.seed["pages"]["jobcenter"]["id"]
    ]
    # fa shows it only under a parent that has fa: the page exists in fa now, under its own path
    assert (
        cms.get_json(f"/api/v3/{cms.region}/fa/page/?id={cms.seed['pages']['jobcenter']['id']}")["title"]
        == "جاب سنتر"
    )


def test_a_unit_the_cms_does_not_know_fails_the_file(clean_cms):
    """Why the CMS delivery has only title and content: Lotse's own XLIFF adds a summary unit."""
    cms = clean_cms
    text = page_text(cms, "willkommen", "de", "en", "Welcome!", "<p>Hello</p>")
    broken = xliff_document(text).replace(
        b"</body>",
        b'<trans-unit id="summary" resname="summary"><source>a</source><target>b</target></trans-unit></body>',
    )
    result = feed(cms, broken, "broken.xliff", "en")
    assert result["preview"] == [] and any("unexpected error" in m for m in result["preview_messages"]), (
        result
    )
    assert {p["title"] for p in cms.api("en", "pages/")} >= {"Welcome"}
