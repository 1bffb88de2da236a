from models.bidi import LRM, isolate_ltr_runs, isolate_ltr_runs_html, strip_marks

AR = "يمكنك حجز موعد على الرقم 0241 94927-310 أو عبر البريد mbe@caritas-aachen.example من 9:00 إلى 12:00"


def test_runs_are_wrapped_and_the_text_is_otherwise_unchanged():
    wrapped = isolate_ltr_runs(AR)
    assert f"{LRM}0241 94927-310{LRM}" in wrapped
    assert f"{LRM}mbe@caritas-aachen.example{LRM}" in wrapped
    assert f"{LRM}9:00{LRM}" in wrapped
    assert strip_marks(wrapped) == AR
    assert isolate_ltr_runs(wrapped) == wrapped  # idempotent


def test_html_tags_and_attributes_are_left_alone():
    html = '<p>اتصل <a href="tel:+492419492730">0241 94927-30</a></p>'
    assert (
        isolate_ltr_runs_html(html) == f'<p>اتصل <a href="tel:+492419492730">{LRM}0241 94927-30{LRM}</a></p>'
    )


def test_qt_shows_the_phone_number_in_its_own_order_once_wrapped(qapp):
    """The reason for all this, checked with Qt's own bidi layout (qapp: one QApplication for the
    whole run)."""
    from PySide6.QtGui import QTextLayout

    def visual_digits(text: str) -> str:
        layout = QTextLayout(text)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        # Visual order: sort the characters by their x position.
        positions = []
        for index, char in enumerate(text):
            if char.isdigit() or char == "-":
                x = line.cursorToX(index)[0]
                positions.append((x, char))
        return "".join(c for _x, c in sorted(positions))

    plain = "على الرقم 0241 94927-310 أو"
    assert visual_digits(plain) != "024194927-310"  # garbled without marks
    assert visual_digits(isolate_ltr_runs(plain)) == "024194927-310"


def test_latin_runs_in_right_to_left_text_are_isolated_whole():
    from models.bidi import LRI, PDI, isolate_latin_runs, isolate_value

    def shown(text):
        return text.replace(LRI, "[").replace(PDI, "]").replace("\u2068", "{")

    assert shown(isolate_latin_runs("العنوان: Peterstraße 21, 52062 Aachen")) == (
        "العنوان: [Peterstraße 21, 52062 Aachen]"
    )
    assert shown(isolate_latin_runs("الرسوم 2,29 € لكل ساعة")) == "الرسوم [2,29 €] لكل ساعة"
    assert shown(isolate_latin_runs("اتصل على +49 241 4792-140.")) == "اتصل على [+49 241 4792-140]."
    assert shown(isolate_latin_runs("في (VHS Nordkreis) و https://a.example/ar/ ،")) == (
        "في [(VHS Nordkreis)] و [https://a.example/ar/] ،"
    )
    # Bare numbers stay with the Arabic text; Persian digits are the text's own.
    assert isolate_latin_runs("من 15 إلى 17 و ۱۲") == "من 15 إلى 17 و ۱۲"
    once = isolate_latin_runs("في Kapitelstraße 3")
    assert isolate_latin_runs(once) == once
    assert shown(isolate_value("Kursgebühr 2,29 € pro Stunde.")) == "{[Kursgebühr 2,29 € pro Stunde].]"
