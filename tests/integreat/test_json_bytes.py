"""Each page object is encoded once per publish and its bytes reused in every file that holds
it: every file of a published package must still be exactly what ``json.dumps`` of its value
gives."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.publish import failed_checks, load_snapshot, publish_package
from export.integreat.app_assets import prepare_assets
from export.integreat.json_bytes import Dumper, manifest_bytes
from export.integreat.package import iter_files, prepare_media
from export.integreat.policy import plan_publication

BASE = "https://integreat.example.org"
TODAY = date(2026, 12, 1)


def _plain(value) -> bytes:
    if isinstance(value, bytes):
        return value
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8") + b"\n"


def test_every_file_is_json_dumps_of_its_value(demo_db, tmp_path):
    out = tmp_path / "pkg"
    publish_package(
        demo_db,
        out,
        policy="machine",
        base_url=BASE,
        today=TODAY,
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    with demo_db.transaction() as session:
        snapshot = load_snapshot(session)
        failed = failed_checks(session, snapshot, "machine")
    plan = plan_publication(snapshot, today=TODAY, override="machine", failed_checks=failed)
    urls, _media, _ = prepare_media(snapshot, plan, BASE)
    prepare_assets(snapshot, plan, BASE, urls)  # the tiles' and logos' URLs, as a publish adds them
    files = dict(iter_files(snapshot, plan, BASE, urls, today=TODAY))
    tree_files = [p for p in files if "/children/" in p or "/parents/" in p or "/page/" in p]
    assert len(tree_files) > 100  # the page tree's answers: the files that share page objects
    for relpath, value in files.items():
        assert (out / relpath).read_bytes() == _plain(value), relpath


def test_the_dumper_reuses_an_objects_bytes_only_for_that_object():
    dumper = Dumper()
    page = {"b": [1, 2.5, None], "a": "ü\u202e", "c": {"z": True, "y": "x"}}
    assert dumper([page, page]) == _plain([page, page])
    assert dumper(page) == _plain(page)
    other = dict(page, a="another")  # an equal-looking new object is encoded for itself
    assert dumper([other]) == _plain([other])
    assert dumper([]) == b"[]\n" and dumper(b"raw") == b"raw" and dumper(None) == b"null\n"
    dumper.forget()
    assert dumper({"x": [page]}) == _plain({"x": [page]})


PATHS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
ENTRY = st.fixed_dictionaries({"bytes": st.integers(0, 2**40), "sha256": st.text(max_size=64)})
OTHER = st.dictionaries(
    st.text(max_size=8), st.one_of(st.none(), st.integers(), st.text(max_size=8), st.lists(st.booleans()))
)


@settings(max_examples=200)
@given(files=st.dictionaries(PATHS, ENTRY, max_size=20), other=OTHER)
def test_the_manifest_is_what_json_dumps_with_indent_gives(files, other):
    manifest = {**other, "files": files, "format": "lotse-integreat-package", "name": '\ue000 " \\ ü'}
    expected = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"
    assert manifest_bytes(manifest) == expected
    odd = {**manifest, "files": {"a": {"bytes": True, "sha256": "x", "more": 1}}}  # not the usual shape
    assert (
        manifest_bytes(odd) == json.dumps(odd, ensure_ascii=False, sort_keys=True, indent=1).encode() + b"\n"
    )
