"""Joining the words a second try found to the first pass's (pure)."""

from voicecoach.analysis.second_try import join_recovered
from voicecoach.transcript import Word

TRUSTED_S = 0.15


def is_filled(word: Word) -> bool:
    return word.text.strip(" ,.").lower() in {"um", "uh"}


def joined(words, found):
    return [(w.text, w.start, w.end) for w in
            join_recovered(words, found, [w for w in words if is_filled(w)], is_filled, TRUSTED_S)]


def test_a_word_found_again_before_its_late_stamp_is_that_word_at_the_found_time():
    # "So, basically, the model": the first pass stamped "basically," at 2.86 s with no length,
    # leaving its sound (2.24-2.60 s) uncovered; the second try heard it there.
    first = [Word("So,", 1.54, 1.89), Word("basically,", 2.86, 2.86), Word("the", 3.2, 3.36)]
    assert joined(first, [Word("basically", 2.24, 2.6)]) == [
        ("So,", 1.54, 1.89), ("basically,", 2.24, 2.6), ("the", 3.2, 3.36)]


def test_a_word_said_twice_stays_twice():
    # The first pass's "we" has a length of its own: the one found before it is another "we".
    first = [Word("we", 5.3, 5.5), Word("ship", 5.5, 5.8)]
    assert joined(first, [Word("we", 4.9, 5.1)]) == [("we", 4.9, 5.1), ("we", 5.3, 5.5), ("ship", 5.5, 5.8)]
    # Stamped short, but further than Whisper stamps a word late: another "we" too.
    first = [Word("we", 6.3, 6.3), Word("ship", 6.3, 6.6)]
    assert len(joined(first, [Word("we", 4.9, 5.1)])) == 3


def test_a_filler_found_near_one_the_first_pass_wrote_is_not_counted_again():
    first = [Word("metric.", 3.0, 3.5), Word("Um,", 4.82, 4.82), Word("then", 5.0, 5.3)]
    assert joined(first, [Word("um", 4.3, 4.7)]) == [("metric.", 3.0, 3.5), ("Um,", 4.82, 4.82), ("then", 5.0, 5.3)]
    assert joined(first, [Word("uh", 1.2, 1.5)])[0] == ("uh", 1.2, 1.5)
