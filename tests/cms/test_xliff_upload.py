"""``lotse integreat xliff --upload``: the XLIFF zip delivered to the running CMS over HTTP the
way its upload form does it (login with CSRF, upload, the CMS's preview shown, confirm); the new
translation is read back from the CMS's API. A wrong password, and a "no" at the preview, import
nothing; the password is never printed."""

from __future__ import annotations

import builtins

import pytest
from sqlmodel import select

from desktop.cli import main
from desktop.db import open_database
from desktop.integreat.upload import UploadFailed, login, login_key
from desktop.offers import save_translation
from models.tables import Offer, OfferText

pytestmark = pytest.mark.integreat_cms


@pytest.fixture
def lotse_db(integreat_cms, tmp_path):
    path = tmp_path / "lotse.sqlite"
    assert (
        main(["import", "integreat", f"{integreat_cms.base_url}/{integreat_cms.region}/", "--db", str(path)])
        == 0
    )
    database = open_database(str(path))
    yield database
    database.dispose()


def new_fa_translation(db) -> None:
    with db.session() as session:
        page = session.exec(
            select(Offer.id)
            .join(OfferText)
            .where(
                Offer.kind == "page", OfferText.language_code == "de", OfferText.slug == "aufenthaltstitel"
            )
        ).one()
    save_translation(
        db,
        page,
        "fa",
        {"title": "اجازه اقامت", "summary": "", "content": "<p>اجازه اقامت در آلمان</p>"},
        author="tester",
        review_status="approved",
    )


def test_upload_preview_confirm(clean_cms, lotse_db, tmp_path, monkeypatch, capsys):
    cms = clean_cms
    new_fa_translation(lotse_db)
    monkeypatch.setenv("LOTSE_LANG", "en")
    password = cms.seed["password"]
    monkeypatch.setenv(f"LOTSE_{login_key(cms.base_url, cms.seed['user']).upper()}_KEY", password)
    argv = [
        "integreat", "xliff", "--db", lotse_db.url, "--lang", "fa", "--out", str(tmp_path / "fa.zip"),
        "--upload", cms.base_url, "--user", cms.seed["user"],
    ]  # fmt: skip
    before = {p["title"] for p in cms.api("fa", "pages/")}

    # "no" at the preview: nothing imported
    monkeypatch.setattr(builtins, "input", lambda prompt: "n")
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "The CMS's preview of 4 files:" in out and "Not imported" in out
    assert "Aufenthaltstitel (ID " in out  # the CMS's own words about the page
    assert {p["title"] for p in cms.api("fa", "pages/")} == before

    # yes: the new translation is in the CMS's API, as a child of its parent
    monkeypatch.setattr(builtins, "input", lambda prompt: "y")
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Imported into the CMS: 4 files." in out and password not in out
    fa = {p["title"]: p for p in cms.api("fa", "pages/")}
    assert fa["اجازه اقامت"]["parent"]["id"] == cms.seed["pages"]["auslaenderbehoerde"]["id"]
    assert "اجازه اقامت در آلمان" in fa["اجازه اقامت"]["content"]


def test_wrong_password_is_refused(integreat_cms, monkeypatch):
    monkeypatch.setenv("LOTSE_LANG", "en")
    with pytest.raises(UploadFailed) as caught:
        login(integreat_cms.base_url, integreat_cms.seed["user"], "not-the-password")
    assert "refuses the login" in str(caught.value) and "not-the-password" not in str(caught.value)
