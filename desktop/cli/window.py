"""``lotse`` without a command: the desktop window."""

from __future__ import annotations


def open_window(db: str | None) -> int:
    from ui.app import run  # Qt is imported only when the window is wanted

    return run(db)
