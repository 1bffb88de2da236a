import html
import re
import sys
import unicodedata

import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from models import richtext
from models.richtext import clean_html, clean_plain, fingerprint, html_to_text, word_count


def test_clean_html_keeps_the_allowed_markup():
    html = (
        '<p>Eins <strong>zwei</strong> <em>drei</em></p><ul><li>a</li></ul><a href="https://x.de">l</a><a '
        'href="mailto:a@b.de">m</a><a href="tel:+49241">t</a>'
    )
    assert clean_html(html) == html


def test_clean_html_removes_scripts_handlers_and_foreign_schemes():
    dirty = (
        '<p onmouseover="steal()">Hi<script>alert(1)</script></p><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">j</a><a href="data:text/html,<script>">d</a><svg '
        "onload=alert(1)></svg>"
        '<iframe src="https://evil"></iframe><style>p{}</style>'
    )
    cleaned = clean_html(dirty)
    for bad in ("script", "onmouseover", "onerror", "javascript", "data:", "svg", "iframe", "img", "style"):
        assert bad not in cleaned, bad
    assert cleaned.startswith("<p>Hi</p>")


def test_plain_fields_lose_markup_and_control_characters():
    assert clean_plain("  <b>Sprach</b>café\x00 \n für  alle ") == "Sprachcafé für alle"


def test_clean_plain_drops_exactly_the_control_characters_but_tab_and_newline():
    # Unicode's control characters (category Cc: C0, DEL and C1) go, every other character stays
    # (whitespace as one space; markup characters have tests of their own)
    for code in range(0x3000):
        ch = chr(code)
        if ch in "<>&":
            continue
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
            expected = "ab"
        else:
            expected = "a b" if ch.isspace() else f"a{ch}b"
        assert clean_plain(f"a{ch}b") == expected, hex(code)


def test_clean_plain_drops_markup_that_was_only_escaped():
    assert clean_plain("Kurs &lt;script&gt;alert(1)&lt;/script&gt; heute") == "Kurs alert(1) heute"
    assert clean_plain("&lt;img src=x onerror=alert(1)") == ""
    assert clean_plain("Kinder &lt; 6 Jahre &amp; Eltern") == "Kinder < 6 Jahre & Eltern"


def test_clean_html_keeps_no_attribute_outside_the_allow_list():
    assert (
        clean_html('<p title="t" lang="de">a</p><a href="https://x.de" title="t">b</a>')
        == '<p>a</p><a href="https://x.de">b</a>'
    )


def test_clean_html_drops_control_characters():
    assert clean_html("<p>a\x08b\x00c\td</p>") == "<p>abc\td</p>"


def test_html_to_text_gives_one_line_per_block():
    assert (
        html_to_text("<p>Erste Zeile</p><ul><li>Punkt&nbsp;1</li><li>Punkt 2</li></ul>")
        == "Erste Zeile\nPunkt 1\nPunkt 2"
    )


def test_fingerprint_ignores_whitespace_markup_and_entities_but_not_words():
    base = fingerprint("Titel", "Kurz", "<p>Wir helfen Ihnen.</p>")
    assert fingerprint(" Titel ", "Kurz", "<p>Wir  <strong>helfen</strong>\nIhnen.</p>") == base
    assert fingerprint("Titel", "Kurz", "<p>Wir&#32;helfen Ihnen.</p>") == base
    assert fingerprint("Titel", "Kurz", "<p>Wir helfen Ihnen nicht.</p>") != base
    # Moving words between title and summary is a change.
    assert fingerprint("Titel Kurz", "", "<p>Wir helfen Ihnen.</p>") != base


def test_word_count_like_integreat():
    assert word_count("Deutsch-Kurs", "<p>Montag: 9 Uhr, Dienstag!</p>") == 6
    assert word_count("", None) == 0


def test_excerpt_is_one_line_without_markup_even_from_escaped_markup():
    from models.richtext import excerpt

    assert (
        excerpt("<p>Eins</p><p>&lt;img src=x onerror=alert(1)&gt; zwei &amp; drei</p>") == "Eins zwei & drei"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<a href='https://x.de' title='t' onclick='x()'>",
                '<a href="javascript:alert(1)">',
                "</a>",
                "<script>alert(1)</script>",
                "<b>",
                "<i lang='de'>",
                "<ul><li>",
                "<!-- c -->",
                "&amp;",
                "&#1;",
                "<br/>",
                "<img src=x onerror=y>",
                "<p><p>",
                "Wort ",
                "\x07",
            ]
        ),
        max_size=12,
    )
)
def test_the_cleaner_built_once_cleans_as_nh3_clean_with_the_allow_lists(parts):
    value = "".join(parts)
    expected = nh3.clean(
        value,
        tags=set(richtext.ALLOWED_TAGS),
        attributes={k: set(v) for k, v in richtext.ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(richtext.ALLOWED_URL_SCHEMES),
        attribute_filter=richtext._only_allowed_attribute,
        link_rel=None,
        strip_comments=True,
    )
    assert richtext._CLEANER.clean(value) == expected


def test_single_spacing_knows_the_whitespace_the_regular_expression_knows():
    space = re.compile(r"\s")
    assert [c for c in range(sys.maxunicode + 1) if bool(space.match(chr(c))) != chr(c).isspace()] == []
    every_space = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    text = f"{every_space}a{every_space}b\u00a0\u2003c{every_space}"
    assert richtext.single_spaced(text) == re.sub(r"\s+", " ", text).strip() == "a b c"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "ü", "u\u0308", " ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "<b>", "&nbsp;"])
    )
)
def test_fingerprint_and_plain_fields_are_as_with_the_regular_expression(parts):
    text = "".join(parts)
    assert (
        richtext.normalise_for_fingerprint(text)
        == re.sub(
            r"\s+", " ", unicodedata.normalize("NFC", html.unescape(re.sub(r"<[^>]*>", " ", text)))
        ).strip()
    )
    unmarked = richtext.without_markup(html.unescape(re.sub(r"<[^>]*>", "", text)))
    assert clean_plain(text) == re.sub(r"\s+", " ", richtext._CC_BUT_TAB_NEWLINE.sub("", unmarked)).strip()
