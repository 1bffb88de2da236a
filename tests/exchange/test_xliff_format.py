"""The XLIFF format on its own: writing, reading, what other tools make of it, hostile input."""

from __future__ import annotations

import io
import zipfile

import pytest
from translate.storage import xliff as tt_xliff

from export.safe_input import InputRejected, parse_xml, read_zip_members
from export.xliff import XFile, XUnit, read_xliff, write_xliff

CONTENT = (
    "<p>Wir beraten Sie <strong>kostenlos</strong> &amp; vertraulich.<br>Telefon "
    '<a href="tel:+492411234">0241 1234</a></p><ul><li>Dienstag 9:00</li><li>Mittwoch 14:00</li></ul>'
)
ARABIC = (
    "<p>نقدم لكم الاستشارة <strong>مجانًا</strong> &amp; بسرية.<br>الهاتف "
    '<a href="tel:+492411234">0241 1234</a></p><ul><li>الثلاثاء 9:00</li><li>الأربعاء 14:00</li></ul>'
)


def offer_file(target=None):
    units = [
        XUnit(
            "title",
            "Beratung < 5 Personen",
            None if target is None else "استشارة < 5 أشخاص",
            notes=["Angebot 7: Beratung · Kategorie: Beratung", "Glossar: Jobcenter (nicht übersetzen)"],
        ),
        XUnit("summary", "Kurz & gut.", None if target is None else "قصير وجيد."),
        XUnit("content", CONTENT, target, rich=True, notes=["Angebot 7"]),
    ]
    return XFile("7", "de", "ar", units, source_dir="ltr", target_dir="rtl", region="testregion")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_round_trip_keeps_markup_text_and_languages(version):
    data = write_xliff([offer_file(ARABIC)], version, "1")
    doc = read_xliff(data, "x.xliff")
    assert doc.version == version
    xf = doc.files[0]
    assert (xf.original, xf.source_language, xf.target_language, xf.region) == ("7", "de", "ar", "testregion")
    assert xf.target_dir == "rtl"
    units = {u.id: u for u in xf.units}
    assert units["content"].source == CONTENT
    assert units["content"].target == ARABIC
    assert units["content"].problems == []
    assert units["title"].source == "Beratung &lt; 5 Personen"  # plain text comes back HTML-escaped
    assert "Glossar: Jobcenter (nicht übersetzen)" in units["title"].notes


def test_inline_html_is_written_as_elements_not_escaped_markup():
    data = write_xliff([offer_file()], "1.2").decode()
    assert "&lt;strong" not in data and "&lt;p" not in data
    assert '<g id="2" ctype="x-html-strong">kostenlos</g>' in data
    assert '<x id="3" ctype="lb"/>' in data
    assert 'ctype="link" html:href="tel:+492411234"' in data
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in data
    data20 = write_xliff([offer_file()], "2.0").decode()
    assert '<pc id="2" dataRefStart="d3" dataRefEnd="d4" type="fmt" subType="xlf:b">kostenlos</pc>' in data20
    assert '<data id="d3">&lt;strong&gt;</data>' in data20
    assert 'trgDir="rtl"' in data20 and 'srcLang="de"' in data20


def test_target_tags_pair_with_source_tags_by_kind_and_order():
    # The Arabic text has its list items in the same order: the ids must agree with the source.
    data = write_xliff([offer_file(ARABIC)], "1.2").decode()
    target = data.split("<target", 1)[1]
    assert '<g id="6" ctype="x-html-li">الثلاثاء 9:00</g>' in target


def test_missing_and_foreign_tags_are_reported_per_unit():
    data = write_xliff([offer_file(ARABIC)], "1.2").decode()
    head, target = data.rsplit("<target", 1)  # the content unit's target
    target = target.replace('<x id="3" ctype="lb"/>', "", 1)  # the translator deleted the line break
    target = target.replace('<g id="7" ctype="x-html-li">', '<g id="99">', 1)
    doc = read_xliff((head + "<target" + target).encode(), "broken.xlf")
    content = next(u for u in doc.files[0].units if u.id == "content")
    joined = " ".join(content.problems)
    assert "x#3" in joined and "g#99" in joined


def test_translate_toolkit_reads_our_xliff12_and_finds_the_same_units():
    data = write_xliff(
        [offer_file(ARABIC), XFile("8", "de", "ar", [XUnit("title", "Sprachcafé")], target_dir="rtl")], "1.2"
    )
    store = tt_xliff.xlifffile.parsestring(data)
    ours = [(xf.original, u.id) for xf in read_xliff(data).files for u in xf.units]
    theirs = [tuple(u.getid().split("\x04")) for u in store.units]
    assert theirs == ours
    title = store.units[0]
    assert title.source == "Beratung < 5 Personen" and title.target == "استشارة < 5 أشخاص"
    assert store.units[2].source.startswith("Wir beraten Sie kostenlos & vertraulich.")
    assert store.getsourcelanguage() == "de" and store.gettargetlanguage() == "ar"


