import pytest

from models.languages import UnknownLanguageError, display_name, language_info


@pytest.mark.parametrize(
    "code,direction,native",
    [
        ("de", "ltr", "Deutsch"),
        ("ar", "rtl", "العربية"),
        ("fa", "rtl", "فارسی"),
        ("prs", "rtl", "دری"),
        ("ps", "rtl", "پښتو"),
        ("uk", "ltr", "Українська"),
        ("ti", "ltr", "ትግርኛ"),
        ("tr", "ltr", "Türkçe"),
    ],
)
def test_names_and_directions_come_from_cldr(code, direction, native):
    info = language_info(code)
    assert info.direction == direction and info.native_name == native


def test_dari_has_an_afghan_bcp47_tag():
    assert language_info("prs").bcp47_tag == "fa-AF"


def test_display_names_in_the_ui_language():
    assert display_name("ar", "de") == "Arabisch" and display_name("ar", "en") == "Arabic"


def test_unknown_codes_are_refused_with_a_hint():
    with pytest.raises(UnknownLanguageError, match="ISO 639"):
        language_info("xx-nonsense")
