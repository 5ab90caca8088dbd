"""Fillers moved onto their sound (voicecoach.analysis.filler_timing), over constructed words and
level-pitch runs."""

import pytest

from voicecoach.analysis.filler_timing import (
    filler_windows,
    join_split_fillers,
    onto_speech_onsets,
    onto_unwritten_sounds,
    retime_fillers,
)
from voicecoach.options import AnalysisOptions
from voicecoach.transcript import Word


def is_filler(word: Word) -> bool:
    return word.text.strip(",.").lower() in {"uh", "um", "hmm"}


def test_a_late_zero_length_filler_moves_onto_its_sound_and_the_word_before_gives_it_up():
    # "cares" absorbed the "um" (8.10-8.34); Whisper stamped the um at 8.64 with no length.
    words = [Word("cares", 7.0, 8.6), Word("um,", 8.64, 8.64), Word("is", 8.7, 8.9)]
    runs = [(7.06, 7.41), (8.10, 8.34), (8.83, 9.24)]
    out = retime_fillers(words, runs, is_filler)
    assert (out[1].start, out[1].end) == (8.10, 8.34)
    assert out[0] == Word("cares", 7.0, 8.10)
    assert out[2] == words[2]


def test_a_stamp_as_long_as_a_filled_pause_is_trusted():
    words = [Word("so", 1.0, 1.3), Word("uh", 1.5, 1.8)]
    assert retime_fillers(words, [(1.1, 1.3), (1.6, 1.9)], is_filler) == words


def test_no_run_in_reach_keeps_whispers_time():
    words = [Word("the", 3.0, 3.2), Word("uh", 4.26, 4.26)]
    # One run is too early (more than 0.9 s before), one starts too late, one lies before the
    # word before began.
    runs = [(3.2, 3.4), (4.5, 4.8)]
    assert retime_fillers(words, runs, is_filler) == words
    words = [Word("the", 3.5, 3.6), Word("uh", 4.0, 4.0)]
    assert retime_fillers(words, [(3.3, 3.6)], is_filler) == words


def test_a_late_filler_that_opens_speech_after_a_silence_starts_there():
    # "week. [0.6 s] um we would": the Um stamped 0.32 s into the speech it opens, no length.
    words = [Word("week.", 9.4, 9.9), Word("Um,", 10.82, 10.82), Word("we", 10.9, 11.1)]
    out = onto_speech_onsets(words, [(9.35, 9.9), (10.5, 11.6)], is_filler)
    assert out == [words[0], Word("Um,", 10.5, 10.9), words[2]]


def test_a_word_stretched_over_the_silence_gives_the_filler_after_it_its_speech():
    # cold_corpus: "the" said 6.94-7.01 s, a whispered "uh" 7.31-7.86 s after a silence inside
    # one Silero region; Whisper stamped "the," 6.80-7.98 and "uh," at 7.98 with no length.
    words = [Word("than", 6.28, 6.8), Word("the,", 6.8, 7.98), Word("uh,", 7.98, 8.0), Word("acoustic", 8.34, 8.42)]
    out = onto_speech_onsets(words, [(6.7, 9.0), (7.32, 8.03)], is_filler, sounds=[(6.75, 7.05), (7.32, 8.03)])
    assert out[1:3] == [Word("the,", 6.8, 7.32), Word("uh,", 7.32, 8.03)]


def test_a_word_whose_stamp_only_drifted_onto_the_silence_keeps_the_speech():
    # "the" starts 0.06 s before the speech it was said on: the filler after it is not the
    # first thing said there, and both keep their stamps; likewise with no sound under it at all.
    words = [Word("the", 9.94, 10.2), Word("uh", 10.6, 10.6), Word("model", 10.7, 11.0)]
    assert onto_speech_onsets(words, [(10.0, 11.2)], is_filler) == words
    assert onto_speech_onsets(words, [(9.0, 9.5), (10.0, 11.2)], is_filler) == words


def test_a_drifting_uhhh_cut_into_abutting_runs_starts_at_the_first():
    words = [Word("and", 1.0, 1.2), Word("uh", 2.0, 2.0)]
    out = retime_fillers(words, [(1.30, 1.62), (1.64, 1.90)], is_filler)
    assert (out[1].start, out[1].end) == pytest.approx((1.30, 1.90))


def test_two_fillers_never_share_one_sound():
    words = [Word("so", 0.5, 0.7), Word("uh", 1.40, 1.40), Word("um", 1.45, 1.45)]
    out = retime_fillers(words, [(0.9, 1.2)], is_filler)
    assert (out[1].start, out[1].end) == (0.9, 1.2)
    assert out[2] == words[2]


