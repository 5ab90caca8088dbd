"""Cut an answer into stretches and transcribe each one, as the app does while the person speaks
(voicecoach.streaming) and as a batch analysis of the saved file replays it (one truth: both paths
cut at the same samples and give Whisper the same audio, so they give the same words).

A cut is looked for at every `check_every_s` of audio, on the speech Silero finds in what is
pending, and each stretch is transcribed with up to LOOKAHEAD_S of what had arrived after its cut.
Decisions depend only on the audio, never on timing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import numpy as np

from voicecoach.audio.activity import FRAME_S, FRAME_WIDTH_S, frame_levels_db, vad_spans
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.level import heard_by_detectors, heard_by_whisper
from voicecoach.options import SpeechDetectionOptions, StreamCutOptions
from voicecoach.transcribe.chunks import choose_cut
from voicecoach.transcript import Word

LOOKAHEAD_S = 1.0  # audio after a cut that Whisper hears for context; its words come next time
_PAUSE_UNDER_DB = 20.0  # 10-ms frames this far under a stretch's loud speech are a pause (see pause_start)
_LOUD_REFERENCE_S = 10.0  # ... its loud speech measured over this much before them


@dataclass(frozen=True)
class Stretch:
    """Samples start:end of an answer, cut when `arrived` samples had been recorded (what Whisper
    may hear past the cut for context)."""

    start: int
    end: int
    arrived: int


def find_cut(audio: np.ndarray, cut: int, options: StreamCutOptions,
             speech_options: SpeechDetectionOptions) -> Optional[int]:
    """Where to end the stretch that starts at sample `cut`, given the audio so far; None to wait."""
    if len(audio) - cut < options.min_chunk_s * SAMPLE_RATE:
        return None  # choose_cut waits anyway: spare the VAD pass
    pending = heard_by_detectors(audio[cut:], speech_options)
    # Where to cut needs only Silero's spans; voicing is measured on the whole answer at the end.
    at = choose_cut(vad_spans(pending, speech_options), len(pending) / SAMPLE_RATE, options)
    return None if at is None else cut + int(at * SAMPLE_RATE)


def pause_start(pending: np.ndarray, seconds: float) -> Optional[float]:
    """Where (seconds into `pending`) the silence it ends in began, if its last `seconds` are far
    quieter than the speech before them (the person paused, or stopped); else None. Cheap: the
    level of at most _LOUD_REFERENCE_S more."""
    looked = min(len(pending), int((seconds + _LOUD_REFERENCE_S) * SAMPLE_RATE))
    levels = frame_levels_db(pending[len(pending) - looked :])
    tail = int(round(seconds * 100))
    if len(levels) <= tail or tail <= 0:
        return None
    before = levels[:-tail]
    k = int(0.95 * (len(before) - 1))
    quiet = levels < float(np.partition(before, k)[k]) - _PAUSE_UNDER_DB
    if not quiet[-tail:].all():
        return None
    loud = np.flatnonzero(~quiet)
    ends = (loud[-1] * FRAME_S + FRAME_WIDTH_S) if loud.size else 0.0  # where the last loud frame ends
    return (len(pending) - looked) / SAMPLE_RATE + ends


def stretches_of(audio: np.ndarray, options: StreamCutOptions, speech_options: SpeechDetectionOptions,
                 cut: int = 0, checked: int = 0) -> Iterator[Stretch]:
    """The stretches the app cut `audio` into while it was recorded, the last one ending at stop:
    a look for a cut at every `check_every_s` of audio. `cut`, `checked`: where the stretch being
    recorded began, and how much audio had been looked at (the app at stop)."""
    step = int(options.check_every_s * SAMPLE_RATE)
    for arrived in range(checked + step, len(audio) + 1, step):
        end = find_cut(audio[:arrived], cut, options, speech_options)
        if end is not None:
            yield Stretch(cut, end, arrived)
            cut = end
    if len(audio) > cut:
        yield Stretch(cut, len(audio), len(audio))


def transcribe_stretch(transcriber, audio: np.ndarray, stretch: Stretch,
                       speech_options: SpeechDetectionOptions) -> list[Word]:
    """Words of the stretch at absolute times.

    Whisper also hears up to LOOKAHEAD_S of what follows the cut (when it had arrived): a short
    "uh" just before a cut is misheard ("Yeah.") without the words after it. Only words said
    before the cut are kept; the next stretch transcribes the rest with its own context."""
    offset = stretch.start / SAMPLE_RATE
    heard = audio[stretch.start : min(stretch.arrived, stretch.end + int(LOOKAHEAD_S * SAMPLE_RATE))]
    speech = vad_spans(heard_by_detectors(heard, speech_options), speech_options)
    words = transcriber.transcribe(heard_by_whisper(heard, speech_options), speech).words if speech else []
    cut_s = (stretch.end - stretch.start) / SAMPLE_RATE
    return [Word(w.text, w.start + offset, min(w.end, cut_s) + offset, w.probability)
            for w in words if _said_before(w, cut_s, speech)]


def _said_before(word: Word, cut_s: float, speech: list[tuple[float, float]]) -> bool:
    """Whether the word was said before the cut. Whisper stretches the first word after a cut in
    a silence back over it ("We" said at 25.70 s, stamped 25.14-25.84 s with the cut at 25.46 s):
    the word belongs to the side of the cut where more of the speech under its stamp lies, and to
    where its stamp starts when it covers none. A cut forced inside speech (no silence in reach)
    leaves a word across it to this stretch, which heard it whole; the next hears only its end."""
    if any(s < cut_s < e for s, e in speech):
        return word.start < cut_s

    def under(start: float, end: float) -> float:
        return sum(max(0.0, min(end, e) - max(start, s)) for s, e in speech)

    before, after = under(word.start, min(word.end, cut_s)), under(max(word.start, cut_s), word.end)
    return before > after or (before == after and word.start < cut_s)
