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


@dataclass
class Planned:
    """Segments' keys the memory does not know and nothing sent yet carries, with their words
    (what a budget check counts before they are sent)."""

    keys: list[str] = field(default_factory=list)
    words: int = 0


class SegmentSending:
    """``translate_segments`` in steps: :meth:`plan` looks segments up in the memory,
    :meth:`send` puts the requests for the rest in flight, full ones (``provider.max_batch``
    segments) at once and the rest when more segments come or at :meth:`flush`; :meth:`poll`
    takes answers as they come back and remembers them; :meth:`finish` waits for all and gives
    the run. In between the caller may do other work: a batch stores the texts whose answers
    are back while the next texts' requests are out (desktop/translation/groups.py), and
    segments of many texts go in one request. A segment is sent once per sending (a second
    text with the same sentence waits for the same answer). ``pool``: the workers shared by a
    batch (at most the provider's concurrency in flight in all); without one, the sending
    has its own."""

    def __init__(
        self,
        db: Database,
        provider: Provider,
        source: str,
        target: str,
        segments: list[Segment] | None = None,
        token: CancelToken | None = None,
        *,
        pool: ThreadPoolExecutor | None = None,
    ) -> None:
        self.db, self.provider, self.source, self.target = db, provider, source, target
        self.token = token or CancelToken()
        self.run = SegmentRun()
        self.by_key: dict[str, Segment] = {}
        self.pending: dict[Future[list[str]], list[str]] = {}
        self._open: list[str] = []  # keys waiting for a full request (or flush)
        self._unremembered: dict[str, int] = {}  # sent, not yet in the memory: key -> words
        self._buffer: list[tuple[str, memory.Entry]] = []
        self._flushed = time.monotonic()
        self._pool = pool
        self._own_pool: ThreadPoolExecutor | None = None
        self._required = False
        if segments:
            self.send(self.plan(segments))
            self.flush()

    def plan(self, segments: list[Segment]) -> Planned:
        """The keys of ``segments`` still to send, and their words; the memory's answers for
        the others are in the run at once."""
        new: dict[str, Segment] = {}
        for segment in segments:
            if segment.needs_translation and segment.key not in self.by_key:
                new.setdefault(segment.key, segment)
        known = memory.lookup(self.db, self.source, self.target, list(new)) if new else {}
        planned = Planned()
        for key, segment in new.items():
            self.by_key[key] = segment
            if key in known:
                restored = restore(segment, known[key])
                self.run.done[key] = Translated(restored.html, restored.damaged, from_memory=True)
            else:
                planned.keys.append(key)
                planned.words += segment.words
        return planned

    def send(self, planned: Planned) -> None:
        """Put the planned keys' requests in flight (full requests now, the rest at :meth:`flush`
        or with the next keys). Raises ProviderError, before anything goes out, when the service
        does not translate this pair."""
        if not planned.keys:
            return
        if not self._required:
            self.provider.require(self.source, self.target)
            self._required = True
        for key in planned.keys:
            self._unremembered[key] = self.by_key[key].words
        self._open += planned.keys
        size = self.provider.max_batch
        while len(self._open) >= size:
            self._submit(self._open[:size])
            del self._open[:size]

    def refuse(self, planned: Planned, error: ProviderError) -> None:
        """The planned keys are not sent (a budget or a service that refused before): their
        segments fail with ``error``."""
        for key in planned.keys:
            self.run.errors[key] = error

    def flush(self) -> None:
        """Send the keys waiting for a full request."""
        if self._open:
            self._submit(self._open)
            self._open = []

    def _submit(self, chunk: list[str]) -> None:
        if self._pool is None:
            workers = max(1, self.provider.client.limits.concurrency)
            self._pool = self._own_pool = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix=f"mt-{self.provider.name}"
            )
        self.pending[self._pool.submit(self._send, chunk)] = chunk

    def _send(self, chunk: list[str]) -> list[str]:
        return self.provider.translate(
            [self.by_key[k].masked for k in chunk], self.source, self.target, self.token
        )

    @property
    def waiting(self) -> int:
        """Requests not yet started: those a worker has not taken, and the keys waiting for a
        full one (counted as one)."""
        return sum(1 for future in self.pending if not future.running() and not future.done()) + bool(
            self._open
        )

    @property
    def in_flight(self) -> int:
        """Requests sent or waiting for a worker, not yet answered."""
        return sum(1 for future in self.pending if not future.done())

    @property
    def unremembered_words(self) -> int:
        """Words sent (or about to be) and not yet in the memory: a budget counts them as used."""
        return sum(self._unremembered.values())

    def answered(self, keys: set[str]) -> bool:
        """Every one of ``keys`` translated or failed; keys still waiting for a full request go
        out now (the caller waits for them)."""
        run = self.run
        waiting = [key for key in keys if key not in run.done and key not in run.errors]
        if waiting and self._open and not self._open_set().isdisjoint(waiting):
            self.flush()
        return not waiting

    def _open_set(self) -> set[str]:
        return set(self._open)

    def poll(self, timeout: float) -> None:
        """Take the answers back within ``timeout`` seconds (at least one if any comes), and
        remember them in a few larger writes rather than one per request."""
        if self.pending:
            finished, _ = wait(self.pending, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in finished:
                self._collect(future, self.pending.pop(future))
        if len(self._buffer) >= 200 or time.monotonic() - self._flushed > 0.5:
            self._remember()
        if self.token.cancelled:
            raise Cancelled()

    def _collect(self, future: Future[list[str]], chunk: list[str]) -> None:
        provider = self.provider
        try:
            results = future.result()
        except Cancelled:
            raise
        except ProviderError as exc:
            self._fail(chunk, exc)
            return
        except LotseError as exc:
            self._fail(chunk, ProviderError(provider.label, "config", exc.text))
            return
        self._take(chunk, results)

    def _fail(self, chunk: list[str], error: ProviderError) -> None:
        for key in chunk:
            self.run.errors[key] = error
            self._unremembered.pop(key, None)

    def finish(self) -> SegmentRun:
        self.flush()
        try:
            while self.pending:
                self.poll(0.2)
        finally:
            self._stop()
        return self.run

    def abandon(self) -> None:
        """The batch stopped: requests not started are dropped, the answers of those already
        out are remembered when they come (nothing that came back is lost)."""
        self._open = []
        for future in self.pending:
            future.cancel()
        wait(self.pending)
        for future, chunk in list(self.pending.items()):
            if not future.cancelled() and future.exception() is None:
                self._take(chunk, future.result())
        self._stop()

    def _take(self, chunk: list[str], results: list[str]) -> None:
        run = self.run
        if len(results) != len(chunk):  # a provider's translate() promises one answer a segment
            error = ProviderError(self.provider.label, "garbage", f"{len(results)} / {len(chunk)}")
            self._fail(chunk[len(results) :], error)
        for key, result in zip(chunk, results, strict=False):
            segment = self.by_key[key]
            restored = restore(segment, result)
            run.done[key] = Translated(restored.html, restored.damaged)
            run.sent += 1
            run.words_sent += segment.words
            if restored.damaged:
                self._unremembered.pop(key, None)  # not kept: the next batch asks again
            else:
                entry = memory.Entry(
                    segment.masked,
                    result,
                    segment.plain_source,
                    plain(restored.html),
                    self.provider.name,
                    key,
                )
                self._buffer.append((key, entry))

    def _remember(self) -> None:
        self._flushed = time.monotonic()
        if self._buffer:
            memory.store(self.db, self.source, self.target, [entry for _, entry in self._buffer])
            for key, _ in self._buffer:
                self._unremembered.pop(key, None)
            self._buffer.clear()

    def _stop(self) -> None:
        for future in self.pending:
            future.cancel()
        if self._own_pool is not None:
            self._own_pool.shutdown(wait=True, cancel_futures=True)
        else:
            wait(self.pending)  # the shared pool's workers on these: their answers are not taken
        self.pending.clear()
        self._remember()  # whatever came back is kept, also on cancel or failure
