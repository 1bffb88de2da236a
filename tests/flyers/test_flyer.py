"""The single-offer flyer in every language: it renders, embeds its fonts with ToUnicode
maps, prints every character, and its text can be found again with pdftotext."""

from __future__ import annotations

import re

import pytest

from export.flyers import render_flyer
from export.flyers.flyer import SCALES

from .support import LANGUAGES, SAMPLE_PHONE, decode_qr, fonts, page_width, pdftotext, sample_data, words


@pytest.fixture(scope="module")
def data(demo_template, tmp_path_factory):
    from desktop.db import open_database

    db = open_database(str(demo_template))
    try:
        return sample_data(db)
    finally:
        db.dispose()


def title_words(title: str) -> list[str]:
    return [w for w in re.split(r"[\s()]+", title) if w]


@pytest.mark.parametrize("code", LANGUAGES)
def test_flyer_in_every_language(data, code, tmp_path):
    out = tmp_path / f"flyer-{code}.pdf"
    result = render_flyer(data, out, code)
    assert result.pages == 1 and result.unprintable == frozenset()
    embedded = fonts(out)
    assert embedded and all(f["emb"] == "yes" and f["uni"] == "yes" for f in embedded)
    text = pdftotext(out)
    for word in title_words(data.text(code).title):
        assert word in text, (code, word)
    assert SAMPLE_PHONE in text


@pytest.mark.parametrize("code", ["de", "ar"])
def test_qr_code_leads_to_the_offer_in_the_flyers_language(data, code, tmp_path):
    out = render_flyer(data, tmp_path / f"qr-{code}.pdf", code).path
    codes = decode_qr(out, tmp_path)
    assert [text for text, _ in codes] == [
        f"https://integreat.app/staedteregion-aachen/{code}/locations/vhs-integrationskurse-aachen/"
    ]
    # The QR code sits at the end edge: right on a German flyer, left (mirrored) on an Arabic one.
    ((_, x_centre),) = codes
    assert (x_centre > 0.6) if code == "de" else (x_centre < 0.4)


def test_a5_flyer_is_smaller_and_keeps_everything(data, tmp_path):
    out = tmp_path / "a5.pdf"
    result = render_flyer(data, out, "uk", size="a5")
    assert round(page_width(out)) == 420  # 148 mm in points
    text = pdftotext(out)
    assert SAMPLE_PHONE in text and "Понеділок" in text and result.unprintable == frozenset()


def test_weekdays_and_print_date_in_the_flyers_language(data, tmp_path):
    from datetime import date

    data.printed_on = date(2026, 3, 2)
    text = pdftotext(render_flyer(data, tmp_path / "fa.pdf", "fa").path)
    assert "دوشنبه" in text and "سه‌شنبه" in text  # Monday, Tuesday (CLDR)
    assert "۲۰۲۶" in text and "۰۹:۰۰" in text  # Persian digits in dates and times, not reversed
    text = pdftotext(render_flyer(data, tmp_path / "tr.pdf", "tr").path)
    assert "Pazartesi" in text and "2 Mart 2026" in text


def test_bilingual_a4_puts_german_left_and_arabic_right(data, tmp_path):
    out = tmp_path / "bi.pdf"
    result = render_flyer(data, out, "ar", bilingual=True)
    assert result.languages == ("de", "ar") and result.pages == 1
    middle = page_width(out) / 2
    ws = words(out)
    german = next(w for w in ws if w.text == "Integrationskurse")
    # The Arabic title names the VHS in brackets: "(VHS)"; the German title has it without.
    arabic = next(w for w in ws if w.text.strip("()") == "VHS" and w.text != "VHS")
    assert german.x_max < middle < arabic.x_min


def test_bilingual_a5_puts_german_above_the_other_language(data, tmp_path):
    out = tmp_path / "bi-a5.pdf"
    render_flyer(data, out, "uk", bilingual=True, size="a5")
    ws = words(out)
    german = next(w for w in ws if w.text == "Integrationskurse")
    ukrainian = next(w for w in ws if w.text == "Інтеграційні")
    assert (german.page, german.y_min) < (ukrainian.page, ukrainian.y_min)


def test_type_shrinks_to_fit_one_page_and_a_long_flyer_keeps_full_size(data, tmp_path):
    from dataclasses import replace

    fits = render_flyer(data, tmp_path / "bi.pdf", "ar", bilingual=True)
    assert fits.pages == 1 and fits.scale < 1.0  # German and Arabic on one A4 page, in smaller type
    long = replace(
        data, texts={**data.texts, "de": replace(data.text("de"), content=data.text("de").content * 4)}
    )
    result = render_flyer(long, tmp_path / "long.pdf", "de", size="a5")
    assert result.pages >= 2 and result.scale == 1.0
    assert SAMPLE_PHONE in pdftotext(result.path)


@pytest.mark.parametrize("fitting", range(len(SCALES) + 1))
def test_the_type_size_search_finds_the_largest_fitting_size_in_few_measurements(fitting):
    """Each measurement lays the whole flyer out: at most four, three when it fits nowhere."""
    from export.flyers.flyer import _largest_fitting_scale

    fits_at = set(SCALES[len(SCALES) - fitting :])  # the smallest ``fitting`` sizes fit
    asked: list[float] = []
    chosen = _largest_fitting_scale(lambda scale: asked.append(scale) or scale in fits_at)
    assert chosen == (max(fits_at) if fits_at else SCALES[0])
    assert len(asked) <= (1 if fitting == len(SCALES) else 3 if fitting == 0 else 4)


@pytest.mark.parametrize(
    ("language", "bilingual", "size", "factor"),
    [
        ("de", False, "a4", 1),
        ("de", False, "a4", 3),
        ("ar", True, "a4", 1),
        ("ar", True, "a4", 2),
        ("ti", True, "a5", 1),
    ],
)
def test_measuring_stops_at_a_second_page_with_the_same_answer(demo_db, language, bilingual, size, factor):
    """Whether the flyer fits one page at a size is known at its first line on a second page:
    measuring stops there (PageLimit), and answers as the whole measurement does at every size."""
    from dataclasses import replace

    from export.flyers.flyer import _fits_one_page, _geometry, _layout, flyer_languages
    from export.flyers.layout import PageLimit
    from export.flyers.pdf import ShapedPDF

    data = sample_data(demo_db)
    text = data.text("de")
    data = replace(data, texts={**data.texts, "de": replace(text, content=text.content * factor)})
    languages = flyer_languages(language, bilingual)
    g = _geometry(size)
    pdf = ShapedPDF(size, language=languages[-1])
    pdf.add_page()
    answers = []
    for scale in SCALES:
        whole = _layout(pdf, data, g, languages, scale, measuring=True) == 1
        assert _fits_one_page(pdf, data, g, languages, scale) == whole
        answers.append(whole)
        if not whole:
            with pytest.raises(PageLimit):
                _layout(pdf, data, g, languages, scale, measuring=True, page_limit=1)
    assert len(pdf.pages) == 1  # measuring drew nothing and added no page
    if factor > 1:
        assert not all(answers)
