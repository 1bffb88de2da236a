"""``lotse export csv|xlsx --out FILE``: the offer list as a spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path

from models.i18n import N_

from ..db import open_database
from ..errors import LotseError, default_language
from ..tasks import print_progress


def register(verbs, common) -> None:
    for kind in ("csv", "xlsx"):
        parser = verbs.add_parser(kind, parents=[common], help=f"the offer list as a .{kind} file")
        parser.add_argument("--out", required=True, metavar="FILE")
        parser.add_argument("--offer", type=int, nargs="+", metavar="ID", help="only these offers")
        parser.set_defaults(func=run, kind=kind)


def run(args) -> int:
    from ..exchange.offer_export import export_offer_list

    out = Path(args.out)
    if out.suffix.lower() != f".{args.kind}":
        raise LotseError(
            N_("“{name}”: the ending must be .{kind}.", name=out.name, kind=args.kind),
        )
    db = open_database(args.db, create=False)
    try:
        count = export_offer_list(
            db, out, offer_ids=args.offer, language=default_language(), progress=print_progress(sys.stderr)
        )
    finally:
        db.dispose()
    print(N_("{out}: {count} offers", out=out, count=count).render(default_language()))
    return 0
