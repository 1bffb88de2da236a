"""Agency round trips against real databases: export, translate the file, preview, import."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlmodel import func, select

from desktop.cli import main
from desktop.errors import ConflictError
from desktop.exchange.xliff_export import export_xliff
from desktop.exchange.xliff_import import ImportRejected, apply_xliff_import, preview_xliff_import
from desktop.offers import create_offer, get_offer, list_offers, save_offer, save_translation
from models.revision_notes import render_note
from models.tables import TextRevision
from tests.exchange.agency import translate_path, translate_xliff
from tests.support.factory import GERMAN, make_region, offer_facts

SAMPLES = Path(__file__).parent / "samples"


def revisions(db) -> int:
    with db.transaction() as session:
        return session.exec(select(func.count()).select_from(TextRevision)).one()


@pytest.fixture
def offer(db):
    ids = make_region(db)
    created = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester")
    save_translation(
        db,
        created.id,
        "ar",
        {"title": "استشارة", "summary": "ملخص", "content": "<p>آلة</p>"},
        author="mt",
        review_status="machine",
        provider="libretranslate",
    )
    return created.id


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_agency_round_trip(db, offer, tmp_path, version):
    result = export_xliff(db, "ar", [offer], tmp_path, author="tester", version=version)
    assert result.path.name == f"testregion_de_ar_{offer}_1_migrationsberatung.xliff"
    assert result.marked == 1
    assert get_offer(db, offer).texts["ar"].status == "in_translation"
    text = result.path.read_text(encoding="utf-8")
    assert "strong" in text and "&lt;strong" not in text.replace("&lt;strong&gt;</data>", "")
    returned = translate_path(result.path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip()}]")

    preview = preview_xliff_import(db, returned)
    assert len(preview.changes) == 1
    change = preview.changes[0]
    assert change.accepted and not change.blocked and change.source_current
    assert change.new["title"] == "AR[Migrationsberatung]"
    assert (
        change.new["content"]
        == "<p>AR[Wir beraten Sie]<strong>AR[kostenlos]</strong>AR[. Telefon 0241 123456.]</p>"
    )
    assert any(span.op == "insert" and "AR[" in span.text for span in change.diff("content"))
    assert get_offer(db, offer).texts["ar"].title == "استشارة"  # nothing saved by the preview

    outcome = apply_xliff_import(db, preview, author="tester", agency="Sprachdienst Yilmaz")
    assert (outcome.saved, outcome.outdated) == (1, 0)
    ar = get_offer(db, offer).texts["ar"]
    assert (ar.status, ar.review_status, ar.reviewed_by) == ("approved", "approved", "Sprachdienst Yilmaz")
    assert ar.summary == "AR[Beratung für Erwachsene.]"
    with db.transaction() as session:
        last = session.exec(
            select(TextRevision).where(TextRevision.language_code == "ar").order_by(TextRevision.id.desc())
        ).first()
    assert render_note(last.note, "de") == "XLIFF-Import back.xliff (Sprachdienst Yilmaz)"
    again = preview_xliff_import(db, returned)  # the same file a second time changes nothing
    assert [c.unchanged for c in again.changes] == [True] and again.accepted == []


def test_source_changed_since_export_is_saved_as_outdated(sqlite_db, tmp_path):
    db = sqlite_db
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    path = export_xliff(db, "ar", [offer], tmp_path, author="tester").path
    returned = translate_path(path, tmp_path / "back.xliff")
    current = get_offer(db, offer)
    save_offer(
        db,
        offer,
        expected_version=current.version,
        author="tester",
        texts={"de": {**GERMAN, "summary": "Beratung für Erwachsene und Familien."}},
    )
    preview = preview_xliff_import(db, returned)
    change = preview.changes[0]
    assert not change.source_current and change.accepted
    assert [f.code for f in change.findings] == ["source_changed"]
    apply_xliff_import(db, preview, author="tester", agency="Agentur")
    assert get_offer(db, offer).texts["ar"].status == "outdated"


def test_broken_tags_block_that_text_only(sqlite_db, tmp_path):
    db = sqlite_db
    ids = make_region(db)
    first = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    second = create_offer(db, offer_facts(ids), {"de": {**GERMAN, "title": "Sprachkurs"}}, author="tester").id
    path = export_xliff(db, "ar", [first, second], tmp_path / "out.zip", author="tester").path

    def renumber_bold(unit_id, target):  # the tool gave the bold tag an id the source does not have
        if unit_id == "content":
            for g in target.iter("{urn:oasis:names:tc:xliff:document:1.2}g"):
                if g.get("ctype") == "x-html-strong":
                    g.set("id", "77")

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        broken = translate_xliff(archive.read(names[0]), edit=renumber_bold)
        fine = translate_xliff(archive.read(names[1]))
    with zipfile.ZipFile(tmp_path / "back.zip", "w") as archive:
        archive.writestr(names[0], broken)
        archive.writestr(names[1], fine)
    preview = preview_xliff_import(db, tmp_path / "back.zip")
    by_offer = {c.offer_id: c for c in preview.changes}
    assert by_offer[first].blocked and not by_offer[second].blocked
    assert any(f.code == "inline_tags" and "g#77" in f.en for f in by_offer[first].findings)
    result = apply_xliff_import(db, preview, author="tester", agency="Agentur")
    assert result.saved == 1
    assert get_offer(db, first).texts["ar"].status == "missing"
    assert get_offer(db, second).texts["ar"].status == "approved"


def test_import_is_all_or_nothing(sqlite_db, tmp_path):
    db = sqlite_db
    ids = make_region(db)
    first = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    second = create_offer(db, offer_facts(ids), {"de": {**GERMAN, "title": "Sprachkurs"}}, author="tester").id
    for offer_id in (first, second):
        save_translation(
            db,
            offer_id,
            "ar",
            {"title": "قديم", "content": "<p>قديم</p>"},
            author="mt",
            review_status="machine",
        )
    path = export_xliff(db, "ar", [first, second], tmp_path / "out.zip", author="tester").path
    preview = preview_xliff_import(db, translate_path(path, tmp_path / "back.zip"))
    assert len(preview.accepted) == 2
    # Someone edits the second text after the preview was made: the whole import stops.
    save_translation(
        db,
        second,
        "ar",
        {"title": "جديد", "content": "<p>جديد</p>"},
        author="colleague",
        review_status="checked",
    )
    before = revisions(db)
    with pytest.raises(ConflictError):
        apply_xliff_import(db, preview, author="tester", agency="Agentur")
    assert revisions(db) == before
    assert get_offer(db, first).texts["ar"].title == "قديم"


def _demo_offer_count_by_status(db, code):
    counts = {}
    for row in list_offers(db):
        counts[row.statuses[code]] = counts.get(row.statuses[code], 0) + 1
    return counts


@pytest.mark.parametrize("code,version", [("ar", "1.2"), ("ti", "2.0")])
def test_demo_round_trip_through_the_command_line(demo_db, tmp_path, capsys, code, version):
    url = str(demo_db.sqlite_path)
    assert (
        main(["xliff", "export", "--db", url, "--lang", code, "--version", version, "--out", str(tmp_path)])
        == 0
    )
    exported = next(tmp_path.glob("*.zip"))
    with zipfile.ZipFile(exported) as archive:
        assert len(archive.namelist()) >= 40
    back = translate_path(exported, tmp_path / "back.zip", say=lambda t: f"{code}: {t.strip()}")
    assert main(["xliff", "import", "--db", url, str(back)]) == 1  # no --yes, no terminal: nothing saved
    assert "approved" not in _demo_offer_count_by_status(demo_db, code) or code == "ar"
    before = _demo_offer_count_by_status(demo_db, code)
    assert (
        main(["xliff", "import", "--db", url, str(back), "--yes", "--agency", "Übersetzungsbüro Asmara"]) == 0
    )
    out = capsys.readouterr().out
    after = _demo_offer_count_by_status(demo_db, code)
    assert after.get("approved", 0) >= 40 and after.get("approved", 0) > before.get("approved", 0)
    assert "Übersetzungsbüro Asmara" in out


def test_integreat_samples_import_into_the_demo(demo_db):
    for name, code in (
        ("staedteregion-aachen_de_ar_34_1_diakonie-begegnungscafe-wuerselen.xliff", "ar"),
        ("staedteregion-aachen_de_ti_34_1_diakonie-begegnungscafe-wuerselen.xliff", "ti"),
    ):
        preview = preview_xliff_import(demo_db, SAMPLES / name)
        [change] = preview.changes
        assert change.offer_id == 34 and change.language_code == code and change.accepted, change.findings
        assert change.source_current
        apply_xliff_import(demo_db, preview, author="tester", agency="Integreat-Export")
    offer = get_offer(demo_db, 34)
    assert offer.texts["ar"].title == "مقهى اللقاء في قاعة الرعية في فورسيلن"
    assert offer.texts["ar"].content.count("<li>") == 4
    assert offer.texts["ti"].status == "approved"


def test_omegat_and_okapi_samples_import_into_the_demo(demo_db):
    for name in ("omegat_kleiderkammer_ti.xlf", "okapi_bpt_kleiderkammer_ar.xlf"):
        preview = preview_xliff_import(demo_db, SAMPLES / name)
        [change] = preview.changes
        assert change.accepted and change.source_current, [f.en for f in change.findings]
        apply_xliff_import(demo_db, preview, author="tester", agency="Agentur")
    offer = get_offer(demo_db, 39)
    assert offer.texts["ti"].content.startswith("<p><strong>እቲ ኣብ ባንሆፍሽትራሰ")
    assert offer.texts["ar"].content.startswith("<p><strong>مخزن الملابس")
    assert offer.texts["ti"].summary.startswith("ኣብ መኽዘን ክዳውንቲ")


def _edit_sample(tmp_path, name, old, new) -> Path:
    path = tmp_path / name
    path.write_text(
        (SAMPLES / "omegat_kleiderkammer_ti.xlf").read_text(encoding="utf-8").replace(old, new),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "old,new,words",
    [
        ('lotse:region="staedteregion-aachen"', 'lotse:region="kreis-dueren"', ("kreis-dueren", "Region")),
        ('target-language="ti"', 'target-language="sw"', ("sw", "nicht")),
        ('source-language="de"', 'source-language="en"', ("en", "übersetzt")),
    ],
    ids=["other-region", "language-not-served", "wrong-source-language"],
)
def test_files_for_another_region_or_language_are_rejected(demo_db, tmp_path, old, new, words):
    before = revisions(demo_db)
    with pytest.raises(ImportRejected) as caught:
        preview_xliff_import(demo_db, _edit_sample(tmp_path, "x.xlf", old, new))
    assert all(w in caught.value.de for w in words)
    assert "Nothing was saved" in caught.value.en
    assert revisions(demo_db) == before


def test_unknown_offer_and_unit_are_reported(demo_db, tmp_path):
    path = _edit_sample(tmp_path, "x.xlf", 'original="39"', 'original="9999"')
    [change] = preview_xliff_import(demo_db, path).changes
    assert change.blocked and change.findings[0].code == "unknown_offer"
    path = _edit_sample(tmp_path, "y.xlf", 'id="summary" resname="summary"', 'id="teaser" resname="teaser"')
    [change] = preview_xliff_import(demo_db, path).changes
    assert change.blocked and any(f.code == "unknown_unit" and "teaser" in f.en for f in change.findings)


def test_hostile_zip_is_rejected_through_the_command_line(demo_db, tmp_path, capsys):
    path = tmp_path / "agency.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/evil.xliff", "<xliff/>")
    before = revisions(demo_db)
    assert main(["xliff", "import", "--db", str(demo_db.sqlite_path), str(path), "--yes"]) == 1
    assert "Zielordner" in capsys.readouterr().err
    assert revisions(demo_db) == before


def test_notes_carry_context_and_the_glossary_terms_of_each_unit(sqlite_db, tmp_path):
    from translate.storage import xliff as tt_xliff

    from desktop.translation.glossary import add_term

    db = sqlite_db
    ids = make_region(db)
    add_term(db, "Jobcenter")
    add_term(db, "Integrationskurs", target="ar", translation="دورة الاندماج")
    add_term(db, "Ausländerbehörde")
    text = {
        "title": "Hilfe beim Jobcenter",
        "summary": "Für alle.",
        "content": "<p>Wir helfen mit dem Jobcenter und beim Integrationskurs.</p>",
    }
    offer = create_offer(db, offer_facts(ids), {"de": text}, author="tester").id
    path = export_xliff(db, "ar", [offer], tmp_path, author="tester").path
    store = tt_xliff.xlifffile.parsestring(path.read_bytes())
    notes = {unit.getid().split("\x04")[1]: unit.getnotes() for unit in store.units}
    assert "Kategorie: Beratung" in notes["title"] and "Ort: Aachen" in notes["title"]
    assert "Glossar: Jobcenter (nicht übersetzen)" in notes["title"]
    assert "Glossar: Jobcenter (nicht übersetzen); Integrationskurs → دورة الاندماج" in notes["content"]
    assert "Glossar" not in notes["summary"] and "Ausländerbehörde" not in notes["content"]
    assert 'its:dir="rtl"' in path.read_text(encoding="utf-8")


def test_engine_findings_leave_a_text_unticked_until_the_user_accepts_it(sqlite_db, tmp_path):
    db = sqlite_db
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    path = export_xliff(db, "ar", [offer], tmp_path, author="tester").path
    back = translate_path(
        path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip().replace('123456', '123465')}]"
    )
    preview = preview_xliff_import(db, back)
    [change] = preview.changes
    errors = [f for f in change.findings if f.severity == "error"]
    assert errors and any("123456" in f.en for f in errors)
    assert not change.blocked and not change.accepted and preview.accepted == []
    change.accepted = True  # the user read the finding and accepts the text anyway
    assert apply_xliff_import(db, preview, author="tester", agency="Agentur").saved == 1


def test_dari_goes_out_from_farsi_and_integreat_language_tags_are_understood(demo_db, tmp_path):
    result = export_xliff(demo_db, "prs", [1, 3], tmp_path / "dari.xliff", author="tester")
    assert result.offers == [3] and result.skipped[0][0] == 1  # offer 1 has no Farsi text to translate from
    text = result.path.read_text(encoding="utf-8")
    assert 'source-language="fa"' in text and 'target-language="fa-AF"' in text and 'its:dir="rtl"' in text
    # A file tagged the way Integreat tags Farsi and Arabic (fa-IR, ar-MA) finds fa and ar, not Dari.
    sample = (SAMPLES / "staedteregion-aachen_de_ar_34_1_diakonie-begegnungscafe-wuerselen.xliff").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "staedteregion-aachen_de_fa_34_1_x.xliff"
    path.write_text(sample.replace('target-language="ar-MA"', 'target-language="fa-IR"'), encoding="utf-8")
    [change] = preview_xliff_import(demo_db, path).changes
    assert change.language_code == "fa"


def test_a_file_translate_toolkit_wrote_imports_by_its_integreat_file_name(demo_db, tmp_path):
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File(sourcelanguage="de", targetlanguage="ti")
    unit = store.UnitClass("Begegnungscafé im Gemeindehaus Würselen")
    store.addunit(unit)
    unit.setid("title")
    unit.target = "ናይ ምርኽኻብ ካፈ ኣብ ቩርዘለን"
    path = tmp_path / "staedteregion-aachen_de_ti_34_1_diakonie-begegnungscafe-wuerselen.xlf"
    path.write_bytes(bytes(store))
    [change] = preview_xliff_import(demo_db, path).changes
    assert (change.offer_id, change.language_code, change.accepted) == (34, "ti", True)
    assert change.new["title"] == "ናይ ምርኽኻብ ካፈ ኣብ ቩርዘለን" and change.new["content"] == ""


def test_trados_sdlxliff_with_tag_definitions_imports_into_the_demo(demo_db):
    preview = preview_xliff_import(demo_db, SAMPLES / "trados_kleiderkammer_ar.sdlxliff")
    [change] = preview.changes
    assert change.accepted and change.source_current, [f.en for f in change.findings]
    assert change.new["content"].startswith("<p><strong>مخزن الملابس في شارع بانهوف مغلق.</strong> يمكنكم")
    assert change.new["content"].count("<li>") == 3
    assert change.new["summary"] == ""  # Trados got no summary unit: the summary stays as it was (none)


def test_memoq_file_with_native_codes_and_an_untouched_unit(demo_db):
    before = get_offer(demo_db, 34).texts["uk"]
    preview = preview_xliff_import(demo_db, SAMPLES / "memoq_begegnungscafe_uk.mqxliff")
    [change] = preview.changes
    assert change.accepted and change.source_current, [f.en for f in change.findings]
    assert change.new["title"] == "Кафе зустрічей у парафіяльному будинку Вюрзелена"
    assert change.new["summary"] == before.summary  # "NotStarted" in memoQ: the summary stays as it was
    assert change.new["content"].startswith("<p>Кафе зустрічей") and change.new["content"].count("<li>") == 4
    apply_xliff_import(demo_db, preview, author="tester", agency="memoQ-Agentur")
    assert get_offer(demo_db, 34).texts["uk"].reviewed_by == "memoQ-Agentur"


def test_command_line_saves_held_texts_only_when_asked(sqlite_db, tmp_path, capsys):
    db = sqlite_db
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    path = export_xliff(db, "ar", [offer], tmp_path, author="tester").path
    back = translate_path(
        path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip().replace('123456', '123465')}]"
    )
    url = str(db.sqlite_path)
    assert main(["xliff", "import", "--db", url, str(back), "--yes"]) == 0
    assert "1 wegen Prüffehlern zurückgehalten" in capsys.readouterr().out
    assert get_offer(db, offer).texts["ar"].status == "missing"
    assert main(["xliff", "import", "--db", url, str(back), "--yes", "--include-held", "--agency", "A"]) == 0
    assert get_offer(db, offer).texts["ar"].status == "approved"
