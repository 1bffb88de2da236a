"""Translations of pages for a hosted Integreat CMS: XLIFF 1.2 exactly as the CMS's own page
XLIFF export writes it and its import reads it (``integreat_cms/xliff/xliff1_serializer.py``,
release 2026.10), so that its upload form takes the file.

What the CMS requires, from its code: one ``<file>`` per page with ``original`` = the CMS page's
own id (not a translation id; the page is looked up by it). The public API shows that id only
for pages with children (as their ``parent.id``); for the others the file carries the page's
path in an ``<external-file href>``, which the importer resolves when ``original`` is not a
page id (its WPML route: region, language and the last slug of the path). ``source-language`` and
``target-language`` as the region's BCP 47 tags (the source being the target's parent in the
CMS's language tree), trans-units whose ``resname`` is a field of its page translation (only
``title`` and ``content``: any other unit, e.g. a summary, makes the whole file fail), and the
HTML in CDATA (the importer reads the target's text; inline XLIFF tags would lose the markup).
File names as the CMS's export makes them: ``{region}_{src}_{tgt}_{page id}_{version}_{slug}.xliff``
(the importer does not read them). Pure: no database, no files.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from export.safe_input import zip_bytes

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass(frozen=True)
class CmsPageText:
    """One page's text in a target language, with its source, as the CMS identifies them."""

    page_id: int | None  # the CMS page's own id, when known
    source_code: str  # language slugs (file names) and BCP 47 tags (inside the file)
    target_code: str
    source_tag: str
    target_tag: str
    source_title: str
    source_content: str
    target_title: str
    target_content: str
    slug: str = ""  # the source's slug, for the file name
    source_version: int = 1
    page_path: str | None = None  # /{region}/{source language}/…/{slug}/ of the page in the CMS


def _cdata(text: str) -> str:
    # "]]>" cannot stand inside CDATA: end the section and start a new one around the ">".
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _unit(name: str, source: str, target: str) -> str:
    return (
        f'<trans-unit id="{name}" resname="{name}" restype="string" datatype="html">'
        f"<source>{_cdata(source)}</source><target>{_cdata(target)}</target></trans-unit>"
    )


def _original(text: CmsPageText) -> str:
    if text.page_id is not None:
        return str(int(text.page_id))
    if not text.page_path:
        raise ValueError("a page needs its CMS id or its CMS path")
    return text.page_path  # not a number: the importer then follows the external-file reference


def xliff_document(text: CmsPageText) -> bytes:
    """One page as the CMS's XLIFF 1.2 (with the header its export writes for memoQ)."""
    reference = (
        f"<reference><external-file href={quoteattr(text.page_path)}/></reference>" if text.page_path else ""
    )
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<xliff version="1.2" xmlns="{NAMESPACE}">',
        f'<file original={quoteattr(_original(text))} datatype="plaintext"'
        f" source-language={quoteattr(text.source_tag)} target-language={quoteattr(text.target_tag)}>",
        "<header><phase-group>"
        '<phase phase-name="shortcodes" process-name="Shortcodes identification"/>'
        '<phase phase-name="post_type" process-name="Post type"/>'
        f"</phase-group>{reference}</header><body>",
        _unit("title", text.source_title, text.target_title),
        _unit("content", text.source_content, text.target_content),
        "</body></file></xliff>\n",
    ]
    return "".join(parts).encode("utf-8")


def _name_part(value: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in value)[:80] or "page"


def file_name(region: str, text: CmsPageText) -> str:
    return (
        f"{_name_part(region)}_{_name_part(text.source_code)}_{_name_part(text.target_code)}_"
        f"{text.page_id if text.page_id is not None else 'url'}_{int(text.source_version)}_"
        f"{_name_part(text.slug)}.xliff"
    )


def xliff_zip(region: str, texts: list[CmsPageText]) -> bytes:
    """A zip of one XLIFF file per page, as the CMS's multi-page export gives them."""
    return zip_bytes([(file_name(region, t), xliff_document(t)) for t in texts])
