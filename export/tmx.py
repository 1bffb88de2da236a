"""TMX 1.4b, read and written without Qt or the database: a list of translation units.

Reading is safe against hostile files: no DTD entities (billion laughs, external
entities) are expanded, nothing is fetched from the network, and the size is limited.
Writing is atomic (a temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from models.i18n import N_

from .safe_archive import check_size
from .safe_input import MAX_XML_BYTES, InputRejected, Readable, atomic_write, forget, stream_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMAT_VERSION = "1.4"
MAX_BYTES = MAX_XML_BYTES
_INLINE_CODE = {"bpt", "ept", "ph", "it", "ut"}


class TmxError(InputRejected):
    """The file is not TMX Lotse can read (or is unsafe to read); ``de`` and ``en`` say why."""


@dataclass
class TranslationUnit:
    source_language: str
    target_language: str
    source: str
    target: str
    created: datetime | None = None
    creator: str = ""
    properties: dict[str, str] = field(default_factory=dict)


def _stamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _parse_stamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def tmx_bytes(units: list[TranslationUnit], *, source_language: str = "de", tool_version: str = "") -> bytes:
    root = etree.Element("tmx", version=FORMAT_VERSION)
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "Lotse",
            "creationtoolversion": tool_version or "1",
            "segtype": "sentence",
            "o-tmf": "Lotse",
            "adminlang": "en",
            "srclang": source_language,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        attributes = {}
        if unit.created:
            attributes["creationdate"] = _stamp(unit.created)
        if unit.creator:
            attributes["creationid"] = unit.creator
        tu = etree.SubElement(body, "tu", attributes)
        for name, value in sorted(unit.properties.items()):
            prop = etree.SubElement(tu, "prop", type=name)
            prop.text = value
        for language, text in ((unit.source_language, unit.source), (unit.target_language, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tmx(
    path: str | os.PathLike,
    units: list[TranslationUnit],
    *,
    source_language: str = "de",
    tool_version: str = "",
) -> None:
    atomic_write(Path(path), tmx_bytes(units, source_language=source_language, tool_version=tool_version))


def _seg_text(seg) -> str:
    parts = [seg.text or ""]
    for child in seg:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag not in _INLINE_CODE and isinstance(child.tag, str):
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _units(tu, source_language: str | None) -> list[TranslationUnit]:
    """The pairs one ``<tu>`` holds: its source variant with each other variant."""
    variants = [(tuv.get(XML_LANG) or tuv.get("lang") or "", tuv.find("seg")) for tuv in tu.findall("tuv")]
    texts = [(lang, _seg_text(seg)) for lang, seg in variants if lang and seg is not None]
    if len(texts) < 2:
        return []
    source_lang = tu.get("srclang") or source_language
    if not source_lang or source_lang == "*all*" or not any(lang == source_lang for lang, _ in texts):
        source_lang = texts[0][0]
    source = next(text for lang, text in texts if lang == source_lang)
    properties = {p.get("type", ""): p.text or "" for p in tu.findall("prop")}
    return [
        TranslationUnit(
            source_lang,
            lang,
            source,
            text,
            _parse_stamp(tu.get("creationdate")),
            tu.get("creationid") or "",
            dict(properties),
        )
        for lang, text in texts
        if lang != source_lang
    ]


def iter_tmx(stream: Readable, name: str = "TMX") -> Iterator[TranslationUnit]:
    """The translation units of a TMX document, each as its ``<tu>`` has been read (streamed:
    memory holds one ``<tu>``, not the document). Refused like :func:`parse_xml` refuses: size,
    entity declarations, undeclared entities; TmxError says why."""
    source_language: str | None = None
    root = None
    try:
        for element in stream_xml(stream, name, MAX_BYTES):
            if root is None:
                root = element.getroottree().getroot()
                if etree.QName(root).localname != "tmx":
                    tag = etree.QName(root).localname
                    raise TmxError(
                        N_("the root element is <{tag}>, not <tmx>", tag=tag),
                    )
            tag = etree.QName(element).localname
            if tag == "header" and element.getparent() is root:
                source_language = element.get("srclang")
            elif tag == "tu":
                yield from _units(element, source_language)
                forget(element)
    except TmxError:
        raise
    except InputRejected as exc:
        raise TmxError(exc.text) from None


def parse_tmx(data: bytes) -> list[TranslationUnit]:
    return list(iter_tmx(io.BytesIO(data)))


def read_tmx(path: str | os.PathLike) -> Iterator[TranslationUnit]:
    """The units of a TMX file as they are read; the size is checked before a byte is read."""
    target = Path(path)
    try:
        check_size(target, MAX_BYTES)
    except InputRejected as exc:
        raise TmxError(exc.text) from None
    with open(target, "rb") as handle:
        yield from iter_tmx(handle, target.name)
