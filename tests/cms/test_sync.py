"""A later import from the real CMS into the linked Lotse region (``lotse integreat sync``):
one page changed in the CMS (through its ORM: a new version, as its editor makes), one in
Lotse, two in both. The CMS's change is taken, Lotse's is kept, the two changed on both sides
wait for a decision (``--take cms`` / ``--take lotse``); nothing of Lotse's is overwritten."""

from __future__ import annotations

import shutil

import pytest
from sqlmodel import select

from desktop.cli import main
from desktop.db import open_database
from desktop.integreat.sync import waiting
from desktop.offers import get_offer, save_offer
from models.tables import Offer, OfferText, TextRevision

pytestmark = pytest.mark.integreat_cms


@pytest.fixture(scope="module")
def imported(integreat_cms, tmp_path_factory):
    path = tmp_path_factory.mktemp("sync") / "lotse.sqlite"
    url = f"{integreat_cms.base_url}/{integreat_cms.region}/"
    assert main(["import", "integreat", url, "--db", str(path)]) == 0
    return path


@pytest.fixture
def lotse_db(imported, tmp_path):
    target = tmp_path / "lotse.sqlite"
    shutil.copyfile(imported, target)
    database = open_database(str(target))
    yield database
    database.dispose()


def cms_edit(cms, key: str, content: str) -> None:
    """A new version of the page's German translation in the CMS, as its page form saves it."""
    cms.run(
        "-c",
        "import django; django.setup()\n"
        "from integreat_cms.cms.models import PageTranslation\n"
        f"t = PageTranslation.objects.filter(page_id={cms.seed['pages'][key]['id']}, language__slug='de')"
        ".order_by('-version').first()\n"
        f"t.pk = None; t.version += 1; t.content = {content!r}; t.save()\n",
    )


def cms_edit_place(cms, key: str, lang: str, content: str) -> None:
    """A new version of a place's translation in the CMS."""
    cms.run(
        "-c",
        "import django; django.setup()\n"
        "from integreat_cms.cms.models import PlaceTranslation\n"
        f"t = PlaceTranslation.objects.filter(place_id={cms.seed['places'][key]['id']},"
        f" language__slug={lang!r})"
        ".order_by('-version').first()\n"
        f"t.pk = None; t.version += 1; t.content = {content!r}; t.save()\n",
    )


def page(db, slug: str) -> int:
    with db.session() as session:
        return session.exec(
            select(Offer.id)
            .join(OfferText)
            .where(Offer.kind == "page", OfferText.language_code == "de", OfferText.slug == slug)
        ).one()


def lotse_edit(db, slug: str, content: str) -> int:
    oid = page(db, slug)
    data = get_offer(db, oid)
    save_offer(
        db,
        oid,
        expected_version=data.version,
        author="tester",
        texts={"de": {"title": data.texts["de"].title, "summary": "", "content": content}},
        validate=False,
    )
    return oid


def content(db, oid: int) -> str:
    return get_offer(db, oid).texts["de"].content


