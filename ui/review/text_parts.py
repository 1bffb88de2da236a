"""The parts of the review screen made from one text: its title and status line, the notes
above the segments, the column headings, the second language's segments and what the checks
found. Plain functions of the data, so the screen only places them."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.context import AppContext
from desktop.offers import get_offer
from desktop.review.assist import SegmentFinding
from desktop.review.queue import QueueItem
from desktop.review.segments import ReviewText
from desktop.translation.text_parts import plain_parts
from models.blocks import split_blocks
from models.languages import language_info
from models.tables import ReviewNote
from models.vocabulary import STATUS_LABELS

from ..i18n import _, render
from ..icons import STATUS_COLOURS
from .kind_label import kind_label
from .segment_row import SegmentRow, segment_label


def title_html(review: ReviewText, item: QueueItem, position: str) -> str:
    kind = kind_label(item.kind, item.when)  # "Information page", "Event on …"
    return (
        (f"<span style='color:#2E6DA4'>{html.escape(kind)}</span> &nbsp; " if kind else "")
        + f"<b>{html.escape(review.source.title)}</b> &nbsp; {html.escape(review.source_code)} → "
        f"<b>{html.escape(item.language_code)}</b> &nbsp; <span style='color:#666'>({position}, "
        f"#{item.offer_id})</span>"
    )


def status_html(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#000")
    return (
        f"<span style='color:white;background:{colour};padding:2px 6px;'>"
        f"{html.escape(render(STATUS_LABELS.get(status, status)))}</span>"
    )


def notes_lines(notes: Sequence[ReviewNote], aligned: bool) -> list[str]:
    """The open notes of earlier reviewers, and a word when the paragraphs do not line up."""
    lines = [html.escape(f"{n.author}: {n.comment}") for n in notes]
    if not aligned:
        lines.append(
            html.escape(
                _("The paragraphs of source and translation do not match; the content is shown as a whole.")
            )
        )
    return lines


def column_headings(review: ReviewText, pivot_code: str | None) -> QWidget:
    headings = QWidget()
    row = QHBoxLayout(headings)
    row.setContentsMargins(10, 0, 10, 0)
    names = [
        (language_info(review.source_code).native_name + " (" + _("Source") + ")", 5),
        (language_info(review.language_code).native_name, 6),
    ]
    if pivot_code:
        names.append((language_info(pivot_code).native_name, 4))
    for name, stretch in names:
        label = QLabel(f"<b>{html.escape(name)}</b>")
        row.addWidget(label, stretch)
    return headings


def pivot_segments(context: AppContext, review: ReviewText, pivot_code: str | None) -> dict[str, str] | None:
    """The second language's words by segment key; None when no second language is shown."""
    if not pivot_code or pivot_code == review.language_code:
        return None
    text = get_offer(context.db, review.offer_id).texts.get(pivot_code)
    if text is None or not (text.title or text.content):
        return {}
    pivot = {"title": text.title, "summary": text.summary}
    for index, block in enumerate(split_blocks(text.content)):
        pivot[f"content:{index}"] = block.text
    pivot.update(plain_parts(text))  # the cost and the contacts' areas
    return pivot


def findings_lines(flagged: Sequence[tuple[SegmentRow, SegmentFinding]]) -> list[str]:
    """What the checks found, one line per finding, named by the segment."""
    lines = ["<b>⚠ " + html.escape(_("Checks failed")) + ":</b>"]
    lines += [
        f"{html.escape(segment_label(row.segment))}: {html.escape(finding.message())}"
        for row, finding in flagged
    ]
    return lines
