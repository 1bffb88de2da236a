"""What a process remembers between documents (fonts, shaped glyphs, widths, line breaks'
estimates, QR codes: export/flyers/) never changes a document: a flyer made after other
flyers and a brochure is the very PDF (every content and font stream, byte for byte) a fresh
process makes first."""

from __future__ import annotations

import re
import subprocess
import sys
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from desktop.brochure import render_region_brochure
from export.flyers import render_flyer

from .support import sample_data

ROOT = Path(__file__).resolve().parents[2]


def _streams(path: Path) -> list[bytes]:
    data = path.read_bytes()
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return out


def test_a_flyer_after_others_is_the_flyer_of_a_fresh_process(demo_db, tmp_path):
    data = replace(sample_data(demo_db), printed_on=date(2026, 12, 7))
    for code, bilingual, size in (("de", False, "a4"), ("ti", True, "a5"), ("fa", True, "a4")):
        render_flyer(data, tmp_path / f"before-{code}.pdf", code, bilingual=bilingual, size=size)
    render_region_brochure(demo_db, tmp_path / "brochure.pdf", "ar", bilingual=True, policy="machine")
    render_flyer(data, tmp_path / "warm.pdf", "ar", bilingual=True, size="a5")
    url = demo_db.engine.url.render_as_string(hide_password=False)
    script = (
        "import sys\n"
        "from dataclasses import replace\n"
        "from datetime import date\n"
        "from desktop.db import open_database\n"
        "from export.flyers import render_flyer\n"
        "from tests.flyers.support import sample_data\n"
        f"db = open_database({url!r})\n"
        "data = replace(sample_data(db), printed_on=date(2026, 12, 7))\n"
        f"render_flyer(data, {str(tmp_path / 'cold.pdf')!r}, 'ar', bilingual=True, size='a5')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    cold, warm = _streams(tmp_path / "cold.pdf"), _streams(tmp_path / "warm.pdf")
    assert len(cold) > 10
    assert warm == cold