def test_windows_cover_only_the_fillers_that_may_move():
    words = [Word("so", 0.5, 0.7), Word("uh", 2.0, 2.0), Word("um", 3.0, 3.5)]
    options = AnalysisOptions(filler_search_before_s=0.9)
    # The late "uh": its reach and a long "uhhh" after it. The trusted "um": the room Whisper
    # left before it, within the sound it lies in, and its stamp.
    assert filler_windows(words, is_filler, options, [(2.5, 3.6)]) == [pytest.approx((1.1, 3.0)),
                                                                      pytest.approx((2.5, 3.5))]
    # Its sound reaches back past the search's reach (2.1 s); it begins at its stamp: no room.
    assert filler_windows(words, is_filler, options, [(1.0, 3.6)])[1] == pytest.approx((2.1, 3.5))
    assert filler_windows(words, is_filler, options, [(3.0, 3.6)]) == [pytest.approx((1.1, 3.0))]
    # No room before a trusted stamp: nothing to look at.
    words = [Word("so", 0.5, 0.7), Word("um", 0.75, 1.2)]
    assert filler_windows(words, is_filler, options) == []


def test_a_filler_that_stays_keeps_its_sound():
    # "hmm" is stamped over its sound (trusted); the zero-length "um" after it must not take it.
    words = [Word("hmm,", 6.34, 6.69), Word("um,", 6.79, 6.79)]
    assert retime_fillers(words, [(6.34, 6.65)], is_filler) == words


def test_a_trusted_stamp_after_room_with_a_sound_in_it_moves_onto_that_sound():
    # cold_corpus3 6 dB down: "happened." ends 19.64 s, the "uh" is said 19.82-20.25 s and "and"
    # after it, but Whisper stamped "Uh," 20.40-20.56 (over the "and") and "and" at 20.96.
    words = [Word("happened.", 19.12, 19.64), Word("Uh,", 20.40, 20.56), Word("and", 20.96, 21.04)]
    sound = [(18.4, 22.82)]
    out = retime_fillers(words, [(19.87, 20.11)], is_filler, sounds=sound)
    assert out == [words[0], Word("Uh,", 19.87, 20.11), words[2]]
    # A sound that runs on under the stamp is the filler's own: it stays.
    assert retime_fillers(words, [(20.10, 20.50)], is_filler, sounds=sound) == words
    # A silence between that sound and the stamp: it is a sound of its own (mfa_uhum's "hm
    # [0.6 s] hmm", the first hm no word of Whisper's), and the stamp stays.
    assert retime_fillers(words, [(19.87, 20.11)], is_filler, sounds=[(18.4, 20.15), (20.35, 22.82)]) == words
    # No room: Whisper's stamp abuts the word before, whose vowel may be the level run.
    words = [Word("so", 1.0, 1.45), Word("uh", 1.5, 1.8)]
    assert retime_fillers(words, [(1.2, 1.4)], is_filler, sounds=[(0.9, 2.0)]) == words


def test_a_moved_filler_ends_where_the_next_word_starts():
    words = [Word("all", 1.9, 2.3), Word("uh,", 2.85, 2.93), Word("for", 2.95, 3.3)]
    out = retime_fillers(words, [(2.39, 3.27)], is_filler)
    assert (out[1].start, out[1].end) == (2.39, 2.95)


def test_when_whisper_left_time_before_the_stamp_the_word_before_keeps_its_vowel():
    # "Otherwise," 26.34-26.68 then nothing until "uh," at 27.32: the flat "wise" is not the uh.
    words = [Word("Otherwise,", 26.34, 26.68), Word("uh,", 27.32, 27.44), Word("we", 27.46, 27.6)]
    assert retime_fillers(words, [(26.45, 26.67)], is_filler) == words
    moved = retime_fillers(words, [(26.45, 26.67), (27.02, 27.22)], is_filler)
    assert (moved[1].start, moved[1].end) == (27.02, 27.22)


def test_one_long_uhhh_written_as_two_fillers_is_one():
    # mfa_uh.flac: one 1.25-s "uhhh" at a level pitch, written "uh, uh" with 0.03 s between.
    words = [Word("All,", 1.9, 2.3), Word("uh,", 2.39, 3.27), Word("uh,", 3.30, 3.64), Word("forced", 3.8, 4.2)]
    joined = join_split_fillers(words, [(2.395, 3.275), (3.305, 3.645)], is_filler)
    assert joined == [words[0], Word("uh,", 2.39, 3.64), words[3]]


