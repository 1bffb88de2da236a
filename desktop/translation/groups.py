"""One language of a batch, in groups of texts: each group's segments looked up in the memory
and sent together; the next group's requests are in flight while a group's texts are stored.

Before, a group's requests went out only after the last group's texts were stored, so the
batch was the sum of its waits for the service and its work on the database; now the waits
for all groups but the first happen during the storing (issue 20, round 4: the MT batch line).
At most the service's concurrency is in flight in all: the groups share one pool of workers.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import clean_html, clean_plain, word_count
from models.status import Status
from models.tables import TranslationProposal

from ..db import Database
from ..errors import ReviewedTextProtected
from ..offers import save_translation
from ..offers.texts import clean_areas
from ..tasks import Cancelled, CancelToken, Progress
from . import memory
from .errors import ProviderError
from .providers import Provider
from .report import BatchReport, TextResult
from .segmenting import TextTemplates, templates_of
from .sending import SegmentRun, SegmentSending

GROUP = 25  # texts handled together: their segments are looked up and sent in one go
FIRST_GROUP = 5  # the first group small: its answers are back after one round of requests, and
# its texts are stored while the next groups' requests are out


@dataclass
class Job:
    offer_id: int
    language_code: str
    source_code: str
    title: str
    source_values: dict[str, Any]
    source_fingerprint: str
    target_status: str
    target_review: str | None
    target_source_fingerprint: str | None
    has_target: bool
    proposal_fingerprint: str | None = None


@dataclass
class Storing:
    """Where the texts' results go and who hears of them."""

    report: BatchReport
    author: str
    token: CancelToken
    progress: Progress
    total: int


@dataclass
class _Started:
    jobs: list[Job]
    templates: dict[int, TextTemplates]
    sending: SegmentSending | None  # None: refused before anything was sent (the run says why)
    run: SegmentRun | None
    words: int  # to be sent, for the next group's budget check


def templates(job: Job, terms: Any) -> TextTemplates:
    return templates_of(job.source_values, terms)


def check_budget(db: Database, provider: Provider, words: int, pending: int = 0) -> None:
    """``pending``: words of a group sent but not yet remembered (counted as used)."""
    from .settings import service_settings

    budget = service_settings(db, provider.name).yearly_word_budget
    if budget is None or words == 0:
        return
    used = memory.words_this_year(db, provider.name) + pending
    if used + words > budget:
        raise ProviderError(
            provider.label,
            "budget",
            N_(
                "{used} of {budget} words used, {words} would be needed",
                used=used,
                budget=budget,
                words=words,
            ),
        )


def translate_groups(
    db: Database, provider: Provider, todo: list[Job], terms: Any, storing: Storing, done: int
) -> int:
    """Translate and store the texts of ``todo`` (one target language); returns ``done`` counted on."""
    workers = max(1, provider.client.limits.concurrency)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"mt-{provider.name}")
    unfinished: list[_Started] = []  # at most two: one being stored, the next one's requests out
    try:
        for group in _groups(todo):
            storing.token.raise_if_cancelled()
            pending = unfinished[0].words if unfinished else 0
            unfinished.append(_start(db, provider, group, terms, storing.token, pool, pending))
            if len(unfinished) > 1:
                done = _finish(db, provider, unfinished.pop(0), storing, done)
            storing.progress(done, storing.total, f"{group[0].language_code}: {group[0].title}")
        while unfinished:
            done = _finish(db, provider, unfinished.pop(0), storing, done)
    finally:
        for started in unfinished:
            if started.sending is not None:
                started.sending.abandon()
        pool.shutdown(wait=True, cancel_futures=True)
    return done


def _groups(todo: list[Job]) -> list[list[Job]]:
    rest = todo[FIRST_GROUP:]
    groups = [todo[:FIRST_GROUP]] + [rest[start : start + GROUP] for start in range(0, len(rest), GROUP)]
    return [group for group in groups if group]


