"""fpdf2's preparation of a text (bidi runs, markdown emphasis, a fallback font per glyph)
remembered per document and reused at another type size.

A flyer measures its paragraphs at up to four sizes and a brochure writes the same labels on
every page; the preparation (``_preload_bidirectional_text``) was a third of a flyer's time and
depends on the size only through the size each fragment's graphics state carries. The same text
in the same state but for the size gets the remembered fragments with the size put in: the
fragments a fresh preparation makes. What the preparation leaves in the document's state (the
paragraph's and last run's direction, the markdown emphasis) is replayed.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fpdf.graphics_state import GraphicsState
from fpdf.line_break import Fragment

_FIELDS = tuple(f.name for f in fields(GraphicsState) if f.name not in ("font_size_pt", "text_shaping"))
# Set by the preparation itself before it reads them: not part of what it depends on.
_OUTPUTS = ("paragraph_direction", "fragment_direction")
_UNSET = object()


def state_key(state: GraphicsState) -> tuple[Any, ...] | None:
    """Everything of the graphics state the preparation depends on except the type size, or
    None when a value cannot be compared by hashing (then nothing is remembered)."""
    values: list[Any] = [getattr(state, name) for name in _FIELDS]
    values[_FIELDS.index("dash_pattern")] = tuple(sorted((state.dash_pattern or {}).items()))
    shaping = state.text_shaping or {}
    values.append(
        tuple(
            (name, tuple(sorted(value.items())) if isinstance(value, dict) else value)
            for name, value in sorted(shaping.items())
            if name not in _OUTPUTS
        )
    )
    key = tuple(values)
    try:
        hash(key)
    except TypeError:
        return None
    return key


class Preloaded:
    """One document's prepared texts."""

    def __init__(self) -> None:
        self._known: dict[tuple[Any, ...], tuple[float, tuple[Fragment, ...], dict[str, Any], Any]] = {}

    def get(self, pdf: Any, key: tuple[Any, ...]) -> tuple[Fragment, ...] | None:
        known = self._known.get(key)
        if known is None:
            return None
        size, fragments, directions, emphasis = known
        if pdf.text_shaping:
            pdf.text_shaping.update(directions)
        if emphasis is not _UNSET:
            pdf._markdown_emphasis = emphasis
        if size == pdf.font_size_pt:
            return fragments
        resized = []
        for fragment in fragments:
            state = fragment.graphics_state.copy()
            state.font_size_pt = pdf.font_size_pt
            resized.append(Fragment(list(fragment.characters), state, fragment.k, fragment.link))
        return tuple(resized)

    def put(
        self, pdf: Any, key: tuple[Any, ...], fragments: tuple[Fragment, ...], emphasis_before: Any
    ) -> None:
        if any(type(f) is not Fragment for f in fragments):
            return
        after = getattr(pdf, "_markdown_emphasis", _UNSET)
        directions = (
            {name: (pdf.text_shaping or {}).get(name) for name in _OUTPUTS} if pdf.text_shaping else {}
        )
        self._known[key] = (
            pdf.font_size_pt,
            fragments,
            directions,
            _UNSET if after is emphasis_before else after,
        )
