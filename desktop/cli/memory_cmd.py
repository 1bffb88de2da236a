"""``lotse memory export|import`` (TMX) and ``lotse glossary list|add|remove``."""

from __future__ import annotations

from models.i18n import N_, _

from ..db import open_database
from ..errors import default_language
from .output import print_json, print_table


def register(sub, common) -> None:
    mem = sub.add_parser("memory", parents=[common], help="the translation memory: export and import TMX")
    verbs = mem.add_subparsers(dest="verb", metavar="VERB", required=True)
    export = verbs.add_parser("export", parents=[common], help="write the memory as a TMX file")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--lang", metavar="CODE", help="only this target language")
    export.set_defaults(func=run_export)
    imp = verbs.add_parser("import", parents=[common], help="add a TMX file's segments to the memory")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=run_import)

    glossary = sub.add_parser(
        "glossary", parents=[common], help="terms kept as they are or always translated as given"
    )
    verbs = glossary.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", parents=[common], help="list the terms")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_glossary_list)
    add = verbs.add_parser("add", parents=[common], help="add or change a term")
    add.add_argument("term")
    add.add_argument("--lang", default="*", metavar="CODE", help="target language (default: every language)")
    add.add_argument(
        "--as", dest="translation", metavar="TEXT", help="always translate as this (default: keep as is)"
    )
    add.set_defaults(func=run_glossary_add)
    remove = verbs.add_parser("remove", parents=[common], help="remove a term by its id")
    remove.add_argument("id", type=int)
    remove.set_defaults(func=run_glossary_remove)
    from .glossary_files_cmd import register_verbs  # export|import as TBX or CSV

    register_verbs(verbs, common)


def _open(args):
    return open_database(args.db, create=False)


def run_export(args) -> int:
    from ..translation.tmx_io import export_memory

    db = _open(args)
    try:
        count = export_memory(db, args.file, target=args.lang)
    finally:
        db.dispose()
    print(N_("{count} segments written to {file}", count=count, file=args.file).render(default_language()))
    return 0


def run_import(args) -> int:
    from ..translation.tmx_io import import_memory

    db = _open(args)
    try:
        result = import_memory(db, args.file)
    finally:
        db.dispose()
    print(
        N_(
            "{added} added, {known} already known, {skipped} skipped (protected values missing), "
            "{unusable} without a usable pair of languages",
            added=result.added,
            known=result.known,
            skipped=result.skipped,
            unusable=result.unusable,
        )
    )
    if result.markup:
        print(N_("{markup} refused (markup in the text)", markup=result.markup))
    return 0


def run_glossary_list(args) -> int:
    from ..translation.glossary import list_terms

    db = _open(args)
    try:
        rows = list_terms(db)
    finally:
        db.dispose()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "term": r.term,
                    "source": r.source_language,
                    "target": r.target_language,
                    "translation": r.translation,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        ["ID", _("Term"), _("Language"), _("Translation")],
        [[r.id, r.term, r.target_language, r.translation or _("(kept as it is)")] for r in rows],
    )
    return 0


def run_glossary_add(args) -> int:
    from ..translation.glossary import add_term

    db = _open(args)
    try:
        row = add_term(db, args.term, target=args.lang, translation=args.translation)
    finally:
        db.dispose()
    print(row.id)
    return 0


def run_glossary_remove(args) -> int:
    from ..translation.glossary import delete_term

    db = _open(args)
    try:
        delete_term(db, args.id)
    finally:
        db.dispose()
    return 0
