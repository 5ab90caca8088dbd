"""Replay with pause, resume and seek (voicecoach.audio.playback.Replay), on a clock the test moves
and a player that records what it was asked to play (the test machine has no output device)."""

from pathlib import Path

import pytest

from voicecoach.audio.playback import Replay


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def a_replay(length_s: float = 30.0):
    clock, played, stops = Clock(), [], []

    def player(path, start_s, device=None):
        played.append(round(start_s, 3))
        return max(0.0, length_s - start_s)

    return Replay(Path("answer.wav"), clock=clock, player=player, stopper=lambda: stops.append(1)), clock, played


def test_pause_resume_and_seek_keep_the_place():
    replay, clock, played = a_replay()
    replay.play(4.0)
    clock.now += 3.0
    assert replay.playing and replay.position == pytest.approx(7.0)
    replay.pause()
    clock.now += 10.0  # paused: the place does not move
    assert not replay.playing and replay.position == pytest.approx(7.0)
    replay.play()
    assert replay.playing and played == [4.0, 7.0]  # resumes where it stood
    clock.now += 2.0
    assert replay.seek(5.0) == pytest.approx(14.0) and played[-1] == 14.0  # playing: plays on from there
    assert replay.seek(-60.0) == 0.0 and played[-1] == 0.0  # never before the start
    replay.pause()
    replay.seek(3.0)  # paused: only the place moves
    assert played[-1] == 0.0 and replay.position == pytest.approx(3.0)


def test_the_end_and_stop_return_to_the_start():
    replay, clock, played = a_replay(length_s=10.0)
    replay.play(8.0)
    clock.now += 2.5  # past the end of the recording
    assert not replay.playing and replay.position == 0.0
    replay.play(1.0)
    replay.stop()
    assert not replay.playing and replay.position == 0.0
