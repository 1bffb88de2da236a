"""XLIFF as Lotse sees it, for writing and reading alike: documents of files (one per offer,
``original`` is its id) of units (title, summary, content), the namespaces, and the names.

Pure format code (no database, no Qt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ITS_NS = "http://www.w3.org/2005/11/its"
LOTSE_NS = "urn:lotse:xliff:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF11 = "urn:oasis:names:tc:xliff:document:1.1"
VERSIONS = ("1.2", "2.0")
FIELDS = ("title", "summary", "content")
# Unit names other tools (and Integreat's older exports) use for our fields.
FIELD_ALIASES = {
    "title": "title",
    "summary": "summary",
    "excerpt": "summary",
    "content": "content",
    "body": "content",
    "text": "content",
}


@dataclass
class XUnit:
    id: str
    source: str  # HTML for content, plain text otherwise (writing); HTML-escaped text (reading)
    target: str | None = None
    notes: list[str] = field(default_factory=list)
    rich: bool = False  # content HTML: write inline elements
    review_status: str | None = None
    # Filled when reading:
    state: str | None = None
    problems: list[str] = field(default_factory=list)  # inline tags that do not match the source


@dataclass
class XFile:
    original: str
    source_language: str
    target_language: str
    units: list[XUnit]
    source_dir: str = "ltr"
    target_dir: str = "ltr"
    region: str | None = None
    label: str = ""  # file name inside a zip, or of the file itself


@dataclass
class XDocument:
    version: str
    files: list[XFile]
    tool: str | None = None


# ------------------------------------------------------------------ names


def file_name(region: str, source: str, target: str, offer_id: int, version: int, slug: str) -> str:
    """Integreat's pattern: ``{region}_{src}_{tgt}_{offer}_{version}_{slug}.xliff``."""
    return f"{region}_{source}_{target}_{offer_id}_{version}_{slug}.xliff"


_NAME = re.compile(
    r"^(?P<region>[a-z0-9-]+)_(?P<src>[A-Za-z-]+)_(?P<tgt>[A-Za-z-]+)_(?P<offer>\d+)_(?P<version>\d+)_(?P<slug>[^/]*)\.(?:xliff|xlf)$"
)


def parse_file_name(name: str) -> dict[str, str] | None:
    match = _NAME.match(name.rsplit("/", 1)[-1])
    return match.groupdict() if match else None


def field_of(unit_id: str) -> str | None:
    """Which of title/summary/content a unit stands for (also Integreat's and other tools' names)."""
    key = unit_id.strip().lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return FIELD_ALIASES.get(key)


def q(ns: str, name: str) -> str:
    """An lxml tag or attribute name in a namespace."""
    return f"{{{ns}}}{name}"


def local(tag: object) -> str:
    """A tag without its namespace ("" for a comment or an entity, whose tag is no string)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# lxml has no type information: its elements are Any
Element = Any


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
