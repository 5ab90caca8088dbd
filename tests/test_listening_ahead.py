"""The whole-answer timeline measured while the answer is recorded (voicecoach.audio.detection.
ListeningAhead): at stop it carries on from there and must be the batch timeline, region for region
and Silero probability for probability, or be measured again."""

from typing import Optional

import numpy as np
import pytest
from speech import as_recorded, say
from test_real_recordings import with_mains_hum

from voicecoach.audio.activity import SILERO_WINDOW, _blockwise_vad_model, _speech_probabilities
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.detection import ListeningAhead, detector_gain, speech_timeline
from voicecoach.audio.level import band_final_until, raised, speech_band
from voicecoach.options import SpeechDetectionOptions

OPTIONS = SpeechDetectionOptions()
PHRASES = ["The metric I would pick first is weekly active minutes.", "Um.",
           "Then I would run an experiment against a holdout group.", "We track the skip rate and the save rate."]


def answer(seconds: float, level: float, louder_end_db: float = 0.0, hum_hz: Optional[float] = None) -> np.ndarray:
    """Speech over a -62 dBFS floor until `seconds`, with pauses of 0.4-6 s, and a last phrase in
    its last 3 s said `louder_end_db` louder; over mains hum at `hum_hz` (-40 dBFS) if given.
    16-bit, as the recorder writes it."""
    rng = np.random.default_rng(7)
    pieces, total, k = [np.zeros(SAMPLE_RATE, np.float32)], SAMPLE_RATE, 0
    while total < seconds * SAMPLE_RATE:
        speech = say(PHRASES[k % len(PHRASES)]) * level
        silence = np.zeros(int(SAMPLE_RATE * (6.0 if k % 7 == 3 else 0.4 + 0.1 * (k % 4))), np.float32)
        pieces += [speech, silence]
        total += len(speech) + len(silence)
        k += 1
    x = np.concatenate(pieces)[: int(seconds * SAMPLE_RATE)]
    last = say(PHRASES[0])[: 3 * SAMPLE_RATE] * level * 10 ** (louder_end_db / 20)
    x[-len(last) :] = last
    x += 10 ** (-62 / 20) * rng.standard_normal(len(x)).astype(np.float32)
    return as_recorded(with_mains_hum(x, -40.0, hum_hz) if hum_hz else x)


def heard_as_recorded(x: np.ndarray) -> ListeningAhead:
    """The answer fed a second at a time, as the app's worker looks at it."""
    ahead = ListeningAhead(OPTIONS, len(x))
    for n in range(SAMPLE_RATE, len(x) + 1, SAMPLE_RATE):
        ahead.advance(x[:n])
    return ahead


def silero_runs(monkeypatch) -> list[tuple[int, int]]:
    """(windows heard before, samples heard now) of each Silero run from here on."""
    model, runs = _blockwise_vad_model(), []
    go_on = model.go_on

    def recorded(rest, run, ended):
        runs.append((run.windows, len(rest)))
        return go_on(rest, run, ended)

    monkeypatch.setattr(model, "go_on", recorded)
    return runs


# An ordinary microphone, one 30 dB down (raised), and one under mains hum (taken out of the band).
@pytest.mark.parametrize("level, hum_hz", [(1.0, None), (0.03, None), (1.0, 60.0)])
def test_the_timeline_heard_ahead_is_the_batch_timeline(level, hum_hz, monkeypatch):
    x = answer(75, level, hum_hz=hum_hz)
    ahead = heard_as_recorded(x)
    band = speech_band(x, OPTIONS.detect_highpass_hz)
    gain = detector_gain(band, OPTIONS)
    assert ahead.gain_db == gain and (gain > 20) == (level < 1) and (ahead.hum.hz if ahead.hum else None) == hum_hz
    # Silero heard all but the last block (16.4 s) ahead, and the band all but its last block (4 s).
    assert ahead.silero.windows * SILERO_WINDOW >= len(x) - 2 * 512 * SILERO_WINDOW
    assert len(ahead.band) == band_final_until(len(x), ahead.hum) > len(x) - 8 * SAMPLE_RATE
    heard = raised(band, gain)
    assert np.array_equal(_speech_probabilities(heard, OPTIONS.vad_restart_s, OPTIONS.vad_threshold, ahead.silero),
                          _speech_probabilities(heard, OPTIONS.vad_restart_s, OPTIONS.vad_threshold))
    batch = speech_timeline(x, OPTIONS, 5.0)
    assert len(batch.regions) >= 20
    runs = silero_runs(monkeypatch)
    assert speech_timeline(x, OPTIONS, 5.0, ahead).regions == batch.regions
    # At stop Silero heard only what followed its run ahead (and the long silences again, on their own).
    assert runs[0] == (ahead.silero.windows, len(x) - ahead.silero.windows * SILERO_WINDOW)
    assert all(before == 0 for before, _ in runs[1:])
    # The whole band was finished in place from the one heard ahead: the batch's, sample for sample.
    assert np.array_equal(ahead.band, heard)


def test_an_answer_whose_level_changes_at_the_end_is_heard_again_at_stop():
    x = answer(60, 0.03, louder_end_db=15)
    ahead = heard_as_recorded(x)
    assert ahead.gain_db != detector_gain(speech_band(x, OPTIONS.detect_highpass_hz), OPTIONS)
    assert speech_timeline(x, OPTIONS, 5.0, ahead).regions == speech_timeline(x, OPTIONS, 5.0).regions
