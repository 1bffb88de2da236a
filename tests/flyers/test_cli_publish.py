"""``lotse publish flyer`` and ``lotse publish brochure`` on the demo region."""

from __future__ import annotations

from tests.test_cli import assert_one_line_error, run_cli

from .support import pdftotext


def demo_path(demo_db) -> str:
    path = demo_db.url.removeprefix("sqlite:///")
    demo_db.dispose()
    return path


def test_publish_flyer_writes_the_pdf(demo_db, tmp_path):
    db = demo_path(demo_db)
    out = tmp_path / "flyer.pdf"
    result = run_cli(
        "publish",
        "flyer",
        "--db",
        db,
        "--offer",
        "3",
        "--lang",
        "ar",
        "--bilingual",
        "--size",
        "a5",
        "--out",
        str(out),
        "--url",
        "https://example.org/{region}/{lang}/{slug}",
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "de/ar" in result.stdout
    text = pdftotext(out)
    assert (
        "Integrationskurse" in text
        and "https://example.org/staedteregion-aachen/ar/vhs-integrationskurse-aachen" in text
    )


def test_publish_flyer_refuses_a_missing_translation_in_one_line(demo_db, tmp_path):
    result = run_cli(
        "publish",
        "flyer",
        "--db",
        demo_path(demo_db),
        "--offer",
        "3",
        "--lang",
        "ti",
        "--out",
        str(tmp_path / "x.pdf"),
        env={"LOTSE_LANG": "en"},
    )
    line = assert_one_line_error(result)
    assert "Tigrinya" in line and "missing" in line
    assert not (tmp_path / "x.pdf").exists()


def test_publish_brochure_with_a_category(demo_db, tmp_path):
    out = tmp_path / "b.pdf"
    result = run_cli(
        "publish",
        "brochure",
        "--db",
        demo_path(demo_db),
        "--lang",
        "de",
        "--category",
        "wohnen",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "Seiten" in result.stdout
    text = pdftotext(out)
    assert "Wohnen" in text and "Wegweiser für Neuzugewanderte" in text


def test_publish_flyer_refuses_a_qr_address_that_is_no_web_address(demo_db, tmp_path):
    result = run_cli(
        "publish",
        "flyer",
        "--db",
        demo_path(demo_db),
        "--offer",
        "3",
        "--lang",
        "de",
        "--url",
        "integreat.app/{slug}",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert "https://" in assert_one_line_error(result)
