"""What the translation engine adds to a review: findings per segment (failed checks with
their fixes) and the back-translation. The review screen asks an ``Assist`` for both; the
plain one knows nothing, the engine's one (desktop.translation) fills them in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from models.i18n import N_, Message

from .segments import ReviewText

FIX = N_("Fix")


@dataclass(frozen=True)
class SegmentFinding:
    segment_key: str
    text: Message
    severity: str = "warning"  # "error" blocks nothing but sorts first
    fix_value: str | None = None  # the segment's corrected translation, if one click can fix it
    fix_label: Message = FIX

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)

    # Until the review screen renders messages itself (issue 14): its words per language.
    @property
    def message_de(self) -> str:
        return self.text.render("de")

    @property
    def message_en(self) -> str:
        return self.text.render("en")

    @property
    def fix_label_de(self) -> str:
        return self.fix_label.render("de")

    @property
    def fix_label_en(self) -> str:
        return self.fix_label.render("en")


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
            N_("No translation service is set up for re-translation (Settings → Translation)."),
        )
