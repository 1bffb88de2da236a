"""The region's brochure: cover, contents with page numbers, one section per category,
filters, progress and cancel, one language or bilingual."""

from __future__ import annotations

import subprocess

import pytest

from desktop.brochure import brochure_plan, render_region_brochure
from desktop.flyers import FlyerError
from desktop.tasks import Cancelled, CancelToken

from .support import fonts, page_width, pdftotext, words


def page_text(path, page: int) -> str:
    from .support import normalise

    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stderr == ""  # poppler complains about nothing (fonts set on every page)
    return normalise(out.stdout)


def test_arabic_brochure_of_the_demo_region(demo_db, tmp_path):
    out = tmp_path / "wegweiser-ar.pdf"
    seen = []
    result, left_out = render_region_brochure(
        demo_db,
        out,
        "ar",
        policy="machine",
        progress=lambda done, total, message="": seen.append((done, total)),
    )
    assert result.offers >= 10 and result.unprintable == frozenset()
    assert seen[0] == (0, result.offers) and seen[-1] == (result.offers, result.offers)
    assert left_out and all(item.reason.render("en").startswith("no printable Arabic") for item in left_out)
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts(out))
    assert "دليل القادمين الجدد" in page_text(out, 1)  # the cover
    contents = page_text(out, 2)
    assert "المحتويات" in contents
    for slug, page in result.sections.items():
        section = page_text(out, page)
        name = {"beratung": "الاستشارة", "sprache": "تعلّم اللغة الألمانية"}.get(slug)
        if name:
            assert name in contents and name in section
        assert f"صفحة {page}" in section  # page number in the footer
    assert result.pages == len(result.sections) + 2


def test_contents_lists_sections_with_their_page_numbers_in_reading_direction(demo_db, tmp_path):
    out = tmp_path / "ar.pdf"
    result, _ = render_region_brochure(demo_db, out, "ar", policy="machine")
    width = page_width(out)
    entries = [w for w in words(out) if w.page == 2]
    body = [w for w in entries if 60 < w.y_min < 760]  # below the heading, above the footer
    # Right to left: page numbers stand at the left edge, titles start at the right edge.
    numbers = {int(w.text) for w in body if w.text.isdigit() and w.x_max < width * 0.2}
    assert numbers == set(range(3, result.pages + 1))
    assert max(w.x_max for w in body if not w.text.isdigit()) > width * 0.85
    assert not [w for w in body if w.text.isdigit() and w.x_min > width * 0.8]


def test_filters_by_category_and_municipality(demo_db, tmp_path):
    plan = brochure_plan(demo_db, "de", categories=["Deutsch lernen"], municipalities=["Aachen"])
    assert plan.data.offers and {o.category_slug for o in plan.data.offers} == {"sprache"}
    assert {o.town for o in plan.data.offers} == {"Aachen"}
    assert plan.data.subtitle == "Aachen"
    with pytest.raises(FlyerError) as error:
        brochure_plan(demo_db, "de", categories=["Raumfahrt"])
    assert "Raumfahrt" in error.value.message("de") and "Raumfahrt" in error.value.message("en")


def test_cancel_stops_and_leaves_no_file(demo_db, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "cancelled.pdf"
    token = CancelToken()

    def progress(done, total, message=""):
        if done == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        render_region_brochure(demo_db, out, "de", progress=progress, token=token)
    assert list((tmp_path / "out").iterdir()) == []  # neither the PDF nor a half-written temporary file


def test_bilingual_brochure_sets_german_beside_ukrainian(demo_db, tmp_path):
    out = tmp_path / "de-uk.pdf"
    result, _ = render_region_brochure(demo_db, out, "uk", bilingual=True, policy="machine")
    middle = page_width(out) / 2
    first = result.sections["beratung"]
    on_page = [w for w in words(out) if w.page == first]
    assert any(w.text == "Beratung" and w.x_max < middle for w in on_page)
    assert any(w.text == "Консультації" and w.x_min > middle for w in on_page)
    text = pdftotext(out)
    assert "Wegweiser für Neuzugewanderte" in text and "Путівник для новоприбулих" in text
