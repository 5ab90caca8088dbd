"""Pauses inside the answer, measured on the speech timeline (never on Whisper's word gaps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from voicecoach.options import AnalysisOptions
from voicecoach.report import Pause
from voicecoach.timeline import SpeechRegion
from voicecoach.transcript import Word, joined

_CONTEXT_WORDS = 3
_EDGE_SLACK_S = 0.05


@dataclass
class PauseFindings:
    answer_start: float = 0.0  # first speech onset: the silence before it is think time
    answer_end: float = 0.0
    pauses: list[Pause] = field(default_factory=list)

    @property
    def total_s(self) -> float:
        return sum(p.duration for p in self.pauses)


def _context(words: Sequence[Word], start: float, end: float) -> tuple[str, str]:
    before = [w.text.strip() for w in words if w.end <= start + _EDGE_SLACK_S]
    after = [w.text.strip() for w in words if w.start >= end - _EDGE_SLACK_S]
    return joined(before[-_CONTEXT_WORDS:]), joined(after[:_CONTEXT_WORDS])


def murmur_windows(regions: Sequence[SpeechRegion], options: AnalysisOptions) -> list[tuple[float, float]]:
    """Sound that is only loud and not voiced enough to end a pause, long enough for a filled
    pause: where to look for a level pitch (see ends_a_pause). A low, creaky "uh" under a fan's
    hiss (cold_corpus's, 62-65 Hz under pink noise at -36 dBFS) was loud sound with no voicing
    measured and no word, and a 4.75-s silence before it became 7.39 s."""
    return [(r.start, r.end) for r in regions
            if r.energy_only and not _voiced(r, options) and r.duration >= options.audio_filler_min_s]


def ends_a_pause(region: SpeechRegion, level_pitch: Sequence[tuple[float, float]], options: AnalysisOptions) -> bool:
    """Whether sound no word explains is speech that ends a pause: heard by Silero, voiced, or
    holding a run of level pitch (a breath or a click holds none)."""
    if not region.energy_only or _voiced(region, options):
        return True
    return any(min(b, region.end) - max(a, region.start) >= options.audio_filler_min_s for a, b in level_pitch)


def _voiced(region: SpeechRegion, options: AnalysisOptions) -> bool:
    return region.voiced_fraction is not None and region.voiced_fraction >= options.heard_min_voiced


def find_pauses(
    answer_speech: Sequence[SpeechRegion], words: Sequence[Word], options: AnalysisOptions
) -> PauseFindings:
    """`answer_speech`: the speech regions that hold the answer's words and fillers, in order;
    noise no word explains (a cough in a long silence) does not split a pause."""
    if not answer_speech:
        return PauseFindings()
    regions = sorted(answer_speech, key=lambda r: r.start)
    pauses = []
    # Regions may lie inside one another (unrecognised speech at the start of a stretch Silero
    # heard): silence begins where all the speech so far has ended, not where the last one did.
    speech_end = regions[0].heard_until
    for following in regions[1:]:
        gap = following.heard_from - speech_end
        if gap >= options.min_pause_s:
            before, after = _context(words, speech_end, following.heard_from)
            pauses.append(Pause(speech_end, following.heard_from, gap, gap > options.long_pause_s, before, after))
        speech_end = max(speech_end, following.heard_until)
    pauses += _bridged(regions, words, options)
    return PauseFindings(min(r.heard_from for r in regions), speech_end, sorted(pauses, key=lambda p: p.start))


def _bridged(regions: Sequence[SpeechRegion], words: Sequence[Word], options: AnalysisOptions) -> list[Pause]:
    """The silences inside a region that Silero's lag bridged, where no other region holds sound.
    Never long: Silero heard speech over them, and a long pause is one no detector heard speech in."""
    pauses = []
    for region in regions:
        for start, end in region.quiet_inside:
            if not options.min_pause_s <= end - start <= options.long_pause_s:
                continue
            if any(other is not region and other.heard_from < end and other.heard_until > start for other in regions):
                continue
            before, after = _context(words, start, end)
            pauses.append(Pause(start, end, end - start, False, before, after))
    return pauses
