"""Back-translation: a translation put back into German through the same services and
memory (preferably another service than the forward one), stored beside the text it
was made from, so a reviewer who does not read the language can judge the meaning."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from models.tables import BackTranslation, utcnow

from ..db import Database
from ..offers import get_offer
from ..regions import root_language
from ..tasks import Cancelled, CancelToken, Progress, no_progress
from .errors import ProviderError
from .report import BatchReport, TextResult
from .segmenting import text_templates
from .sending import plain, translate_segments


def stored_back_translation(
    db: Database,
    offer_id: int,
    language_code: str,
    *,
    current_only: bool = True,
    fingerprint: str | None = None,
) -> dict[str, str] | None:
    """The stored back-translation by segment key, if it was made from the text as it is now
    (``fingerprint``: the text's current fingerprint, when the caller has it)."""
    if fingerprint is None and current_only:
        target = get_offer(db, offer_id).texts.get(language_code)
        if target is None:
            return None
        fingerprint = target.fingerprint
    with db.transaction() as session:
        row = session.exec(
            select(BackTranslation).where(
                BackTranslation.offer_id == offer_id, BackTranslation.language_code == language_code
            )
        ).first()
        if row is None:
            return None
        if current_only and row.target_fingerprint != fingerprint:
            return None
        return dict(row.segments)


def back_translate(
    db: Database,
    providers,
    offer_id: int,
    language_code: str,
    *,
    token: CancelToken | None = None,
    force: bool = False,
) -> tuple[dict[str, str], TextResult]:
    """Back-translate one text (stored result reused unless the text changed); returns the
    segments by key ("title", "summary", "content:0" …, "cost", "area:KEY" …, and "content" for
    the whole) and what was done."""
    offer = get_offer(db, offer_id)
    target = offer.texts.get(language_code)
    result = TextResult(offer_id, language_code, next(iter(offer.texts.values())).title, "translated")
    if target is None or not (target.title or target.content):
        result.outcome = "no_source"
        return {}, result
    if not force:
        stored = stored_back_translation(db, offer_id, language_code)
        if stored is not None:
            result.outcome = "unchanged"
            return stored, result
    with db.transaction() as session:
        root = root_language(session, offer.region_id)
    provider = providers.for_back_translation(language_code)
    result.provider = provider.name
    templates = text_templates(
        target.title, target.summary, target.content, cost=target.cost, areas=target.contact_areas
    )
    segments = [s for _, t in templates.all() for s in t.segments]
    run = translate_segments(db, provider, language_code, root, segments, token)
    if run.errors:
        error = next(iter(run.errors.values()))
        result.outcome, result.reason = "failed", error.text
        return {}, result
    from .memory import memory_key

    # What really went to the service (each distinct segment once), not a count per template.
    result.segments_sent, result.words_sent = run.sent, run.words_sent
    result.segments_from_memory = sum(1 for t in run.done.values() if t.from_memory)
    out: dict[str, str] = {}
    for key, template in templates.all():
        pieces = {}
        for index, segment in enumerate(template.segments):
            translated = run.done.get(memory_key(segment.masked))
            if translated is not None:
                pieces[index] = translated.html
        out[key] = " ".join(plain(template.fill(pieces)).split())
    return store_back_translation(db, offer_id, language_code, out, provider.name, target.fingerprint), result


def store_back_translation(
    db: Database,
    offer_id: int,
    language_code: str,
    segments: dict[str, str],
    provider: str,
    target_fingerprint: str | None = None,
) -> dict[str, str]:
    """Keep a back-translation (segment key -> German) beside the text it was made from
    (by default the text as it is now); returns the segments with the whole "content"."""
    if target_fingerprint is None:
        target_fingerprint = get_offer(db, offer_id).texts[language_code].fingerprint
    out = {k: v for k, v in segments.items() if k != "content"}
    out["content"] = "\n".join(v for k, v in out.items() if k.startswith("content:"))
    values = {"target_fingerprint": target_fingerprint, "provider": provider, "segments": out}
    with db.transaction() as session:
        # One upsert, not look-up-then-insert: the review screen and a background fetch may
        # store the same text's back-translation at once, and the second must not fail on the key.
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        statement = dialect.insert(BackTranslation).values(
            offer_id=offer_id, language_code=language_code, created_at=utcnow(), **values
        )
        session.execute(
            statement.on_conflict_do_update(index_elements=["offer_id", "language_code"], set_=values)
        )
    return out


def back_translate_batch(
    db: Database,
    providers,
    languages: list[str],
    offer_ids: list[int] | None = None,
    *,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    force: bool = False,
) -> BatchReport:
    from ..offers import list_offers
    from .engine import ordered_languages

    token = token or CancelToken()
    report = BatchReport()
    codes = ordered_languages(db, languages)
    rows = [r for r in list_offers(db) if r.state != "archived" and (not offer_ids or r.id in offer_ids)]
    total, done = len(rows) * len(codes), 0
    try:
        for code in codes:
            for row in rows:
                token.raise_if_cancelled()
                progress(done, total, f"{code}: {row.title}")
                if row.statuses.get(code, "missing") == "missing":
                    report.results.append(TextResult(row.id, code, row.title, "no_source"))
                else:
                    try:
                        _, result = back_translate(db, providers, row.id, code, token=token, force=force)
                    except ProviderError as exc:
                        result = TextResult(row.id, code, row.title, "failed", reason=exc.text)
                    report.results.append(result)
                done += 1
        progress(done, total, "")
    except Cancelled:
        report.cancelled = True
    finally:
        report.requests = providers.requests_sent
    return report
