"""The command line: ``lotse`` opens the window, ``lotse NOUN VERB`` runs headless.

Each command module registers its subcommands; every one takes ``--db``. Errors a
user can cause end with one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from platformdirs import user_log_path

from .. import __version__
from ..errors import LotseError, default_language
from . import export_cmd, import_cmd, init_cmd, memory_cmd, offers_cmd, publish_cmd, serve_cmd, translate_cmd, xliff_cmd

# Modules with a ``register(subparsers, common)`` function; new nouns add themselves here,
# one per line so that parallel work merges without conflicts.
COMMAND_MODULES = [
    init_cmd,
    offers_cmd,
    publish_cmd,
    import_cmd,
    export_cmd,
    translate_cmd,
    xliff_cmd,
    memory_cmd,
    serve_cmd,
]

EXIT_ERROR = 1
EXIT_USAGE = 2


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="DB", help="SQLite file or database URL (default: $LOTSE_DB or the user data folder)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="lotse",
        description="Lotse: offers for newcomers, edited offline, translated, published. Without a command the window opens.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"Lotse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _log_unexpected(exc: BaseException) -> Path | None:
    try:
        folder = user_log_path("Lotse", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "lotse-cli.log"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command is None:
            from .window import open_window

            return open_window(args.db)
        return int(args.func(args) or 0)
    except LotseError as exc:
        print(f"lotse: {exc.message()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("lotse: abgebrochen / cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, details in the log
        log = _log_unexpected(exc)
        where = f" ({log})" if log else ""
        if default_language() == "en":
            print(f"lotse: unexpected error: {type(exc).__name__}: {exc}. Details in the log{where}.", file=sys.stderr)
        else:
            print(f"lotse: unerwarteter Fehler: {type(exc).__name__}: {exc}. Details im Protokoll{where}.", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
