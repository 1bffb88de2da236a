"""``python -m ui.i18n_check [--update]``: the texts (``_("…")`` and ``N_("…")`` in ui/,
desktop/, models/ and export/) that have no German translation yet; ``--update`` adds every
new text to resources/i18n/de.po (empty, for a translator to fill in) and en.po (empty: the
English text stays as written unless someone words it differently there). It also names German
translations that different texts share (``shared_translations``)."""

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


# Different English texts that may share one German translation, each with its reason. Any other
# pair is a finding: a person reading German could not tell the two apart (the role "Reviewer"
# and the action "Review" were both "Prüfen" in the people dialog), and the language switch
# has to guess which one a window meant.
ALLOWED_SHARED = {
    frozenset({"Lang", "Language"}): "an abbreviation of the same word; German has no shorter one",
    frozenset({"all", "every"}): "German says “alle” for both",
    frozenset({"Organization", "Organizations"}): "“Träger” is singular and plural",
    frozenset({"checked and approved", "checked and approved ones"}): "the same choice, worded twice",
    frozenset({"approved only", "approved ones only"}): "the same choice, worded twice",
}


def _same_words(msgids: set[str]) -> bool:
    """ "Title" and "title", "Name" and "Name:": one word written in two places."""
    return len({m.lower().rstrip(":.…").strip() for m in msgids}) == 1


def shared_translations(language: str = "de") -> dict[str, list[str]]:
    """The translations that different texts of the code share (translation -> its msgids),
    except one word in two spellings and the pairs ``ALLOWED_SHARED`` lets through."""
    catalog, used = read_catalog(language), set(interface_strings())
    by_translation: dict[str, set[str]] = {}
    for entry in catalog:
        if isinstance(entry.id, str) and entry.id in used and isinstance(entry.string, str) and entry.string:
            by_translation.setdefault(entry.string, set()).add(entry.id)
    return {
        text: sorted(msgids)
        for text, msgids in sorted(by_translation.items())
        if len(msgids) > 1 and not _same_words(msgids) and frozenset(msgids) not in ALLOWED_SHARED
    }


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
    shared = shared_translations()
    for text, msgids in shared.items():
        print(f"“{text}” translates several texts: " + ", ".join(f"“{m}”" for m in msgids))
    if "--update" in argv:
        for language in ("de", "en"):
            added = update(language)
            if added:
                print(f"{catalog_path(language).name}: {added} new", file=sys.stderr)
    return 1 if absent or shared else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
