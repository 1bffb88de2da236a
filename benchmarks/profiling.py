"""``--profile``: run cases under pyinstrument and write an HTML and a text report per run."""

from __future__ import annotations

from contextlib import contextmanager

from .report import RESULTS


@contextmanager
def profiled(size: str, names: list[str]):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        RESULTS.mkdir(parents=True, exist_ok=True)
        stem = RESULTS / f"profile-{size}-{'-'.join(names)}"
        stem.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        print(text[:6000])
        print(f"profile: {stem}.html")
