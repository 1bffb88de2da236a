"""A text prepared once (bidi runs, markdown emphasis, fallback fonts: export/flyers/preloaded.py)
and asked for again, at the same or another type size, gives the fragments a fresh preparation
gives, and leaves the document's state (directions, emphasis) as a fresh one leaves it."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.flyers.pdf import ShapedPDF

from .test_breaking import paragraphs


def _state(state):
    """The graphics state; the font by its key (each document holds its own copy of a font)."""
    values = {field.name: getattr(state, field.name) for field in fields(state)}
    font = values.pop("current_font")
    return values, (font.fontkey, font.i)


def _fragments(fragments):
    return [(f.characters, _state(f.graphics_state), f.k, f.link) for f in fragments]


def _prepared(pdf, language, text, size, bold, color):
    pdf.use(language, size, bold)
    pdf.set_text_color(*color)
    fragments = pdf._preload_bidirectional_text(text, True)
    shaping = pdf.text_shaping or {}
    state = (shaping.get("paragraph_direction"), shaping.get("fragment_direction"))
    return _fragments(fragments), state, getattr(pdf, "_markdown_emphasis", None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs(), st.sampled_from([7.0, 9.5, 10.0, 14.0]), st.sampled_from([(30, 30, 30), (90, 90, 90)]))
def test_a_remembered_preparation_is_a_fresh_one(paragraph, other_size, color):
    language, text, size, bold, _, _ = paragraph
    remembering = ShapedPDF("a4", language="de")
    remembering.add_page()
    first = _prepared(remembering, language, text, size, bold, color)
    remembering._preload_bidirectional_text("**fett** und nicht", True)  # something else between
    again = _prepared(remembering, language, text, size, bold, color)
    resized = _prepared(remembering, language, text, other_size, bold, color)
    fresh = ShapedPDF("a4", language="de")
    fresh.add_page()
    assert again == first == _prepared(fresh, language, text, size, bold, color)
    fresh = ShapedPDF("a4", language="de")
    fresh.add_page()
    assert resized == _prepared(fresh, language, text, other_size, bold, color)
