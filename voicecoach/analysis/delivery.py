"""How the answer sounded: pitch (monotone, statements that rise like questions), loudness (trailing
off, a recording too quiet or clipped), pace over the answer, and repeated words. A pure function
of the report's words and the answer's ProsodyTrack.

Pitch is judged in semitones around the speaker's own median, so a low and a high voice are judged
alike. Monotone: a standard deviation under 1.7 semitones, a pitch variation quotient (SD / mean
F0) of 0.1, which Hincks (2005) found to separate monotonous from lively speakers.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from voicecoach.analysis.tokens import ends_sentence, normalise
from voicecoach.options import AnalysisOptions
from voicecoach.prosody import STEP_S, ProsodyTrack
from voicecoach.report import Delivery, PaceWindow, Pause, Phrase, ReportWord, Rise, SpeedUp
from voicecoach.timefmt import clock
from voicecoach.transcript import joined

_MIN_VOICED_S = 1.5  # less voiced speech than this says nothing about a voice's range
_MIN_RISE_FRAMES = 8  # 80 ms of voicing at a sentence's end, or no judgement
_OCTAVE_JUMP_ST = 7.0  # a frame this far from its neighbours' median is a tracking error
# Pitch trackers err by an octave (12 semitones) on a few frames, mostly at voicing edges: frames
# this far from the speaker's median are those, not intonation.
_OCTAVE_ERROR_ST = 9.0
_SENTENCE_WORDS = 3
_TAIL_S = 0.15  # voicing runs on a little past Whisper's end of the last word
_RISE_REACH_S = 1.0  # a sentence-final rise starts no further back than this
_MIN_WINDOW_S = 5.0  # a last pace window shorter than this is left out
_CONTOUR_S = 0.2
NOT_ENOUGH_VOICE = "Not enough voiced speech to judge pitch"
_AROUND_PAUSE_S = 10.0  # the stretches compared before and after a long pause ...
_MIN_STRETCH_WORDS = 8  # ... each with at least this many words to have a rate


def analyze_delivery(words: Sequence[ReportWord], track: ProsodyTrack, answer_start: float, answer_end: float,
                     options: AnalysisOptions = AnalysisOptions(), long_pauses: Sequence[Pause] = ()) -> Delivery:
    """`long_pauses`: the answer's pauses over the limit, after which a speed-up is looked for."""
    spoken = [w for w in words if w.kind == "word"]
    in_words = _inside(track, spoken)
    voiced = in_words & (track.pitch_hz > 0)
    enough = voiced.sum() * STEP_S >= _MIN_VOICED_S
    # Too little voice (a one-word answer, a whisper) is not judged: 0 Hz says so, not a guess.
    median_hz = float(np.median(track.pitch_hz[voiced])) if enough else 0.0
    semitones = 12 * np.log2(np.maximum(track.pitch_hz, 1.0) / max(median_hz, 1.0))
    in_range = voiced & (np.abs(semitones) <= _OCTAVE_ERROR_ST)
    variation = float(np.std(semitones[in_range])) if enough and in_range.any() else 0.0
    monotone = bool(enough and variation < options.monotone_below_st)

    sentences = _sentences(words)
    statements = [s for s in sentences if not s[-1].text.endswith("?")]
    rises = [r for r in (_terminal_rise(s, track, semitones, options) for s in statements) if r is not None]
    speech_db = float(np.median(track.level_db[in_words])) if spoken else -120.0
    trailing = [t for t in (_trailing(s, track, options) for s in sentences) if t is not None]
    windows = _pace_windows(spoken, answer_start, answer_end, options.pace_window_s)
    rushing = _rushing(spoken, answer_start, answer_end, options.rushing_ratio)
    repeats = _repetitions(spoken)
    warning = _input_warning(speech_db, track.clipped_fraction, options) if spoken else ""

    delivery = Delivery(median_hz, variation, monotone, rises, len(statements), trailing, speech_db,
                        track.clipped_fraction, warning, windows, rushing, repeats, [],
                        _contour(track, semitones, in_range), _speed_ups(spoken, long_pauses, options))
    delivery.tips.extend(_tips(delivery, options))
    return delivery


