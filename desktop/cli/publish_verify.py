"""``lotse publish verify DIR``: is this package intact and valid Integreat API v3?"""

from __future__ import annotations

import sys

from export.integreat.swap import recover
from export.integreat.verify import verify_package

from ..errors import default_language


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "verify", parents=[common], help="check a package folder: checksums and the format"
    )
    parser.add_argument("folder", metavar="DIR")
    parser.set_defaults(func=run)


def run(args) -> int:
    lang = default_language()
    recover(args.folder)  # a publish killed half-way: finish its switch, drop leftovers
    problems = verify_package(args.folder)
    for problem in problems:
        print(problem.message(lang), file=sys.stderr)
    if problems:
        print(f"{len(problems)} " + ("problems" if lang == "en" else "Probleme"), file=sys.stderr)
        return 1
    print(f"{args.folder}: " + ("intact and valid" if lang == "en" else "vollständig und gültig"))
    return 0
