"""Lotse: with no arguments the window opens; subcommands run headless (``main.py --help``)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
