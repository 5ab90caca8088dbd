import pytest
from builders import words_at

from voicecoach.analysis.coverage import uncovered_speech
from voicecoach.timeline import SpeechRegion, SpeechTimeline


def test_speech_with_no_word_on_it_is_uncovered():
    # Words cover 1.0-3.4; speech runs on to 9.0 (the model stopped early), and a region at
    # 12-12.3 is too short to count.
    words = words_at("the retention curve of new listeners over four weeks", start=1.0, word_s=0.3)
    timeline = SpeechTimeline(20.0, [SpeechRegion(0.95, 9.0), SpeechRegion(12.0, 12.3)])
    assert uncovered_speech(words, timeline, 0.5) == [(pytest.approx(3.85), 9.0)]


def test_gaps_between_words_inside_speech_and_drifted_edges_are_covered():
    words = words_at("so", start=1.0, word_s=0.3) + words_at("then", start=1.5, word_s=0.3)
    timeline = SpeechTimeline(5.0, [SpeechRegion(0.9, 1.9)])
    assert uncovered_speech(words, timeline, 0.3) == []


def test_a_hole_in_the_middle_of_a_region_is_found():
    words = words_at("first", start=1.0, word_s=0.4) + words_at("last", start=6.0, word_s=0.4)
    timeline = SpeechTimeline(8.0, [SpeechRegion(1.0, 6.4)])
    assert uncovered_speech(words, timeline, 0.5) == [(pytest.approx(1.55), pytest.approx(5.85))]
    assert uncovered_speech([], timeline, 0.5) == [(1.0, 6.4)]


def test_a_short_rest_of_speech_after_the_last_word_of_a_region_needs_the_longer_minimum():
    # flite's slow "listeners." stamped until 40.86 s and said until 41.34 s: the rest of the word
    # heard alone came back as "Cheers.".
    words = words_at("new", start=40.3, word_s=0.16) + words_at("listeners.", start=40.46, word_s=0.4)
    timeline = SpeechTimeline(42.3, [SpeechRegion(40.3, 41.34), SpeechRegion(41.8, 42.15)])
    assert uncovered_speech(words, timeline, 0.3) == [(pytest.approx(41.01), 41.34), (41.8, 42.15)]
    # A region no word touches keeps the shorter minimum; only the rest after a word needs 0.5 s.
    assert uncovered_speech(words, timeline, 0.3, 0.5) == [(41.8, 42.15)]
    longer = SpeechTimeline(42.3, [SpeechRegion(40.3, 41.6)])
    assert uncovered_speech(words, longer, 0.3, 0.5) == [(pytest.approx(41.01), 41.6)]


def test_speech_left_after_the_last_word_ends_where_the_region_s_sound_does():
    # cold_corpus under a 50-Hz buzz: "Uh," stamped 3.60-3.75 s, the region's sound ends at 4.37 s
    # and Silero's region at 4.74 s; the rest before 4.37 s is uncovered, the lag after it is not.
    words = words_at("Uh,", start=3.6, word_s=0.15)
    lagging = SpeechRegion(1.28, 4.74, sound_start=1.19, sound_end=4.37)
    timeline = SpeechTimeline(15.0, [lagging])
    assert uncovered_speech(words, timeline, 0.3) == [(1.28, pytest.approx(3.45)), (pytest.approx(3.9), 4.37)]
    assert uncovered_speech(words, timeline, 0.3, 0.5) == [(1.28, pytest.approx(3.45))]
    # Its sound ends after the last word's slack: nothing is left there.
    ended = SpeechTimeline(15.0, [SpeechRegion(1.28, 4.74, sound_end=3.85)])
    assert uncovered_speech(words, ended, 0.3) == [(1.28, pytest.approx(3.45))]
