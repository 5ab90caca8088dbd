"""Filled pauses Whisper folded into the next word (voicecoach.analysis.folded_fillers): on
constructed words, onsets and runs of level pitch, and through the real model and analyzer."""

import numpy as np
import pytest
from speech import Voice, build_answer

from voicecoach.analysis.folded_fillers import onset_windows, opens_voiceless, unfold_fillers
from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.transcript import Word


def is_filled(word: Word) -> bool:
    return word.text.strip(" ,.").lower() in {"um", "uh"}


def test_only_words_that_open_on_a_loud_voiceless_fricative():
    assert [w for w in ["So,", "since", "she", "cents", "psych", "check"] if not opens_voiceless(w)] == []
    assert [w for w in ["people", "to", "first", "think", "the", "and", "we", "kite"] if opens_voiceless(w)] == []


def test_a_level_run_from_the_onset_before_a_word_that_opens_on_s_is_a_filler():
    # "week. [1.5 s] Uh. so the next step": Whisper stamps "So" from the uh's start.
    words = [Word("week.", 2.38, 2.62), Word("So", 4.12, 4.44), Word("the", 4.44, 4.64)]
    onsets, runs = [0.99, 4.10], [(4.11, 4.23)]
    out, fillers = unfold_fillers(words, onsets, runs, is_filled)
    assert fillers == [(4.11, 4.23)]
    assert [(w.text, w.start) for w in out] == [("week.", 2.38), ("So", 4.23), ("the", 4.44)]
    # ... or on its own sound, the uh's left out: the same filler.
    words[1] = Word("So", 4.36, 4.44)
    assert unfold_fillers(words, onsets, runs, is_filled)[1] == [(4.11, 4.23)]
    # The window the run is looked for in starts at that onset.
    assert onset_windows(words, onsets, is_filled) == [(pytest.approx(4.05), pytest.approx(4.7))]


def test_no_filler_where_the_word_cannot_hold_one():
    onsets, runs = [4.10], [(4.11, 4.23)]
    # A word that opens voiced ("And so"): the run may be the word's own.
    assert unfold_fillers([Word("And", 4.12, 4.3), Word("so", 4.3, 4.5)], onsets, runs, is_filled)[1] == []
    # A run that starts after the onset is the word's own vowel, after its fricative.
    assert unfold_fillers([Word("So", 4.12, 4.44)], onsets, [(4.2, 4.35)], is_filled)[1] == []
    # A run that lasts to the word's end is the word.
    assert unfold_fillers([Word("So", 4.12, 4.2)], onsets, runs, is_filled)[1] == []
    # Whisper wrote the filler: it is counted once, as written.
    words = [Word("Uh,", 4.11, 4.25), Word("so", 4.25, 4.44)]
    assert unfold_fillers(words, onsets, runs, is_filled)[1] == []
    # No onset: the voicing before "so" is the word before's, inside running speech.
    words = [Word("model", 3.7, 4.12), Word("so", 4.12, 4.44)]
    assert unfold_fillers(words, [3.2], runs, is_filled)[1] == []


@pytest.mark.model
def test_an_uh_run_into_so_after_a_long_silence_is_found_where_it_was_said(analyzer):
    # tiny.en writes "So the next step", and stamps "So" on its own sound.
    script = [("We shipped the new ranker last week.", 1.5), ("Uh.", 0.0), ("so the next step is pricing.", 0.0)]
    answer = build_answer(script, lead_s=1.0, voice=Voice("piper"))
    noise = 10 ** (-55 / 20) * np.random.default_rng(0).standard_normal(len(answer.samples) + SAMPLE_RATE)
    report = analyzer.analyze_samples((np.pad(answer.samples, (0, SAMPLE_RATE)) + noise).astype(np.float32))
    uh = answer.spoken[1]
    assert [(f.start, f.end) for f in report.fillers] == [
        (pytest.approx(uh.start, abs=0.05), pytest.approx(uh.end, abs=0.08))]
    assert [w.text for w in report.words][7] == "So"
    # The "uh" opens the pause's end: the silence before it is 1.5 s, not longer.
    silence = uh.start - answer.spoken[0].end
    assert [p.duration for p in report.pauses if p.start > 2.0] == [pytest.approx(silence, abs=0.1)]
