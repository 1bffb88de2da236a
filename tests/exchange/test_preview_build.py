"""What the XLIFF preview does to stay cheap at a region's size keeps its results: the collector
paused while the changes pile up (and back afterwards, also after a refusal), an unchanged text
packed once, a link's tag read once for a unit's source and target."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop.exchange.xliff_export import export_xliff
from desktop.exchange.xliff_import import ImportRejected, preview_xliff_import
from desktop.gc_pause import gc_paused
from desktop.offers import create_offer, get_offer, save_offer
from export import xliff_inline_pass
from export.xliff import read_xliff
from tests.exchange.agency import translate_path
from tests.support.factory import GERMAN, make_region, offer_facts


def test_the_collector_is_paused_inside_and_as_before_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner end does not switch it on again
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: stays off
    finally:
        gc.enable()


def test_two_threads_pausing_the_collector_switch_it_on_once_both_are_done():
    first_in, second_done, states = threading.Event(), threading.Event(), []

    def first():
        with gc_paused():
            first_in.set()
            second_done.wait(10)
            states.append(gc.isenabled())  # the other thread's end left it off

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with gc_paused():
        pass
    second_done.set()
    thread.join(10)
    assert states == [False] and gc.isenabled()


def test_a_region_read_back_holds_an_unchanged_text_once_and_the_collector_runs_again(demo_db, tmp_path):
    path = export_xliff(
        demo_db, "en", None, tmp_path / "all.xliff", author="t", single_file=True, mark=False
    ).path
    preview = preview_xliff_import(demo_db, path)
    assert gc.isenabled()
    same = [c for c in preview.changes if c.new == c.old]
    assert len(same) > 10 and all(c.new["title"] for c in same)
    assert all(c._new is c._old for c in same)  # one packed copy for both
    (tmp_path / "bad.xliff").write_text("<html/>", encoding="utf-8")
    with pytest.raises(ImportRejected):
        preview_xliff_import(demo_db, tmp_path / "bad.xliff")
    assert gc.isenabled()


def test_a_link_is_read_once_for_the_source_and_the_target_of_its_unit(monkeypatch):
    read: list[str] = []
    original = xliff_inline_pass._tag_code
    monkeypatch.setattr(
        xliff_inline_pass, "_tag_code", lambda root, tag: read.append(tag) or original(root, tag)
    )
    link = '<g id="2" ctype="link" html:href="https://example.org/a-link-read-once">'
    unit = f"<p>A {link}link</g>.</p>".replace("<p>", '<g id="1" ctype="x-html-p">').replace("</p>", "</g>")
    document = read_xliff(
        (
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:html="http://www.w3.org/1999/xhtml"'
            ' version="1.2"><file original="1" source-language="de" target-language="en"><body>'
            f'<trans-unit id="content"><source xml:lang="de">{unit}</source>'
            f'<target xml:lang="en" state="translated">{unit.replace("A ", "An ")}</target></trans-unit>'
            "</body></file></xliff>"
        ).encode()
    )
    [unit_read] = document.files[0].units
    assert unit_read.target == '<p>An <a href="https://example.org/a-link-read-once">link</a>.</p>'
    assert read.count(link) == 1


def test_a_source_changed_since_the_export_is_fingerprinted_as_the_file_has_it(sqlite_db, tmp_path):
    """The file's sources are cleaned only when they differ from the stored ones: the text is then
    stored as made from what the file says, the German as it was exported."""
    offer = create_offer(sqlite_db, offer_facts(make_region(sqlite_db)), {"de": GERMAN}, author="t").id
    exported = get_offer(sqlite_db, offer).texts["de"].fingerprint
    returned = translate_path(
        export_xliff(sqlite_db, "ar", [offer], tmp_path, author="t").path, tmp_path / "b.xliff"
    )
    current = get_offer(sqlite_db, offer)
    changed = {**GERMAN, "summary": "Beratung für Erwachsene und Familien."}
    save_offer(sqlite_db, offer, expected_version=current.version, author="t", texts={"de": changed})
    assert get_offer(sqlite_db, offer).texts["de"].fingerprint != exported
    [change] = preview_xliff_import(sqlite_db, returned).changes
    assert not change.source_current and change.source_fingerprint == exported
