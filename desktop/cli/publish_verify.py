"""``lotse publish verify DIR``: is this package intact and valid Integreat API v3?"""

from __future__ import annotations

import sys

from export.integreat.swap import recover
from export.integreat.verify import verify_package
from models.i18n import N_

from ..errors import default_language


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "verify",
        parents=[common],
        help="check a package folder: checksums, the format and the Integreat app's rules",
    )
    parser.add_argument("folder", metavar="DIR")
    parser.set_defaults(func=run)


def run(args) -> int:
    lang = default_language()
    recover(args.folder)  # a publish killed half-way: finish its switch, drop leftovers
    problems = verify_package(args.folder)
    errors = [p for p in problems if p.severity != "warning"]
    for problem in problems:
        print(problem.message(lang), file=sys.stderr)
    if errors:
        print(f"{len(errors)} " + (N_("errors").render(lang)), file=sys.stderr)
        return 1
    warned = len(problems) - len(errors)
    tail = ""
    if warned:
        tail = N_(" ({warned} warnings)", warned=warned).render(lang)
    print(f"{args.folder}: " + (N_("intact and valid").render(lang)) + tail)
    return 0
