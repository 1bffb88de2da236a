"""Raw markup is refused or cleaned at the door: TMX units and glossary terms with
`<script>`/`<img onerror>` in their text are refused (named in the result), and a machine
proposal waiting beside a reviewed text is cleaned like a stored text."""

from __future__ import annotations

import html

from sqlmodel import select

from desktop.exchange.glossary_io import import_glossary
from desktop.offers import create_offer, get_offer, save_offer, set_review_status
from desktop.translation.engine import translate_batch, waiting_proposal
from desktop.translation.http import Limits
from desktop.translation.settings import Providers
from desktop.translation.tmx_io import import_memory
from models.tables import GlossaryTerm, TranslationMemory
from tests.support.factory import GERMAN, make_region, offer_facts

from .hostile import html_dangers, plain_dangers

HOSTILE = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def _tmx(units: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<tu><tuv xml:lang="de"><seg>{de}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        for de, en in units
    )
    return f'<?xml version="1.0"?><tmx version="1.4"><header srclang="de"/><body>{body}</body></tmx>'.encode()


def test_tmx_units_with_markup_are_refused(sqlite_db, tmp_path):
    make_region(sqlite_db)
    (tmp_path / "m.tmx").write_bytes(
        _tmx(
            [
                ("Wir beraten Sie.", "We advise you." + HOSTILE),
                (HOSTILE + "Hallo", "Hello"),
                ("Kinder &lt;12 Jahre", "Children &lt;12 years"),  # a less-than sign is not markup
            ]
        )
    )
    result = import_memory(sqlite_db, tmp_path / "m.tmx")
    assert (result.added, result.markup) == (1, 2)
    with sqlite_db.transaction() as session:
        stored = [(m.source_text, m.target_text) for m in session.exec(select(TranslationMemory))]
    assert stored == [("Kinder <12 Jahre", "Children <12 years")]


def test_glossary_terms_with_markup_are_refused(sqlite_db, tmp_path):
    make_region(sqlite_db)
    (tmp_path / "g.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="de"><text><body>'
        '<termEntry><langSet xml:lang="de"><tig><term>Amt</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>office{HOSTILE}</term></tig></langSet></termEntry>'
        '<termEntry><langSet xml:lang="de"><tig><term>Jobcenter</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>job centre</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    result = import_glossary(sqlite_db, tmp_path / "g.tbx")
    assert result.added == 1 and len(result.rejected) == 1
    assert "Markup" in result.rejected[0][1].render("de") and "markup" in result.rejected[0][1].render("en")
    raw = html.unescape(HOSTILE)  # a CSV cell holds the markup itself
    (tmp_path / "g.csv").write_text(f"term;target_language;translation\nAmt;en;{raw}\n", encoding="utf-8")
    result = import_glossary(sqlite_db, tmp_path / "g.csv")
    assert result.added == 0 and len(result.rejected) == 1
    with sqlite_db.transaction() as session:
        assert [t.term for t in session.exec(select(GlossaryTerm))] == ["Jobcenter"]


def test_a_machine_proposal_beside_a_reviewed_text_is_cleaned(db, mt_server):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="t")
    fast = Limits(timeout=2.0, retries=3, backoff=0.01, requests_per_second=1000, concurrency=8)
    providers = Providers(db, override="libretranslate", url=mt_server.url, limits=fast)
    translate_batch(db, providers, ["ar"], author="t")
    set_review_status(db, offer.id, "ar", "approved", author="t", reviewed_by="Frau Haddad")
    current = get_offer(db, offer.id)
    save_offer(
        db,
        offer.id,
        expected_version=current.version,
        author="t",
        texts={"de": {**GERMAN, "title": "Neue Beratung"}},
    )
    mt_server.mode = "markup"
    report = translate_batch(db, providers, ["ar"], author="t")  # the new title goes to the service
    assert [r.offer_id for r in report.of("kept_reviewed")] == [offer.id]
    proposal = waiting_proposal(db, offer.id, "ar")
    assert proposal.title.startswith("[ar] Neue Beratung")
    assert plain_dangers(proposal.title) == [] and plain_dangers(proposal.summary) == []
    assert html_dangers(proposal.content) == [] and "onerror" not in proposal.content
    assert "<script" not in proposal.title + proposal.summary + proposal.content
