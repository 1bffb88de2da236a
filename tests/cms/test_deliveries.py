"""Deliveries from the Lotse database into the CMS, for pages imported from it (they know their
CMS page ids): ``lotse integreat xliff`` fed to the CMS's own XLIFF import and confirm, and
``lotse integreat push`` through pushpage; the results read back from the CMS's API."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from sqlmodel import select

from desktop.cli import main
from desktop.db import open_database
from desktop.offers import get_offer, save_offer, save_translation
from models.tables import Offer, OfferText

pytestmark = pytest.mark.integreat_cms

IMPORTER = "tests/support/integreat_cms_xliff_import.py"


@pytest.fixture(scope="module")
def imported(integreat_cms, tmp_path_factory):
    """The CMS's region imported into a Lotse database once; tests work on copies."""
    path = tmp_path_factory.mktemp("imported") / "lotse.sqlite"
    assert (
        main(["import", "integreat", f"{integreat_cms.base_url}/{integreat_cms.region}/", "--db", str(path)])
        == 0
    )
    return path


@pytest.fixture
def lotse_db(imported, tmp_path):
    target = tmp_path / "lotse.sqlite"
    shutil.copyfile(imported, target)
    database = open_database(str(target))
    yield database
    database.dispose()


def lotse_page(db, slug: str) -> int:
    """The Lotse page imported from the CMS page with this German slug."""
    with db.session() as session:
        return session.exec(
            select(Offer.id)
            .join(OfferText)
            .where(Offer.kind == "page", OfferText.language_code == "de", OfferText.slug == slug)
        ).one()


def test_xliff_from_lotse_through_the_cms_import(clean_cms, lotse_db, tmp_path, capsys):
    cms = clean_cms
    page = lotse_page(lotse_db, "aufenthaltstitel")
    save_translation(
        lotse_db,
        page,
        "fa",
        {"title": "اجازه اقامت", "summary": "", "content": "<p>اجازه اقامت در آلمان</p>"},
        author="tester",
        review_status="approved",
    )
    out = tmp_path / "fa.zip"
    assert main(["integreat", "xliff", "--db", lotse_db.url, "--lang", "fa", "--out", str(out)]) == 0
    assert "4 Seiten in fa" in capsys.readouterr().out  # the three the CMS has, and the new one
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    new_id = cms.seed["pages"]["aufenthaltstitel"]["id"]
    assert any(f"_{new_id}_" in n and n.startswith("testumgebung_") and n.endswith(".xliff") for n in names)
    target = cms.folder / "fa.zip"
    shutil.copyfile(out, target)
    result = json.loads(
        cms.run("-P", str(shutil.os.path.abspath(IMPORTER)), str(target), cms.region, "fa", cms.seed["user"])
        .stdout.strip()
        .splitlines()[-1]
    )
    assert result["success"] is True and all(
        not p["errors"] or "No changes" in p["errors"][0] for p in result["preview"]
    ), result
    fa = {p["title"]: p for p in cms.api("fa", "pages/")}
    assert fa["اجازه اقامت"]["parent"]["id"] == cms.seed["pages"]["auslaenderbehoerde"]["id"]
    assert "اجازه اقامت در آلمان" in fa["اجازه اقامت"]["content"]


def set_token(cms, key: str, token: str) -> None:
    cms.run(
        "-c",
        "import django; django.setup();from integreat_cms.cms.models import Page;"
        f"Page.objects.filter(id={cms.seed['pages'][key]['id']}).update(api_token={token!r})",
    )


def test_push_from_lotse(clean_cms, lotse_db, monkeypatch, capsys):
    """Only pages whose content changed since the CMS last had it go out (the import's state,
    then the last push); ``--all`` sends the unchanged ones too."""
    cms = clean_cms
    set_token(cms, "jobcenter", "tok-jobcenter-1234567890")
    set_token(cms, "standesamt", "tok-standesamt-1234567890")
    # leaves: the public API shows no page id for them, so their tokens are kept under their slugs
    monkeypatch.setenv("LOTSE_INTEGREAT_PUSH_TESTUMGEBUNG_JOBCENTER_KEY", "tok-jobcenter-1234567890")
    monkeypatch.setenv("LOTSE_INTEGREAT_PUSH_TESTUMGEBUNG_STANDESAMT_KEY", "tok-standesamt-1234567890")
    monkeypatch.setenv("LOTSE_LANG", "de")
    versions = {p["path"]: p["id"] for p in cms.api("de", "pages/")}
    page = lotse_page(lotse_db, "jobcenter")
    data = get_offer(lotse_db, page)
    save_offer(
        lotse_db,
        page,
        expected_version=data.version,
        author="tester",
        texts={"de": {"title": "Jobcenter", "summary": "", "content": "<p>Neu: Termine nur online.</p>"}},
        validate=False,
    )
    termine = lotse_page(lotse_db, "termine")
    save_offer(
        lotse_db,
        termine,
        expected_version=get_offer(lotse_db, termine).version,
        author="tester",
        texts={"de": {"title": "Termine", "summary": "", "content": "<p>Nur nach Vereinbarung.</p>"}},
        validate=False,
    )
    code = main(["integreat", "push", "--db", lotse_db.url, "--cms", cms.base_url, "--lang", "de"])
    report = capsys.readouterr().out
    assert code == 0, report
    assert report.startswith("1 Seiten in de")  # the changed page with a token
    assert "13 Seiten seit dem letzten Stand des CMS unverändert" in report  # Standesamt among them
    assert "Termine: kein API-Token gespeichert" in report  # changed, but no token
    pages = {p["path"]: p for p in cms.api("de", "pages/")}
    assert pages["/testumgebung/de/behörden/jobcenter/"]["content"] == "<p>Neu: Termine nur online.</p>"
    jobcenter, standesamt = "/testumgebung/de/behörden/jobcenter/", "/testumgebung/de/behörden/standesamt/"
    assert pages[jobcenter]["id"] != versions[jobcenter]  # a new version
    assert pages[standesamt]["id"] == versions[standesamt]  # not sent: unchanged

    # again: the CMS has both now, nothing is sent, and that is no failure
    assert main(["integreat", "push", "--db", lotse_db.url, "--cms", cms.base_url, "--lang", "de"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("0 Seiten in de") and "14 Seiten seit dem letzten Stand" in report, report
    assert {p["path"]: p["id"] for p in cms.api("de", "pages/")} == {p: v["id"] for p, v in pages.items()}

    # --all sends both
    argv = ["integreat", "push", "--db", lotse_db.url, "--cms", cms.base_url, "--lang", "de", "--all"]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("2 Seiten in de")  # the two with a token
    after = {p["path"]: p["id"] for p in cms.api("de", "pages/")}
    assert after[jobcenter] != pages[jobcenter]["id"] and after[standesamt] != pages[standesamt]["id"]
