from builders import words_at

from voicecoach.analysis.tokens import (
    PhraseMatcher,
    ends_sentence,
    is_number,
    normalise,
    phrase_text,
    phrase_tokens,
    tokenize,
)
from voicecoach.transcript import Transcript, Word, joined


def test_normalise_strips_punctuation_and_folds_apostrophes():
    assert normalise(" Know,") == "know"
    assert normalise("I’m") == "i'm"
    assert normalise("A/B") == "a/b"
    assert normalise("-ha.") == "ha"
    assert normalise("...") == ""


def test_tokens_know_what_is_set_off_by_punctuation():
    tokens = tokenize(words_at("We're just, you know, there's"))
    assert [t.norm for t in tokens] == ["we're", "just", "you", "know", "there's"]
    assert tokens[2].set_off_before and not tokens[2].set_off_after
    assert tokens[3].set_off_after and not tokens[3].set_off_before
    assert tokens[0].set_off_before and tokens[-1].set_off_after  # answer edges


def test_longest_phrase_wins_and_consumes_its_words():
    matcher = PhraseMatcher(
        [(phrase_tokens("i'm not sure"), "hedge"), (phrase_tokens("not sure"), "hedge"),
         (phrase_tokens("i'm sure"), "booster"), (phrase_tokens("sure"), "booster")]
    )
    matches = matcher.find(tokenize(words_at("Honestly I'm not sure. I'm sure.")))
    assert [(m.first, m.last, m.tag) for m in matches] == [(1, 3, "hedge"), (4, 5, "booster")]


def test_numbers():
    assert is_number("12%") and is_number("$5") and is_number("twice") and is_number("20")
    assert not is_number("stage") and not is_number("to")


def test_a_phrase_quotes_hyphenated_words_whole():
    """Whisper's pieces, leading spaces and all: " 30", "-day"."""
    words = [Word(text, k, k + 0.3) for k, text in enumerate([" the", " 30", "-day", " retention,", " an", " A/B", "-test."])]
    tokens = tokenize(words)
    assert phrase_text(words, tokens, 1, 3) == "30-day retention"
    assert phrase_text(words, tokens, 0, len(tokens) - 1) == "the 30-day retention an A/B-test"


def test_every_line_of_words_keeps_hyphenated_words_whole_and_a_lone_dash_apart():
    """`joined` is how the transcript, the live view, pause contexts and quotes write words."""
    assert joined(["the", "30", "-day", "retention", "-", "and", "A/B", "-test."]) == \
        "the 30-day retention - and A/B-test."
    words = [Word(text, k, k + 0.3) for k, text in enumerate([" a", " 30", "-day", " window."])]
    assert Transcript(words).text == "a 30-day window."


def test_a_sentence_ends_where_whisper_put_its_full_stop_question_or_exclamation_mark():
    assert [ends_sentence(t) for t in (" listeners.", "right? ", " wow!", " so,", " 3.5%", " Um")] == [
        True, True, True, False, False, False]
