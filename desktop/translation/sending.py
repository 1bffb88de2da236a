"""Sending segments to a translation service: each distinct segment looked up in the memory
first, what it does not know sent once, many requests in flight (each bounded by the
provider's client), placeholders put back (a damaged one flags the segment), and every
answer remembered at once, so a cancel or a failure loses nothing that came back."""

from __future__ import annotations

import html
import re
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from models.richtext import word_count

from ..db import Database
from ..errors import LotseError
from ..tasks import Cancelled, CancelToken
from . import memory
from .errors import ProviderError
from .providers import Provider
from .segmenting import Segment, restore

_TAG = re.compile(r"<[^>]+>")


@dataclass
class Translated:
    html: str
    damaged: list[str] = field(default_factory=list)
    from_memory: bool = False


@dataclass
class SegmentRun:
    """What happened to a list of segments: translation per memory key, or the error."""

    done: dict[str, Translated] = field(default_factory=dict)
    errors: dict[str, ProviderError] = field(default_factory=dict)
    sent: int = 0
    words_sent: int = 0


def plain(html_text: str) -> str:
    return html.unescape(_TAG.sub("", html_text))


def translate_segments(
    db: Database,
    provider: Provider,
    source: str,
    target: str,
    segments: list[Segment],
    token: CancelToken | None = None,
) -> SegmentRun:
    """Translate segments through the memory and the provider, sending each distinct one once,
    ``provider.client.limits.concurrency`` requests in flight. Each finished request is
    remembered at once, so a cancel or a failure loses nothing that came back."""
    return SegmentSending(db, provider, source, target, segments, token).finish()


class SegmentSending:
    """``translate_segments`` in two halves: made, it looks the segments up in the memory and
    puts the requests for the rest in flight; ``finish`` takes the answers as they come back,
    remembers them and gives the run. In between the caller may do other work: the batch
    stores one group's texts while the next group's requests are out (desktop/translation/
    groups.py). ``pool``: the workers shared by the groups of a batch (at most the provider's
    concurrency in flight in all); without one, the sending has its own."""

    def __init__(
        self,
        db: Database,
        provider: Provider,
        source: str,
        target: str,
        segments: list[Segment],
        token: CancelToken | None = None,
        *,
        pool: ThreadPoolExecutor | None = None,
    ) -> None:
        self.db, self.provider, self.source, self.target = db, provider, source, target
        self.token = token or CancelToken()
        self.run = SegmentRun()
        self.by_key: dict[str, Segment] = {}
        for segment in segments:
            if segment.needs_translation:
                self.by_key.setdefault(memory.memory_key(segment.masked), segment)
        known = memory.lookup(db, source, target, list(self.by_key))
        for key, masked in known.items():
            restored = restore(self.by_key[key], masked)
            self.run.done[key] = Translated(restored.html, restored.damaged, from_memory=True)
        self.missing = [key for key in self.by_key if key not in known]
        self.pending: dict[Future[list[str]], list[str]] = {}
        self._own_pool: ThreadPoolExecutor | None = None
        if not self.missing:
            return
        provider.require(source, target)
        if pool is None:
            workers = max(1, provider.client.limits.concurrency)
            pool = self._own_pool = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix=f"mt-{provider.name}"
            )
        size = provider.max_batch
        for start in range(0, len(self.missing), size):
            chunk = self.missing[start : start + size]
            self.pending[pool.submit(self._send, chunk)] = chunk

    def _send(self, chunk: list[str]) -> list[str]:
        return self.provider.translate(
            [self.by_key[k].masked for k in chunk], self.source, self.target, self.token
        )

    def finish(self) -> SegmentRun:
        run, provider, pending, token = self.run, self.provider, self.pending, self.token
        buffer: list[memory.Entry] = []
        flushed = time.monotonic()
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = pending.pop(future)
                    try:
                        results = future.result()
                    except Cancelled:
                        raise
                    except ProviderError as exc:
                        for key in chunk:
                            run.errors[key] = exc
                        continue
                    except LotseError as exc:  # noqa: PERF203
                        error = ProviderError(provider.label, "config", exc.text)
                        for key in chunk:
                            run.errors[key] = error
                        continue
                    self._take(chunk, results, buffer)
                # Remember in a few larger writes rather than one per request.
                if len(buffer) >= 200 or time.monotonic() - flushed > 0.5:
                    self._remember(buffer)
                    flushed = time.monotonic()
                if token.cancelled:
                    raise Cancelled()
        finally:
            self._stop(buffer)
        return run

    def abandon(self) -> None:
        """The batch stopped before this group's turn: requests not started are dropped, the
        answers of those already out are remembered (nothing that came back is lost)."""
        buffer: list[memory.Entry] = []
        for future in self.pending:
            future.cancel()
        for future, chunk in list(self.pending.items()):
            if not future.cancelled() and future.exception() is None:
                self._take(chunk, future.result(), buffer)
        self.pending.clear()
        self._stop(buffer)

    def _take(self, chunk: list[str], results: list[str], buffer: list[memory.Entry]) -> None:
        run = self.run
        for key, result in zip(chunk, results, strict=False):
            segment = self.by_key[key]
            restored = restore(segment, result)
            run.done[key] = Translated(restored.html, restored.damaged)
            run.sent += 1
            run.words_sent += word_count(segment.plain_source)
            if not restored.damaged:
                buffer.append(
                    memory.Entry(
                        segment.masked, result, segment.plain_source, plain(restored.html), self.provider.name
                    )
                )

    def _remember(self, buffer: list[memory.Entry]) -> None:
        if buffer:
            memory.store(self.db, self.source, self.target, buffer)
            buffer.clear()

    def _stop(self, buffer: list[memory.Entry]) -> None:
        for future in self.pending:
            future.cancel()
        if self._own_pool is not None:
            self._own_pool.shutdown(wait=True, cancel_futures=True)
        else:
            wait(self.pending)  # the shared pool's workers on these: their answers are not taken
        self._remember(buffer)  # whatever came back is kept, also on cancel or failure
