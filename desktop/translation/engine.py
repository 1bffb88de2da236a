"""The translation pipeline, from texts to stored machine translations.

Per text: split into segments with protected parts as placeholders -> look up the
memory -> send what it does not know to the language's service (many requests in
flight, each bounded) -> put placeholders back (a damaged one flags the segment) ->
remember -> store as ``machine`` with the source fingerprint, never over a text a
person checked or approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import clean_html, clean_plain, word_count
from models.status import Status, tree_order
from models.tables import Offer, OfferText, PublicationState, TranslationProposal

from ..db import Database
from ..errors import LotseError, ReviewedTextProtected
from ..offers import save_translation
from ..offers.texts import clean_areas
from ..regions import current_region, language_tree
from ..tasks import Cancelled, CancelToken, Progress, no_progress
from . import memory
from .errors import ProviderError
from .glossary import pairs, terms_for
from .providers import Provider
from .report import BatchReport, TextResult
from .segmenting import TextTemplates, templates_of
from .sending import SegmentRun, translate_segments

GROUP = 25  # texts handled together: their segments are looked up and sent in one go


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


def _jobs(db: Database, code: str, offer_ids: list[int] | None) -> list[Job]:
    with db.transaction() as session:
        region = current_region(session)
        tree = language_tree(session, region.id)
        source_code = tree.get(code)
        if source_code is None:
            raise LotseError(
                N_("“{code}” is the source language or not one of the region's.", code=code),
            )
        query = select(Offer.id).where(
            Offer.region_id == region.id, Offer.state != PublicationState.ARCHIVED.value
        )
        if offer_ids:
            query = query.where(Offer.id.in_(offer_ids))
        ids = list(session.exec(query.order_by(Offer.id)))
        texts = (
            session.exec(
                select(OfferText).where(
                    OfferText.offer_id.in_(ids), OfferText.language_code.in_([code, source_code])
                )
            )
            if ids
            else []
        )
        by = {(t.offer_id, t.language_code): t for t in texts}
        proposals = (
            {
                p.offer_id: p.source_fingerprint
                for p in session.exec(
                    select(TranslationProposal).where(TranslationProposal.language_code == code)
                )
            }
            if ids
            else {}
        )
        jobs = []
        for oid in ids:
            src, tgt = by.get((oid, source_code)), by.get((oid, code))
            jobs.append(
                Job(
                    oid,
                    code,
                    source_code,
                    src.title if src else "",
                    (
                        {
                            "title": src.title,
                            "summary": src.summary,
                            "content": src.content,
                            "cost": src.cost,
                            "contact_areas": list(src.contact_areas or []),
                        }
                        if src
                        else {}
                    ),
                    src.fingerprint if src else "",
                    tgt.status if tgt else Status.MISSING.value,
                    tgt.review_status if tgt else None,
                    tgt.source_fingerprint if tgt else None,
                    bool(tgt and (tgt.title or tgt.content)),
                    proposals.get(oid),
                )
            )
        return jobs


def _skip_reason(job: Job, force: bool) -> str | None:
    if not job.source_values or not (job.source_values.get("title") or job.source_values.get("content")):
        return "no_source"
    if job.target_review == Status.IN_TRANSLATION.value:
        return "in_translation"
    if job.has_target and job.target_source_fingerprint == job.source_fingerprint and not force:
        return "unchanged"
    if (
        job.target_review in (Status.CHECKED.value, Status.APPROVED.value)
        and job.proposal_fingerprint == job.source_fingerprint
    ):
        return "kept_reviewed"  # the proposal for this source already waits beside it
    return None


def ordered_languages(db: Database, languages: list[str]) -> list[str]:
    with db.transaction() as session:
        tree = language_tree(session, current_region(session).id)
    unknown = [c for c in languages if c not in tree or tree[c] is None]
    if unknown:
        raise LotseError(
            N_(
                "These languages cannot be translated (not in the region, or the source language): {items}",
                items=", ".join(unknown),
            ),
        )
    return [c for c in tree_order(tree) if c in languages]


@dataclass
class Estimate:
    texts: int = 0
    words: int = 0
    characters: int = 0
    segments: int = 0
    requests: int = 0
    cost: float = 0.0
    per_language: dict[str, dict] = field(default_factory=dict)


def estimate(
    db: Database, providers, languages: list[str], offer_ids: list[int] | None = None, force: bool = False
) -> Estimate:
    """Words, characters, segments, requests and cost a batch would need (memory hits excluded)."""
    result = Estimate()
    for code in ordered_languages(db, languages):
        jobs = [j for j in _jobs(db, code, offer_ids) if _skip_reason(j, force) is None]
        name = providers.name_for(code)
        provider = providers.get(name)
        terms = pairs(terms_for(db, jobs[0].source_code, code)) if jobs else []
        segments = [
            s for j in jobs for _, t in _templates(j, terms).all() for s in t.segments if s.needs_translation
        ]
        by_key = {memory.memory_key(s.masked): s for s in segments}
        known = memory.lookup(db, jobs[0].source_code, code, list(by_key)) if jobs else {}
        todo = [s for k, s in by_key.items() if k not in known]
        words = sum(word_count(s.plain_source) for s in todo)
        chars = sum(len(s.masked) for s in todo)
        requests = -(-len(todo) // provider.max_batch) if todo else 0
        cost = chars * provider.price_per_million_chars / 1_000_000
        result.per_language[code] = {
            "provider": name,
            "texts": len(jobs),
            "segments": len(todo),
            "words": words,
            "characters": chars,
            "requests": requests,
            "cost": round(cost, 2),
        }
        result.texts += len(jobs)
        result.words += words
        result.characters += chars
        result.segments += len(todo)
        result.requests += requests
        result.cost += cost
    return result


def _templates(job: Job, terms) -> TextTemplates:
    return templates_of(job.source_values, terms)


def _check_budget(db: Database, provider: Provider, words: int) -> None:
    from .settings import service_settings

    budget = service_settings(db, provider.name).yearly_word_budget
    if budget is None or words == 0:
        return
    used = memory.words_this_year(db, provider.name)
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


def translate_batch(
    db: Database,
    providers,
    languages: list[str],
    offer_ids: list[int] | None = None,
    *,
    author: str,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    force: bool = False,
    language: str | None = None,
) -> BatchReport:
    """Translate all missing and outdated texts of ``languages`` (optionally only ``offer_ids``).
    Progress: texts done / total, with the current offer and the words sent so far."""
    token = token or CancelToken()
    report = BatchReport(language=language)
    codes = ordered_languages(db, languages)
    with db.transaction() as session:
        region = current_region(session)
        query = select(Offer.id).where(
            Offer.region_id == region.id, Offer.state != PublicationState.ARCHIVED.value
        )
        if offer_ids:
            query = query.where(Offer.id.in_(offer_ids))
        total = len(list(session.exec(query))) * len(codes)
    done = 0
    try:
        for code in codes:
            jobs = _jobs(db, code, offer_ids)
            todo = []
            for job in jobs:
                reason = _skip_reason(job, force)
                if reason:
                    report.results.append(TextResult(job.offer_id, code, job.title, reason))
                    done += 1
                else:
                    todo.append(job)
            progress(done, total, code)
            if not todo:
                continue
            try:
                provider = providers.for_language(code)
            except LotseError as exc:
                for job in todo:
                    report.results.append(
                        TextResult(job.offer_id, code, job.title, "failed", reason=exc.text)
                    )
                done += len(todo)
                progress(done, total, code)
                continue
            terms = pairs(terms_for(db, todo[0].source_code, code))
            for start in range(0, len(todo), GROUP):
                token.raise_if_cancelled()
                group = todo[start : start + GROUP]
                progress(done, total, f"{code}: {group[0].title}")
                done = _translate_group(
                    db, provider, group, terms, report, author, token, progress, done, total
                )
    except Cancelled:
        report.cancelled = True
    finally:
        report.requests = providers.requests_sent
    return report


def _translate_group(
    db, provider, group: list[Job], terms, report: BatchReport, author, token, progress, done, total
) -> int:
    source, target = group[0].source_code, group[0].language_code
    templates = {job.offer_id: _templates(job, terms) for job in group}
    segments = [s for t in templates.values() for _, part in t.all() for s in part.segments]
    try:
        new_words = sum(word_count(s.plain_source) for s in segments if s.needs_translation)
        _check_budget(db, provider, new_words - _known_words(db, source, target, segments))
        run = translate_segments(db, provider, source, target, segments, token)
    except ProviderError as exc:
        run = SegmentRun(errors={memory.memory_key(s.masked): exc for s in segments})
    except Cancelled:
        raise
    for job in group:
        result = _store_text(db, provider, job, templates[job.offer_id], run, author)
        report.results.append(result)
        done += 1
        words = report.words_sent
        progress(
            done,
            total,
            f"{target}: {job.title} · {words} " + (N_("words sent").render(report.language)),
        )
    if token.cancelled:
        raise Cancelled()
    return done


def _known_words(db, source, target, segments) -> int:
    keys = {memory.memory_key(s.masked): s for s in segments if s.needs_translation}
    known = memory.lookup(db, source, target, list(keys))
    return sum(word_count(keys[k].plain_source) for k in known)


def _store_text(
    db, provider: Provider, job: Job, templates: TextTemplates, run: SegmentRun, author: str
) -> TextResult:
    result = TextResult(job.offer_id, job.language_code, job.title, "translated", provider=provider.name)
    filled: dict[str, str] = {}
    for name, template in templates.all():
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
    values = templates.build(filled)
    try:
        save_translation(
            db,
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
        _store_proposal(db, job, values, provider.name)
    return result


def _store_proposal(db: Database, job: Job, values: dict[str, Any], provider: str) -> None:
    with db.transaction() as session:
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
        row.contact_areas = clean_areas(values.get("contact_areas") or [])
        session.add(row)


def waiting_proposal(db: Database, offer_id: int, language_code: str) -> TranslationProposal | None:
    """The machine proposal waiting beside a checked or approved text, if any."""
    with db.transaction() as session:
        return session.exec(
            select(TranslationProposal).where(
                TranslationProposal.offer_id == offer_id, TranslationProposal.language_code == language_code
            )
        ).first()
