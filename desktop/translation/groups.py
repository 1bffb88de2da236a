"""One language of a batch, in groups of texts: the texts' segments are looked up in the
memory and sent in full requests across groups, as many in flight as the service allows; a
group's texts are stored (in one transaction) as soon as their answers are back, while the
next groups' requests are out.

Round 4 of issue 20 put the next group's requests in flight while a group's texts were stored;
round 6 made the groups small and keeps making them ahead while the service's workers would
otherwise wait (a group's segments fill the requests the last one left open), so the service
is kept busy from the first answer to the last and only the last small group is stored after
the last answer. At most the service's concurrency is in flight in all: one pool of workers.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import clean_html, clean_plain
from models.status import Status
from models.tables import TranslationProposal

from ..db import Database
from ..errors import ReviewedTextProtected
from ..gc_pause import gc_paused
from ..offers import TranslationWrite, texts_by_language, write_translation
from ..offers.data import TextRow
from ..offers.texts import clean_areas
from ..regions import language_tree
from ..tasks import Cancelled, CancelToken, Progress
from . import memory
from .errors import ProviderError
from .providers import Provider
from .report import BatchReport, TextResult
from .segmenting import TextTemplates, templates_of
from .sending import SegmentRun, SegmentSending

GROUP = 5  # texts stored together (one transaction); their segments are planned together
FIRST_GROUP = 5  # kept for callers that count the first group (it is one like the others)
WAIT = 0.05  # seconds a poll for answers waits before the loop looks again


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
    region_id: int = 0


@dataclass
class Storing:
    """Where the texts' results go and who hears of them."""

    report: BatchReport
    author: str
    token: CancelToken
    progress: Progress
    total: int


@dataclass
class _Group:
    jobs: list[Job]
    templates: dict[int, TextTemplates]
    keys: set[str]  # the memory keys of its segments to translate


@dataclass(frozen=True)
class _Item:
    """What storing a text needs of its offer (``desktop.offers.texts.ItemRef``), known from
    the batch's own reading: no offer is loaded per text."""

    id: int
    region_id: int


def templates(job: Job, terms: Any) -> TextTemplates:
    return templates_of(job.source_values, terms)


def yearly_budget(db: Database, provider: Provider) -> int | None:
    """The service's yearly word budget (read once per language of a batch)."""
    from .settings import service_settings

    return service_settings(db, provider.name).yearly_word_budget


def check_budget(db: Database, provider: Provider, words: int, pending: int, budget: int | None) -> None:
    """``pending``: words sent but not yet remembered (counted as used)."""
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
    sending = SegmentSending(
        db, provider, todo[0].source_code, todo[0].language_code, token=storing.token, pool=pool
    )
    budget = yearly_budget(db, provider)
    groups = [todo[start : start + GROUP] for start in range(0, len(todo), GROUP)]
    made: deque[_Group] = deque()  # planned and sent, not yet stored, in the batch's order
    finished = False
    # No cyclic collection meanwhile (desktop/gc_pause.py): a full one walks every object of the
    # process while the answers wait for it (65 ms in a measured batch of 400 ms); the batch
    # itself leaves no cycles behind (a batch with the collector off found none to collect).
    with gc_paused():
        try:
            while groups or made:
                storing.token.raise_if_cancelled()
                # Keep the service's workers busy: the next group's requests before storing.
                if groups and sending.waiting < workers:
                    made.append(_plan(db, provider, groups.pop(0), terms, sending, budget))
                    if not groups:
                        sending.flush()
                    first = made[-1].jobs[0]
                    storing.progress(done, storing.total, f"{first.language_code}: {first.title}")
                    continue
                if sending.answered(made[0].keys):
                    if sending.in_flight < workers:
                        sending.flush()  # a worker would wait while the texts are stored: a smaller request
                    done = _store(db, provider, made.popleft(), sending.run, storing, done)
                    continue
                sending.poll(WAIT)
            finished = True
        finally:
            if finished:
                sending.finish()
            else:
                sending.abandon()
            pool.shutdown(wait=True, cancel_futures=True)
    return done


def _plan(
    db: Database, provider: Provider, jobs: list[Job], terms: Any, sending: SegmentSending, budget: int | None
) -> _Group:
    """The group's templates; its segments the memory does not know sent (or refused: budget,
    a language the service does not offer), words counted against the budget first."""
    made = {job.offer_id: templates(job, terms) for job in jobs}
    segments = [s for t in made.values() for _, part in t.all() for s in part.segments]
    keys = {s.key for s in segments if s.needs_translation}
    planned = sending.plan(segments)
    try:
        check_budget(db, provider, planned.words, sending.unremembered_words, budget)
        sending.send(planned)
    except ProviderError as exc:
        sending.refuse(planned, exc)
    return _Group(jobs, made, keys)


def _store(
    db: Database, provider: Provider, group: _Group, run: SegmentRun, storing: Storing, done: int
) -> int:
    """The group's texts in one transaction, not one each (issue 20, round 5), with the region's
    language tree and the texts read once for the group (round 6): a refused text
    (ReviewedTextProtected) is refused before it writes anything, so the others still go in."""
    report = storing.report
    with db.transaction() as session:
        tree = language_tree(session, group.jobs[0].region_id)
        # read before anything is written: a read after a write would flush it first
        texts_of = {job.offer_id: texts_by_language(session, job.offer_id) for job in group.jobs}
        for job in group.jobs:
            texts = texts_of[job.offer_id]
            result = _store_text(
                session, provider, job, group.templates[job.offer_id], run, storing.author, tree, texts
            )
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


def _store_text(
    session: Session,
    provider: Provider,
    job: Job,
    made: TextTemplates,
    run: SegmentRun,
    author: str,
    tree: dict[str, str | None],
    texts: dict[str, TextRow],
) -> TextResult:
    result = TextResult(job.offer_id, job.language_code, job.title, "translated", provider=provider.name)
    filled: dict[str, str] = {}
    for name, template in made.all():
        pieces: dict[int, str] = {}
        for index, segment in enumerate(template.segments):
            if not segment.needs_translation:
                continue
            key = segment.key
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
                result.words_sent += segment.words
            result.flagged += translated.damaged
        filled[name] = template.fill(pieces)
    values = made.build(filled)
    try:
        write_translation(
            session,
            _Item(job.offer_id, job.region_id),
            job.language_code,
            values,
            TranslationWrite(
                tree,
                texts,
                author=author,
                review_status=Status.MACHINE.value,
                source_fingerprint=job.source_fingerprint,
                provider=provider.name,
                note=stored_note(N_("Machine translation ({provider})", provider=provider.label)),
            ),
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
    # cleaned as a stored text is (write_translation): a service's <script> never waits here
    row.title, row.summary = clean_plain(values["title"]), clean_plain(values["summary"])
    row.content = clean_html(values["content"])
    row.cost = clean_plain(values.get("cost") or "")
    row.contact_areas = clean_areas(values.get("contact_areas") or {})
    session.add(row)
