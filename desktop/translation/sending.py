"""Sending segments to a translation service: each distinct segment looked up in the memory
first, what it does not know sent once, many requests in flight (each bounded by the
provider's client), placeholders put back (a damaged one flags the segment), and every
answer remembered at once, so a cancel or a failure loses nothing that came back."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
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
    *,
    use_memory: bool = True,
    on_chunk: Callable[[int, int], object] | None = None,
) -> SegmentRun:
    """Translate segments through the memory and the provider, sending each distinct one once,
    ``provider.client.limits.concurrency`` requests in flight. Each finished request is
    remembered at once, so a cancel or a failure loses nothing that came back."""
    token = token or CancelToken()
    run = SegmentRun()
    by_key: dict[str, Segment] = {}
    for segment in segments:
        if segment.needs_translation:
            by_key.setdefault(memory.memory_key(segment.masked), segment)
    known = memory.lookup(db, source, target, list(by_key)) if use_memory else {}
    for key, masked in known.items():
        restored = restore(by_key[key], masked)
        run.done[key] = Translated(restored.html, restored.damaged, from_memory=True)
    missing = [key for key in by_key if key not in known]
    if not missing:
        return run
    provider.require(source, target)
    chunks = [missing[i : i + provider.max_batch] for i in range(0, len(missing), provider.max_batch)]
    workers = max(1, provider.client.limits.concurrency)

    def send(chunk: list[str]) -> list[str]:
        return provider.translate([by_key[k].masked for k in chunk], source, target, token)

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"mt-{provider.name}")
    buffer: list[memory.Entry] = []
    flushed = time.monotonic()

    def flush() -> None:
        nonlocal flushed
        if buffer:
            memory.store(db, source, target, buffer)
            buffer.clear()
        flushed = time.monotonic()

    try:
        pending = {pool.submit(send, chunk): chunk for chunk in chunks}
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
                for key, result in zip(chunk, results, strict=False):
                    segment = by_key[key]
                    restored = restore(segment, result)
                    run.done[key] = Translated(restored.html, restored.damaged)
                    run.sent += 1
                    run.words_sent += word_count(segment.plain_source)
                    if not restored.damaged:
                        buffer.append(
                            memory.Entry(
                                segment.masked,
                                result,
                                segment.plain_source,
                                plain(restored.html),
                                provider.name,
                            )
                        )
                if on_chunk is not None:
                    on_chunk(len(run.done), len(by_key))
            # Remember in a few larger writes rather than one per request.
            if len(buffer) >= 200 or time.monotonic() - flushed > 0.5:
                flush()
            if token.cancelled:
                raise Cancelled()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        flush()  # whatever came back is kept, also on cancel or failure
    return run
