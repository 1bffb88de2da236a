"""A pretend translation agency: fills every target of an XLIFF file the way a CAT tool does
(inline tags kept where they are, text replaced), for round-trip tests."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"


def _translate_text(element, say) -> None:
    for node in element.iter():
        if node.text and node.text.strip():
            node.text = say(node.text)
        if node is not element and node.tail and node.tail.strip():
            node.tail = say(node.tail)


def translate_xliff(data: bytes, say=lambda text: f"«{text.strip()}»", edit=None) -> bytes:
    root = etree.fromstring(data)
    ns = root.nsmap.get(None)
    if ns == XLIFF12:
        for unit in root.iter(f"{{{ns}}}trans-unit"):
            source = unit.find(f"{{{ns}}}source")
            old = unit.find(f"{{{ns}}}target")
            target = copy.deepcopy(source)
            target.tag = f"{{{ns}}}target"
            target.set("state", "translated")
            _translate_text(target, say)
            if old is not None:
                unit.replace(old, target)
            else:
                source.addnext(target)
            if edit:
                edit(unit.get("id"), target)
    else:
        for segment in root.iter(f"{{{ns}}}segment"):
            source = segment.find(f"{{{ns}}}source")
            old = segment.find(f"{{{ns}}}target")
            target = copy.deepcopy(source)
            target.tag = f"{{{ns}}}target"
            _translate_text(target, say)
            if old is not None:
                segment.replace(old, target)
            else:
                source.addnext(target)
            segment.set("state", "translated")
            if edit:
                edit(segment.getparent().get("id"), target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def translate_path(path: Path, out: Path, **kwargs) -> Path:
    """Translate an exported .xliff or every file in an exported .zip."""
    if path.suffix == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
            for name in source.namelist():
                target.writestr(name, translate_xliff(source.read(name), **kwargs))
        out.write_bytes(buffer.getvalue())
    else:
        out.write_bytes(translate_xliff(path.read_bytes(), **kwargs))
    return out
