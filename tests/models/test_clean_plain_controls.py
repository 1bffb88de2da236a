"""``clean_plain`` drops Unicode's control characters but tab and newline by one regular
expression; it must take exactly the characters ``unicodedata`` calls "Cc", every one of them."""

from __future__ import annotations

import sys
import unicodedata

from models.richtext import _CC_BUT_TAB_NEWLINE, clean_plain


def test_the_control_expression_is_unicodes_control_category_but_tab_and_newline():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        wanted = unicodedata.category(char) == "Cc" and char not in "\t\n"
        assert (_CC_BUT_TAB_NEWLINE.fullmatch(char) is not None) == wanted, hex(code)


def test_clean_plain_keeps_text_and_drops_controls():
    assert clean_plain("Kurs\x00 für\x85 Frauen\r\u200b\x9f") == "Kurs für Frauen\u200b"
    assert clean_plain("a\tb\nc") == "a b c"
