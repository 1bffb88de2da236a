"""What the engine gives the review screen: findings per segment with their fixes, the
back-translation, re-translating a segment or the whole text, and the risk of each
text for the review queue."""

from __future__ import annotations

import difflib
import html
import time

from models.blocks import join_blocks, replace_block, split_blocks
from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import html_to_text
from models.status import Status

from ..db import Database
from ..errors import LotseError
from ..offers import get_offer, save_translation
from ..regions import language_tree
from ..review.assist import SegmentFinding
from ..review.queue import QueueItem
from ..review.segments import ReviewText
from . import memory
from .backtranslate import back_translate, stored_back_translation
from .checks import check_translation
from .errors import ProviderError
from .glossary import pairs, terms_for
from .http import Limits
from .segmenting import plain_template, template, templates_of
from .settings import Providers
from .text_parts import is_plain_part, note_values, plain_part, plain_parts, text_values, with_plain_part

# The review screen waits for a missing back-translation; keep that wait short.
INTERACTIVE = Limits(timeout=8.0, retries=1, backoff=0.5, concurrency=4)


def _new_words(old: str, new: str) -> str:
    """The words of ``new`` that ``old`` does not have, runs joined by “…”."""
    a, b = old.split(), new.split()
    runs = [
        " ".join(b[j1:j2])
        for tag, _, _, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if tag in ("insert", "replace")
    ]
    return " … ".join(runs) or new


def _segment_html(key: str, text: str, html_value: str) -> str:
    return html_value if key.startswith("content") else html.escape(text or "", quote=False)


