"""``python -m benchmarks --size quick|full [--only CASE ...] [--profile]``, or ``--growth``."""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOTSE_USER", "bench")


def main(argv: list[str] | None = None) -> int:
    from . import report
    from .suite import CASES, run_cases

    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--size", choices=["tiny", "quick", "full"], default="quick")
    parser.add_argument("--only", nargs="+", choices=CASES, help="run only these cases")
    parser.add_argument(
        "--lines",
        nargs="+",
        metavar="LINE",
        help="only these result lines where a case can leave the others out "
        "(--only publish --lines publish: without the re-publish line's full publishes)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the cases with pyinstrument (benchmarks/results/profile-*.html); no results saved",
    )
    parser.add_argument(
        "--no-save", action="store_true", help="print only; leave the results files as they are"
    )
    parser.add_argument(
        "--growth",
        action="store_true",
        help="publish, search, editor open and the brochure at 1,000, 10,000 and 50,000 offers "
        "(benchmarks/growth.py); --size does not apply, --only picks the lines (search, open_offer, "
        "publish, flyers)",
    )
    parser.add_argument("--growth-sizes", nargs="+", type=int, default=None, help="offers per step")
    parser.add_argument(
        "--growth-budget", type=float, default=2400, help="seconds; sizes forecast to pass it are left out"
    )
    args = parser.parse_args(argv)
    if args.growth:
        from .growth import CASES as GROWTH_CASES
        from .growth import SIZES
        from .growth import main as growth_main

        unknown = sorted(set(args.only or ()) - set(GROWTH_CASES))
        if unknown:
            parser.error(f"--growth has no lines for {', '.join(unknown)} (it has {', '.join(GROWTH_CASES)})")
        only = tuple(args.only) if args.only else None
        return growth_main(tuple(args.growth_sizes or SIZES), args.growth_budget, only, not args.no_save)
    names = args.only or CASES
    lines = tuple(args.lines) if args.lines else None
    started, clock = report.stamp(), time.perf_counter()
    print(f"Lotse benchmarks, size {args.size}: {', '.join(names)}", flush=True)
    if args.profile:
        from .profiling import profiled

        with profiled(args.size, names):
            run_cases(args.size, names, lines)
        return 0
    results = run_cases(args.size, names, lines)
    seconds = time.perf_counter() - clock
    if not args.no_save and args.size != "tiny":
        report.save(args.size, results, started, seconds, CASES)
        print(f"results: {report.RESULTS / (args.size + '.json')}, table: {report.DOC}")
    print(f"done in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