def test_three_way_sync(clean_cms, lotse_db, capsys, monkeypatch):
    cms, db = clean_cms, lotse_db
    monkeypatch.setenv("LOTSE_LANG", "en")
    url = f"{cms.base_url}/{cms.region}/"
    cms_edit(cms, "krankenversicherung", "<p>CMS: Die Karte kommt per Post.</p>")
    lotse_edit(db, "standesamt", "<p>Lotse: Termine nur online.</p>")
    for slug in ("termine", "einbürgerung"):
        key = {"termine": "termine", "einbürgerung": "einbuergerung"}[slug]
        cms_edit(cms, key, f"<p>CMS: {slug} neu.</p>")
        lotse_edit(db, slug, f"<p>Lotse: {slug} neu.</p>")
    cms_edit_place(cms, "migrationsberatung", "en", "<p>Counselling, also on Saturdays.</p>")
    before_cms = {p["path"]: p["content"] for p in cms.api("de", "pages/")}

    assert main(["integreat", "sync", url, "--db", db.url]) == 0
    report = capsys.readouterr().out
    kranken, standesamt = page(db, "krankenversicherung"), page(db, "standesamt")
    termine, einbuergerung = page(db, "termine"), page(db, "einbürgerung")
    with db.session() as session:
        place = session.exec(
            select(Offer.id).where(
                Offer.kind == "offer", Offer.cms_id == cms.seed["places"]["migrationsberatung"]["id"]
            )
        ).one()
    assert "Changed in the CMS, taken into Lotse: 2" in report
    assert f"[{kranken}] de: Krankenversicherung (content)" in report
    assert f"[{place}] en: Migration counselling (content)" in report
    assert get_offer(db, place).texts["en"].content == "<p>Counselling, also on Saturdays.</p>"
    assert "Changed in Lotse, kept: 1" in report and f"[{standesamt}] de: Standesamt (content)" in report
    assert "Changed on both sides, waiting for your decision" in report
    assert f"[{termine}] de: Termine (content)" in report and f"[{einbuergerung}] de: Einbürgerung" in report
    assert "In the CMS but not linked in Lotse" not in report

    # CMS-only: taken, as a revision by the CMS; Lotse-only: kept; both: Lotse's kept
    assert content(db, kranken) == "<p>CMS: Die Karte kommt per Post.</p>"
    with db.session() as session:
        authors = session.exec(
            select(TextRevision.author).where(
                TextRevision.offer_id == kranken, TextRevision.language_code == "de"
            )
        ).all()
    assert authors[-1] == "Integreat-CMS"
    assert content(db, standesamt) == "<p>Lotse: Termine nur online.</p>"
    assert content(db, termine) == "<p>Lotse: termine neu.</p>"
    assert content(db, einbuergerung) == "<p>Lotse: einbürgerung neu.</p>"
    assert {p["path"]: p["content"] for p in cms.api("de", "pages/")} == before_cms  # the CMS untouched
    assert [(e.offer_id, cms_title) for e, cms_title, _ in waiting(db)] == [
        (termine, "Termine"),
        (einbuergerung, "Einbürgerung"),
    ]

    # the same sync again: nothing new from the CMS, the rest as before
    assert main(["integreat", "sync", url, "--db", db.url]) == 0
    again = capsys.readouterr().out
    assert "Changed in the CMS, taken into Lotse: 0" in again and "Changed in Lotse, kept: 1" in again

    # the list, then the decisions
    assert main(["integreat", "sync", "--list", "--db", db.url]) == 0
    listed = capsys.readouterr().out
    assert "Changed on both sides: 2" in listed and "CMS: Termine: <p>CMS: termine neu.</p>" in listed
    assert main(["integreat", "sync", "--take", "cms", str(termine), "--db", db.url]) == 0
    assert main(["integreat", "sync", "--take", "lotse", str(einbuergerung), "--db", db.url]) == 0
    capsys.readouterr()
    assert content(db, termine) == "<p>CMS: termine neu.</p>"
    assert content(db, einbuergerung) == "<p>Lotse: einbürgerung neu.</p>"
    assert waiting(db) == []
    assert main(["integreat", "sync", "--take", "cms", str(termine), "--db", db.url]) == 1

    # after the decisions: Einbürgerung (Lotse's kept) is what a push would send, Termine is not
    assert main(["integreat", "sync", url, "--db", db.url]) == 0
    final = capsys.readouterr().out
    assert (
        "Changed on both sides, waiting for your decision (lotse integreat sync --take cms|lotse ID): 0"
        in final
    )
    assert f"[{einbuergerung}] de: Einbürgerung (content)" in final.split("Changed on both")[0]
    assert main(["integreat", "push", "--db", db.url, "--cms", cms.base_url, "--lang", "de"]) == 0
    pushed = capsys.readouterr().out
    assert "Einbürgerung: no API token stored" in pushed and "Standesamt: no API token" in pushed
    assert "Termine:" not in pushed and "Krankenversicherung:" not in pushed
