"""Limited HTML as a list of blocks (paragraphs and list items), and back.

The review screen aligns source and translation block by block and lets the
reviewer edit one block; joining the blocks gives the same HTML structure back.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from .richtext import html_to_text


@dataclass(frozen=True)
class Block:
    kind: str  # "p", or "ul"/"ol" for a list item of that list
    inner_html: str  # the markup inside the block (bold, italic, links)
    list_id: int = 0  # list items of the same list share it

    @property
    def text(self) -> str:
        return html_to_text(self.inner_html)


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self._list_kind: str | None = None
        self._list_id = 0
        self._current: list[str] | None = None
        self._current_kind = "p"
        self._depth_in_block = 0

    def _open(self, kind: str) -> None:
        self._flush()
        self._current, self._current_kind = [], kind

    def _flush(self) -> None:
        if self._current is not None:
            inner = "".join(self._current).strip()
            if inner:
                list_id = self._list_id if self._current_kind in ("ul", "ol") else 0
                self.blocks.append(Block(self._current_kind, inner, list_id))
        self._current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self._list_kind = tag
            self._list_id += 1
        elif tag == "li":
            self._open(self._list_kind or "ul")
        elif tag == "p":
            self._open("p")
        else:
            if self._current is None:
                self._open("p")
            attributes = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs)
            self._current.append(f"<{tag}{attributes}>" if tag != "br" else "<br>")

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_kind = None
        elif tag != "br" and self._current is not None:
            self._current.append(f"</{tag}>")

    def handle_data(self, data):
        if self._current is None:
            if not data.strip():
                return
            self._open("p")
        self._current.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def close(self):
        super().close()
        self._flush()


def split_blocks(content_html: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(content_html or "")
    parser.close()
    return parser.blocks


def join_blocks(blocks: list[Block]) -> str:
    out: list[str] = []
    open_list: tuple[str, int] | None = None
    for block in blocks:
        if block.kind in ("ul", "ol"):
            if open_list != (block.kind, block.list_id):
                if open_list:
                    out.append(f"</{open_list[0]}>")
                out.append(f"<{block.kind}>")
                open_list = (block.kind, block.list_id)
            out.append(f"<li>{block.inner_html}</li>")
        else:
            if open_list:
                out.append(f"</{open_list[0]}>")
                open_list = None
            out.append(f"<p>{block.inner_html}</p>")
    if open_list:
        out.append(f"</{open_list[0]}>")
    return "".join(out)


def replace_block(blocks: list[Block], index: int, inner_html: str) -> list[Block]:
    changed = list(blocks)
    changed[index] = replace(changed[index], inner_html=inner_html)
    return changed
