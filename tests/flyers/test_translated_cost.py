"""The cost and a contact's area of responsibility are texts like the rest (issue 18 item 11):
typed in German, machine-translated into Arabic and Tigrinya against the local translation
test server, reviewed, they print on the Arabic and Tigrinya flyer in that language, and a
flyer under the policy "approved only" prints once they are approved."""

from __future__ import annotations

import pytest

from desktop.brochure import brochure_plan
from desktop.category_names import save_category_names
from desktop.errors import LotseError
from desktop.flyers import flyer_data, render_offer_flyer
from desktop.offers import create_offer, get_offer
from desktop.review.decisions import edit_segment, mark_approved
from desktop.review.segments import review_text
from desktop.translation.assist import EngineAssist
from desktop.translation.engine import translate_batch, waiting_proposal
from desktop.translation.http import Limits
from desktop.translation.settings import Providers
from export.flyers import render_brochure
from export.flyers.coverage import foreign_parts
from tests.support.fake_mt_server import FakeMTServer

from .support import pdftotext, sample_offer_id

COST = "2,29 € pro Unterrichtsstunde; Befreiung durch das BAMF möglich"
AREA = "Integrationskurse Nordkreis"
GERMAN = {
    "title": "Integrationskurs im Nordkreis",
    "summary": "Deutsch lernen im Nordkreis.",
    "content": "<p>Anmeldung im Büro.</p>",
    "cost": COST,
    "contact_areas": [AREA],
}
# What the test server answers for the German phrases (the amount is masked and comes back as is).
FEE = "pro Unterrichtsstunde; Befreiung durch das BAMF möglich"
PHRASES = {
    "ar": {
        "Integrationskurs im Nordkreis": "دورة الاندماج في الشمال",
        "Deutsch lernen im Nordkreis.": "تعلّم اللغة الألمانية في شمال المنطقة.",
        "Anmeldung im Büro.": "التسجيل في المكتب.",
        FEE: "لكل حصة دراسية؛ الإعفاء ممكن عن طريق BAMF",
        "Integrationskurse Nordkreis": "دورات الاندماج في شمال المنطقة",
    },
    "ti": {
        "Integrationskurs im Nordkreis": "ኮርስ ምውህሃድ ኣብ ሰሜን",
        "Deutsch lernen im Nordkreis.": "ጀርመንኛ ምምሃር ኣብ ሰሜን።",
        "Anmeldung im Büro.": "ምዝገባ ኣብ ቤት ጽሕፈት።",
        FEE: "ንሓንቲ ሰዓት ትምህርቲ፤ ብBAMF ካብ ክፍሊት ነጻ ክትኮኑ ትኽእሉ",
        "Integrationskurse Nordkreis": "ኮርሳት ምውህሃድ ሰሜን",
    },
}
FAST = Limits(timeout=2.0, retries=3, backoff=0.01, requests_per_second=1000, concurrency=8)


@pytest.fixture
def offer_id(demo_db) -> int:
    """A new published offer with the demo's integration course's facts, typed in German."""
    facts = dict(get_offer(demo_db, sample_offer_id(demo_db)).facts)
    facts["contacts"] = [{**facts["contacts"][0], "area_of_responsibility": None}]
    offer = create_offer(demo_db, {**facts, "state": "published"}, {"de": GERMAN}, author="Redaktion")
    category_id = facts["category_id"]
    save_category_names(demo_db, {category_id: {"ti": "ጀርመንኛ ምምሃር"}})  # Arabic has its name in the demo
    return offer.id


