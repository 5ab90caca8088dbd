"""The text report of `voicecoach analyze` (voicecoach.text_report) over analyses of constructed
words: the fillers' verdict, only the content rows an answer has, and each filler heard only in
the audio placed in the transcript where it was said."""

from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.settings import load_lexicons
from voicecoach.text_report import render
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Transcript, Word

LEXICONS = load_lexicons()


def report_of(words, extra_regions=(), category=""):
    timeline = speech_under(words, words[-1].end + 1.0)
    timeline = SpeechTimeline(timeline.duration, sorted(timeline.regions + list(extra_regions), key=lambda r: r.start))
    return analyze(Transcript(words), timeline, LEXICONS, category=category)


def test_fillers_get_a_verdict_against_the_band():
    few = render(report_of(words_at("The metric is weekly retention and we test it against a holdout group " * 3)))
    assert "Fillers     0 (0.0/min, few)" in few
    many = render(report_of(words_at("Um the metric uh is um retention uh and we uh test it.")))
    assert "Fillers     5 (76.9/min, frequent): uh ×3, um ×2" in many


def test_without_a_category_only_the_content_the_answer_has_is_listed():
    text = render(report_of(words_at("The metric is weekly retention. We run a holdout group for two weeks.")))
    content = text.split("\nContent\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in content] == ["Metric", "Experiment", "Numbers"]
    with_category = render(report_of(words_at("The metric is weekly retention."), category="product_sense"))
    assert "  Experiment  none" in with_category and "  Weighs      none" in with_category


def test_a_filled_pause_heard_only_in_the_audio_sits_where_it_was_said():
    words = words_at("The metric is retention.") + [Word(w.text, w.start + 1.0, w.end + 1.0)
                                                     for w in words_at("We test it.", start=2.2)]
    # A voiced, level sound between "retention." (ends 2.2 s) and "We" (3.2 s), with no word on it.
    uh = SpeechRegion(2.5, 2.8, voiced_fraction=0.9, pitch_spread_st=0.4)
    text = render(report_of(words, [uh]))
    assert "  The metric is retention. [(um?)] We test it." in text
