"""A region heard late is heard from its faint onset only where Whisper's words lie over that onset
and run on into the region (voicecoach.analysis.worded_onsets)."""

import pytest

from voicecoach.analysis.worded_onsets import heard_under_words
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word

# Speech to 13.0 s; Silero hears the next from 18.21 s, and faint sound stands out from 17.74 s.
BEFORE = SpeechRegion(6.5, 13.0)
LATE = SpeechRegion(18.21, 19.0, faint_from=17.74)


def _is_filled(word: Word) -> bool:
    return word.text.strip(" ,.").lower() in {"um", "uh"}


def _heard_from(words: list[Word], late: SpeechRegion = LATE) -> float:
    timeline = heard_under_words(SpeechTimeline(25.0, [BEFORE, late]), words, _is_filled)
    assert timeline.regions[0] == BEFORE
    return timeline.regions[1].heard_from


def test_words_over_the_faint_sound_running_into_the_region_move_its_onset_back():
    # cold_corpus3 under pink noise at -36 dBFS: "bunch of different words", said from 17.70 s.
    words = [Word("that.", 12.9, 13.0), Word("Much", 17.61, 17.95), Word("different", 17.95, 18.21),
             Word("words.", 18.21, 19.0)]
    assert _heard_from(words) == pytest.approx(17.74)  # no earlier than the faint sound


def test_the_onset_moves_back_only_as_far_as_the_words_begin():
    words = [Word("and", 19.97, 20.11), Word("you", 20.11, 20.17), Word("have", 20.17, 20.39)]
    late = SpeechRegion(20.35, 22.2, faint_from=19.94)
    assert _heard_from(words, late) == pytest.approx(19.97)


def test_a_filled_pause_over_the_faint_sound_takes_all_of_it():
    # acoustic_corpus under pink noise at -36 dBFS (5 s later here): an "um" said from 17.42 s,
    # heard only as loud from 17.71 s, stamped 17.58-17.86 s (Whisper stamps fillers late).
    words = [Word("Um,", 17.58, 17.86), Word("this", 17.98, 18.22)]
    late = SpeechRegion(17.71, 17.82, detector="energy", faint_from=17.44)
    assert _heard_from(words, late) == pytest.approx(17.44)


@pytest.mark.parametrize("words", [
    [Word("words.", 18.21, 19.0)],  # no word over the faint sound: a breath
    [Word("that.", 12.9, 18.4)],  # the word before, stretched over the silence
    [Word("Much", 17.61, 17.9), Word("different", 18.18, 18.5)],  # not running on: 0.28 s apart
    [Word("Much", 17.8, 17.8), Word("different", 18.21, 18.21)],  # stamped with no time
    [Word("Much", 17.0, 18.2)],  # beginning far before the faint sound
])
def test_without_words_running_on_over_the_faint_sound_the_region_is_heard_where_silero_hears_it(words):
    assert _heard_from(words) == LATE.start


def test_a_region_with_no_faint_onset_is_left_as_it_is():
    words = [Word("Much", 17.61, 17.95), Word("different", 17.95, 18.21)]
    assert _heard_from(words, SpeechRegion(18.21, 19.0)) == 18.21
