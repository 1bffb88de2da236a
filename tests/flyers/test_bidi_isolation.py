"""Left-to-right runs on right-to-left pages (issue 18 item 10): German addresses, phone
numbers, prices, URLs and e-mails inside Arabic, Farsi and Pashto read in their own order.

Each printed line is compared with Qt's layout (QTextLayout) of the same logical text, and
the left-to-right values are looked for in their reading order, on single lines and on
whole flyers and brochures."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from export.flyers import BrochureData, Category, render_brochure, render_flyer
from export.flyers.content import isolated, plain
from export.flyers.sections import contact_lines
from models.bidi import isolate_latin_runs

from .support import normalise, sample_data
from .test_rtl import logical_words, match, qt_visual_order, render_lines

ADDRESS = "Peterstraße 21, 52062 Aachen"
PRICE = "2,29 €"
PHONE = "+49 241 4792-140"
URL = "https://www.vhs-aachen.example/kurse"
EMAIL = "integration@vhs-aachen.example"

# Per language: sentences that put each kind of left-to-right value into the language's text.
SENTENCES = {
    "ar": [
        f"العنوان: {ADDRESS}",
        f"المكتب في {ADDRESS} مفتوح كل يوم",
        f"الرسوم {PRICE} لكل ساعة تدريس",
        f"اتصلوا على الرقم {PHONE} أو اكتبوا إلى {EMAIL}",
        f"المزيد على {URL} باللغة العربية",
    ],
    "fa": [
        f"نشانی: {ADDRESS}",
        f"دفتر در {ADDRESS} هر روز باز است",
        f"هزینه {PRICE} برای هر ساعت درس",
        f"با شماره {PHONE} تماس بگیرید یا به {EMAIL} بنویسید",
        f"اطلاعات بیشتر در {URL} به فارسی",
    ],
    "ps": [
        f"پته: {ADDRESS}",
        f"دفتر په {ADDRESS} کې هره ورځ خلاص دی",
        f"فیس {PRICE} د هر ساعت لپاره",
        f"په {PHONE} شمېره زنګ ووهئ یا {EMAIL} ته ولیکئ",
        f"نور معلومات په {URL} کې",
    ],
}
VALUES = [ADDRESS, PRICE, PHONE, URL, EMAIL]


def _lines(pdf: Path) -> list[list[str]]:
    """The printed lines as poppler finds them (``pdftotext -bbox-layout``), each one's
    words from left to right."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    root = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml))
    lines = []
    for line in root.iter("line"):
        ws = sorted(line.iter("word"), key=lambda w: float(w.get("xMin")))
        texts = [normalise(w.text or "").strip() for w in ws]
        lines.append([t for t in texts if t])
    return lines


def _reads_in_order(line: list[str], value: str) -> bool:
    """The value's words side by side from left to right (a comma after it does not count)."""
    parts = [p.rstrip(",.") for p in value.split()]
    line = [w.rstrip(",.") for w in line]
    return any(line[i : i + len(parts)] == parts for i in range(len(line) - len(parts) + 1))


def _value_lines(lines: list[list[str]], value: str) -> list[list[str]]:
    """The printed lines holding the value's first word."""
    first = value.split()[0]
    return [line for line in lines if first in line or any(first.rstrip(",") == w.rstrip(",") for w in line)]


@pytest.mark.parametrize("language", ["ar", "fa", "ps"])
def test_each_line_reads_as_qt_lays_it_out_with_the_values_in_their_order(qapp, tmp_path, language):
    items = [(language, plain(sentence, language), 180) for sentence in SENTENCES[language]]
    pdf = render_lines(tmp_path / f"{language}.pdf", items)
    printed = _lines(pdf)
    assert len(printed) == len(items)
    for (_lang, text, _width), line in zip(items, printed, strict=True):
        candidates = logical_words(text)
        assert [match(w, candidates) for w in line] == qt_visual_order(qapp, text), text
        for value in VALUES:
            if value in text:
                assert _reads_in_order(line, value), (value, line)


def test_qt_itself_keeps_the_isolated_values_in_order(qapp):
    """The marks are what makes the order: Qt reads "52062 Aachen ,Peterstraße 21" for two
    separately isolated parts, and the address in order for the whole one."""
    split = "العنوان: " + isolated("Peterstraße 21", "ar") + ", " + isolated("52062 Aachen", "ar")
    assert not _reads_in_order([w for w in qt_visual_order(qapp, split)], ADDRESS)
    whole = "العنوان: " + isolate_latin_runs(ADDRESS)
    assert _reads_in_order(qt_visual_order(qapp, whole), ADDRESS)
    price = "الرسوم " + PRICE + " لكل ساعة"
    assert not _reads_in_order(qt_visual_order(qapp, price), PRICE)  # Arabic numbers, € on the left
    assert _reads_in_order(qt_visual_order(qapp, isolate_latin_runs(price)), PRICE)


def _sample(demo_db, language):
    data = sample_data(demo_db)
    data.street, data.postcode, data.town = "Peterstraße 21", "52062", "Aachen"
    data.cost = f"Kursgebühr {PRICE} pro Unterrichtsstunde."
    data.contacts = [
        {
            "name": "Frau S. Kramer",
            "area_of_responsibility": "Beratung und Einstufung",
            "phone": PHONE,
            "email": EMAIL,
            "website": URL,
        }
    ]
    text = data.texts[language]
    text.content += f"<p>{SENTENCES[language][2]}</p><p>{SENTENCES[language][1]}</p>"
    return data


@pytest.mark.parametrize("language", ["ar", "fa", "ps"])
def test_flyer_and_brochure_print_addresses_prices_phones_and_urls_in_order(demo_db, tmp_path, language):
    data = _sample(demo_db, language)
    flyer = render_flyer(data, tmp_path / f"flyer-{language}.pdf", language).path
    brochure = render_brochure(
        BrochureData("StädteRegion Aachen", [Category(data.category_slug, {"de": "Deutsch lernen"})], [data]),
        tmp_path / f"brochure-{language}.pdf",
        language,
    ).path
    for pdf in (flyer, brochure):
        lines = _lines(pdf)
        for value in (PRICE, PHONE, URL, EMAIL, "Frau S. Kramer – Beratung"):  # the area may wrap
            found = _value_lines(lines, value)
            assert found, (pdf.name, value)
            assert all(_reads_in_order(line, value) for line in found), (pdf.name, value, found)
        # The brochure prints the address on one line, the flyer street and town on two.
        address = [ADDRESS] if pdf is brochure else ["Peterstraße 21", "52062 Aachen"]
        for value in address:
            found = _value_lines(lines, value)
            assert found and all(_reads_in_order(line, value) for line in found), (pdf.name, value, found)
        # The cost keeps its full stop at its end, not in front of "Kursgebühr".
        cost = next(line for line in lines if "Kursgebühr" in line)
        assert cost[-1] == "Unterrichtsstunde." or "Unterrichtsstunde." in cost, cost


def test_contact_lines_keep_name_and_german_area_together():
    line = contact_lines(_contact_only(), "ar")[0]
    assert line.count("\u2066") == 1  # one isolate: "Frau S. Kramer – Beratung und Einstufung"


def _contact_only():
    from export.flyers.content import FlyerData

    return FlyerData(
        1,
        "x",
        {},
        "Region",
        contacts=[{"name": "Frau S. Kramer", "area_of_responsibility": "Beratung und Einstufung"}],
    )
