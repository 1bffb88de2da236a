"""Lotse: with no arguments the window opens; subcommands run headless (``main.py --help``).

This is the one place that knows both faces of the program: the command line lives in
``desktop/cli`` and never imports ``ui/``; the window is handed to it as ``open_window``.
Qt is imported only when the window is wanted, so ``lotse offers list`` starts without it.
"""

from __future__ import annotations

import sys


def open_window(db: str | None) -> int:
    from ui.app import run

    return run(db)


def main(argv: list[str] | None = None) -> int:
    from desktop.cli import main as command_line

    return command_line(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
