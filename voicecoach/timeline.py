"""Where the audio holds speech: the timeline every pause measurement stands on.

Built from the audio itself (voicecoach.audio.activity), never from Whisper's word gaps, which
absorb the silence next to words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from voicecoach.prosody import ProsodyTrack

SILERO = "vad"
PART = "part"  # a sound inside a Silero region (SpeechRegion.parts)


@dataclass(frozen=True)
class SpeechRegion:
    start: float
    end: float
    # Voicing features, measured only on short regions (candidate filled pauses); None elsewhere.
    voiced_fraction: Optional[float] = None
    pitch_spread_st: Optional[float] = None  # interquartile range of F0, in semitones
    # "vad" (Silero); "voicing": loud periodic sound the VAD passed over; "energy": sound well above
    # the noise floor that neither heard (a weak voice, or a breath); "pitch": a run of level pitch
    # none of those heard (SpeechTimeline.with_level_pitch); "faint": speech far softer than the
    # rest, in a long silence (voicecoach.audio.faint); "unrecognised": speech with no words (made
    # by the analysis, not found in audio).
    detector: str = SILERO
    # Where its sound begins, if before `start`, and ends, if before `end`: Silero's probability
    # lags the voice, and the voicing and energy detectors hear a soft onset late
    # (voicecoach.audio.activity). Pauses are measured between these; words are matched to
    # `start` and `end`, as Whisper's stamps run late with them.
    sound_start: Optional[float] = None
    sound_end: Optional[float] = None
    # Where sound too faint to be sure of may begin further back: speech where Whisper's words lie
    # over it, else a breath or the room (voicecoach.analysis.worded_onsets).
    faint_from: Optional[float] = None
    # Silences inside it that Silero's lag bridged: (start, end) where no frame holds sound.
    quiet_inside: tuple[tuple[float, float], ...] = ()
    # Its sounds, where silences of 0.07 s or more part them (detector PART; voicing measured
    # on short ones): Silero's lag carries one region over "Otherwise, uh, we", and the "uh" is a
    # sound of its own that no word may explain. Empty where its sound is all one.
    parts: tuple["SpeechRegion", ...] = ()

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def heard_from(self) -> float:
        """Where its sound begins."""
        return self.start if self.sound_start is None else min(self.start, self.sound_start)

    @property
    def heard_until(self) -> float:
        """Where its sound ends."""
        return self.end if self.sound_end is None else max(self.start, min(self.end, self.sound_end))

    @property
    def sounds(self) -> list[tuple[float, float]]:
        """(start, end) of each of its sounds, no silence inside: its parts, or itself whole."""
        return [(p.start, p.end) for p in self.parts or (self,)]

    @property
    def energy_only(self) -> bool:
        """Only loud: speech if a word was heard there, not by itself."""
        return self.detector == "energy"


@dataclass
class SpeechTimeline:
    duration: float
    regions: list[SpeechRegion] = field(default_factory=list)
    # Voiced runs of level pitch (voicecoach.audio.pitch), looked for only near the transcript's
    # filled pauses: where each one really was.
    level_pitch: list[tuple[float, float]] = field(default_factory=list)
    # Voiced runs of level pitch that end where the voicing stops, from the onsets of sounds a word
    # opening on a voiceless fricative was stamped on (voicecoach.analysis.folded_fillers): a filled
    # pause Whisper folded into that word.
    level_at_onsets: list[tuple[float, float]] = field(default_factory=list)
    # Pitch and level of the whole answer, for the delivery analysis (None: not measured).
    prosody: Optional[ProsodyTrack] = None

    def with_level_pitch(self) -> "SpeechTimeline":
        """With each run of level pitch that no detector heard as a region of its own: the low,
        creaky "uh" of a tired voice, which Silero and the voicing detector pass over and Praat's
        tracker holds. Runs are looked for only near the fillers Whisper wrote, so such a region
        is speech only in support of one (its spread is not measured: never a filler by itself)."""
        missed = [SpeechRegion(a, b, voiced_fraction=1.0, detector="pitch")
                  for a, b in self.level_pitch if not self.overlapping(a, b)]
        if not missed:
            return self
        return replace(self, regions=sorted(self.regions + missed, key=lambda r: r.start))

    @property
    def onsets(self) -> list[float]:
        """Where speech begins after a silence: each region heard as speech, and each of its parts."""
        return sorted({r.heard_from for r in self.regions if not r.energy_only}
                      | {p.start for r in self.regions for p in r.parts})

    @property
    def spans(self) -> list[tuple[float, float]]:
        """(start, end) of each region."""
        return [(r.start, r.end) for r in self.regions]

    @property
    def heard_spans(self) -> list[tuple[float, float]]:
        """(start, end) of each region heard as speech (Silero or voicing), without the ones that
        are only loud: what is worth showing Whisper."""
        return [(r.start, r.end) for r in self.regions if not r.energy_only]

    def speech_within(self, start: float, end: float) -> float:
        """Seconds of speech inside [start, end]."""
        return sum(
            max(0.0, min(end, r.end) - max(start, r.start)) for r in self.regions
        )

    def overlapping(self, start: float, end: float, tolerance: float = 0.0) -> list[SpeechRegion]:
        return [
            r for r in self.regions if r.start - tolerance <= end and r.end + tolerance >= start
        ]
