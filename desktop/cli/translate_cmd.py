"""``lotse translate`` and ``lotse backtranslate``: machine translation from the command line."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from models.i18n import N_, render

from ..context import current_user
from ..db import open_database
from ..errors import LotseError, default_language
from ..tasks import print_progress
from .output import print_json


def _languages(value: str) -> list[str]:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes:
        raise LotseError(
            N_("--lang needs at least one language code, e.g. --lang ar,uk,fa."),
        )
    return codes


def _common(parser) -> None:
    parser.add_argument("--lang", required=True, metavar="CODE[,CODE…]", help="languages, e.g. ar,uk,fa")
    parser.add_argument(
        "--offer", action="extend", nargs="+", type=int, metavar="ID", help="only these offers"
    )
    parser.add_argument(
        "--provider",
        metavar="NAME",
        help="libretranslate, deepl, google, microsoft or mymemory (default: the one chosen per language)",
    )
    parser.add_argument(
        "--url", metavar="URL", help="the service's address (e.g. a self-hosted LibreTranslate)"
    )
    parser.add_argument("--force", action="store_true", help="also texts whose source did not change")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="per request (default 20)"
    )
    parser.add_argument(
        "--retries", type=int, default=4, metavar="N", help="on 429/5xx, with back-off (default 4)"
    )


def register(sub, common) -> None:
    translate = sub.add_parser(
        "translate", parents=[common], help="machine-translate missing and outdated texts"
    )
    _common(translate)
    translate.add_argument(
        "--dry-run", action="store_true", help="print the words and requests it would need, send nothing"
    )
    translate.set_defaults(func=run_translate)
    back = sub.add_parser(
        "backtranslate", parents=[common], help="translate texts back into German for review"
    )
    _common(back)
    back.add_argument(
        "--dry-run", action="store_true", help="print what it would back-translate, send nothing"
    )
    back.set_defaults(func=run_backtranslate)


def _providers(db, args):
    from ..translation.settings import Providers

    if args.url and not args.provider:
        raise LotseError(
            N_("--url is for the service chosen with --provider; give --provider too."),
        )
    from ..translation.http import Limits

    return Providers(
        db,
        override=args.provider,
        url=args.url,
        limits=Limits(timeout=max(args.timeout, 1.0), retries=max(args.retries, 0)),
    )


@contextmanager
def _opened(args):
    """The database and the services for one command, closed afterwards."""
    db = open_database(args.db, create=False)
    try:
        providers = _providers(db, args)
        try:
            yield db, providers
        finally:
            providers.close()
    finally:
        db.dispose()


def _finish(report, args) -> int:
    language = default_language()
    if args.json:
        print_json(
            {
                "translated": len(report.of("translated")),
                "unchanged": len(report.of("unchanged")),
                "kept_reviewed": len(report.of("kept_reviewed")),
                "failed": len(report.failed),
                "segments_sent": report.segments_sent,
                "segments_from_memory": report.segments_from_memory,
                "words_sent": report.words_sent,
                "requests": report.requests,
                "cancelled": report.cancelled,
                "flagged": [
                    {"offer": r.offer_id, "language": r.language_code, "parts": r.flagged}
                    for r in report.flagged
                ],
                "failures": [
                    {
                        "offer": r.offer_id,
                        "language": r.language_code,
                        "reason": render(r.reason, language),
                    }
                    for r in report.failed
                ],
            }
        )
    else:
        print(report.summary(language))
        for r in report.failed[:20]:
            print(f"  #{r.offer_id} {r.language_code}: {render(r.reason, language)}")
    if report.failed:
        count = len(report.failed)
        print(
            N_("lotse: {count} texts failed", count=count).render(language),
            file=sys.stderr,
        )
        return 1
    return 0


def run_translate(args) -> int:
    from ..translation.engine import estimate, translate_batch

    languages = _languages(args.lang)
    with _opened(args) as (db, providers):
        if args.dry_run:
            result = estimate(db, providers, languages, args.offer, force=args.force)
            if args.json:
                print_json(
                    {
                        "texts": result.texts,
                        "segments": result.segments,
                        "words": result.words,
                        "characters": result.characters,
                        "requests": result.requests,
                        "cost_eur": round(result.cost, 2),
                        "languages": result.per_language,
                    }
                )
                return 0
            for code, row in result.per_language.items():
                print(
                    N_(
                        "{code}: {provider}, {texts} texts, {segments} segments, {words} words, "
                        "{requests} requests, ~{cost:.2f} €",
                        code=code,
                        provider=row["provider"],
                        texts=row["texts"],
                        segments=row["segments"],
                        words=row["words"],
                        requests=row["requests"],
                        cost=row["cost"],
                    )
                )
            print(
                N_(
                    "Total: {words} words, {requests} requests, ~{cost:.2f} €",
                    words=result.words,
                    requests=result.requests,
                    cost=result.cost,
                )
            )
            return 0
        report = translate_batch(
            db,
            providers,
            languages,
            args.offer,
            author=current_user(db),
            progress=print_progress(sys.stderr),
            force=args.force,
            language=default_language(),
        )
        return _finish(report, args)


def run_backtranslate(args) -> int:
    from ..translation.backtranslate import back_translate_batch

    languages = _languages(args.lang)
    with _opened(args) as (db, providers):
        if args.dry_run:
            from ..offers import list_offers

            rows = [r for r in list_offers(db) if not args.offer or r.id in args.offer]
            for code in languages:
                count = sum(1 for r in rows if r.statuses.get(code, "missing") not in ("missing", "source"))
                print(f"{code}: {count} " + (N_("texts").render(default_language())))
            return 0
        report = back_translate_batch(
            db, providers, languages, args.offer, progress=print_progress(sys.stderr), force=args.force
        )
        return _finish(report, args)
