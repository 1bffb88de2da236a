"""What the translation engine adds to a review: findings per segment (failed checks with
their fixes) and the back-translation. The review screen asks an ``Assist`` for both; the
plain one knows nothing, the engine's one (desktop.translation) fills them in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .segments import ReviewText


@dataclass(frozen=True)
class SegmentFinding:
    segment_key: str
    message_de: str
    message_en: str
    severity: str = "warning"  # "error" blocks nothing but sorts first
    fix_value: str | None = None  # the segment's corrected translation, if one click can fix it
    fix_label_de: str = "Beheben"
    fix_label_en: str = "Fix"

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_de


class Assist(Protocol):
    def findings(self, review: ReviewText) -> list[SegmentFinding]: ...

    def back_translation(self, review: ReviewText) -> dict[str, str]: ...

    def retranslate(self, offer_id: int, language_code: str, segment_key: str | None) -> None: ...


class NoAssist:
    def findings(self, review: ReviewText) -> list[SegmentFinding]:
        return []

    def back_translation(self, review: ReviewText) -> dict[str, str]:
        return {}

    def retranslate(self, offer_id: int, language_code: str, segment_key: str | None) -> None:
        from ..errors import LotseError

        raise LotseError(
            "Für Neuübersetzungen ist kein Übersetzungsdienst eingerichtet (Einstellungen → Übersetzung).",
            "No translation service is set up for re-translation (Settings → Translation).",
        )