def _contour(track: ProsodyTrack, semitones: np.ndarray, voiced: np.ndarray) -> list[tuple[float, float]]:
    """The median pitch of each 0.2 s that has voicing, for drawing."""
    if not voiced.any():
        return []
    times = track.times[voiced]
    bins = (times / _CONTOUR_S).astype(int)
    values = semitones[voiced]
    return [(float(np.median(times[bins == b])), float(np.median(values[bins == b]))) for b in np.unique(bins)]


def _inside(track: ProsodyTrack, words: Sequence[ReportWord]) -> np.ndarray:
    mask = np.zeros(len(track.times), dtype=bool)
    for w in words:
        mask[track.between(w.start, w.end)] = True
    return mask


def _sentences(words: Sequence[ReportWord]) -> list[list[ReportWord]]:
    """Sentences of at least three words (fillers left out), as Whisper punctuated them."""
    out, current = [], []
    for w in words:
        if w.kind == "word":
            current.append(w)
        if ends_sentence(w.text) and current:
            if len(current) >= _SENTENCE_WORDS:
                out.append(current)
            current = []
    return out


def _terminal_rise(sentence: list[ReportWord], track: ProsodyTrack, semitones: np.ndarray,
                   options: AnalysisOptions) -> Rise | None:
    """The pitch movement over the sentence's last `uptalk_window_s` of voicing (its voiced frames,
    not its clock time: the consonants of a last word like "listener" leave little voicing in
    any fixed window), as a straight line fitted through it; a rise of `uptalk_min_st` or more is
    uptalk."""
    last = sentence[-1]
    frames = track.between(max(sentence[0].start, last.end - _RISE_REACH_S), last.end + _TAIL_S)
    times, values = track.times[frames], semitones[frames]
    voiced = track.pitch_hz[frames] > 0
    times, values = times[voiced], values[voiced]
    if len(times) < _MIN_RISE_FRAMES or times[-1] < last.start:  # the last word itself is voiced
        return None
    keep = round(options.uptalk_window_s / STEP_S) + 1  # frames spanning the window, both ends in
    times, values = times[-keep:], values[-keep:]
    steady = np.abs(values - np.median(values)) < _OCTAVE_JUMP_ST
    times, values = times[steady], values[steady]
    if len(times) < _MIN_RISE_FRAMES:
        return None
    # The least-squares slope, np.polyfit(times, values, 1)'s to 1e-10, without its LAPACK call
    # (0.03 s of the report at stop, for the 18 sentences of a 2-minute answer, in one profile).
    centred = times - times.mean()
    slope = np.dot(centred, values - values.mean()) / np.dot(centred, centred)
    rise = float(slope * (times[-1] - times[0]))
    if rise < options.uptalk_min_st:
        return None
    quoted = joined(w.text for w in sentence[-3:])
    return Rise(float(times[0]), float(times[-1]), quoted, rise)


def _trailing(sentence: list[ReportWord], track: ProsodyTrack, options: AnalysisOptions) -> Phrase | None:
    """The sentence's last word, when its loud part (its vowel) is `trailing_off_db` quieter than
    the sentence's. (Compared at the 90th percentile: a word's span also holds its consonants and
    whatever silence Whisper gave it.)"""
    body = track.level_db[_inside(track, sentence[:-1])]
    end = track.level_db[track.between(sentence[-1].start, sentence[-1].end)]
    if body.size == 0 or end.size == 0:
        return None
    if np.percentile(end, 90) <= np.percentile(body, 90) - options.trailing_off_db:
        last = sentence[-1]
        return Phrase(last.text, last.start, last.end)
    return None


def _pace_windows(words: Sequence[ReportWord], start: float, end: float, window_s: float) -> list[PaceWindow]:
    out, at = [], start
    while at < end:
        stop = min(end, at + window_s)
        if stop - at >= _MIN_WINDOW_S or not out:
            count = sum(w.spoken for w in words if at <= w.start < stop)
            out.append(PaceWindow(at, stop, count / (stop - at) * 60 if stop > at else 0.0))
        at = stop
    return out


