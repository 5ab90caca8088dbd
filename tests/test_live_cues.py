"""Cues while recording (voicecoach.live_cues): sparse, and each for a reason that lasted."""

from voicecoach.live_cues import LOUDER, PAUSE_HERE, SLOW_DOWN, CueOptions, LiveCoach


def run(coach, seconds, level=-25.0, silence=0.0, wpm=None, stretch=0, step=0.1, start=0.0):
    """Feed the coach every `step` s; returns the (time, cue) it gave."""
    given, n = [], round(seconds / step)
    for k in range(n):
        at = start + k * step
        cue = coach.update(at, level, silence, wpm, stretch)
        if cue:
            given.append((round(at, 1), cue))
    return given


def test_quiet_speech_asks_for_louder_after_three_seconds_then_waits_twenty():
    coach = LiveCoach()
    assert run(coach, 2.9, level=-40.0) == []
    assert run(coach, 40.0, level=-40.0, start=2.9) == [(3.0, LOUDER), (23.0, LOUDER)]


def test_silence_is_not_quiet_speech_and_a_pause_resets_the_run():
    coach = LiveCoach()
    assert run(coach, 10.0, level=-60.0, silence=2.0) == []
    # 25 s of talking, a 1-s pause, 25 s more: never 30 s without a pause.
    talk = run(coach, 25.0, start=10.0) + run(coach, 1.0, silence=1.0, start=35.0) + run(coach, 25.0, start=36.0)
    assert talk == []
    assert run(coach, 10.0, start=61.0) == [(66.0, PAUSE_HERE)]


def test_a_fast_stretch_is_cued_once_and_cues_never_come_closer_than_twenty_seconds():
    coach = LiveCoach(CueOptions(fast_wpm=175.0))
    given = run(coach, 50.0, wpm=190.0, stretch=1)
    assert given == [(0.0, SLOW_DOWN), (30.0, PAUSE_HERE)]
    # The next stretch is fast too: cued once; the run on is cued again twenty seconds later.
    assert run(coach, 30.0, wpm=190.0, stretch=2, start=50.0) == [(50.0, SLOW_DOWN), (70.0, PAUSE_HERE)]
    assert run(LiveCoach(), 50.0, wpm=160.0, stretch=1, silence=0.6) == []


def test_a_quiet_voice_dipping_under_the_silence_gate_between_syllables_is_still_speech():
    coach, given = LiveCoach(), []
    for k in range(60):  # every other block under the gate (silent for 0.1 s), the others at -40 dBFS
        at = k * 0.1
        cue = coach.update(at, -40.0 if k % 2 else -60.0, 0.0 if k % 2 else 0.1)
        given += [(round(at, 1), cue)] if cue else []
    assert given == [(3.0, LOUDER)]
    # A normal voice with the same rhythm is not quiet.
    loud = LiveCoach()
    assert all(loud.update(k * 0.1, -25.0 if k % 2 else -60.0, 0.0 if k % 2 else 0.1) is None for k in range(60))
