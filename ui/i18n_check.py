"""``python -m ui.i18n_check [--update]``: the interface strings (``_("…")`` in ui/) that
have no German translation yet; ``--update`` adds them to resources/i18n/de.po, empty,
for a translator to fill in."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .i18n import catalog_path

UI_DIR = Path(__file__).parent


def interface_strings() -> list[str]:
    found: dict[str, None] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(UI_DIR), method_map=[("**.py", "python")], keywords={"_": None}
    ):
        if isinstance(message, str):
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
    return [m for m in interface_strings() if not (catalog.get(m) and catalog.get(m).string)]


def write_catalog(catalog: Catalog, language: str = "de") -> None:
    path = catalog_path(language)
    temporary = path.with_suffix(".po.tmp")
    with temporary.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=False)
    temporary.replace(path)


def main(argv: list[str]) -> int:
    absent = missing()
    for message in absent:
        print(message)
    if "--update" in argv and absent:
        catalog = read_catalog()
        for message in absent:
            catalog.add(message, "")
        write_catalog(catalog)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