def test_two_fillers_with_a_break_in_their_sound_stay_two():
    words = [Word("uh,", 2.39, 3.27), Word("uh,", 3.30, 3.64)]
    # A glottal stop between them: the pitch stops for 0.1 s.
    assert join_split_fillers(words, [(2.395, 3.2), (3.30, 3.645)], is_filler) == words
    # No level pitch under the second: nothing says it is the same sound.
    assert join_split_fillers(words, [(2.395, 3.275)], is_filler) == words
    # A word between them.
    words = [Word("uh,", 1.0, 1.4), Word("so", 1.42, 1.6), Word("uh", 1.62, 2.0)]
    assert join_split_fillers(words, [(1.0, 2.0)], is_filler) == words


def test_windows_cover_abutting_fillers_that_may_be_one():
    words = [Word("uh,", 2.39, 3.27), Word("uh,", 3.30, 3.64), Word("so", 4.0, 4.2), Word("um", 4.25, 4.6)]
    assert filler_windows(words, is_filler) == [pytest.approx((2.39, 3.64))]


def test_a_late_filler_moves_onto_a_filler_like_sound_praat_did_not_hold_level():
    """Through the whole analysis: Whisper stamps "Um," at "online"'s onset, 0.7 s after the um's
    sound; Praat found no level run there (the synthetic um falls), but the voicing track heard a
    voiced, level sound no word explains. One filler, on that sound - not that sound and the stamp."""
    from builders import speech_under

    from voicecoach.analysis import analyze
    from voicecoach.settings import load_lexicons
    from voicecoach.timeline import SpeechRegion, SpeechTimeline
    from voicecoach.transcript import Transcript

    words = [Word("tracks.", 26.9, 27.3), Word("Um,", 34.40, 34.46), Word("online,", 34.46, 34.82),
             Word("we", 35.2, 35.4), Word("run", 35.4, 35.7)]
    um = SpeechRegion(33.54, 33.70, voiced_fraction=0.9, pitch_spread_st=0.6)
    heard = speech_under(words, 37.0)
    timeline = SpeechTimeline(37.0, sorted(heard.regions + [um], key=lambda r: r.start))
    report = analyze(Transcript(words), timeline, load_lexicons())
    assert [(f.text, f.start, f.end, f.source) for f in report.fillers] == [("Um", 33.54, 33.70, "transcript")]


def test_a_late_filler_written_after_a_sound_no_word_starts_on_moves_onto_it():
    # espeak-ng: "with" said 26.6-26.83, "um" 26.98-27.30, "the" from 27.45; Whisper stretched
    # "with," to 27.49 and wrote "um," after it with no length.
    words = [Word("it", 26.45, 26.71), Word("with,", 26.71, 27.49), Word("um,", 27.49, 27.49),
             Word("a", 27.75, 27.75), Word("current", 27.75, 27.99)]
    out = onto_unwritten_sounds(words, [(26.97, 27.33)], is_filler)
    assert (out[2].start, out[2].end) == (26.97, 27.33)
    assert out[1] == Word("with,", 26.71, 26.97)
    assert out[3:] == words[3:]


def test_a_filled_pause_long_stamp_moves_only_where_the_word_before_was_stretched_over_the_sound():
    sounds = [(6.32, 6.68)]
    stretched = [Word("with,", 6.09, 6.73), Word("um,", 6.73, 6.91), Word("the", 7.07, 7.2)]
    assert (onto_unwritten_sounds(stretched, sounds, is_filler)[1].start) == 6.32
    # The word before ends where the sound begins: the stamp is Whisper's own find of another sound.
    kept = [Word("with,", 6.09, 6.30), Word("um,", 6.73, 6.91), Word("the", 7.07, 7.2)]
    assert onto_unwritten_sounds(kept, sounds, is_filler) == kept


def test_a_sound_a_word_starts_on_or_too_far_before_the_stamp_is_not_the_fillers():
    words = [Word("with,", 26.71, 27.49), Word("um,", 27.49, 27.49), Word("a", 27.75, 27.8)]
    # "with" itself starts on this sound.
    assert onto_unwritten_sounds(words, [(26.6, 26.9)], is_filler) == words
    # It ends more than 0.25 s before the stamp.
    assert onto_unwritten_sounds(words, [(26.95, 27.2)], is_filler) == words
    # It lies before the word before began.
    late = [Word("with,", 27.0, 27.49), Word("um,", 27.49, 27.49)]
    assert onto_unwritten_sounds(late, [(26.8, 26.95)], is_filler) == late
