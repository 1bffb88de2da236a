"""The translation pipeline, from texts to stored machine translations.

Per text: split into segments with protected parts as placeholders -> look up the
memory -> send what it does not know to the language's service (many requests in
flight, each bounded) -> put placeholders back (a damaged one flags the segment) ->
remember -> store as ``machine`` with the source fingerprint, never over a text a
person checked or approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from models.contact_keys import stored_areas
from models.i18n import N_
from models.richtext import word_count
from models.status import Status, tree_order
from models.tables import Offer, OfferText, PublicationState, TranslationProposal

from ..db import Database
from ..errors import LotseError
from ..regions import current_region, language_tree
from ..tasks import Cancelled, CancelToken, Progress, no_progress
from . import memory
from .glossary import pairs, terms_for
from .groups import Job, Storing, translate_groups
from .groups import templates as _templates
from .report import BatchReport, TextResult


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
                            "contact_areas": stored_areas(src.contact_areas),
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
                    region.id,
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
            done = translate_groups(
                db, provider, todo, terms, Storing(report, author, token, progress, total), done
            )
    except Cancelled:
        report.cancelled = True
    finally:
        report.requests = providers.requests_sent
    return report


def waiting_proposal(db: Database, offer_id: int, language_code: str) -> TranslationProposal | None:
    """The machine proposal waiting beside a checked or approved text, if any."""
    with db.transaction() as session:
        return session.exec(
            select(TranslationProposal).where(
                TranslationProposal.offer_id == offer_id, TranslationProposal.language_code == language_code
            )
        ).first()
