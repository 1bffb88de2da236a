"""Between Qt's rich text and Lotse's limited HTML (bold, italic, links, lists, paragraphs).

QTextEdit.toHtml() writes spans with inline styles that the allow-list would strip; this
walks the document and writes the few tags the Integreat app shows.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFragment, QTextListFormat

from models.richtext import clean_html


def _fragment_html(fragment: QTextFragment) -> str:
    fmt = fragment.charFormat()
    text = html.escape(fragment.text().replace("\u2028", "\n"), quote=False).replace("\n", "<br>")
    if fmt.fontWeight() >= QFont.Weight.Bold:
        text = f"<strong>{text}</strong>"
    if fmt.fontItalic():
        text = f"<em>{text}</em>"
    if fmt.isAnchor() and fmt.anchorHref():
        text = f'<a href="{html.escape(fmt.anchorHref(), quote=True)}">{text}</a>'
    return text


def block_inner_html(block: QTextBlock) -> str:
    parts = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            parts.append(_fragment_html(fragment))
        iterator += 1
    return "".join(parts).strip()


def document_to_limited_html(document: QTextDocument, inline_only: bool = False) -> str:
    """The document as limited HTML; ``inline_only`` joins blocks with <br> (one segment)."""
    out: list[str] = []
    open_list: tuple[object, str] | None = None
    block = document.begin()
    while block.isValid():
        inner = block_inner_html(block)
        text_list = block.textList()
        if inline_only:
            if inner:
                out.append(inner)
        elif text_list is not None:
            tag = (
                "ol"
                if text_list.format().style()
                in (
                    QTextListFormat.Style.ListDecimal,
                    QTextListFormat.Style.ListLowerAlpha,
                    QTextListFormat.Style.ListUpperAlpha,
                )
                else "ul"
            )
            if open_list is None or open_list[0] is not text_list:
                if open_list:
                    out.append(f"</{open_list[1]}>")
                out.append(f"<{tag}>")
                open_list = (text_list, tag)
            out.append(f"<li>{inner}</li>")
        else:
            if open_list:
                out.append(f"</{open_list[1]}>")
                open_list = None
            if inner:
                out.append(f"<p>{inner}</p>")
        block = block.next()
    if open_list:
        out.append(f"</{open_list[1]}>")
    return clean_html("<br>".join(out) if inline_only else "".join(out))