def test_we_read_what_translate_toolkit_writes():
    store = tt_xliff.xlifffile(sourcelanguage="de", targetlanguage="ti")
    store.setfilename(store.getfilenode("NoName"), "12")
    for name, source, target in (("title", "Sprachcafé", "ቋንቋ ካፈ"), ("summary", "Jeden Freitag.", "ኩሉ ዓርቢ።")):
        unit = store.UnitClass(source)
        store.addunit(unit)
        unit.setid(name)
        unit.target = target
        unit.markfuzzy(False)
    doc = read_xliff(bytes(store), "tt.xlf")
    xf = doc.files[0]
    assert (xf.original, xf.source_language, xf.target_language) == ("12", "de", "ti")
    assert [(u.id, u.source, u.target) for u in xf.units] == [
        ("title", "Sprachcafé", "ቋንቋ ካፈ"),
        ("summary", "Jeden Freitag.", "ኩሉ ዓርቢ።"),
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="1" source-language="de"
target-language="ar"><body><trans-unit id="title"><source>&lol3;</source></trans-unit></body></file></xliff>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="1" source-language="de"
target-language="ar"><body><trans-unit id="title"><source>x</source><target>&secret;</target></trans-unit></body></file></xliff>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entity_tricks_are_refused(data):
    with pytest.raises(InputRejected) as caught:
        read_xliff(data, "evil.xliff")
    assert "DTD" in caught.value.de and "DTD" in caught.value.en


def test_wrong_encoding_is_refused_with_a_hint():
    latin1 = '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2"><file/></xliff><!-- Würselen -->'
    data = latin1.replace("<file/>", "<file original='1'>Würselen</file>").encode("latin-1")
    with pytest.raises(InputRejected) as caught:
        parse_xml(data, "latin1.xliff")
    assert "UTF-8" in caught.value.de


def test_other_documents_and_versions_are_refused():
    with pytest.raises(InputRejected, match="not an XLIFF"):
        read_xliff(b"<tmx version='1.4'/>", "memory.tmx")
    with pytest.raises(InputRejected, match="version"):
        read_xliff(b"<xliff xmlns='urn:example' version='3.0'/>", "future.xliff")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name", ["../escape.xliff", "/etc/cron.d/x.xliff", "a/../../b.xliff", "C:\\temp\\x.xliff"]
)
def test_zip_paths_that_leave_the_folder_are_refused(tmp_path, name):
    path = tmp_path / "agency.zip"
    path.write_bytes(_zip({"ok.xliff": b"<xliff/>", name: b"<xliff/>"}))
    with pytest.raises(InputRejected) as caught:
        read_zip_members(path, (".xliff",))
    assert "Zielordner" in caught.value.de and "target folder" in caught.value.en


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"big.xliff": b"\0" * (40 * 1024 * 1024)}))  # 40 MB of zeros: ~40 KB packed
    assert path.stat().st_size < 100_000
    with pytest.raises(InputRejected) as caught:
        read_zip_members(path, (".xliff",))
    assert "ZIP-Bombe" in caught.value.de


def test_samples_from_other_tools_read(samples):
    integreat = read_xliff(
        (samples / "staedteregion-aachen_de_ar_34_1_diakonie-begegnungscafe-wuerselen.xliff").read_bytes()
    )
    content = next(u for u in integreat.files[0].units if u.id == "content")
    assert content.target.startswith("<p>مقهى اللقاء") and "<li>" in content.target
    okapi = read_xliff((samples / "okapi_bpt_kleiderkammer_ar.xlf").read_bytes())
    content = next(u for u in okapi.files[0].units if u.id == "content")
    assert content.problems == []
    assert content.target.startswith("<p><strong>مخزن الملابس")
    assert content.source.startswith("<p><strong>Die Kleiderkammer")


@pytest.fixture
def samples():
    from pathlib import Path

    return Path(__file__).parent / "samples"


def test_oversized_xml_is_refused_before_parsing():
    from export.safe_input import MAX_XML_BYTES

    with pytest.raises(InputRejected) as caught:
        parse_xml(b"<xliff>" + b" " * MAX_XML_BYTES + b"</xliff>", "huge.xliff")
    assert "zu groß" in caught.value.de and "too large" in caught.value.en


def test_an_unpaired_begin_tag_is_reported(samples):
    data = (samples / "okapi_bpt_kleiderkammer_ar.xlf").read_text(encoding="utf-8")
    head, target = data.rsplit("<target", 1)
    target = target.replace('<ept id="2">&lt;/strong></ept>', "", 1)  # the tool lost the end of the bold text
    doc = read_xliff((head + "<target" + target).encode(), "okapi.xlf")
    content = next(u for u in doc.files[0].units if u.id == "content")
    assert any("unpaired inline tags: 2" in p for p in content.problems)


def test_translate_toolkit_reads_our_xliff20_and_we_read_its():
    from translate.storage.xliff2 import Xliff2File

    data = write_xliff([offer_file(ARABIC)], "2.0")
    store = Xliff2File.parsestring(data)
    assert [u.getid() for u in store.units] == ["title", "summary", "content"]
    assert store.units[0].target == "استشارة < 5 أشخاص"
    assert store.getsourcelanguage() == "de" and store.gettargetlanguage() == "ar"
    theirs = Xliff2File(sourcelanguage="de", targetlanguage="ti")
    unit = theirs.UnitClass("Sprachcafé")
    theirs.addunit(unit)
    unit.setid("title")
    unit.target = "ቋንቋ ካፈ"
    xf = read_xliff(bytes(theirs), "tt.xlf").files[0]
    assert xf.original == ""  # its file id "f1" is not taken for offer 1
    assert [(u.id, u.source, u.target) for u in xf.units] == [("title", "Sprachcafé", "ቋንቋ ካፈ")]
