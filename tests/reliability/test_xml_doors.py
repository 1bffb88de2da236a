"""What XML files may bring in: no undeclared entities (an external DTD is never loaded, so
`&foo;` would be saved literally), and in XLIFF a target's inline tags must be the source's
tags by type, not only by id (a paragraph must not come back as a link)."""

from __future__ import annotations

import pytest

from desktop.errors import LotseError
from desktop.exchange.glossary_io import import_glossary
from desktop.exchange.xliff_export import export_xliff
from desktop.exchange.xliff_import import preview_xliff_import
from desktop.offers import create_offer
from desktop.translation.tmx_io import import_memory
from export.safe_input import InputRejected, parse_xml
from tests.exchange.agency import XLIFF12, XLIFF20, translate_xliff
from tests.support.factory import GERMAN, make_region, offer_facts

DOCTYPE = b'<!DOCTYPE %s SYSTEM "http://evil.example/x.dtd">'


def test_an_undeclared_entity_behind_an_external_dtd_is_refused():
    data = b'<?xml version="1.0"?>' + DOCTYPE % b"xliff" + b"<xliff><t>&foo;</t></xliff>"
    with pytest.raises(InputRejected) as caught:
        parse_xml(data, "a.xliff")
    assert "&foo;" in caught.value.en and "&foo;" in caught.value.de
    # the bare reference to a DTD without using it stays readable (TMX 1.4 and TBX tools write it)
    assert parse_xml(b'<?xml version="1.0"?>' + DOCTYPE % b"tmx" + b"<tmx/>", "a.tmx").tag == "tmx"


def test_xliff_tmx_and_tbx_with_an_undeclared_entity_are_refused(sqlite_db, tmp_path):
    ids = make_region(sqlite_db)
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="tester").id
    path = export_xliff(sqlite_db, "en", [offer], tmp_path / "out.xliff", author="tester").path
    translated = translate_xliff(path.read_bytes(), say=lambda text: "&foo;")
    translated = translated.replace(b"&amp;foo;", b"&foo;").replace(b"?>", b"?>" + DOCTYPE % b"xliff", 1)
    (tmp_path / "back.xliff").write_bytes(translated)
    with pytest.raises(LotseError) as caught:
        preview_xliff_import(sqlite_db, tmp_path / "back.xliff")
    assert "&foo;" in caught.value.message("en")
    (tmp_path / "m.tmx").write_bytes(
        b'<?xml version="1.0"?>' + DOCTYPE % b"tmx" + b'<tmx version="1.4"><header srclang="de"/><body>'
        b'<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>&foo;</seg></tuv></tu>'
        b"</body></tmx>"
    )
    with pytest.raises(LotseError) as caught:
        import_memory(sqlite_db, tmp_path / "m.tmx")
    assert "&foo;" in caught.value.message("de")
    (tmp_path / "g.tbx").write_bytes(
        b'<?xml version="1.0"?>'
        + DOCTYPE % b"martif"
        + b'<martif type="TBX-Basic" xml:lang="de"><text><body>'
        b'<termEntry><langSet xml:lang="de"><tig><term>Amt</term></tig></langSet>'
        b'<langSet xml:lang="en"><tig><term>&foo;</term></tig></langSet></termEntry></body></text></martif>'
    )
    with pytest.raises(LotseError) as caught:
        import_glossary(sqlite_db, tmp_path / "g.tbx")
    assert "&foo;" in caught.value.message("en")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_target_cannot_turn_a_paragraph_into_a_link(sqlite_db, tmp_path, version):
    ids = make_region(sqlite_db)
    content = '<p>Wir beraten Sie.</p><p>Mehr: <a href="https://ok.example">hier</a></p>'
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": content}}, author="t").id
    path = export_xliff(sqlite_db, "en", [offer], tmp_path / "out.xliff", author="t", version=version).path
    data = path.read_bytes()

    def link_for_paragraph(unit_id, target):
        if unit_id != "content" and not str(unit_id).endswith("content"):
            return
        if version == "1.2":
            first = next(target.iter(f"{{{XLIFF12}}}g"))
            first.set("ctype", "x-html-a")
            first.set("{http://www.w3.org/1999/xhtml}href", "https://evil.example")
        else:
            pcs = list(target.iter(f"{{{XLIFF20}}}pc"))
            link = next(p for p in pcs if p.get("dataRefStart") != pcs[0].get("dataRefStart"))
            # the first paragraph's <pc> now points at the link's original data
            pcs[0].set("dataRefStart", link.get("dataRefStart"))
            pcs[0].set("dataRefEnd", link.get("dataRefEnd"))

    (tmp_path / "back.xliff").write_bytes(translate_xliff(data, edit=link_for_paragraph))
    preview = preview_xliff_import(sqlite_db, tmp_path / "back.xliff")
    change = preview.changes[0]
    assert change.blocked, [f.en for f in change.findings]
    assert any(f.code == "inline_tags" and "another type" in f.en for f in change.findings)
    assert "evil" not in change.new.get("content", "")


def test_the_unchanged_round_trip_still_imports(sqlite_db, tmp_path):
    ids = make_region(sqlite_db)
    content = '<p>Wir beraten Sie.</p><p>Mehr: <a href="https://ok.example">hier</a></p>'
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": content}}, author="t").id
    path = export_xliff(sqlite_db, "en", [offer], tmp_path / "out.xliff", author="t").path
    (tmp_path / "back.xliff").write_bytes(translate_xliff(path.read_bytes()))
    preview = preview_xliff_import(sqlite_db, tmp_path / "back.xliff")
    assert not preview.changes[0].blocked


_FILE = b'<file original="1" source-language="de" target-language="en">%s</file>'
_UNIT = (
    b'<trans-unit id="content"><source><g id="1" ctype="x-html-p">a</g></source>'
    b"<target>%s</target></trans-unit>"
)


@pytest.mark.parametrize(
    "where, body",
    [
        (
            "an inline element of a target",
            _FILE % (b"<body>" + _UNIT % b'<g id="1" ctype="x-html-p">b&foo;</g>' + b"</body>"),
        ),
        ("a header, which the reader never yields", _FILE % b"<header><note>&foo;</note></header><body/>"),
        ("the root after the last file", _FILE % b"<body/>" + b"&foo;"),
    ],
)
def test_the_streamed_reader_refuses_an_undeclared_entity_wherever_it_stands(where, body):
    """The reader lets lxml skip the elements it does not read (a tag filter): each element it
    is handed is searched whole, so an entity in a skipped element is still found."""
    from export.xliff import read_xliff

    data = (
        b'<?xml version="1.0"?>'
        + DOCTYPE % b"xliff"
        + b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        + body
        + b"</xliff>"
    )
    with pytest.raises(InputRejected) as caught:
        read_xliff(data, "a.xliff")
    assert "&foo;" in caught.value.message("en"), where


def test_the_streamed_reader_still_names_a_root_it_does_not_read():
    from export.xliff import read_xliff

    with pytest.raises(InputRejected) as caught:
        read_xliff(b"<html><body><p>x</p></body></html>", "a.xliff")
    assert "<html>" in caught.value.message("en")
    assert read_xliff(b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>').files == []
