import pytest
from builders import words_at

from voicecoach.analysis.fillers import AUDIO_FILLER_TEXT, find_fillers
from voicecoach.options import AnalysisOptions
from voicecoach.settings import load_lexicons
from voicecoach.timeline import SpeechRegion
from voicecoach.transcript import Word

LEXICON = load_lexicons().fillers
OPTIONS = AnalysisOptions()


def fillers_in(text: str) -> list[str]:
    return [f.text.lower() for f in find_fillers(words_at(text), [], LEXICON, OPTIONS).fillers]


@pytest.mark.parametrize(
    "text",
    [
        "We recommend playlists to users who like jazz.",
        "It looks like retention went up.",
        "Do you know the rate?",
        "I like metrics that are easy to move.",
        "It seems like the model overfits.",
        "We would like to test it.",
        "What I mean is that churn matters.",
        "Something like this would work.",
        "You know what, I would start with recall.",
    ],
)
def test_literal_uses_are_not_fillers(text):
    assert fillers_in(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It grew, like, twice the rate.", ["like"]),
        ("It grew like twice the rate.", ["like"]),
        ("And like, we shipped it.", ["like"]),
        ("We're just, you know, shipping it.", ["you know"]),
        ("I mean, the model was fine.", ["i mean"]),
        ("It was basically a ranking problem.", ["basically"]),
        ("Umm, the metric is retention.", ["umm"]),
        ("The, uh, metric is retention. Hmm.", ["uh", "hmm"]),
        ("So, um, like, you know, it worked.", ["um", "like", "you know"]),
    ],
)
def test_fillers_are_found_with_their_words(text, expected):
    assert fillers_in(text) == expected


def test_a_pause_sets_off_like_without_punctuation():
    words = words_at("we saw like a big lift")
    # Half a second of silence after "like".
    shifted = words[:3] + [w.__class__(w.text, w.start + 0.5, w.end + 0.5) for w in words[3:]]
    found = find_fillers(shifted, [], LEXICON, OPTIONS).fillers
    assert [(f.text, f.start) for f in found] == [("like", pytest.approx(1.6))]


def test_filler_times_and_word_indices():
    found = find_fillers(words_at("The, uh, metric, you know, moved."), [], LEXICON, OPTIONS)
    assert [(f.text, f.start, f.end, f.kind) for f in found.fillers] == [
        ("uh", pytest.approx(1.3), pytest.approx(1.6), "filled_pause"),
        ("you know", pytest.approx(1.9), pytest.approx(2.5), "discourse"),
    ]
    assert found.word_indices == {1, 3, 4}


def test_voiced_speech_no_word_explains_is_a_filled_pause_from_audio():
    words = words_at("The metric. Is retention.", start=1.0)  # 1.0 .. 2.2
    hum = SpeechRegion(1.62, 1.95, voiced_fraction=0.9, pitch_spread_st=0.8)
    breath = SpeechRegion(1.62, 1.95, voiced_fraction=0.1, pitch_spread_st=None)
    laugh = SpeechRegion(1.62, 1.95, voiced_fraction=0.7, pitch_spread_st=9.0)
    before_answer = SpeechRegion(0.2, 0.5, voiced_fraction=0.9, pitch_spread_st=0.5, detector="voicing")
    found = find_fillers(words, [hum], LEXICON, OPTIONS).fillers
    assert [(f.text, f.start, f.end, f.source) for f in found] == [(AUDIO_FILLER_TEXT, 1.62, 1.95, "audio")]
    for not_a_filler in (breath, laugh, before_answer):
        assert find_fillers(words, [not_a_filler], LEXICON, OPTIONS).fillers == []