def test_cost_and_area_are_translated_reviewed_and_printed_in_the_language(demo_db, offer_id, tmp_path):
    german = get_offer(demo_db, offer_id)
    key = german.facts["contacts"][0]["key"]
    assert (german.texts["de"].cost, german.texts["de"].contact_areas) == (COST, {key: AREA})
    assert german.facts["cost"] == COST and german.facts["contacts"][0]["area_of_responsibility"] == AREA
    for code in ("ar", "ti"):
        with pytest.raises(LotseError):  # nothing to print under "approved" yet
            render_offer_flyer(demo_db, offer_id, tmp_path / f"none-{code}.pdf", code, policy="approved")

    with FakeMTServer() as server:
        server.phrases = PHRASES
        providers = Providers(demo_db, override="libretranslate", url=server.url, limits=FAST)
        report = translate_batch(demo_db, providers, ["ar", "ti"], [offer_id], author="Redaktion")
        sent = list(server.texts)
    assert not report.failed and len(report.of("translated")) == 2
    assert "⟦1⟧ pro Unterrichtsstunde; Befreiung durch das BAMF möglich" in sent and AREA in sent
    texts = get_offer(demo_db, offer_id).texts
    assert texts["ar"].cost == "2,29 € لكل حصة دراسية؛ الإعفاء ممكن عن طريق BAMF"
    assert texts["ar"].contact_areas == {key: "دورات الاندماج في شمال المنطقة"}
    assert texts["ti"].cost.startswith("2,29 € ንሓንቲ ሰዓት ትምህርቲ")
    assert texts["ti"].contact_areas == {key: "ኮርሳት ምውህሃድ ሰሜን"} and texts["ti"].status == "machine"

    # The review screen shows them as segments beside the German.
    review = {s.key: s for s in review_text(demo_db, offer_id, "ar").segments}
    assert (review["cost"].source_text, review["cost"].target_text) == (COST, texts["ar"].cost)
    assert (review[f"area:{key}"].source_text, review[f"area:{key}"].target_text) == (
        AREA,
        texts["ar"].contact_areas[key],
    )

    # Machine-made: the policy "approved" still refuses; "machine" prints, every word in the language.
    for code in ("ar", "ti"):
        with pytest.raises(LotseError):
            render_offer_flyer(demo_db, offer_id, tmp_path / f"machine-{code}.pdf", code, policy="approved")
        assert foreign_parts(flyer_data(demo_db, offer_id), code) == []

    for code in ("ar", "ti"):
        mark_approved(demo_db, offer_id, code, author="Redaktion", confirmed_by="Frau A. Haile")
        result = render_offer_flyer(demo_db, offer_id, tmp_path / f"{code}.pdf", code, policy="approved")
        assert not result.foreign and result.path.exists()
        printed = pdftotext(result.path)
        assert COST not in printed and AREA not in printed
        assert "Befreiung" not in printed and "Unterrichtsstunde" not in printed
        assert "2,29 €" in printed
    arabic = " ".join(pdftotext(tmp_path / "ar.pdf").split())  # lines joined
    assert "لكل حصة دراسية" in arabic and "دورات الاندماج في شمال المنطقة" in arabic
    tigrinya = " ".join(pdftotext(tmp_path / "ti.pdf").split())
    assert "ንሓንቲ ሰዓት ትምህርቲ" in tigrinya and "ኮርሳት ምውህሃድ ሰሜን" in tigrinya

    # The brochure under "approved only" keeps the offer and prints its Arabic cost and area.
    plan = brochure_plan(demo_db, "ar", policy="approved")
    assert offer_id not in {item.offer_id for item in plan.left_out}
    assert offer_id not in {o for o, _t, _p in plan.not_in_language}
    plan.data.offers = [o for o in plan.data.offers if o.offer_id == offer_id]
    render_brochure(plan.data, tmp_path / "brochure-ar.pdf", "ar")
    brochure = " ".join(pdftotext(tmp_path / "brochure-ar.pdf").split())
    assert "لكل حصة دراسية" in brochure and "دورات الاندماج في شمال المنطقة" in brochure
    assert "Befreiung" not in brochure and "Nordkreis" not in brochure


def test_a_german_cost_change_outdates_the_translations_and_prints_german_again(demo_db, offer_id, tmp_path):
    with FakeMTServer() as server:
        server.phrases = PHRASES
        providers = Providers(demo_db, override="libretranslate", url=server.url, limits=FAST)
        translate_batch(demo_db, providers, ["ar"], [offer_id], author="Redaktion")
    mark_approved(demo_db, offer_id, "ar", author="Redaktion", confirmed_by="Frau B. Saleh")
    offer = get_offer(demo_db, offer_id)
    from desktop.offers import save_offer

    save_offer(
        demo_db,
        offer_id,
        expected_version=offer.version,
        author="Redaktion",
        texts={"de": {**GERMAN, "cost": "2,50 € pro Unterrichtsstunde"}},
    )
    after = get_offer(demo_db, offer_id)
    assert after.texts["ar"].status == "outdated" and after.facts["cost"] == "2,50 € pro Unterrichtsstunde"
    # The Arabic words are still the Arabic text's (made from the old German): they print as they are.
    assert "cost" not in {p.kind for p in foreign_parts(flyer_data(demo_db, offer_id), "ar")}

    # A new machine translation waits beside the approved text, its cost offered in the review.
    with FakeMTServer() as server:
        providers = Providers(demo_db, override="libretranslate", url=server.url, limits=FAST)
        report = translate_batch(demo_db, providers, ["ar"], [offer_id], author="Redaktion")
    assert [r.outcome for r in report.results] == ["kept_reviewed"]
    proposal = waiting_proposal(demo_db, offer_id, "ar")
    assert proposal.cost == "[ar] 2,50 € pro Unterrichtsstunde"
    review = review_text(demo_db, offer_id, "ar")
    cost = next(s for s in review.segments if s.key == "cost")
    assert cost.changed_in_source and [s.text for s in cost.source_diff if s.op != "equal"]
    offered = [f for f in EngineAssist(demo_db).findings(review) if f.segment_key == "cost" and f.fix_value]
    assert offered and offered[0].fix_value == "[ar] 2,50 € pro Unterrichtsstunde"
    edit_segment(demo_db, offer_id, "ar", "cost", offered[0].fix_value, author="Redaktion")
    assert get_offer(demo_db, offer_id).texts["ar"].cost == "[ar] 2,50 € pro Unterrichtsstunde"
