"""Reading Integreat API v3 JSON: a package folder, its zip, or files saved from the API.

Every JSON file is recognised by its shape (a list of pages has ``parent``, places
have ``location`` and ``category``, ...) and its language by the items' paths, so the
file names do not matter. Hostile input is bounded before it costs memory: file sizes
(checked before reading), a zip through the one safe-archive reader (count, names, sizes,
ratio), what parsing the JSON would cost, nesting depth; unreadable or malformed files stop
the import with the file named.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, cast
from urllib.parse import unquote

import ijson

from models.i18n import N_, Message, MessageError

from ..safe_archive import ArchiveLimits, SafeArchive
from ..safe_input import InputRejected
from ..text_files import open_bytes
from . import json_stream

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_FILES = 50_000
# What parsing may cost in memory, as json_stream.stream_cost estimates it (about twice the real cost).
MAX_FILE_COST = 4 * MAX_FILE_BYTES
MAX_TOTAL_COST = 2 * MAX_TOTAL_BYTES
ZIP_LIMITS = ArchiveLimits(
    members=MAX_FILES, member_bytes=MAX_FILE_BYTES, total_bytes=MAX_TOTAL_BYTES, ratio=200
)


class ReadError(MessageError):
    """The input cannot be imported; nothing was imported."""


@dataclass
class IntegreatData:
    """Everything read, by kind and language."""

    regions: list[dict] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)
    pages: dict[str, dict[str, dict]] = field(default_factory=dict)  # lang -> normalised path -> page
    places: dict[str, dict[str, dict]] = field(default_factory=dict)
    events: dict[str, dict[str, dict]] = field(default_factory=dict)
    imprints: dict[str, dict] = field(default_factory=dict)
    lotse_offers: dict | None = None
    lotse_pages: list[str] | None = None  # a Lotse package's information pages (root-language paths)
    lotse_statuses: dict[str, dict[str, str]] = field(default_factory=dict)  # pages' and events' statuses
    lotse_texts: dict[str, dict] = field(default_factory=dict)
    region_slugs: set[str] = field(default_factory=set)
    warnings: list[Message] = field(default_factory=list)
    files: int = 0

    def warn(self, text: Message) -> None:
        self.warnings.append(text)


def norm_path(path) -> str:
    return unquote(str(path or "")).lower()


def _segments(path) -> list[str]:
    return [s for s in norm_path(path).split("/") if s]


def _parse(name: str, raw: bytes):
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(N_("{name}: not a UTF-8 file ({reason}).", name=name, reason=exc.reason)) from exc
    except json.JSONDecodeError as exc:
        raise ReadError(
            N_(
                "{name}: not valid JSON (line {lineno}, column {colno}: {msg}).",
                name=name,
                lineno=exc.lineno,
                colno=exc.colno,
                msg=exc.msg,
            ),
        ) from exc
    except RecursionError as exc:
        raise ReadError(N_("{name}: JSON nested too deeply.", name=name)) from exc


def _too_big(name: str, size: int) -> ReadError:
    return ReadError(
        N_(
            "{name} is too large at {number:.0f} MB (at most {number2} MB per file).",
            name=name,
            number=size / 1e6,
            number2=MAX_FILE_BYTES // 1_000_000,
        ),
    )


def _rejected(exc: InputRejected) -> ReadError:
    return ReadError(exc.text)


def _checked(name: str, cost: int, spent: list[int]) -> None:
    """Refuse a file whose parsing would cost too much, alone or with the files before it."""
    spent[0] += cost
    if cost > MAX_FILE_COST or spent[0] > MAX_TOTAL_COST:
        raise ReadError(
            N_(
                "{name}: the JSON holds too many items for its size (reading it would "
                "take about {value} MB of memory). Nothing was imported.",
                name=name,
                value=spent[0] // 1000000,
            )
        )


def _value(
    name: str, open_stream: Callable[[], ContextManager[BinaryIO]], spent: list[int], memo: dict[str, str]
) -> Any:
    """One file's JSON value, parsed from a stream once its cost is known to be bearable. What the
    streaming parser refuses is read whole by the standard one (the file is bounded by then), for
    the line and column of the mistake."""
    with open_stream() as stream:
        cost, _head = json_stream.stream_cost(stream)
    _checked(name, cost, spent)
    try:
        with open_stream() as stream:
            return json_stream.load(stream, memo)
    except json_stream.TooDeep:
        raise ReadError(N_("{name}: JSON nested too deeply.", name=name)) from None
    except ijson.JSONError:
        with open_stream() as stream:
            return _parse(name, stream.read())


def _files(source: Path) -> Iterator[tuple[str, Any]]:
    """(name, value) of every JSON file in a folder, a zip or one file, each parsed from a stream;
    sizes checked before reading, a zip as a whole by the one safe-archive reader, and what parsing
    would cost bounded too. Tree answers (children/, parents/, page/) are skipped unread."""
    total = 0
    spent = [0]
    memo: dict[str, str] = {}  # texts repeated across files (paths, dates) are kept once
    if source.is_dir():
        # names and sizes only (15,000 Path objects of a package cost 8 MB), in Path order
        found = sorted(
            ((path.relative_to(source).as_posix(), path.stat().st_size) for path in _json_files(source)),
            key=lambda entry: entry[0].split("/"),
        )
        if len(found) > MAX_FILES:
            raise ReadError(N_("Too many files ({count}).", count=len(found)))
        for name, size in found:
            if size > MAX_FILE_BYTES:
                raise _too_big(name, size)
            total += size
            if total > MAX_TOTAL_BYTES:
                raise ReadError(N_("The data is too large in total."))
            if _is_tree_answer(PurePosixPath(name)):
                continue
            try:
                yield (
                    name,
                    _value(name, lambda path=source / name: open_bytes(path, MAX_FILE_BYTES), spent, memo),
                )
            except InputRejected as exc:
                raise _rejected(exc) from exc
        return
    if zipfile.is_zipfile(source):
        try:
            with SafeArchive(source, ZIP_LIMITS, path_limit=MAX_TOTAL_BYTES) as archive:
                archive.keep_only(lambda info: not _is_tree_answer(PurePosixPath(info.filename)))
                for info in archive.members((".json",)):
                    yield info.filename, _value(info.filename, _member(archive, info), spent, memo)
        except InputRejected as exc:
            raise _rejected(exc) from exc
        return
    if source.is_file():
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(source.name, size)
        try:
            yield source.name, _value(source.name, lambda: open_bytes(source, MAX_FILE_BYTES), spent, memo)
        except InputRejected as exc:
            raise _rejected(exc) from exc
        return
    raise ReadError(N_("“{source}” does not exist.", source=source))


def _json_files(source: Path) -> Iterator[Path]:
    return (path for path in source.rglob("*.json") if path.is_file() and not path.is_symlink())


def _member(archive: SafeArchive, info: zipfile.ZipInfo) -> Callable[[], ContextManager[BinaryIO]]:
    """A zip member opened as often as it is read, counted once against the archive's total."""

    reads = [0]

    @contextmanager
    def opened() -> Iterator[BinaryIO]:
        with archive.open(info) as member:
            yield cast(BinaryIO, member)
        if reads[0]:
            archive.unpacked -= member.count  # the same bytes again: the first read counted them
        reads[0] += 1

    return opened