def test_a_filled_pause_before_the_first_word_counts_if_whisper_stamped_over_it_or_silero_heard_it():
    # "Uh. [0.3 s] The metric": Whisper stamped "The" from the "uh" on; reconcile set the "uh" apart.
    words = words_at("The metric. Is retention.", start=1.0)
    uh = SpeechRegion(0.5, 0.7, voiced_fraction=0.9, pitch_spread_st=0.6, detector="voicing")
    found = find_fillers(words, [uh], LEXICON, OPTIONS, set_apart=[uh]).fillers
    assert [(f.start, f.end, f.source) for f in found] == [(0.5, 0.7, "audio")]
    # Sound before the answer that no word was stamped over and Silero did not hear as speech: a
    # hum, a beep or a mouth noise, as at the edges of the real recordings.
    assert find_fillers(words, [uh], LEXICON, OPTIONS).fillers == []
    # The same sound heard by Silero is the answer's opening "uh".
    heard = SpeechRegion(0.5, 0.7, voiced_fraction=0.9, pitch_spread_st=0.6)
    assert [(f.start, f.source) for f in find_fillers(words, [heard], LEXICON, OPTIONS).fillers] == [(0.5, "audio")]


def test_voiced_sound_right_after_a_transcribed_hmm_is_the_same_filler():
    words = words_at("Forced, hmm, aligner.", start=1.0)  # "hmm," 1.3-1.6
    tail = SpeechRegion(1.70, 1.95, voiced_fraction=0.9, pitch_spread_st=0.5)
    found = find_fillers(words, [tail], LEXICON, OPTIONS).fillers
    assert [f.source for f in found] == ["transcript"]
    # A zero-length stamp is Whisper's guess: its sound may go on for up to half a second.
    stamped = [w if w.text != "hmm," else Word("hmm,", 1.3, 1.3) for w in words]
    later = SpeechRegion(1.75, 1.95, voiced_fraction=0.9, pitch_spread_st=0.5)
    assert [f.source for f in find_fillers(stamped, [later], LEXICON, OPTIONS).fillers] == ["transcript"]


def test_voiced_sound_well_after_a_filler_whose_sound_was_found_is_another_filler():
    words = words_at("Forced, hmm, the aligner works.", start=1.0)  # "hmm," 1.3-1.6, its own sound
    another = SpeechRegion(1.95, 2.15, voiced_fraction=0.9, pitch_spread_st=0.5)
    found = find_fillers(words, [another], LEXICON, OPTIONS).fillers
    assert [f.source for f in found] == ["transcript", "audio"]


def test_a_word_set_off_by_commas_on_both_sides_is_a_filler_whatever_its_neighbours():
    from voicecoach.settings import load_lexicons

    lexicon = load_lexicons().fillers
    said = words_at("I, like, spend most of my time on it, and it was, like, twice as long.")
    found = find_fillers(said, [], lexicon, AnalysisOptions())
    assert [f.text for f in found.fillers] == ["like", "like"]
    literal = words_at("Users who like jazz skip less and I like it.")
    assert find_fillers(literal, [], lexicon, AnalysisOptions()).fillers == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # A voice that sets the phrase off by pitch alone: Whisper writes the comma after it only.
        ("I like, spend most of my time on the ranking model.", ["like"]),
        ("It was like, twice as long as we planned.", ["like"]),
        ("And you know, the guardrail is listening time.", ["you know"]),
        # Without the comma, or with a new clause or the sentence's end after it, the use is literal.
        ("It was like a dream and you know the guardrail.", []),
        ("The songs I like, and the ones I skip, differ.", []),
        ("That is what I like. You know the rest.", []),
    ],
)
def test_a_comma_straight_after_the_phrase_sets_it_off_from_the_word_after(text, expected):
    assert fillers_in(text) == expected


def test_actually_and_literally_count_only_when_set_off():
    from voicecoach.settings import load_lexicons

    lexicon = load_lexicons().fillers
    adverbs = words_at("People actually feel it and it actually increases retention and it literally doubled.")
    assert find_fillers(adverbs, [], lexicon, AnalysisOptions()).fillers == []
    set_off = words_at("Actually, we shipped it, literally, the next day.")
    assert [f.text.lower() for f in find_fillers(set_off, [], lexicon, AnalysisOptions()).fillers] == [
        "actually", "literally"]
