"""Helpers for the flyer tests: sample data in every language, and reading PDFs back
with poppler (pdftotext, pdffonts, pdftoppm) and zxing-cpp."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from export.flyers import OfferTexts

SAMPLES = json.loads((Path(__file__).with_name("samples.json")).read_text(encoding="utf-8"))
# The twelve languages of the demo region (the list).
LANGUAGES = ["de", "en", "ar", "fa", "prs", "ps", "uk", "ru", "tr", "ti", "ku", "fr"]
SAMPLE_OFFER = "vhs-integrationskurse-aachen"
SAMPLE_PHONE = "0241 4792-140"
MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)


def sample_offer_id(db) -> int:
    from desktop.offers import list_offers

    return next(row.id for row in list_offers(db) if row.slug == SAMPLE_OFFER)


def sample_data(db):
    """The demo offer with texts in all twelve languages (six from the demo, six from samples.json)."""
    from desktop.flyers import flyer_data

    data = flyer_data(db, sample_offer_id(db))
    for code, text in SAMPLES.items():
        if code != "note":
            data.texts[code] = OfferTexts(text["title"], text["summary"], text["content"])
    return data


def pdftotext(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return normalise(out)


def normalise(text: str) -> str:
    return re.sub(r"[ \u00a0]+", " ", text.translate(MARKS))


@dataclass
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page: int


def words(path: Path) -> list[Word]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml))
    out = []
    for page_no, page in enumerate(root.iter("page"), start=1):
        for w in page.iter("word"):
            text = normalise(w.text or "").strip()
            if text:
                out.append(
                    Word(
                        text,
                        float(w.get("xMin")),
                        float(w.get("yMin")),
                        float(w.get("xMax")),
                        float(w.get("yMax")),
                        page_no,
                    )
                )
    return out


def page_width(path: Path) -> float:
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-l", "1", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return float(re.search(r'<page width="([\d.]+)"', xml).group(1))


def fonts(path: Path) -> list[dict]:
    """pdffonts' table: name, type, embedded, subset, unicode (ToUnicode map)."""
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID
        out.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return out


def decode_qr(pdf: Path, tmp_path: Path, page: int = 1, dpi: int = 150):
    """The QR codes on a page, read by zxing-cpp from pdftoppm's picture: [(text, x_centre_fraction)]."""
    import zxingcpp
    from PIL import Image

    prefix = tmp_path / f"qr-{pdf.stem}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    image = Image.open(f"{prefix}.png")
    found = []
    # QR codes only: a line of print can pass for a one-dimensional barcode
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        xs = [
            p.x
            for p in (
                result.position.top_left,
                result.position.top_right,
                result.position.bottom_left,
                result.position.bottom_right,
            )
        ]
        found.append((result.text, (sum(xs) / 4) / image.width))
    return found
