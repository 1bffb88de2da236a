"""What a child reported as done, one line per operation, appended with a single write(2)
after the operation returned: a SIGKILL can lose an unreported save, never fake a reported one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class Journal:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._fd: int | None = None

    def write(self, *fields) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, ("\t".join(str(f) for f in fields) + "\n").encode("utf-8"))

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").split("\n")
        return [Entry(*line.split("\t")) for line in lines[:-1] if line]  # the last piece is "" or torn


@dataclass
class Entry:
    kind: str
    offer_id: str
    version: str = ""
    marker: str = ""
    detail: str = ""

    @property
    def offer(self) -> int:
        return int(self.offer_id)
