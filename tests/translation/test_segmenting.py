"""Segmenting and placeholders: putting back an unchanged translation gives the source again,
for any mix of sentences, markup, numbers, addresses and terms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.translation.segmenting import restore, template, text_templates
from models.richtext import clean_html

PIECES = [
    "Wir beraten Sie",
    "kostenlos",
    "z. B. am Montag",
    "um 9:30 Uhr",
    "unter 0241 123456",
    "per E-Mail an info@example.org",
    "auf https://example.org/a?b=1",
    "für 5 €",
    "am 01.12.2026",
    "im Jobcenter",
    "Ärger & Sorgen",
    "„Zitat“",
    "1. Etage",
    "Nr. 5",
]
ENDS = [".", "!", "?", ":", ""]


@st.composite
def paragraphs(draw):
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))
        if draw(st.booleans()):
            i = draw(st.integers(0, len(words) - 1))
            words[i] = f"<strong>{words[i]}</strong>"
        sentences.append(" ".join(words) + draw(st.sampled_from(ENDS)))
    return clean_html("<p>" + " ".join(sentences) + "</p>")


@settings(max_examples=150, deadline=None)
@given(paragraphs())
def test_an_unchanged_translation_restores_the_source_exactly(content):
    templates = text_templates("Titel 0241 123456", "Kurz & gut.", content, [("Jobcenter", None)])
    filled = {}
    for key, part in templates.all():
        pieces = {}
        for index, segment in enumerate(part.segments):
            restored = restore(segment, segment.masked)
            assert restored.damaged == []
            pieces[index] = restored.html
        filled[key] = part.fill(pieces)
    values = templates.build(filled)
    assert values["content"] == content
    assert values["title"] == "Titel 0241 123456" and values["summary"] == "Kurz & gut."


def test_sentences_split_but_not_after_abbreviations_or_ordinals():
    masked = [
        s.masked for s in template("Wir beraten z. B. in der 1. Etage. Kommen Sie! Fragen? Gern.").segments
    ]
    assert masked == ["Wir beraten z. B. in der 1. Etage.", "Kommen Sie!", "Fragen?", "Gern."]


def test_the_same_sentence_with_another_number_is_the_same_segment():
    a = template("Rufen Sie 0241 123456 an.").segments[0]
    b = template("<strong>Hallo.</strong> Rufen Sie 02402 98765 an.").segments[-1]
    assert a.masked == b.masked == "Rufen Sie ⟦1⟧ an."
    assert restore(b, "Call ⟦1⟧.").html == "Call 02402 98765."
