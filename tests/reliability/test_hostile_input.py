"""Hostile input: XSS vectors through the save, and generated markup through the cleaner:
nothing that could run survives in what is stored."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from desktop.offers import create_offer, save_offer, save_translation
from models.richtext import clean_html
from models.tables import OfferText, TextRevision
from tests.support.factory import GERMAN, make_region, offer_facts

from . import procs
from .hostile import XSS_VECTORS, html_dangers, plain_dangers


def test_the_checker_sees_what_it_must():
    assert html_dangers('<p>ok <a href="https://x.example">x</a></p>') == []
    for raw in (
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        "<p onclick=x>y</p>",
        '<a href="java\nscript:alert(1)">x</a>',
    ):
        assert html_dangers(raw), raw
    assert plain_dangers("Kurs <script>") and not plain_dangers("Kinder < 6 Jahre, Preis 5 €")


def test_xss_vectors_saved_as_an_offer_leave_nothing_that_could_run(db, record_property):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids, state="draft"), {"de": GERMAN}, author="tester")
    version = offer.version
    for vector in XSS_VECTORS:
        texts = {"de": {"title": f"Titel {vector}", "summary": vector, "content": f"<p>Inhalt</p>{vector}"}}
        version = save_offer(
            db, offer.id, expected_version=version, author="tester", texts=texts, validate=False
        ).version
        save_translation(
            db,
            offer.id,
            "ar",
            {"title": f"عنوان {vector}", "summary": vector, "content": vector},
            author="tester",
            review_status="machine",
        )
    with db.transaction() as session:
        stored = list(session.exec(select(TextRevision)))
        current = list(session.exec(select(OfferText)))
    assert len(stored) > len(XSS_VECTORS)  # identical cleaned results add no revision
    problems = [
        (row.title[:60], danger)
        for row in stored + current
        for danger in html_dangers(row.content) + plain_dangers(row.title) + plain_dangers(row.summary)
    ]
    assert problems == []
    record_property("xss_vectors", len(XSS_VECTORS))


_PIECES = st.sampled_from(
    XSS_VECTORS + ["<p>", "</p>", '<a href="', '">', "&lt;", "&#", "javascript:", "<", ">", '"', "'", "="]
)


@settings(max_examples=procs.scaled(300, 5000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=12))
def test_generated_markup_never_survives_the_cleaner(parts):
    raw = "".join(parts)
    cleaned = clean_html(raw)
    assert html_dangers(cleaned) == []
    assert clean_html(cleaned) == cleaned  # cleaning again changes nothing: fingerprints stay stable


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_xss_vectors_do_not_reach_the_app_package(sqlite_db, tmp_path, record_property):
    import json

    from desktop.offers import set_review_status
    from desktop.publish import publish_package

    ids = make_region(sqlite_db)
    for number, vector in enumerate(XSS_VECTORS):
        offer = create_offer(
            sqlite_db,
            offer_facts(ids, state="draft"),
            {
                "de": {
                    "title": f"Angebot {number} {vector}",
                    "summary": f"Kurz {vector}",
                    "content": f"<p>Text</p>{vector}",
                }
            },
            author="tester",
            validate=False,
        )
        save_translation(
            sqlite_db,
            offer.id,
            "en",
            {"title": f"Offer {number} {vector}", "summary": vector, "content": vector},
            author="tester",
            review_status="machine",
        )
        set_review_status(sqlite_db, offer.id, "en", "approved", author="tester", reviewed_by="Reviewer")
        from desktop.offers import set_state

        set_state(sqlite_db, offer.id, "published", author="tester", expected_version=offer.version)
    result = publish_package(sqlite_db, tmp_path / "package", make_zip=True, local_preview=True)
    checked = 0
    problems = []
    for path in (tmp_path / "package").rglob("*.json"):
        for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
            checked += 1
            problems += [(path.name, text[:60], d) for d in html_dangers(text)]
    assert result.plan.included["de"], "nothing was published: the test would prove nothing"
    assert problems == [], sorted({(t, d) for _, t, d in problems})
    record_property("package_strings_checked", checked)


def test_xss_vectors_do_not_reach_a_flyer(sqlite_db, tmp_path, record_property):
    """A PDF runs no HTML, but it can carry JavaScript and links: none may come from the text."""
    from pypdf import PdfReader

    from desktop.flyers import render_offer_flyer

    ids = make_region(sqlite_db)
    vectors = " ".join(XSS_VECTORS)
    offer = create_offer(
        sqlite_db,
        offer_facts(ids, state="draft"),
        {
            "de": {
                "title": f"Angebot {XSS_VECTORS[2]}",
                "summary": f"Kurz {XSS_VECTORS[12]}",
                "content": f"<p>Text</p>{vectors}",
            }
        },
        author="tester",
        validate=False,
    )
    save_translation(
        sqlite_db,
        offer.id,
        "ar",
        {"title": f"عنوان {XSS_VECTORS[0]}", "summary": "ملخص", "content": vectors},
        author="tester",
        review_status="machine",
    )
    out = tmp_path / "flyer.pdf"
    render_offer_flyer(sqlite_db, offer.id, out, "ar", bilingual=True, policy="machine")
    raw = out.read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/JS(" not in raw and b"/Launch" not in raw
    reader = PdfReader(out)
    uris = [
        annotation.get_object().get("/A", {}).get("/URI", "")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert all(
        str(uri).split(":", 1)[0].lower() in ("http", "https", "mailto", "tel") for uri in uris if uri
    ), uris
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Escaped markup the user typed is printed as the characters it is: text in a PDF never runs.
    assert "Text" in text and "Angebot" in text
    record_property("flyer_pages_checked", len(reader.pages))
