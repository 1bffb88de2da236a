"""A flyer says which printed words are not in its language, and the publishing policy
decides whether it may print (issue 18 item 11)."""

from __future__ import annotations

import pytest

from desktop.brochure import brochure_plan
from desktop.category_names import save_category_names
from desktop.errors import LotseError
from desktop.flyers import render_offer_flyer
from desktop.regions import categories, current_region
from export.flyers import render_flyer
from export.flyers.coverage import foreign_parts

from .support import sample_data, sample_offer_id


def _kinds(parts):
    return sorted({p.kind for p in parts})


def test_the_parts_not_in_the_language_are_named(demo_db):
    data = sample_data(demo_db)
    assert foreign_parts(data, "de") == []
    # Arabic: the category has its Arabic name; cost and contact area are German.
    arabic = foreign_parts(data, "ar")
    assert _kinds(arabic) == ["area", "cost"]
    assert {p.printed for p in arabic} == {
        "Kursgebühr 2,29 € pro Unterrichtsstunde; Befreiung durch das BAMF möglich",
        "Beratung und Einstufung Integrationskurse",
    }
    # Tigrinya: no category name either.
    assert "category" in _kinds(foreign_parts(data, "ti"))
    assert "Kategorie „Deutsch lernen“" in [p.describe("de") for p in foreign_parts(data, "ti")]
    # A cost that says "free" is printed in the language's word.
    data.cost, data.contacts = "kostenlos", []
    assert foreign_parts(data, "ar") == []


def test_the_flyer_result_lists_them_and_approved_only_refuses_to_print(demo_db, tmp_path):
    offer_id = sample_offer_id(demo_db)  # Arabic text approved in the demo
    result = render_offer_flyer(demo_db, offer_id, tmp_path / "checked.pdf", "ar", policy="checked")
    assert _kinds(result.foreign) == ["area", "cost"] and result.path.exists()
    with pytest.raises(LotseError) as refused:
        render_offer_flyer(demo_db, offer_id, tmp_path / "approved.pdf", "ar", policy="approved")
    assert "Kursgebühr 2,29 €" in refused.value.de and "Beratung und Einstufung" in refused.value.en
    assert not (tmp_path / "approved.pdf").exists()


def test_the_brochure_leaves_such_offers_out_under_approved_only(demo_db):
    checked = brochure_plan(demo_db, "ar", policy="checked")
    approved = brochure_plan(demo_db, "ar", policy="approved")
    ids = {o.offer_id for o in approved.data.offers}
    assert all(not foreign_parts(o, "ar") for o in approved.data.offers)
    assert any("Kosten" in item.reason.render("de") for item in approved.left_out if item.offer_id not in ids)
    assert checked.not_in_language and {o for o, _t, _p in checked.not_in_language} <= {
        o.offer_id for o in checked.data.offers
    }


def test_a_category_name_added_for_the_language_is_no_longer_named(demo_db, tmp_path):
    data = sample_data(demo_db)
    assert "category" in _kinds(render_flyer(data, tmp_path / "ti.pdf", "ti").foreign)
    with demo_db.transaction() as session:
        category = next(
            c for c in categories(session, current_region(session).id) if c.slug == data.category_slug
        )
        category_id = category.id
    save_category_names(demo_db, {category_id: {"ti": "ጀርመንኛ ምምሃር"}})
    data = sample_data(demo_db)
    assert "category" not in _kinds(render_flyer(data, tmp_path / "ti2.pdf", "ti").foreign)


def test_the_commands_say_which_words_are_not_in_the_language(demo_template, tmp_path, capsys):
    import shutil

    from desktop.cli import main

    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    out = tmp_path / "b.pdf"
    assert (
        main(
            ["publish", "brochure", "--db", str(db), "--lang", "ar", "--policy", "checked", "--out", str(out)]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "Nicht auf Arabisch: Kosten „2,29 € pro Unterrichtsstunde" in printed