def _kind(value) -> str | None:
    if isinstance(value, dict):
        if value.get("format") == "lotse-integreat-package":
            return "manifest"
        if "languages" in value and "path" in value and "name" in value:
            return "region"
        if "content" in value and "path" in value and value.get("parent") is None and "event" not in value:
            return "imprint"
        return None
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        return None
    first = value[0]
    if "languages" in first and "path" in first:
        return "regions"
    if "code" in first and "native_name" in first:
        return "languages"
    if "event" in first:
        return "events"
    if "location" in first and "category" in first:
        return "places"
    if "parent" in first and "path" in first:
        return "pages"
    return None


def _add_items(data: IntegreatData, target: dict, items: list[dict], name: str) -> None:
    for item in items:
        segments = _segments(item.get("path"))
        if len(segments) < 3 or not isinstance(item.get("title", ""), str):
            data.warn(
                N_(
                    "{name}: item without a valid path or title skipped ({value}).",
                    name=name,
                    value=str(item.get("path"))[:80],
                ),
            )
            continue
        data.region_slugs.add(segments[0])
        # the app's plain-text copy of ``content`` (45 % of a package's text): never read by the
        # import, so not kept while every other file is read
        item.pop("excerpt", None)
        target.setdefault(segments[1], {})[norm_path(item["path"])] = item


def _is_tree_answer(posix: PurePosixPath) -> bool:
    parts = posix.parts
    for index in range(len(parts) - 1):
        if parts[index : index + 2] == ("api", "v3"):
            return len(parts) > index + 5 and parts[index + 4] in ("children", "parents", "page")
    return False


def read_integreat(source: str | Path) -> IntegreatData:
    data = IntegreatData()
    for name, value in _files(Path(source)):  # children/, parents/, page/ are skipped unread
        posix = PurePosixPath(name)
        data.files += 1
        if posix.parts[-2:-1] == ("texts",) and "lotse" in posix.parts and isinstance(value, dict):
            data.lotse_texts[posix.stem] = value
            continue
        if posix.name == "offers.json" and "lotse" in posix.parts and isinstance(value, dict):
            data.lotse_offers = value
            continue
        if posix.name == "content.json" and "lotse" in posix.parts and isinstance(value, dict):
            pages = value.get("pages") if isinstance(value.get("pages"), list) else []
            data.lotse_pages = [norm_path(p) for p in pages if isinstance(p, str)]
            statuses = value.get("statuses") if isinstance(value.get("statuses"), dict) else {}
            data.lotse_statuses = {
                str(code): {norm_path(k): str(v) for k, v in items.items()}
                for code, items in statuses.items()
                if isinstance(items, dict)
            }
            continue
        kind = _kind(value)
        if kind == "region":
            data.regions.append(value)
        elif kind == "regions":
            data.regions.extend(value)
        elif kind == "languages":
            data.languages = value
        elif kind == "pages":
            _add_items(data, data.pages, value, name)
        elif kind == "places":
            _add_items(data, data.places, value, name)
        elif kind == "events":
            _add_items(data, data.events, value, name)
        elif kind == "imprint":
            segments = _segments(value.get("path"))
            if len(segments) >= 2 and value.get("id") is not None:
                data.imprints[segments[1]] = value
        # manifests, empty lists, error objects, place categories: nothing to import
    if not data.pages and not data.places:
        raise ReadError(
            N_("No pages and no places found: is this an Integreat export (api/v3/…/pages, …/locations)?"),
        )
    return data
