"""The noise floor under each frame (voicecoach.audio.activity.VoicingTrack.floor_db): the recording's
own, unless the quiet around a frame stands well over it, as a room a microphone's automatic gain
turns up in a pause does."""

import numpy as np

from voicecoach.audio.activity import FRAME_S, VoicingTrack


def frames(seconds: float, level_db: float) -> np.ndarray:
    return np.full(int(round(seconds / FRAME_S)), level_db)


def floor_over_time(level_db: np.ndarray, spans) -> np.ndarray:
    return VoicingTrack(level_db, np.zeros(level_db.size), np.zeros(level_db.size, dtype=bool)).floor_db(spans)


def test_a_steady_room_keeps_the_recording_s_floor_everywhere():
    rng = np.random.default_rng(3)
    level = np.concatenate([frames(1, -55), frames(3, -20), frames(6, -55), frames(3, -20)]) + rng.normal(0, 1.5, 1300)
    floor = floor_over_time(level, [(1.0, 4.0), (10.0, 13.0)])
    assert np.array_equal(floor, np.full(level.size, np.percentile(level, 10)))


def test_a_room_turned_up_in_a_pause_raises_the_floor_there_and_nowhere_else():
    """2 s of room at -60 dB, speech, then a 4-s pause whose room an automatic gain turns up from
    -50 to -40 dB, then speech again."""
    ramp = np.linspace(-50, -40, int(round(4 / FRAME_S)))
    level = np.concatenate([frames(2, -60), frames(3, -20), ramp, frames(3, -20)])
    floor = floor_over_time(level, [(2.0, 5.0), (9.0, 12.0)])
    assert np.all(floor[: int(2 / FRAME_S)] == -60)  # the recording's floor: its quietest tenth
    pause = slice(int(5.5 / FRAME_S), int(8.5 / FRAME_S))
    # Within 4 dB under the room as it rises (the quiet around a frame reaches 1.5 s back), never over it.
    assert np.all(level[pause] - floor[pause] <= 4.0)
    assert np.all(floor[pause] <= level[pause] + 0.5)
    middle_of_speech = int(3.5 / FRAME_S)  # no quiet within reach: the recording's floor
    assert floor[middle_of_speech] == -60
