"""What a batch translation did, text by text, and its summary in words (the window's
report and the command line's output)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.i18n import N_, Message, Text, Verbatim, render


@dataclass
class TextResult:
    offer_id: int
    language_code: str
    title: str
    outcome: str  # translated | unchanged | kept_reviewed | failed | no_source | in_translation
    provider: str = ""
    segments_sent: int = 0
    segments_from_memory: int = 0
    words_sent: int = 0
    flagged: list[str] = field(default_factory=list)
    reason: Text = Verbatim("")

    @property
    def reason_en(self) -> str:
        return render(self.reason, "en")


@dataclass
class BatchReport:
    results: list[TextResult] = field(default_factory=list)
    requests: int = 0
    cancelled: bool = False
    language: str | None = None  # of the progress messages (None: the interface language)

    def of(self, outcome: str) -> list[TextResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def failed(self) -> list[TextResult]:
        return self.of("failed")

    @property
    def segments_sent(self) -> int:
        return sum(r.segments_sent for r in self.results)

    @property
    def segments_from_memory(self) -> int:
        return sum(r.segments_from_memory for r in self.results)

    @property
    def words_sent(self) -> int:
        return sum(r.words_sent for r in self.results)

    @property
    def flagged(self) -> list[TextResult]:
        return [r for r in self.results if r.flagged]

    def summary(self, language: str | None = None) -> str:
        lines: list[Message] = [
            N_(
                "Translated: {count} texts ({segments} segments sent, {words} words, "
                "{memory} from memory, {requests} requests)",
                count=len(self.of("translated")),
                segments=self.segments_sent,
                words=self.words_sent,
                memory=self.segments_from_memory,
                requests=self.requests,
            ),
            N_("Skipped, source unchanged: {count}", count=len(self.of("unchanged"))),
        ]
        kept = self.of("kept_reviewed")
        if kept:
            lines.append(
                N_("Checked/approved texts kept (new proposal remembered): {count}", count=len(kept))
            )
        others = len(self.of("no_source")) + len(self.of("in_translation"))
        if others:
            lines.append(N_("Not translated (no source text or out for translation): {count}", count=others))
        if self.flagged:
            lines.append(
                N_("Flagged, protected parts changed by the service: {count}", count=len(self.flagged))
            )
        lines.append(N_("Failed: {count}", count=len(self.failed)))
        reasons: dict[str, int] = {}
        for r in self.failed:
            reason = render(r.reason, language)
            reasons[reason] = reasons.get(reason, 0) + 1
        out = [line.render(language) for line in lines]
        out += [f"  {count} × {reason}" for reason, count in reasons.items()]
        if self.cancelled:
            out.append(N_("Cancelled; what was finished is kept.").render(language))
        return "\n".join(out)
