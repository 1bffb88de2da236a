"""A text file from outside read as a stream: its encoding found without holding the file (UTF-8
checked chunk by chunk, else guessed by charset-normalizer from the first 200 KB and confirmed
chunk by chunk), then opened as text for a reader that goes line by line (csv).

The file is never in memory as a whole, so a table import costs its rows, not the file's bytes
twice (raw and decoded) on top of them. The size is checked before a byte is read, and the
stream refuses to read past the limit should the file grow after the check.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

from models.i18n import N_

from .safe_archive import check_size, too_large
from .safe_input import InputRejected

CHUNK = 1 << 20
SAMPLE = 200_000
# What spreadsheets in German offices come in besides UTF-8. Asked among all code pages,
# charset-normalizer takes a short German list for Big5; among these it answers well.
_CANDIDATES = ["cp1252", "cp1250", "latin_1", "iso8859_15", "cp850", "mac_roman", "utf_16"]
_WESTERN = {"cp1250", "latin_1", "iso8859_15", "iso8859_2"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class _Bounded(io.RawIOBase):
    """The file's bytes, refused past ``limit`` (a file that grew after its size was checked)."""

    def __init__(self, path: Path, limit: int):
        self.handle = open(path, "rb")  # noqa: SIM115 - closed with this stream
        self.name, self.limit, self.count = path.name, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        read = self.handle.readinto(buffer)
        self.count += read or 0
        if self.count > self.limit:
            raise too_large(self.name, self.count, self.limit)
        return read or 0

    def close(self) -> None:
        self.handle.close()
        super().close()


def open_bytes(path: Path, limit: int) -> io.BufferedReader:
    """The file as a buffered binary stream that never yields more than ``limit`` bytes."""
    return io.BufferedReader(_Bounded(Path(path), limit), CHUNK)


def _first_error(path: Path, limit: int, codec: str) -> tuple[int, UnicodeDecodeError] | None:
    """Decode the whole file chunk by chunk, keeping nothing: the first error's position in the
    file and the error (its ``object`` the bytes around it), or None when it all decodes."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0
    with open_bytes(path, limit) as stream:
        while True:
            chunk = stream.read(CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start, exc
            if not chunk:
                return None
            offset += len(chunk)


def _decodes(path: Path, limit: int, codec: str) -> bool:
    try:
        return _first_error(path, limit, codec) is None
    except LookupError:
        return False


def detect_encoding(path: Path, limit: int) -> str | None:
    """The encoding of a text file that is not UTF-8, or None. Excel on Windows writes
    windows-1252: where the guess is a close relative and windows-1252 reads the bytes, that wins."""
    from charset_normalizer import from_bytes

    with open_bytes(path, limit) as stream:
        sample = stream.read(SAMPLE)
    best = from_bytes(sample, cp_isolation=_CANDIDATES).best()
    if best is None:
        return None
    guess = best.encoding
    if (guess in _WESTERN or guess == "cp1252") and _decodes(path, limit, "cp1252"):
        return "cp1252"
    return guess if _decodes(path, limit, guess) else None


def text_encoding(path: Path, limit: int, encoding: str = "auto", name: str | None = None) -> str:
    """The codec to read ``path`` with: ``encoding`` if named (and it reads the file), else a byte
    order mark's, else UTF-8 if the file is UTF-8, else the detected one. Refuses what cannot be read."""
    path = Path(path)
    name = name or path.name
    check_size(path, limit, name)
    if encoding and encoding != "auto":
        problem: Exception | None
        try:
            found = _first_error(path, limit, encoding)
            problem = found and found[1]
        except LookupError as exc:
            problem = exc
        if problem is not None:
            raise InputRejected(
                N_(
                    "“{name}” cannot be read as {encoding} ({exc}).",
                    name=name,
                    encoding=encoding,
                    exc=problem,
                )
            )
        return encoding
    with open_bytes(path, limit) as stream:
        head = stream.read(4)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    found = _first_error(path, limit, "utf-8")
    if found is None:
        return "utf-8"
    detected = detect_encoding(path, limit)
    if detected:
        return detected
    start, error = found
    snippet = error.object[max(error.start - 15, 0) : error.end + 15].decode("cp1252", errors="replace")
    raise InputRejected(
        N_(
            "“{name}” is not saved as UTF-8 and its encoding cannot be recognised "
            "(byte {start}: “…{snippet}…”). Save it from Excel as “CSV UTF-8” or "
            "name its encoding (--encoding windows-1252).",
            name=name,
            start=start,
            snippet=snippet,
        )
    )


def open_text(path: Path, limit: int, encoding: str) -> io.TextIOWrapper:
    """The file as text in ``encoding``, newlines untouched (for csv), bounded to ``limit`` bytes."""
    return io.TextIOWrapper(open_bytes(path, limit), encoding=encoding, newline="")
