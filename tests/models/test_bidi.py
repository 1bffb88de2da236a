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
    """The reason for all this, checked with Qt's own bidi layout (qapp: one QApplication for the whole run)."""
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
