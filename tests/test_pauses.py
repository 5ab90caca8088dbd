import pytest

from voicecoach.analysis.pauses import find_pauses, murmur_windows
from voicecoach.options import AnalysisOptions
from voicecoach.timeline import SpeechRegion
from voicecoach.transcript import Word


def test_pauses_think_time_and_long_pauses():
    regions = [SpeechRegion(2.0, 4.0), SpeechRegion(4.2, 6.0), SpeechRegion(6.5, 8.0),
               SpeechRegion(13.0, 14.0), SpeechRegion(20.1, 21.0)]
    words = [Word("one", 2.0, 4.0), Word("two", 4.2, 6.0), Word("three", 6.5, 8.0),
             Word("four", 13.0, 14.0), Word("five.", 20.1, 21.0)]
    found = find_pauses(regions, words, AnalysisOptions())
    assert found.answer_start == 2.0 and found.answer_end == 21.0
    # 0.2 s is articulation; exactly 5.0 s is not past the threshold; 6.1 s is.
    assert [(p.start, p.end, p.long) for p in found.pauses] == [
        (6.0, 6.5, False), (8.0, 13.0, False), (14.0, 20.1, True)
    ]
    assert found.pauses[2].duration == pytest.approx(6.1)
    assert (found.pauses[2].before, found.pauses[2].after) == ("two three four", "five.")
    assert found.total_s == pytest.approx(0.5 + 5.0 + 6.1)


def test_thresholds_come_from_options():
    regions = [SpeechRegion(0.0, 1.0), SpeechRegion(4.5, 5.0)]
    found = find_pauses(regions, [], AnalysisOptions(long_pause_s=3.0, min_pause_s=0.5))
    assert [p.long for p in found.pauses] == [True]


def test_no_speech_no_pauses():
    found = find_pauses([], [], AnalysisOptions())
    assert found.pauses == [] and found.answer_end == 0.0


def test_speech_inside_other_speech_leaves_no_pause():
    """Unrecognised speech at the start of a stretch Silero heard (both starting at 6.53 s) lies
    inside it: the 7.4 s from the end of the inner one to the next speech were spoken. Measured from
    the inner region's end, this was a made-up long pause (cold_corpus3 in a bare room,
    benchmarks/rooms.py)."""
    heard = SpeechRegion(6.53, 14.21)
    unrecognised = SpeechRegion(6.53, 7.17, detector="unrecognised")
    regions = [SpeechRegion(2.02, 6.24), heard, unrecognised, SpeechRegion(14.59, 17.86)]
    found = find_pauses(regions, [], AnalysisOptions())
    assert [(p.start, p.end, p.long) for p in found.pauses] == [(14.21, 14.59, False)]
    assert found.answer_end == 17.86
    # In either order, and with the inner region reaching past the outer one's end.
    found = find_pauses([SpeechRegion(0.0, 9.0), SpeechRegion(1.0, 2.0), SpeechRegion(8.5, 10.0),
                         SpeechRegion(16.0, 17.0)], [], AnalysisOptions())
    assert [(p.start, p.end, p.long) for p in found.pauses] == [(10.0, 16.0, True)]


def test_a_pause_lies_between_the_sounds_not_between_silero_s_edges():
    """Silero's regions end 0.1-0.4 s after the voice, and after a long silence begin late on a
    soft onset (its probability lags): a region notes where its sound began and ended, and the
    pause is measured between those. A note outside the region is held to it."""
    regions = [SpeechRegion(1.0, 3.3, sound_start=0.8, sound_end=3.1), SpeechRegion(8.2, 9.0, sound_end=8.8),
               SpeechRegion(9.5, 10.0, sound_start=9.3)]
    found = find_pauses(regions, [], AnalysisOptions())
    assert [(p.start, p.end, p.long) for p in found.pauses] == [(3.1, 8.2, True), (8.8, 9.3, False)]
    assert found.pauses[0].duration == pytest.approx(5.1)  # 4.9 s from Silero's end: not long
    assert (found.answer_start, found.answer_end) == (0.8, 10.0)
    assert SpeechRegion(1.0, 2.0, sound_start=1.5, sound_end=0.5).heard_until == 1.0
    assert SpeechRegion(1.0, 2.0, sound_start=1.5).heard_from == 1.0


def test_a_silence_silero_bridged_is_a_pause_but_never_a_long_one():
    """Silero's lag can carry one region over a short silence ("cares. [0.48 s under the noise
    floor] um" in acoustic_corpus): the region notes it, and it is a pause unless other sound lies
    in it. One too long to be bridged by a lag is not reported: Silero heard speech there."""
    host = SpeechRegion(1.0, 12.0, quiet_inside=((3.0, 3.48), (5.0, 5.2), (6.0, 6.6), (6.9, 12.0)))
    inside = SpeechRegion(6.2, 6.4, detector="unrecognised")
    found = find_pauses([host, inside, SpeechRegion(12.5, 13.0)], [], AnalysisOptions())
    assert [(p.start, p.end, p.long) for p in found.pauses] == [(3.0, 3.48, False), (12.0, 12.5, False)]
    assert found.pauses[0].duration == pytest.approx(0.48)


def test_only_loud_unvoiced_sound_long_enough_for_a_filler_is_looked_at_for_a_level_pitch():
    regions = [SpeechRegion(1.0, 2.0), SpeechRegion(3.0, 3.4, voiced_fraction=0.0, detector="energy"),
               SpeechRegion(4.0, 4.1, voiced_fraction=0.0, detector="energy"),
               SpeechRegion(5.0, 5.5, voiced_fraction=0.9, detector="energy"),
               SpeechRegion(6.0, 6.5, detector="energy")]
    # Silero's speech, a sound too short for a filled pause, and a voiced one already end a pause.
    assert murmur_windows(regions, AnalysisOptions()) == [(3.0, 3.4), (6.0, 6.5)]
