"""Every request to a translation service is bounded: a timeout, retries with
exponential back-off on 429 and 5xx (and on a dropped connection), a rate limit per
service, and a circuit breaker so that a dead service fails the rest of a batch at
once instead of one timeout per segment. Failures become :class:`ProviderError`s
that name the service and the cause; keys are scrubbed from every message."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests

from models.i18n import N_, Text

from ..tasks import CancelToken
from .errors import ProviderError

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Limits:
    timeout: float = 20.0  # seconds for connecting and for each read
    retries: int = 4  # extra attempts after the first on 429/5xx/dropped connection
    backoff: float = 0.5  # first wait; doubles each attempt
    max_backoff: float = 30.0
    requests_per_second: float = 10.0
    concurrency: int = 8  # requests in flight at once
    breaker_after: int = 3  # consecutive fatal failures before the service is given up for the batch


class RateLimiter:
    """At most ``rate`` request starts per second (a token bucket, burst of one second)."""

    def __init__(self, rate: float):
        self.rate = max(rate, 0.001)
        self.capacity = max(1.0, self.rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def acquire(self, token: CancelToken | None = None) -> None:
        while True:
            with self.lock:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                wait = (1 - self.tokens) / self.rate
            _sleep(min(wait, 0.25), token)


def _sleep(seconds: float, token: CancelToken | None) -> None:
    """Sleep, waking early to honour a cancel."""
    end = time.monotonic() + seconds
    while True:
        if token is not None:
            token.raise_if_cancelled()
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.1))


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class BoundedClient:
    """One service's HTTP client. Thread-safe; share it between a batch's workers."""

    def __init__(self, provider: str, limits: Limits | None = None, secrets: tuple[str, ...] = ()):
        self.provider = provider
        self.limits = limits or Limits()
        self.secrets = tuple(s for s in secrets if s)
        self.limiter = RateLimiter(self.limits.requests_per_second)
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=4, pool_maxsize=max(4, self.limits.concurrency * 2)
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.requests_sent = 0
        self._lock = threading.Lock()
        self._fatal_streak = 0
        self._fatal: ProviderError | None = None

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def reset_breaker(self) -> None:
        with self._lock:
            self._fatal_streak, self._fatal = 0, None

    def _note(self, error: ProviderError | None) -> None:
        with self._lock:
            if error is None:
                self._fatal_streak = 0
            elif error.stops_provider:
                self._fatal_streak += 1
                if self._fatal_streak >= self.limits.breaker_after or error.kind in (
                    "auth",
                    "no_key",
                    "quota",
                    "budget",
                ):
                    self._fatal = error

    def request(
        self, method: str, url: str, *, token: CancelToken | None = None, **kwargs
    ) -> requests.Response:
        """Send with timeout, retries and rate limit; return a 2xx/4xx response or raise ProviderError."""
        if self._fatal is not None:
            raise self._fatal
        kwargs.setdefault("timeout", (min(5.0, self.limits.timeout), self.limits.timeout))
        attempt = 0
        while True:
            if token is not None:
                token.raise_if_cancelled()
            self.limiter.acquire(token)
            try:
                with self._lock:
                    self.requests_sent += 1
                response = self.session.request(method, url, **kwargs)
            except requests.Timeout:
                error = ProviderError(self.provider, "timeout", f"{self.limits.timeout:g}")
                self._note(error)
                raise error from None
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                if attempt < self.limits.retries and not _unreachable(exc):
                    attempt += 1
                    _sleep(self._delay(attempt, None), token)
                    continue
                error = ProviderError(self.provider, "network", self.scrub(_short(exc)))
                self._note(error)
                raise error from None
            except requests.RequestException as exc:
                error = ProviderError(self.provider, "network", self.scrub(_short(exc)))
                self._note(error)
                raise error from None
            if response.status_code in RETRY_STATUS and attempt < self.limits.retries:
                attempt += 1
                delay = self._delay(attempt, _retry_after(response))
                response.close()
                _sleep(delay, token)
                continue
            if response.status_code == 429:
                error = ProviderError(
                    self.provider,
                    "quota",
                    N_("HTTP 429 after {number} attempts", number=attempt + 1),
                )
                self._note(error)
                raise error
            if response.status_code >= 500:
                error = ProviderError(
                    self.provider,
                    "server",
                    N_(
                        "HTTP {status_code} after {number} attempts",
                        status_code=response.status_code,
                        number=attempt + 1,
                    ),
                )
                self._note(error)
                raise error
            self._note(None)
            return response

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        delay = self.limits.backoff * (2 ** (attempt - 1))
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.limits.max_backoff)

    def fail(self, kind: str, detail: Text | str) -> ProviderError:
        """A ProviderError for a failure found in a response; fatal kinds trip the breaker."""
        error = ProviderError(self.provider, kind, self.scrub(detail) if isinstance(detail, str) else detail)
        self._note(error)
        return error

    def close(self) -> None:
        self.session.close()


def _unreachable(exc: Exception) -> bool:
    """Nobody listens at the address, or the name does not resolve: waiting will not help."""
    text = repr(exc)
    return any(
        marker in text
        for marker in (
            "NewConnectionError",
            "NameResolutionError",
            "Connection refused",
            "Name or service not known",
            "No route to host",
        )
    )


def _short(exc: Exception) -> str:
    """The innermost reason of a requests error, without the URL (which may hold a key)."""
    reason = exc
    while reason.__context__ is not None and reason.__context__ is not reason:
        reason = reason.__context__
    text = type(reason).__name__
    for marker in (
        "Connection refused",
        "Name or service not known",
        "Remote end closed connection",
        "Connection reset",
        "Connection aborted",
        "No route to host",
        "timed out",
    ):
        if marker in str(exc):
            return marker
    return text
