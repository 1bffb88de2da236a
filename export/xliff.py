"""XLIFF 1.2 and 2.0: writing offers for a translation agency, reading what comes back.

One module per job: ``xliff_model`` (documents, files, units, names), ``xliff_write`` (writing),
``xliff_read`` (streamed reading), ``xliff_inline`` / ``xliff_inline_read`` (HTML as inline
elements and back). This module names what callers use.
"""

from __future__ import annotations

from .xliff_model import (
    FIELD_ALIASES,
    FIELDS,
    VERSIONS,
    XDocument,
    XFile,
    XUnit,
    field_of,
    file_name,
    parse_file_name,
)
from .xliff_read import XliffFiles, read_xliff, read_xliff_stream
from .xliff_write import write_xliff

__all__ = [
    "FIELDS",
    "FIELD_ALIASES",
    "VERSIONS",
    "XliffFiles",
    "XDocument",
    "XFile",
    "XUnit",
    "field_of",
    "file_name",
    "parse_file_name",
    "read_xliff",
    "read_xliff_stream",
    "write_xliff",
]
