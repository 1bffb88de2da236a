"""Rich-text renderings for the review screen: word diffs and highlighted differences."""

from __future__ import annotations

import html

from models.meaning import DiffSpan

INSERT_STYLE = "background-color:#C8F0C8;"
DELETE_STYLE = "background-color:#F8C8C8;text-decoration:line-through;"


def diff_to_html(spans: list[DiffSpan]) -> str:
    parts = []
    for span in spans:
        text = html.escape(span.text).replace("\n", "<br>")
        if span.op == "insert":
            parts.append(f'<span style="{INSERT_STYLE}">{text}</span>')
        elif span.op == "delete":
            parts.append(f'<span style="{DELETE_STYLE}">{text}</span>')
        else:
            parts.append(text)
    return "".join(parts)


def highlight_terms(text: str, terms: list[str], colour: str = "#FFE08A") -> str:
    """Escape ``text`` and mark each occurrence of the given terms."""
    escaped = html.escape(text)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        safe = html.escape(term)
        escaped = escaped.replace(safe, f'<span style="background-color:{colour};">{safe}</span>')
    return escaped
