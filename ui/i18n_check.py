"""``python -m ui.i18n_check [--update]``: the texts (``_("…")`` and ``N_("…")`` in ui/,
desktop/, models/ and export/) that have no German translation yet; ``--update`` adds every
new text to resources/i18n/de.po (empty, for a translator to fill in) and en.po (empty: the
English text stays as written unless someone words it differently there)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from models.i18n import catalog_path, reload_catalogs

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("ui", "desktop", "models", "export")
KEYWORDS = {"_": None, "N_": None}


def interface_strings() -> list[str]:
    found: dict[str, None] = {}
    for folder in SOURCE_DIRS:
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, tuple):  # N_("text", name=value): the first argument
                message = message[0]
            if isinstance(message, str) and message:
                found.setdefault(message, None)
    return list(found)


def read_catalog(language: str = "de") -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, project="Lotse")
    with path.open("rb") as handle:
        return read_po(handle)


def missing(language: str = "de") -> list[str]:
    catalog = read_catalog(language)
    return [m for m in interface_strings() if not ((entry := catalog.get(m)) and entry.string)]


def write_catalog(catalog: Catalog, language: str = "de") -> None:
    path = catalog_path(language)
    temporary = path.with_suffix(".po.tmp")
    with temporary.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=False)
    temporary.replace(path)


def update(language: str) -> int:
    """Add the texts the catalogue does not list yet; returns how many."""
    catalog = read_catalog(language)
    new = [m for m in interface_strings() if catalog.get(m) is None]
    for message in new:
        catalog.add(message, "")
    if new:
        write_catalog(catalog, language)
        reload_catalogs()
    return len(new)


def main(argv: list[str]) -> int:
    absent = missing()
    for message in absent:
        print(message)
    if "--update" in argv:
        for language in ("de", "en"):
            added = update(language)
            if added:
                print(f"{catalog_path(language).name}: {added} new", file=sys.stderr)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