def _rushing(words: Sequence[ReportWord], start: float, end: float, ratio: float) -> bool:
    """The last third of the answer (by time) spoken `ratio` times as fast as the first."""
    third = (end - start) / 3
    if third * 3 < 3 * 15 or not words:  # under 45 s there is no arc to judge
        return False
    first = sum(w.spoken for w in words if start <= w.start < start + third)
    last = sum(w.spoken for w in words if end - third <= w.start <= end)
    return first > 0 and last >= ratio * first


def _speed_ups(words: Sequence[ReportWord], long_pauses: Sequence[Pause], options: AnalysisOptions) -> list[SpeedUp]:
    """Each long pause after which the next stretch of speech (up to `_AROUND_PAUSE_S` of it) is
    `rushing_ratio` times as fast as the stretch before the pause."""
    out = []
    for pause in long_pauses:
        before = [w for w in words if pause.start - _AROUND_PAUSE_S <= w.start < pause.start]
        after = [w for w in words if pause.end <= w.start < pause.end + _AROUND_PAUSE_S]
        if len(before) < _MIN_STRETCH_WORDS or len(after) < _MIN_STRETCH_WORDS:
            continue
        # Each stretch's rate over the time its words span, so the silences around do not count.
        rate_before = sum(w.spoken for w in before) / max(before[-1].end - before[0].start, 1.0) * 60
        rate_after = sum(w.spoken for w in after) / max(after[-1].end - after[0].start, 1.0) * 60
        if rate_after >= options.rushing_ratio * rate_before:
            out.append(SpeedUp(pause.end, rate_before, rate_after))
    return out


def _repetitions(words: Sequence[ReportWord]) -> list[Phrase]:
    """A word or a two-word phrase said twice in a row ("the the", "I think, I think")."""
    norms = [normalise(w.text) for w in words]
    out, i = [], 0
    while i < len(words) - 1:
        for size in (2, 1):
            if norms[i + size : i + 2 * size] != norms[i : i + size] or i + 2 * size > len(words) or not norms[i]:
                continue
            if ends_sentence(words[i + size - 1].text):
                continue  # "... offline. Offline, I would" starts a sentence anew: no restart
            text = joined(w.text.strip(",.!?") for w in words[i : i + 2 * size])
            out.append(Phrase(text, words[i].start, words[i + 2 * size - 1].end))
            i += 2 * size - 1
            break
        i += 1
    return out


def _input_warning(level_db: float, clipped: float, options: AnalysisOptions) -> str:
    if clipped > options.clipped_above:
        return (f"the input clipped ({clipped:.1%} of samples at full scale): lower the input gain, or move "
                "back from the microphone")
    if level_db < options.quiet_below_dbfs:
        return (f"your voice was quiet ({level_db:.0f} dBFS): move closer to the microphone, or raise its "
                "input gain")
    return ""


def _tips(d: Delivery, options: AnalysisOptions) -> list[str]:
    tips = []
    if d.input_warning:
        tips.append(f"Recording: {d.input_warning}.")
    if not d.pitch_median_hz:
        tips.append(NOT_ENOUGH_VOICE + ".")
    if d.monotone:
        tips.append(f"Your pitch varied {d.pitch_variation_st:.1f} semitones (monotone below "
                    f"{options.monotone_below_st:g}): lift the words that matter - the metric, the number, "
                    "the decision.")
    for rise in d.rises:
        tips.append(f"\"{rise.words}\" at {clock(rise.start)} rose {rise.semitones:.1f} semitones, like a "
                    "question: land a statement with a falling pitch.")
    for end in d.trailing_off:
        tips.append(f"\"{end.text}\" at {clock(end.start)} trailed off: keep your voice up to the last word.")
    if d.rushing:
        first, last = d.pace_windows[0].wpm, d.pace_windows[-1].wpm
        tips.append(f"You sped up toward the end ({first:.0f} -> {last:.0f} wpm): slow down for the "
                    "conclusion, it is what the panel remembers.")
    for fast in d.speed_ups:
        tips.append(f"After the long pause ending at {clock(fast.pause_end)} you sped up ({fast.before_wpm:.0f} -> "
                    f"{fast.after_wpm:.0f} wpm): once you have your thought, go on at your usual pace.")
    for repeat in d.repetitions:
        tips.append(f"\"{repeat.text}\" at {clock(repeat.start)}: a restart; pause instead of repeating.")
    return tips