def _start(
    db: Database,
    provider: Provider,
    group: list[Job],
    terms: Any,
    token: CancelToken,
    pool: ThreadPoolExecutor,
    pending: int,
) -> _Started:
    source, target = group[0].source_code, group[0].language_code
    made = {job.offer_id: templates(job, terms) for job in group}
    segments = [s for t in made.values() for _, part in t.all() for s in part.segments]
    try:
        new_words = sum(word_count(s.plain_source) for s in segments if s.needs_translation)
        words = new_words - _known_words(db, source, target, segments)
        check_budget(db, provider, words, pending)
        sending = SegmentSending(db, provider, source, target, segments, token, pool=pool)
    except ProviderError as exc:
        return _Started(
            group, made, None, SegmentRun(errors={memory.memory_key(s.masked): exc for s in segments}), 0
        )
    return _Started(group, made, sending, None, words)


def _finish(db: Database, provider: Provider, started: _Started, storing: Storing, done: int) -> int:
    run = started.sending.finish() if started.sending is not None else started.run
    assert run is not None
    report = storing.report
    # the group's texts in one transaction, not one each (issue 20, round 5): a refused text
    # (ReviewedTextProtected) is refused before it writes anything, so the others still go in
    with db.transaction() as session:
        for job in started.jobs:
            made = started.templates[job.offer_id]
            result = _store_text(session, provider, job, made, run, storing.author)
            report.results.append(result)
            done += 1
            words = report.words_sent
            storing.progress(
                done,
                storing.total,
                f"{job.language_code}: {job.title} · {words} " + (N_("words sent").render(report.language)),
            )
    if storing.token.cancelled:
        raise Cancelled()
    return done


def _known_words(db: Database, source: str, target: str, segments: list[Any]) -> int:
    keys = {memory.memory_key(s.masked): s for s in segments if s.needs_translation}
    known = memory.lookup(db, source, target, list(keys))
    return sum(word_count(keys[k].plain_source) for k in known)


def _store_text(
    session: Session, provider: Provider, job: Job, made: TextTemplates, run: SegmentRun, author: str
) -> TextResult:
    result = TextResult(job.offer_id, job.language_code, job.title, "translated", provider=provider.name)
    filled: dict[str, str] = {}
    for name, template in made.all():
        pieces: dict[int, str] = {}
        for index, segment in enumerate(template.segments):
            if not segment.needs_translation:
                continue
            key = memory.memory_key(segment.masked)
            if key in run.errors and key not in run.done:
                error = run.errors[key]
                result.outcome, result.reason = "failed", error.text
                return result
            translated = run.done.get(key)
            if translated is None:  # cancelled before it came back
                result.outcome = "failed"
                result.reason = N_("cancelled")
                return result
            pieces[index] = translated.html
            if translated.from_memory:
                result.segments_from_memory += 1
            else:
                result.segments_sent += 1
                result.words_sent += word_count(segment.plain_source)
            result.flagged += translated.damaged
        filled[name] = template.fill(pieces)
    values = made.build(filled)
    try:
        save_translation(
            session,
            job.offer_id,
            job.language_code,
            values,
            author=author,
            review_status=Status.MACHINE.value,
            source_fingerprint=job.source_fingerprint,
            provider=provider.name,
            note=stored_note(N_("Machine translation ({provider})", provider=provider.label)),
        )
    except ReviewedTextProtected:
        result.outcome = "kept_reviewed"
        _store_proposal(session, job, values, provider.name)
    return result


def _store_proposal(session: Session, job: Job, values: dict[str, Any], provider: str) -> None:
    row = session.exec(
        select(TranslationProposal).where(
            TranslationProposal.offer_id == job.offer_id,
            TranslationProposal.language_code == job.language_code,
        )
    ).first() or TranslationProposal(
        offer_id=job.offer_id, language_code=job.language_code, source_fingerprint=""
    )
    row.source_fingerprint, row.provider = job.source_fingerprint, provider
    # cleaned as a stored text is (store_translation): a service's <script> never waits here
    row.title, row.summary = clean_plain(values["title"]), clean_plain(values["summary"])
    row.content = clean_html(values["content"])
    row.cost = clean_plain(values.get("cost") or "")
    row.contact_areas = clean_areas(values.get("contact_areas") or {})
    session.add(row)