class EngineAssist:
    def __init__(
        self,
        db: Database,
        *,
        author: str = "lotse",
        fetch_back_translations: bool = True,
        providers: Providers | None = None,
    ):
        self.db = db
        self.author = author
        self.fetch = fetch_back_translations
        self._providers = providers
        self._recent_values: dict[tuple, tuple[float, object]] = {}
        self._failed_checks: dict[tuple, int] = {}

    def _recent(self, key: tuple, make, seconds: float = 1.0):
        """A value made in the last few seconds (one queue refresh asks for the same offer many times)."""
        now = time.monotonic()
        hit = self._recent_values.get(key)
        if hit is not None and now - hit[0] < seconds:
            return hit[1]
        value = make()
        self._recent_values[key] = (now, value)
        return value

    @property
    def providers(self) -> Providers:
        if self._providers is None:
            self._providers = Providers(self.db, limits=INTERACTIVE)
        return self._providers

    # --- findings ---------------------------------------------------------------------
    def findings(self, review: ReviewText) -> list[SegmentFinding]:
        terms = terms_for(self.db, review.source_code, review.language_code)
        out: list[SegmentFinding] = self._proposal_findings(review)
        for segment in review.segments:
            target = _segment_html(segment.key, segment.target_text, segment.target_html)
            if not html_to_text(target).strip():
                continue
            source = _segment_html(segment.key, segment.source_text, segment.source_html)
            for finding in check_translation(source, target, review.language_code, terms):
                out.append(
                    SegmentFinding(
                        segment.key,
                        finding.text,
                        finding.severity,
                        finding.fix_value,
                    )
                )
        return out

    def _proposal_findings(self, review: ReviewText) -> list[SegmentFinding]:
        """Where a checked or approved text went outdated, the batch's new machine proposal
        waits beside it: offered segment by segment, to take over with one click."""
        from .engine import waiting_proposal

        proposal = waiting_proposal(self.db, review.offer_id, review.language_code)
        if proposal is None or proposal.source_fingerprint != review.source.fingerprint:
            return []
        offered = {
            "title": html.escape(proposal.title, quote=False),
            "summary": html.escape(proposal.summary, quote=False),
        }
        offered |= {f"content:{i}": b.inner_html for i, b in enumerate(split_blocks(proposal.content))}
        offered |= {key: html.escape(words, quote=False) for key, words in plain_parts(proposal)}
        out = []
        for segment in review.segments:
            value = offered.get(segment.key)
            current = _segment_html(segment.key, segment.target_text, segment.target_html)
            if value and value != current and segment.changed_in_source:
                new = _new_words(html_to_text(current), html_to_text(value))[:160]
                out.append(
                    SegmentFinding(
                        segment.key,
                        N_("New machine proposal for the changed source, new in it: “{new}”", new=new),
                        "warning",
                        value,
                        N_("Use proposal"),
                    )
                )
        return out

    # --- back-translation -------------------------------------------------------------
    def back_translation(self, review: ReviewText) -> dict[str, str]:
        stored = stored_back_translation(self.db, review.offer_id, review.language_code)
        if stored is not None or not self.fetch:
            return stored or {}
        try:
            segments, _ = back_translate(self.db, self.providers, review.offer_id, review.language_code)
        except LotseError:
            return {}
        return segments

    # --- re-translation ---------------------------------------------------------------
    def retranslate(self, offer_id: int, language_code: str, segment_key: str | None) -> None:
        """Ask the service again (the memory's old answer is dropped) for one segment or the whole text.
        The result is a machine proposal; it replaces the text, which a reviewer can undo."""
        offer = get_offer(self.db, offer_id)
        with self.db.transaction() as session:
            source_code = language_tree(session, offer.region_id).get(language_code)
        if source_code is None:
            raise LotseError(N_("The source text is not translated."))
        source, target = offer.texts[source_code], offer.texts[language_code]
        provider = self.providers.for_language(language_code)
        terms = pairs(terms_for(self.db, source_code, language_code))
        blocks = split_blocks(source.content)
        if segment_key and is_plain_part(segment_key):
            parts = {segment_key: plain_template(plain_part(source, segment_key), terms)}
        elif segment_key and segment_key.startswith("content:"):
            index = int(segment_key.split(":", 1)[1])
            if not 0 <= index < len(blocks):
                raise LotseError(N_("There is no section {number}.", number=index + 1))
            parts = {segment_key: template(blocks[index].inner_html, terms)}
        else:
            whole = templates_of(text_values(source), terms)
            parts = dict(whole.all())
        segments = [s for t in parts.values() for s in t.segments]
        for segment in segments:
            memory.forget(self.db, source_code, language_code, segment.masked)
        from .sending import translate_segments

        run = translate_segments(self.db, provider, source_code, language_code, segments)
        if run.errors:
            raise next(iter(run.errors.values()))
        filled = {}
        for key, part in parts.items():
            pieces = {
                i: run.done[memory.memory_key(s.masked)].html
                for i, s in enumerate(part.segments)
                if s.needs_translation
            }
            filled[key] = part.fill(pieces)
        values = text_values(target)
        if segment_key is None or segment_key == "content":
            values = whole.build(filled)
        elif is_plain_part(segment_key):
            values = with_plain_part(values, segment_key, html.unescape(filled[segment_key]))
        else:
            target_blocks = split_blocks(target.content)
            index = int(segment_key.split(":", 1)[1])
            if len(target_blocks) == len(blocks):
                values["content"] = join_blocks(replace_block(target_blocks, index, filled[segment_key]))
            else:  # structure differs: rebuild from the source's blocks
                values["content"] = join_blocks(replace_block(blocks, index, filled[segment_key]))
        save_translation(
            self.db,
            offer_id,
            language_code,
            values,
            author=self.author,
            review_status=Status.MACHINE.value,
            provider=provider.name,
            overwrite_reviewed=True,
            source_fingerprint=source.fingerprint,
            note=stored_note(
                N_(
                    "Re-translated {key} ({provider})",
                    **note_values(segment_key or "text", offer.facts.get("contacts")),
                    provider=provider.label,
                )
            ),
        )

    # --- queue ------------------------------------------------------------------------
    def _tree(self, region_id: int) -> dict:
        def load():
            with self.db.transaction() as session:
                return language_tree(session, region_id)

        return self._recent(("tree", region_id), load)

    def enrich_queue_item(self, item: QueueItem) -> None:
        offer = self._recent(("offer", item.offer_id), lambda: get_offer(self.db, item.offer_id))
        source_code = self._tree(offer.region_id).get(item.language_code)
        target = offer.texts.get(item.language_code)
        source = offer.texts.get(source_code) if source_code else None
        if target is None or source is None:
            return
        item.provider = target.provider
        terms = self._recent(
            ("terms", source_code, item.language_code),
            lambda: terms_for(self.db, source_code, item.language_code),
        )
        key = (source.fingerprint, target.fingerprint, item.language_code, tuple(terms))
        if key not in self._failed_checks:  # the same texts and terms give the same findings
            whole_source = (
                f"<p>{html.escape(source.title)}</p><p>{html.escape(source.summary)}</p>{source.content}"
            )
            whole_target = (
                f"<p>{html.escape(target.title)}</p><p>{html.escape(target.summary)}</p>{target.content}"
            )
            self._failed_checks[key] = sum(
                1
                for f in check_translation(whole_source, whole_target, item.language_code, terms)
                if f.severity == "error"
            )
        item.failed_checks = self._failed_checks[key]
        back = stored_back_translation(
            self.db, item.offer_id, item.language_code, fingerprint=target.fingerprint
        )
        if back:
            german = offer.texts.get(next(iter(offer.texts)))
            reference = " ".join(html_to_text(f"{german.title}\n{german.summary}\n{german.content}").split())
            mirrored = " ".join(
                f"{back.get('title', '')} {back.get('summary', '')} {back.get('content', '')}".split()
            )
            item.back_similarity = difflib.SequenceMatcher(
                a=reference.split(), b=mirrored.split(), autojunk=False
            ).ratio()


def assist_for(db: Database, author: str = "lotse") -> EngineAssist | None:
    """The engine's assist when a service is chosen for some language, else None (the plain one)."""
    from .settings import is_configured

    try:
        return EngineAssist(db, author=author) if is_configured(db) else None
    except ProviderError:
        return None


def review_assist(db: Database, author: str = "lotse") -> EngineAssist:
    """For the review screen: the checks and stored back-translations always work offline;
    new back-translations and re-translation need a service (the engine says so when there is none)."""
    return assist_for(db, author) or EngineAssist(db, author=author, fetch_back_translations=False)
