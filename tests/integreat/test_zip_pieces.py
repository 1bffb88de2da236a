"""Large zip entries in pieces (export/integreat/zip_pieces.py): one valid deflate stream, and a
changed item re-compresses only the pieces around it, giving the very bytes a fresh compression
of the new data gives."""

from __future__ import annotations

import json
import random
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from export.integreat.zip_pieces import BIG, PIECE, boundaries, compress


def _list(items: int, seed: int) -> bytes:
    rng = random.Random(seed)
    value = [
        {"id": n, "title": f"Angebot {n}", "text": " ".join(rng.choice("abcdefgh") * 20 for _ in range(12))}
        for n in range(items)
    ]
    return json.dumps(value, separators=(",", ":")).encode()


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj(-15)
    out = inflater.decompress(data) + inflater.flush()
    assert inflater.eof and not inflater.unused_data
    return out


def test_pieces_make_one_stream_and_an_edit_reuses_the_rest():
    data = _list(9000, 1)
    assert len(data) > BIG
    whole, rows, reused = compress(data)
    assert reused == 0 and _inflate(whole) == data
    assert len(rows) == len(boundaries(data)) > len(data) // (5 * PIECE)
    assert len(whole) < len(data) // 3  # still compressed (a piece is 64 KB: little is lost)
    # one item in the middle changed (longer): only the pieces around it are compressed again
    edited = data.replace(
        b'"title":"Angebot 4500"', b'"title":"Angebot 4500 (neu, mit l\xc3\xa4ngerem Titel)"'
    )
    assert edited != data
    again, new_rows, reused = compress(edited, rows, whole)
    assert _inflate(again) == edited
    assert reused >= len(new_rows) - 3
    assert (again, new_rows) == compress(edited)[:2]  # byte for byte a fresh compression


@settings(max_examples=20, deadline=None)
@given(
    cuts=st.lists(st.integers(0, 10**9), max_size=4), inserts=st.lists(st.binary(max_size=300), max_size=4)
)
def test_any_edit_gives_the_bytes_of_a_fresh_compression(cuts, inserts):
    data = _list(6000, 2)
    edited = bytearray(data)
    for cut, insert in zip(cuts, inserts, strict=False):
        at = cut % len(edited)
        edited[at : at + len(insert) // 2] = insert
    edited = bytes(edited)
    whole, rows, _ = compress(data)
    again, new_rows, _reused = compress(edited, rows, whole)
    assert _inflate(again) == edited
    assert (again, new_rows) == compress(edited)[:2]
