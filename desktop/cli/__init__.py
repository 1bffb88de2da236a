"""The command line: ``lotse`` opens the window, ``lotse NOUN VERB`` runs headless.

Each command module registers its subcommands; every one takes ``--db``. Errors a
user can cause end with one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_log_path

from models.i18n import N_, language_from_environment, set_language

from .. import __version__
from ..errors import LotseError

# Modules with a ``register(subparsers, common)`` function; new nouns add themselves here,
# one per line so that parallel work merges without conflicts. Named, not imported: they
# pull in SQLAlchemy, the PDF and publishing code (about 2 s), which ``lotse`` without a
# command (the window) does not need before its first paint.
COMMAND_MODULES = [
    "desktop.cli.init_cmd",
    "desktop.cli.offers_cmd",
    "desktop.cli.pages_cmd",
    "desktop.cli.events_cmd",
    "desktop.cli.publish_cmd",
    "desktop.cli.import_cmd",
    "desktop.cli.export_cmd",
    "desktop.cli.translate_cmd",
    "desktop.cli.xliff_cmd",
    "desktop.cli.memory_cmd",
    "desktop.cli.serve_cmd",
    "desktop.cli.providers_cmd",
    "desktop.cli.integreat_cmd",
    "desktop.cli.team_cmd",
]

# Arguments naming a file or folder a command reads or writes: a command killed half-way left its
# temporary names beside them (and, for a package folder, perhaps a half-done switch).
PATH_ARGUMENTS = ("out", "folder", "path", "file")

EXIT_ERROR = 1
EXIT_USAGE = 2


def common_options(default=None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="DB",
        default=default,
        help="SQLite file or database URL (default: $LOTSE_DB or the user data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lotse",
        description="Lotse: offers for newcomers, edited offline, translated, published. Without "
        "a command the window opens.",
        parents=[common_options()],
    )
    parser.add_argument("--version", action="version", version=f"Lotse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # A command's own --db has no default: argparse copies a subcommand's defaults over what
    # was parsed before it, so "lotse --db X offers list" would have lost X.
    for_commands = common_options(default=argparse.SUPPRESS)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, for_commands)
    return parser


def window_parser() -> argparse.ArgumentParser:
    """Only the options the window takes: parsing these needs none of the command modules."""
    return argparse.ArgumentParser(
        prog="lotse", parents=[common_options()], add_help=False, exit_on_error=False
    )


def wants_window(argv: list[str]) -> bool:
    """No command, no --help/--version: the window opens (see window_parser)."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return False
    try:
        _args, rest = window_parser().parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return False  # the full parser reports the mistake
    return not rest


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


def tidy_leftovers(args: argparse.Namespace) -> None:
    """The one place where every command first removes what a killed one left (temporary folders,
    half-written files beside the database and beside the paths it names) and finishes a package
    folder's interrupted switch. A few directory listings; it never fails a command."""
    from export.leftovers import tidy

    from ..db import database_file

    named = (getattr(args, name, None) for name in PATH_ARGUMENTS)
    paths = [Path(value) for value in named if isinstance(value, str | Path) and value]
    database = database_file(getattr(args, "db", None))
    try:
        tidy([*paths, *([database] if database else [])])
    except OSError as exc:  # a tidy-up must not stop the command the user asked for
        logging.getLogger(__name__).warning("leftovers not removed: %s", exc)


def main(argv: list[str] | None = None, *, open_window: Callable[[str | None], int] | None = None) -> int:
    """The command line. ``open_window(db)`` opens the window when no command is given; main.py
    passes it, so this layer never imports the window's (see main.py)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = window_parser() if wants_window(argv) else build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    set_language(language_from_environment())  # the window sets its own from the settings
    try:
        if getattr(args, "command", None) is None:
            if open_window is None:  # the command line alone: say what it can do
                build_parser().print_help()
                return EXIT_USAGE
            return open_window(args.db)
        tidy_leftovers(args)
        return int(args.func(args) or 0)
    except LotseError as exc:
        print(f"lotse: {exc.message()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(N_("lotse: cancelled"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, details in the log
        log = _log_unexpected(exc)
        where = f" ({log})" if log else ""
        print(
            N_(
                "lotse: unexpected error: {error}: {detail}. Details in the log{where}.",
                error=type(exc).__name__,
                detail=exc,
                where=where,
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
