"""Find speech in audio: the Silero VAD that ships inside faster-whisper, plus a voicing detector
for what Silero passes over, and voicing measures on short stretches that may be filled pauses.

Silero's own edges are kept unpadded for the words. Its probability lags the voice: it falls some
0.1-0.4 s after the voice stops, and after a long silence it rises late on a soft onset. So each
region also notes where its sound begins and ends, within 0.4 s of Silero's edges, and pauses are
measured between those. Silero does miss some soft, sustained vowels - exactly the "uh" of a tired
speaker - so loud, periodic (voiced) audio outside its regions is added as speech of its own kind.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from typing import Optional

import faster_whisper.vad
import numpy as np
import onnxruntime
from faster_whisper.vad import SileroVADModel

from voicecoach.audio.decode import SAMPLE_RATE, pcm_float
from voicecoach.audio.pitch_tracker import PitchOptions, track_pitch
from voicecoach.options import SpeechDetectionOptions
from voicecoach.timeline import PART, SILERO, SpeechRegion, SpeechTimeline

_HOP = 160  # 10 ms between frames
_WIDTH = 640  # 40 ms frames: two periods of a 50 Hz voice
FRAME_S = _HOP / SAMPLE_RATE  # between frame_levels_db's frames
FRAME_WIDTH_S = _WIDTH / SAMPLE_RATE  # ... and the length of each
_VOICING_MAX_S = 2.0  # voicing is summarised only where a filled pause could be
_PITCH_MIN_HZ, _PITCH_MAX_HZ = 70.0, 400.0
_VOICED_CORRELATION = 0.5
SILERO_WINDOW = 512  # samples per speech probability
SILERO_BLOCK = 512 * SILERO_WINDOW  # samples Silero is fed at once (a run goes on a whole block at a time)
_CONTEXT = 64  # samples of the window before that Silero hears with each
_WARM = 62 * SILERO_WINDOW  # Silero restarted is warmed up on the 2 s before
_HEARD_AT_LEAST = 2 / 3  # of the windows that clearly hold sound, or Silero is heard afresh
_MIN_SOUND_WINDOWS = 50  # (1.6 s of sound in the stretch: less is not enough to judge)
_CLEARLY_SOUND_DB = 10.0  # a window this far over the noise floor clearly holds sound
# Samples read either side of a sound for Praat's window (three periods of its floor: 480 at 50 Hz).
_PITCH_PAD = int(PitchOptions().periods_per_window / PitchOptions().floor_hz * SAMPLE_RATE) // 2
_BLOCK = 512  # frames analysed at once: 2048 held 79 MB more at the peak of a 2-minute answer, and was slower
onnxruntime.disable_telemetry_events()  # older onnxruntime (Windows); see voicecoach/__init__.py


@dataclass(frozen=True)
class SileroRun:
    """Silero part-way through a recording: its probabilities for the first `windows` windows (a
    whole number of blocks) and its state there. Its LSTM looks only back, so a run carried on from
    here over the whole recording gives what one run over it all gives."""

    windows: int = 0
    probabilities: tuple[np.ndarray, ...] = ()
    h: np.ndarray = field(default_factory=lambda: np.zeros((1, 1, 128), dtype="float32"))
    c: np.ndarray = field(default_factory=lambda: np.zeros((1, 1, 128), dtype="float32"))
    before: np.ndarray = field(default_factory=lambda: np.zeros((1, _CONTEXT), dtype="float32"))


class _BlockwiseSilero(SileroVADModel):
    """faster-whisper's Silero VAD, fed 512 windows at a time instead of 10,000, building each
    block's context as it goes: the same probabilities (its LSTM state is carried from block to
    block, as faster-whisper carries it between its batches), without a second copy of the audio
    and 10,000 windows of activations - about 250 MB on a 30-minute recording. The audio is read in
    place: only the last window is padded, with zeros, as faster-whisper pads the whole."""

    _WINDOWS = SILERO_BLOCK // SILERO_WINDOW

    def __call__(self, audio: np.ndarray, num_samples: int = 512, context_size_samples: int = 64) -> np.ndarray:
        return np.concatenate(self.go_on(audio, SileroRun(), ended=True).probabilities).ravel()

    def go_on(self, rest: np.ndarray, run: SileroRun, ended: bool) -> SileroRun:
        """`run` carried on over `rest`, the recording from where it stopped: to its end if it
        `ended`, else over the whole blocks there are."""
        whole = len(rest) // SILERO_WINDOW
        outputs, h, c, before = list(run.probabilities), run.h, run.c, run.before
        first = 0
        while first <= whole and (ended or first + self._WINDOWS <= whole):
            last = min(first + self._WINDOWS, whole)
            block = rest[first * SILERO_WINDOW : last * SILERO_WINDOW].reshape(-1, SILERO_WINDOW)
            if last < first + self._WINDOWS:  # the end: the rest of the audio in one zero-padded window
                tail = np.zeros((1, SILERO_WINDOW), dtype="float32")
                after = rest[last * SILERO_WINDOW :]
                tail[0, : len(after)] = after
                block = np.concatenate([block, tail])
            context = np.concatenate([before, block[:-1, -_CONTEXT:]])
            before = block[-1:, -_CONTEXT:]
            output, h, c = self.session.run(None, {"input": np.concatenate([context, block], 1), "h": h, "c": c})
            outputs.append(output)
            first += self._WINDOWS
        return SileroRun(run.windows + min(first, whole), tuple(outputs), h, c, before)


@functools.lru_cache
def _blockwise_vad_model() -> SileroVADModel:
    return _BlockwiseSilero(os.path.join(faster_whisper.vad.get_assets_path(), "silero_vad_v6.onnx"))


@dataclass
class VoicingTrack:
    """Per 10-ms frame: level in dB and autocorrelation peak (periodicity: how voiced). The
    periodicity is measured only where it is asked for (`measure`); it is 0 elsewhere. (Pitch is
    Praat's tracker's: the peak's lag jumps to a formant where a low voice rings, see _pitch_spread.)"""

    level_db: np.ndarray
    periodicity: np.ndarray
    measured: np.ndarray  # frames whose periodicity is measured

    @property
    def noise_db(self) -> float:
        """The noise floor: the level the quietest tenth of the frames stay under."""
        return float(np.percentile(self.level_db, 10)) if self.level_db.size else -120.0

    def floor_db(self, spans) -> np.ndarray:
        """The noise floor under each frame: `noise_db`, or the quietest tenth of the frames outside
        Silero's `spans` within _FLOOR_REACH_S, where that stands _FLOOR_RISEN_DB or more over it. A
        steady room leaves the recording's floor everywhere."""
        noise_db = self.noise_db
        floor = np.full(self.level_db.size, noise_db)
        quiet = ~frames_in(spans, self.level_db.size)
        reach = int(round(_FLOOR_REACH_S / FRAME_S))
        for first in range(0, self.level_db.size, _FLOOR_STEP):
            around = slice(max(0, first - reach), first + _FLOOR_STEP + reach)
            heard = self.level_db[around][quiet[around]]
            if heard.size * FRAME_S >= _FLOOR_MIN_S:
                local = float(np.percentile(heard, 10))
                if local >= noise_db + _FLOOR_RISEN_DB:
                    floor[first : first + _FLOOR_STEP] = local
        return floor

    def frames(self, start: float, end: float) -> slice:
        return slice(max(0, int(start / FRAME_S)), max(0, int(end / FRAME_S) - _WIDTH // _HOP + 1))

    def measure(self, samples: np.ndarray, frames: np.ndarray) -> None:
        """The normalised autocorrelation (by FFT) of those of `frames` not measured yet."""
        todo = frames[~self.measured[frames]]
        self.measured[todo] = True
        lo, hi = int(SAMPLE_RATE / _PITCH_MAX_HZ), int(SAMPLE_RATE / _PITCH_MIN_HZ)
        for first in range(0, len(todo), _BLOCK):
            chosen = todo[first : first + _BLOCK]
            block = pcm_float(samples[np.arange(_WIDTH)[None, :] + _HOP * chosen[:, None]]).astype(np.float32)
            block -= block.mean(axis=1, keepdims=True)
            corr = np.fft.irfft(np.abs(np.fft.rfft(block, 2 * _WIDTH, axis=1)) ** 2, axis=1)[:, :_WIDTH]
            corr /= corr[:, :1] + 1e-12
            self.periodicity[chosen] = np.max(corr[:, lo:hi], axis=1)


def frames_in(spans, n_frames: int) -> np.ndarray:
    """Which of `n_frames` frames (of frame_levels_db's) lie in the (start, end) `spans`."""
    inside = np.zeros(n_frames, dtype=bool)
    for start, end in spans:
        inside[int(start / FRAME_S) : int(end / FRAME_S)] = True
    return inside


def frame_levels_db(samples: np.ndarray) -> np.ndarray:
    """Level in dBFS of each 40-ms frame, every 10 ms (frame k is centred at 0.02 + k * 0.01 s)."""
    n = max(0, 1 + (len(samples) - _WIDTH) // _HOP)
    hop_frames = samples[: (n + _WIDTH // _HOP - 1) * _HOP].reshape(-1, _HOP)
    hop_power = np.concatenate([  # in blocks: never the whole answer as float64
        np.mean(pcm_float(hop_frames[k : k + _BLOCK * 8]).astype(np.float64) ** 2, axis=1)
        for k in range(0, len(hop_frames), _BLOCK * 8)
    ]) if len(hop_frames) else np.zeros(0)
    power = np.convolve(hop_power, np.ones(_WIDTH // _HOP) / (_WIDTH // _HOP), "valid")
    return 10 * np.log10(power[:n] + 1e-12)


def voicing_track(samples: np.ndarray) -> VoicingTrack:
    """Level of every frame; periodicity measured as `VoicingTrack.measure` is asked. (librosa.pyin
    measures voicing too, but its first call JIT-compiles for ~8 s and takes ~350 MB.)"""
    level = frame_levels_db(samples)
    n = len(level)
    return VoicingTrack(level, np.zeros(n), np.zeros(n, dtype=bool))


def vad_spans(samples: np.ndarray, options: SpeechDetectionOptions = SpeechDetectionOptions(),
              so_far: Optional[SileroRun] = None):
    """(start, end) in seconds of what Silero hears as speech; no voicing measures. Where Silero did
    not go deaf (below), the same spans as faster-whisper's get_speech_timestamps with no padding
    and no length limit (tests/test_vad.py), without its padded copy of the whole recording.
    `so_far`: Silero's run over the start of these samples (silero_ahead), carried on here."""
    if len(samples) < SAMPLE_RATE // 10:
        return []
    probabilities = _speech_probabilities(samples, options.vad_restart_s, options.vad_threshold, so_far)
    return [(start / SAMPLE_RATE, end / SAMPLE_RATE) for start, end in _hysteresis(
        probabilities, len(samples), options.vad_threshold,
        SAMPLE_RATE * options.min_speech_ms / 1000, SAMPLE_RATE * options.min_silence_ms / 1000,
    )]


def silero_ahead(rest: np.ndarray, run: SileroRun) -> SileroRun:
    """`run` carried on over the whole blocks of `rest`, what followed it of a recording still going
    on (from sample run.windows * SILERO_WINDOW): at its end vad_spans(..., so_far=) hears the rest."""
    return _blockwise_vad_model().go_on(rest, run, ended=False)


def _speech_probabilities(samples: np.ndarray, restart_s: float, threshold: float,
                          so_far: Optional[SileroRun] = None) -> np.ndarray:
    """Silero's speech probability for each window. Silero's recurrent state can settle into
    hearing little of a voice for the rest of a run: `cold_corpus3` in the simulated office, three
    times over, gave spans holding 13.1 s of the second copy's speech against 18.6 s of the copy
    alone (tests/test_vad.py). So where, in any `restart_s`, Silero hears less than _HEARD_AT_LEAST
    of the windows that clearly hold sound, the probability is the most confident of that run and
    two runs restarted every `restart_s` (from the start, and from half that)."""
    model = _blockwise_vad_model()
    so_far = so_far or SileroRun()
    run = model.go_on(samples[so_far.windows * SILERO_WINDOW :], so_far, ended=True)
    probabilities = np.concatenate(run.probabilities).ravel()
    every = _restart_windows(restart_s) * SILERO_WINDOW
    if every == 0 or len(samples) <= every or not _went_deaf(samples, probabilities, threshold, restart_s):
        return probabilities
    for first in (every, every // (2 * SILERO_WINDOW) * SILERO_WINDOW):
        starts = [0, *range(first, len(samples), every)]
        np.maximum(probabilities, _restarted(model, samples, starts), out=probabilities)
    return probabilities


def _restart_windows(restart_s: float) -> int:
    return int(restart_s * SAMPLE_RATE) // SILERO_WINDOW


def _went_deaf(samples: np.ndarray, probabilities: np.ndarray, threshold: float, restart_s: float) -> bool:
    """Whether some stretch of `restart_s` holds sound that Silero mostly did not hear. The real
    monologues three times over, as recorded and in four simulated rooms (benchmarks/rooms.py):
    in its worst 30 s one run heard 91-99 % of it, and 2-5 % where its state had settled."""
    return any(share < _HEARD_AT_LEAST for share in heard_shares(samples, probabilities, threshold, restart_s))


def heard_shares(samples: np.ndarray, probabilities: np.ndarray, threshold: float, restart_s: float) -> list[float]:
    """For each stretch of `restart_s` (in whole windows) with enough sound to judge, the share of
    its windows that clearly hold sound (_CLEARLY_SOUND_DB over the floor) in which Silero heard
    speech."""
    n = len(samples) // SILERO_WINDOW
    if n == 0:
        return []
    power = np.concatenate([  # in blocks: never the whole recording as float64
        np.mean(samples[k * SILERO_WINDOW : min(k + 1024, n) * SILERO_WINDOW].reshape(-1, SILERO_WINDOW)
                .astype(np.float64) ** 2, axis=1)
        for k in range(0, n, 1024)
    ])
    level_db = 10 * np.log10(power + 1e-12)
    sound = level_db >= np.percentile(level_db, 10) + _CLEARLY_SOUND_DB
    heard = probabilities[:n] >= threshold
    windows = _restart_windows(restart_s)
    return [float(heard[k : k + windows][sound[k : k + windows]].mean())
            for k in range(0, n, windows) if sound[k : k + windows].sum() >= _MIN_SOUND_WINDOWS]


def _restarted(model: SileroVADModel, samples: np.ndarray, starts: list[int]) -> np.ndarray:
    """Probabilities with Silero's state reset at each of `starts` (whole windows), warmed up on
    the _WARM samples before each."""
    pieces = []
    for start, end in zip(starts, [*starts[1:], len(samples)]):
        warm = min(start, _WARM)
        heard = model(samples[start - warm : end])
        last = end == len(samples)  # the zero-padded window after the end belongs to the last piece
        pieces.append(heard[warm // SILERO_WINDOW : (warm + end - start) // SILERO_WINDOW + last])
    return np.concatenate(pieces)


def _hysteresis(probabilities: np.ndarray, n_samples: int, threshold: float, min_speech: float,
                min_silence: float) -> list[tuple[int, int]]:
    """Speech starts at a window at `threshold` or above and ends where the probability fell under
    a threshold 0.15 lower, once it has stayed there `min_silence` samples; kept if longer than
    `min_speech`. (faster-whisper's rule, windows of 512 samples.)"""
    low = max(threshold - 0.15, 0.01)
    spans: list[tuple[int, int]] = []
    start, fell = None, 0
    for i, probability in enumerate(probabilities):
        at = SILERO_WINDOW * i
        if probability >= threshold:
            fell = 0
            if start is None:
                start = at
            continue
        if start is None or probability >= low:
            continue
        fell = fell or at
        if at - fell >= min_silence:
            if fell - start > min_speech:
                spans.append((start, fell))
            start, fell = None, 0
    if start is not None and n_samples - start > min_speech:
        spans.append((start, n_samples))
    return spans


@dataclass(frozen=True)
class SpreadWhere:
    """Which short sounds get their pitch spread measured (Praat's tracker, about 4 ms per second of
    sound, at stop too): those that may be filled pauses as the analysis judges one, no longer than
    `max_s` and voiced in `min_voiced` of their frames (AnalysisOptions.audio_filler_max_s and
    audio_filler_min_voiced). By default every sound short enough to be summarised at all."""

    max_s: float = _VOICING_MAX_S
    min_voiced: float = 0.0


def detect_speech(
    samples: np.ndarray, options: SpeechDetectionOptions = SpeechDetectionOptions(),
    silero_so_far: Optional[SileroRun] = None, spread_where: SpreadWhere = SpreadWhere(),
    whole_band_db: Optional[np.ndarray] = None,
) -> SpeechTimeline:
    """`samples`: the speech band, as the detectors hear it; `whole_band_db`: frame_levels_db of the
    recording before the speech band was taken from it, where a region's sound may end later."""
    duration = len(samples) / SAMPLE_RATE
    spans = vad_spans(samples, options, silero_so_far)
    if not spans:
        return SpeechTimeline(duration, [])
    track = voicing_track(samples)
    # A frame this quiet is no voiced run Silero passed over, and a region's voicing is measured
    # on its frames that hold sound: the quiet ones are measured only for a region that has none.
    # (Of the 6,781 frames the 2-minute benchmark answer measured before, 3,946 are that quiet:
    # 0.09 s of its timeline became 0.04 s.)
    floor_db = track.floor_db(spans)
    track.measure(samples, np.flatnonzero((track.level_db >= floor_db + min(_SOUND_ABOVE_NOISE_DB,
                                                                            options.voicing_above_noise_db))
                                          & _frames_needing_voicing(track.level_db.size, spans)))
    sound_db, edge_db = floor_db + _SOUND_ABOVE_NOISE_DB, floor_db + _EDGE_ABOVE_NOISE_DB
    tails = _low_tails(whole_band_db) if whole_band_db is not None else None
    regions = [_with_sound(_summarised(track, samples, start, end, SILERO, sound_db, spread_where), track, samples,
                           sound_db, edge_db, quiet_until, spread_where, tails)
               for (start, end), quiet_until in zip(spans, [s for s, _ in spans[1:]] + [duration])]
    voiced = _voiced_outside(track, floor_db, spans, options)
    found = [_summarised(track, samples, start, end, "voicing", sound_db, spread_where) for start, end in voiced]
    found += [
        _summarised(track, samples, start, end, "energy", sound_db, spread_where)
        for start, end in _loud_outside(track, floor_db, spans + voiced, options)
    ]
    # Those detectors start a region where the level crosses their threshold, after a soft onset
    # has risen out of the quiet: in an office at 1.5 m, "I" after an "um" was heard 0.07 s late by
    # the energy detector and a 4.88-s silence was called long.
    regions += [replace(r, sound_start=_first_sound(track.level_db, r.start, sound_db, samples)) for r in found]
    regions = _with_faint_onsets(sorted(regions, key=lambda r: r.start), samples, track.level_db,
                                 options.energy_floor_dbfs)
    return SpeechTimeline(duration, regions)


_SOUND_ABOVE_NOISE_DB = 6.0  # a frame this far above the noise floor holds sound
# Silero lags the voice at both edges of a region: its regions ended a median 0.18 s (at most
# 0.39 s) after the real monologues' forced alignment, and after 5.6 s of room tone began up to
# 0.48 s after it. Its edges are moved onto the sound, by at most _LAG_S. An end moves back to the
# last frame _EDGE_ABOVE_NOISE_DB over the noise floor (at 6 dB a fading "um" ended 0.1 s early;
# noise that loud only stops the move short). A start moves back over sound 6 dB over it: at
# 3 dB a bare room's noise before a word ended a pause 0.38 s early.
_LAG_S = 0.4
_EDGE_ABOVE_NOISE_DB = 3.0
_QUIET_INSIDE_S = 0.3  # the shortest pause (AnalysisOptions.min_pause_s)
_ONSET_GAP_S = 0.12  # a soft onset breaks up ("the re-" of "the recording": 0.1 s at the noise floor)
_QUIET_BEFORE_S = 1.0  # the quiet an onset must rise out of, read at its quietest tenth (a breath in it is not)
# A sound this far from others in a region is apart: Piper's "Otherwise, uh, we" leaves 0.12-0.15 s
# of silence each side of the "uh" (0.09 s of quiet frames at x1.25) and Silero hears one region.
_APART_S = 0.07
# The floor is the recording's, unless the quiet around a frame stands this far over it: a
# microphone's automatic gain turns the room up in a pause (cold_corpus's room 9-14 dB over the
# recording's floor after a soft phrase), and that room, heard as loud sound, ran a silence's
# start 0.42 s late and, where Whisper stamped the next words over it, took the silence away.
_FLOOR_RISEN_DB = 3.0
_FLOOR_REACH_S = 1.5  # the quiet around a frame: its frames outside Silero's speech this far either side ...
_FLOOR_MIN_S = 0.3  # ... if there are this many seconds of them
_FLOOR_STEP = 25  # frames: the floor is read once for each of these steps


def _low_tails(whole_band_db: np.ndarray) -> np.ndarray:
    """Frames whose sound stands out of the whole band's noise floor (as _SOUND_ABOVE_NOISE_DB does
    in the speech band). A low voice ends its "um" in a murmur under the speech band's cut-off
    (cold_corpus3's at 67 Hz and lower, 0.2 s of it 26 dB over the band above): heard only in the
    speech band, the pause after it began that much early. A steady rumble is the whole band's
    floor, so it stands out of nothing."""
    return whole_band_db >= np.percentile(whole_band_db, 10) + _SOUND_ABOVE_NOISE_DB


def _with_sound(region: SpeechRegion, track: VoicingTrack, samples: np.ndarray, sound_db: np.ndarray,
                edge_db: np.ndarray, quiet_until: float, spread_where: SpreadWhere = SpreadWhere(),
                low_tails: Optional[np.ndarray] = None) -> SpeechRegion:
    """`region` (Silero's) with where its sound begins and ends, the silences inside it and its parts.

    `sound_start`: see _first_sound. From its frames at `edge_db` or louder: `sound_end`, the end
    of the last of them, if that lies within _LAG_S before Silero's end (else Silero's: the region's
    last _LAG_S hold no such frame, a voice softer than that all along, or its sound lasts to its
    end), or further before it where the quiet after, up to `quiet_until` (where the next region
    begins), says so (_end_before_lag);
    `quiet_inside`, the runs of _QUIET_INSIDE_S or more between two of them: Silero's lag
    bridges a short pause ("cares. [0.48 s under the noise floor] um" in acoustic_corpus was one
    region); and `parts`, its sounds from where it is heard, apart from each other by _APART_S or
    more of such runs, each with its voicing measured if it is short enough to be a filled pause
    (none if its sound is all one)."""
    level_db = track.level_db
    first, last = int(region.start / FRAME_S), min(int(region.end / FRAME_S), level_db.size)
    sound_start = _first_sound(level_db, region.start, sound_db, samples)
    heard = min(first, int(sound_start / FRAME_S)) if sound_start is not None else first
    loud = np.flatnonzero(level_db[heard:last] >= edge_db[heard:last]) + heard
    quiet_s = np.diff(loud) * FRAME_S - FRAME_WIDTH_S / 2  # between each loud frame and the next
    inside = loud >= first
    sound_end = loud[inside][-1] * FRAME_S + FRAME_WIDTH_S if inside.any() else None
    if sound_end is not None and low_tails is not None:  # the sound goes on below the band, unbroken
        after = loud[inside][-1] + 1
        ends = np.flatnonzero(~low_tails[after:last])
        sound_end += (ends[0] if ends.size else last - after) * FRAME_S
    reach_s = _LAG_S
    if sound_end is not None and sound_end < region.end - _LAG_S:
        sound_end, reach_s = _end_before_lag(sound_end, samples, level_db, last, quiet_until), _END_REACH_S
    elif sound_end is not None:
        sound_end = _fading_end(sound_end, samples, level_db, last, quiet_until)
    region = replace(
        region,
        sound_start=sound_start,
        sound_end=(float(sound_end) if sound_end is not None and region.end - reach_s <= sound_end < region.end
                   else None),
        quiet_inside=tuple(
            (float(loud[k] * FRAME_S + FRAME_WIDTH_S), float(loud[k + 1] * FRAME_S + FRAME_WIDTH_S / 2))
            for k in np.flatnonzero((quiet_s >= _QUIET_INSIDE_S) & inside[:-1])
        ),
    )
    gaps = np.flatnonzero(quiet_s >= _APART_S)
    if not gaps.size:
        return region
    starts = np.concatenate([[loud[0]], loud[gaps + 1]])
    ends = np.concatenate([loud[gaps], [loud[-1]]])
    return replace(region, parts=tuple(
        _summarised(track, samples, float(a * FRAME_S + FRAME_WIDTH_S / 2), float(b * FRAME_S + FRAME_WIDTH_S),
                    PART, sound_db, spread_where)
        for a, b in zip(starts, ends)
    ))


def _end_before_lag(sound_end: float, samples: np.ndarray, level_db: np.ndarray, last: int,
                    quiet_until: float) -> Optional[float]:
    """Where a region's sound ends whose last frame at the edge's level, `sound_end`, lies more than
    _LAG_S before Silero's end (frame `last`): there, if no more than _END_REACH_S before it and
    nothing after it stands out of the quiet after Silero's end (up to `quiet_until`), or where the
    last frame that does ends; None (Silero's end) if that quiet cannot be judged against
    (_quiet_after).
    Under a fan's hiss Silero held on 0.47-0.74 s past a word, and the silence after it began that
    late (cold_corpus's "quite different", and "have a" under pink noise at -36 dBFS)."""
    after = int(sound_end / FRAME_S)
    if (last - after) * FRAME_S > _END_REACH_S:
        return None
    quiet = _quiet_after(level_db, last, quiet_until)
    if quiet is None:
        return None
    standing = np.flatnonzero(_standing_out(samples, quiet, slice(after, last)))
    return sound_end if not standing.size else max(sound_end, (after + standing[-1]) * FRAME_S + FRAME_WIDTH_S)


def _fading_end(sound_end: float, samples: np.ndarray, level_db: np.ndarray, last: int, quiet_until: float) -> float:
    """Where a region's sound ends whose last frame at the edge's level, `sound_end`, lies within
    _LAG_S of Silero's end (frame `last`): later, over the frames right after it that stand out of
    the quiet after Silero's end band by band, followed over gaps of at most _ONSET_GAP_S. Under a
    fan's hiss a word's fading end sinks under the edge's level first: cold_corpus's "one" (0.15 s)
    and cold_corpus3's creaky "um" tail (0.19 s) under pink noise at -40 dBFS, and a 4.88-s silence
    after each was called long. Only the frames right after: a breath later on stands out too."""
    quiet = _quiet_after(level_db, last, quiet_until)
    first = int(round((sound_end - FRAME_WIDTH_S) / FRAME_S)) + 1  # the frame after the last at the edge's level
    if quiet is None or first >= last:
        return sound_end
    gap = int(round(_ONSET_GAP_S / FRAME_S))
    reached = -1
    for k in np.flatnonzero(_standing_out(samples, quiet, slice(first, last))):
        if k - reached > gap:
            break
        reached = k
    return sound_end if reached < 0 else max(sound_end, (first + reached) * FRAME_S + FRAME_WIDTH_S)


def _quiet_after(level_db: np.ndarray, last: int, quiet_until: float) -> Optional[slice]:
    """The frames of quiet after Silero's end (frame `last`), up to `quiet_until` (where the next
    region begins) and no more than _QUIET_BEFORE_S, to judge a region's end against; None if too
    short to judge against or being turned up (a microphone's automatic gain: the end of a word did
    not stand out of the room it raised, and a silence began 0.27 s early)."""
    quiet = slice(last, min(int(quiet_until / FRAME_S), last + int(round(_QUIET_BEFORE_S / FRAME_S))))
    if quiet.stop - quiet.start < _MIN_QUIET_FRAMES or _rising(level_db[quiet]):
        return None
    return quiet


def _rising(levels_db: np.ndarray) -> bool:
    """Whether a quiet's level rises _QUIET_RISING_DB or more from its first third to its last."""
    third = len(levels_db) // 3
    return bool(np.median(levels_db[-third:]) - np.median(levels_db[:third]) >= _QUIET_RISING_DB)


def _first_sound(level_db: np.ndarray, start: float, sound_db: np.ndarray, samples: np.ndarray) -> Optional[float]:
    """Where the sound of a region begins, if before `start`: the earliest frame at
    `sound_db` or louder in the _LAG_S before it, reached over gaps of at most _ONSET_GAP_S. It
    must also stand _SOUND_ABOVE_NOISE_DB over the quietest tenth of the _QUIET_BEFORE_S before
    that stretch: a microphone's automatic gain turns the room up in a pause (10 dB over 3 s), and
    that room, louder than the whole recording's floor, was taken for the onset 0.38 s early.
    A frame also holds sound where it stands out of that quiet in several frequency bands
    (_standing_out): under a fan's hiss a soft onset does long before its whole band does."""
    first = min(int(start / FRAME_S), level_db.size)
    lag = int(round(_LAG_S / FRAME_S))
    quiet = slice(max(0, first - lag - int(round(_QUIET_BEFORE_S / FRAME_S))), max(0, first - lag))
    before = level_db[quiet]
    rising_out_of = float(np.percentile(before, 10)) + _SOUND_ABOVE_NOISE_DB if before.size else -np.inf
    reach = slice(max(0, first - lag), first)
    standing = _standing_out(samples, quiet, reach)
    k = earliest = first
    while k > 0 and (first - k + 1) * FRAME_S <= _LAG_S:
        k -= 1
        if level_db[k] >= max(sound_db[k], rising_out_of) or standing[k - reach.start]:
            earliest = k
        elif (earliest - k) * FRAME_S > _ONSET_GAP_S:
            break
    return float(earliest * FRAME_S + FRAME_WIDTH_S / 2) if earliest < first else None


def _with_faint_onsets(regions: list[SpeechRegion], samples: np.ndarray, level_db: np.ndarray,
                       floor_dbfs: float) -> list[SpeechRegion]:
    """`regions` (in order of start), each with its faint onset (_faint_onset), after the quiet since
    the regions before it end. `level_db`: frame_levels_db of `samples`."""
    ended, found = 0.0, []
    for region in regions:
        onset = _faint_onset(samples, level_db, int(region.start / FRAME_S), int(region.heard_from / FRAME_S), ended,
                             floor_dbfs)
        found.append(region if onset is None else replace(region, faint_from=onset))
        ended = max(ended, region.end)
    return found


def _faint_onset(samples: np.ndarray, level_db: np.ndarray, first: int, heard: int,
                 quiet_since: float, floor_dbfs: float) -> Optional[float]:
    """Where sound too faint to be sure of may begin before a region (frame `first`) whose sound is
    heard from frame `heard`: the first frame of the earliest run of frames that stand out of the
    quiet before them band by band (_standing_out) and somewhere stand _FAINT_LOUDER_DB over the
    quiet's median level (`level_db`: frame_levels_db's), and at `floor_dbfs` or louder, reached
    back from `heard` over gaps of at most _FAINT_GAP_S and no more than _FAINT_REACH_S before
    `first`, if the _QUIET_BEFORE_S before that lies after `quiet_since` (where the regions before
    end): a quiet to judge against. Under a fan's hiss (pink noise at -36 dBFS) Silero heard "bunch
    of different words" from "words", 0.51 s late, and "and you have" 0.44 s late, their soft
    syllables parted by 0.16 s under the hiss; an "um" stood out of the whole band 0.29 s after it
    began (an energy region): each silence before was called long. A breath stands out as well;
    the analysis takes this onset only where Whisper's words lie over it."""
    reach = int(round(_FAINT_REACH_S / FRAME_S))
    frames = slice(max(0, first - reach), heard)
    quiet = slice(frames.start - int(round(_QUIET_BEFORE_S / FRAME_S)), frames.start)
    if quiet.start * FRAME_S < quiet_since or quiet.start < 0:
        return None
    louder_db = max(np.median(level_db[quiet]) + _FAINT_LOUDER_DB, floor_dbfs)
    onset, reached, gap = None, heard, int(round(_FAINT_GAP_S / FRAME_S))
    # Each run of frames that stand out, from the last back; the onset is the first frame of the
    # earliest run reached that is louder than the quiet somewhere.
    for run in reversed(_runs(_standing_out(samples, quiet, frames))):
        at = slice(run.start + frames.start, run.stop + frames.start)
        if reached - at.stop > gap:
            break
        reached = at.start
        if level_db[at].max() >= louder_db:
            onset = reached
    return float(onset * FRAME_S + FRAME_WIDTH_S / 2) if onset is not None else None


def _runs(flags: np.ndarray) -> list[slice]:
    """The runs of True in `flags`, in order."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    return [slice(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


# _standing_out: 16 bands (Hz), a third of an octave wide and more, 150 Hz to 7 kHz, each read over
# _BAND_WIDTH samples (20 ms), against at least _MIN_QUIET_FRAMES of quiet (half a second) ...
_BAND_EDGES_HZ = np.geomspace(150.0, 7000.0, 17)
_BAND_WIDTH = 320
_MIN_QUIET_FRAMES = 50
_MIN_EVIDENCE = 3.0  # ... and with at least this much evidence (_evidence), whatever the quiet's own
_FAINT_REACH_S = 1.0  # how far before a region's start a faint onset is looked for (_faint_onset) ...
_FAINT_GAP_S = 0.2  # ... over gaps this long: soft syllables part under a hiss ...
# ... and from a run that raises the level this much over the quiet's median somewhere. Over a
# second of reach, with gaps that long, chance peaks in the quiet joined into an onset where a
# frame that stands out raised the level 0.7 dB at most: under a mains hum 0.39 s before a
# synthesized "um" (benchmarks/stress.py), and in digital silence, where the quiet's spread is nil
# and the speech band's numerical dust (6e-8) stands out, 0.7 s before a Piper phrase
# (tests/test_end_to_end.py). The first soft syllables under pink noise raised it 3.5-7.4 dB.
# Digital silence resynthesized by Praat holds dust that rises and falls by 3-4 dB (-112 dBFS): the
# level must also reach the energy detector's absolute floor (SpeechDetectionOptions).
_FAINT_LOUDER_DB = 2.0
_END_REACH_S = 2 * _LAG_S  # how far before Silero's end a region's sound may end (_end_before_lag)
# A quiet rising this much is being turned up: a minute of steady pink noise rose at most 0.7 dB
# from one third of a second to the next but one.
_QUIET_RISING_DB = 1.5


def _band_levels_db(samples: np.ndarray, frames: slice) -> np.ndarray:
    """Level in dB of each band of _BAND_EDGES_HZ in each of `frames` (frame_levels_db's frames),
    (frames, bands): over the middle _BAND_WIDTH samples of each frame, so that a loud sound just
    after a frame's centre does not already fill it (at 40 ms, clean onsets came 0.04 s early)."""
    starts = np.arange(frames.start, frames.stop) * _HOP + (_WIDTH - _BAND_WIDTH) // 2
    starts = starts[starts + _BAND_WIDTH <= len(samples)]
    block = pcm_float(samples[starts[:, None] + np.arange(_BAND_WIDTH)[None, :]]).astype(np.float32)
    power = np.abs(np.fft.rfft(block * np.hanning(_BAND_WIDTH), axis=1)) ** 2
    which = np.digitize(np.fft.rfftfreq(_BAND_WIDTH, 1 / SAMPLE_RATE), _BAND_EDGES_HZ)
    bands = np.stack([power[:, which == b].sum(axis=1) for b in range(1, len(_BAND_EDGES_HZ))], axis=1)
    return 10 * np.log10(bands + 1e-12)


def _standing_out(samples: np.ndarray, quiet: slice, frames: slice) -> np.ndarray:
    """Which of `frames` (of frame_levels_db's) stand out of the `quiet` frames band by band
    (_evidence), more than any quiet frame does. Judged against that quiet's own spectrum, so a
    hiss loud in every band leaves the few bands a soft voice rises in."""
    out = np.zeros(frames.stop - frames.start, dtype=bool)
    if quiet.stop - quiet.start < _MIN_QUIET_FRAMES or frames.stop <= frames.start:
        return out
    quiet_db, frames_db = _band_levels_db(samples, quiet), _band_levels_db(samples, frames)
    if not quiet_db.size or not frames_db.size:
        return out
    mean, spread = quiet_db.mean(axis=0), np.maximum(quiet_db.std(axis=0), 0.5)
    need = max(_MIN_EVIDENCE, float(_evidence(quiet_db, mean, spread).max()) + 1.0)
    standing = _evidence(frames_db, mean, spread) >= need
    out[: standing.size] = standing
    return out


def _evidence(levels_db: np.ndarray, mean: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """How far each frame's bands stand over the quiet's (`mean`, `spread`: per band, in dB): the
    standard deviations each band stands over its mean there past the first, summed over the bands,
    then averaged over three frames (a sound lasts longer than the hiss's chance peaks)."""
    over = np.clip((levels_db - mean) / spread - 1.0, 0, None).sum(axis=1)
    return np.convolve(np.pad(over, 1), np.ones(3) / 3, "valid")  # "same", for fewer than 3 frames too


def _frames_needing_voicing(n_frames: int, spans) -> np.ndarray:
    """Periodicity is needed outside VAD speech (to find what it passed over) and inside short
    spans (candidate filled pauses): not inside the long stretches of plain speech, but for their
    short parts (measured as they are summarised)."""
    wanted = np.ones(n_frames, dtype=bool)
    for start, end in spans:
        if end - start > _VOICING_MAX_S:
            wanted[int(start / FRAME_S) + 5 : max(int(start / FRAME_S) + 5, int(end / FRAME_S) - 5)] = False
    return wanted


def _voiced_outside(track: VoicingTrack, floor_db: np.ndarray, spans, options: SpeechDetectionOptions):
    """Runs of loud, periodic frames that no VAD span covers."""
    if track.level_db.size == 0:
        return []
    candidate = (track.periodicity >= options.voicing_periodicity) & (
        track.level_db >= floor_db + options.voicing_above_noise_db
    )
    return _runs_outside(candidate, spans, 3, options.voicing_min_s)


def _loud_outside(track: VoicingTrack, floor_db: np.ndarray, spans, options: SpeechDetectionOptions):
    """Runs of frames well above the noise floor that neither Silero nor the voicing detector
    heard: the weak voice of a tired speaker after a long silence, which Silero can pass over for
    a second or more. Loud means above the noise floor by `energy_above_noise_db`, within
    `energy_below_speech_db` of the answer's typical speech level and above an absolute floor, so
    that digital silence does not turn the faint tails of words into speech."""
    if track.level_db.size == 0 or not spans:
        return []
    in_speech = frames_in(spans, track.level_db.size)
    speech_db = np.median(track.level_db[in_speech]) if in_speech.any() else track.noise_db
    threshold = np.maximum(floor_db + options.energy_above_noise_db,
                           max(speech_db - options.energy_below_speech_db, options.energy_floor_dbfs))
    return _runs_outside(track.level_db >= threshold, spans, 10, options.energy_min_s)


def _runs_outside(candidate: np.ndarray, spans, max_gap: int, min_s: float):
    """(start, end) of runs of candidate frames (bridging gaps of up to `max_gap` frames) at least
    `min_s` long, away from the `spans` already found."""
    candidate = candidate.copy()
    for start, end in spans:
        candidate[max(0, int(start / FRAME_S) - 5) : int(end / FRAME_S) + 5] = False
    runs, run_start, gap = [], None, 0
    for k, on in enumerate(np.append(candidate, False)):
        if on:
            run_start = k if run_start is None else run_start
            gap = 0
        elif run_start is not None:
            gap += 1
            if gap > max_gap or k == len(candidate):
                runs.append((run_start, k - gap + 1))
                run_start, gap = None, 0
    centre = _WIDTH / 2 / SAMPLE_RATE
    return [
        (a * FRAME_S + centre - FRAME_S / 2, b * FRAME_S + centre - FRAME_S / 2)
        for a, b in runs
        if (b - a) * FRAME_S >= min_s
    ]


def _summarised(track: VoicingTrack, samples: np.ndarray, start: float, end: float, detector: str,
                sound_db: np.ndarray, spread_where: SpreadWhere = SpreadWhere()) -> SpeechRegion:
    """The region with its voicing measured over the frames that hold sound (`sound_db` or
    louder): Silero's edges reach into the silence around a short "uh", which is not unvoiced.
    Its pitch spread is that of its voice, the longest voiced run of the same frames, by Praat's
    tracker (voicecoach.audio.pitch_tracker): where a low voice's "uh" ends, it rings at a formant
    for a few frames (~320 Hz after ~100 Hz in mfa_uhuh), and read frame by frame from the voicing
    track's autocorrelation peak, that "uh" spread over 20 semitones and was no filled pause. The
    spread is measured only where `spread_where` says the analysis may hear a filled pause."""
    if end - start > _VOICING_MAX_S:
        return SpeechRegion(start, end, detector=detector)
    frames = np.arange(track.level_db.size)[track.frames(start, end)]
    holding = track.level_db[frames] >= sound_db[frames]
    if holding.any():
        frames = frames[holding]
    track.measure(samples, frames)
    voiced = track.periodicity[frames] >= _VOICED_CORRELATION
    if voiced.size == 0:
        return SpeechRegion(start, end, 0.0, None, detector)
    fraction = float(voiced.mean())
    if voiced.sum() < 3 or end - start > spread_where.max_s or fraction < spread_where.min_voiced:
        return SpeechRegion(start, end, fraction, None, detector)
    return SpeechRegion(start, end, fraction, _pitch_spread(samples, frames), detector)


def _pitch_spread(samples: np.ndarray, frames: np.ndarray) -> Optional[float]:
    """The interquartile range, in semitones, of Praat's F0 over the longest voiced run among
    `frames` (of frame_levels_db's); None if it is under three frames long."""
    first = max(0, int(frames[0]) * _HOP - _PITCH_PAD)
    times, hz = track_pitch(pcm_float(samples[first : int(frames[-1]) * _HOP + _WIDTH + _PITCH_PAD]), SAMPLE_RATE)
    # Each of our frames is centred FRAME_WIDTH_S / 2 after its start; Praat's are 10 ms apart too.
    nearest = np.round((times + first / SAMPLE_RATE - FRAME_WIDTH_S / 2) / FRAME_S).astype(np.int64)
    runs = _runs(np.isin(nearest, frames) & (hz > 0))  # voiced
    longest = max(runs, key=lambda run: run.stop - run.start, default=None)  # the first of the longest
    if longest is None or longest.stop - longest.start < 3:
        return None
    q75, q25 = np.percentile(12 * np.log2(hz[longest]), [75, 25])
    return float(q75 - q25)
