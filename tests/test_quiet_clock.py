"""The live "current silence" (voicecoach.audio.quiet) on real speech at any microphone level: it
never runs through speech, and it counts a pause from its start, in a quiet or a noisy room."""

import numpy as np
import pytest
from speech import say
from test_recorder import played

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.audio.quiet import QuietClock

BLOCK = int(0.05 * SAMPLE_RATE)  # the recorder's blocks


def answer(gain_db: float, noise_dbfs: float, pause_s: float = 6.0) -> tuple[np.ndarray, float, float]:
    """2 s of room, a sentence, `pause_s` of room, a sentence, `pause_s` of room: 16-bit samples,
    and where the first pause begins and ends."""
    phrase = say("The primary metric is listening minutes per user, measured weekly.") * 10 ** (gain_db / 20)
    room = np.zeros(int(pause_s * SAMPLE_RATE), np.float32)
    parts = [np.zeros(2 * SAMPLE_RATE, np.float32), phrase, room, phrase, room]
    x = np.concatenate(parts)
    x = x + 10 ** (noise_dbfs / 20) * np.random.default_rng(1).standard_normal(len(x))
    pause_start = (2 * SAMPLE_RATE + len(phrase)) / SAMPLE_RATE
    return np.clip(x * 32768, -32768, 32767).astype(np.int16), pause_start, pause_start + pause_s


def quiet_times(samples: np.ndarray) -> np.ndarray:
    """How long the input had been quiet at the end of each block, as the recorder measures it."""
    clock = QuietClock()
    out = []
    for first in range(0, len(samples) - BLOCK + 1, BLOCK):
        rms = np.sqrt(np.mean((samples[first : first + BLOCK] / 32768.0) ** 2))
        out.append(clock.add(20 * np.log10(max(rms, 1e-6)), BLOCK / SAMPLE_RATE))
    return np.array(out)


@pytest.mark.parametrize("gain_db, noise_dbfs", [(0, -70), (-30, -90), (-40, -95), (-6, -42), (0, -35)])
def test_the_silence_counter_runs_in_pauses_and_never_through_speech(gain_db, noise_dbfs):
    """A microphone turned down 30 and 40 dB (the speech then stays under -45 dBFS, where a fixed
    gate had the counter run through it past 5 s), and rooms whose noise sits at -42 and -35 dBFS
    (over that gate: it never ran)."""
    samples, pause_start, pause_end = answer(gain_db, noise_dbfs)
    quiet = quiet_times(samples)
    at = (np.arange(len(quiet)) + 1) * BLOCK / SAMPLE_RATE  # each block's end
    assert quiet[at <= 2.0][-1] == pytest.approx(2.0, abs=0.1)  # before the first word: think time
    in_pause = (at > pause_start + 0.5) & (at <= pause_end)
    # It counts the whole pause, from where the sentence's sound ended.
    assert quiet[in_pause][-1] == pytest.approx(pause_end - pause_start, abs=0.35)
    assert np.all(np.diff(quiet[in_pause]) > 0)
    speaking = (at > 2.0) & (at < pause_start)
    assert quiet[speaking].max() < 0.8  # the comma's pause, at most (the counter shows from 1 s)
    second = (at > pause_end + 0.1) & (at < pause_end + 0.1 + (pause_start - 2.0))
    assert quiet[second].max() < 0.8


def test_a_quiet_microphone_shows_its_pause_live(tmp_path):
    """Through the recorder: a microphone 40 dB down, stopped 6 s into the silence after its second
    sentence, shows 6 s of silence (not the whole answer)."""
    samples, _, _ = answer(-40, -95)
    recorder = played(tmp_path / "a.wav", samples)
    assert recorder.status.silence_s == pytest.approx(6.0, abs=0.35)
    assert recorder.status.elapsed_s > 15.0
    recorder.stop()
