"""Figures counted as they are said (voicecoach.analysis.numbers): unit cases, then answers full
of metrics spoken by three voices through the real model, whose pace must match the words said."""

import pytest
from speech import Voice, build_answer

from voicecoach.analysis.numbers import join_number_pieces, spoken_length, spoken_words
from voicecoach.transcript import Word


@pytest.mark.parametrize("text, said", [
    ("20%,", "twenty percent"),
    ("$1.5", "one point five dollars"),
    ("2.30%", "two point three zero percent"),
    ("3,500", "three thousand five hundred"),
    ("2024", "twenty twenty four"),  # a year
    ("0.87", "zero point eight seven"),
    ("105", "one hundred five"),
    ("21st", "twenty first"),
    ("1990s", "nineteen ninety"),
    ("10-20", "ten to twenty"),
    ("100ms", "one hundred ms"),
    ("GPT-4", "gpt four"),
    ("p99", "p ninety nine"),
    ("retention.", "retention."),
])
def test_a_figure_counts_as_the_words_that_say_it(text, said):
    assert spoken_words(text) == said.split()
    assert spoken_length(text) == len(said.split())


def test_whispers_pieces_of_one_figure_become_one_word():
    words = [Word(" about", 0.0, 0.3), Word(" $1", 0.3, 0.6, 0.9), Word(".5", 0.6, 0.9, 0.6),
             Word(" million", 0.9, 1.3), Word(" 2", 1.4, 1.5), Word(".3", 1.5, 1.7), Word(" %", 1.7, 1.9),
             Word(" 3", 2.0, 2.2), Word(",500", 2.2, 2.6), Word(" users.", 2.6, 3.0)]
    joined = join_number_pieces(words)
    assert [w.text.strip() for w in joined] == ["about", "$1.5", "million", "2.3%", "3,500", "users."]
    assert (joined[1].start, joined[1].end, joined[1].probability) == (0.3, 0.9, 0.6)
    # A full stop after a word, or a comma between two figures said apart, is not a piece.
    apart = [Word(" year", 0.0, 0.3), Word(".", 0.3, 0.3), Word(" 5", 1.0, 1.2), Word(", 6", 1.3, 1.5)]
    assert join_number_pieces(apart) == apart


METRICS = [
    ("The uplift was twenty percent, worth about one point five million dollars a year.", 0.5),
    ("In twenty twenty four we cut latency to one hundred milliseconds.", 0.5),
    ("We saw a two point three percent lift in the click through rate, across three thousand five "
     "hundred users.", 0.5),
    ("The model scored zero point eight seven on the holdout, and we had fifteen engineers.", 0.0),
]
SAID = sum(len(text.split()) for text, _ in METRICS)


@pytest.mark.model
@pytest.mark.parametrize("voice", [Voice("piper"), Voice("espeak", name="en-us"), Voice("flite", name="slt")],
                         ids=["piper", "espeak", "flite"])
def test_an_answer_full_of_figures_keeps_its_pace(analyzer, voice):
    """Whisper writes these 59 words as 49 ("20%", "$1" ".5", "3" ",500"): counted as written, the
    pace came out 17 % slow."""
    answer = build_answer(METRICS, lead_s=0.5, voice=voice)
    report = analyzer.analyze_samples(answer.samples, "figures")
    assert report.metrics.word_count == pytest.approx(SAID, abs=3)
    truth_wpm = SAID / ((answer.offset - answer.onset) / 60)
    assert report.metrics.wpm == pytest.approx(truth_wpm, rel=0.06)
