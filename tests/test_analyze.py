import json
from dataclasses import replace

import pytest
from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.options import AnalysisOptions
from voicecoach.report import AnswerReport
from voicecoach.settings import load_lexicons
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Transcript, Word

LEXICONS = load_lexicons()


def constructed_answer():
    first = words_at("So, um, the metric I would pick is retention.", start=2.0, word_s=0.4)  # 2.0-5.6
    second = words_at("I think it might, like, double.", start=12.0, word_s=0.4)  # 12.0-14.4
    words = first + second + [Word("Okay.", 20.0, 20.5)]  # invented in the trailing silence
    timeline = speech_under(first + second, duration=22.0)
    return Transcript(words, model="test"), timeline


def test_analysis_of_a_constructed_answer():
    transcript, timeline = constructed_answer()
    report = analyze(transcript, timeline, LEXICONS, AnalysisOptions(target_s=60.0))
    m = report.metrics
    assert report.think_time_s == pytest.approx(2.0)
    assert report.answer_s == pytest.approx(12.4)
    assert [(p.start, p.end, p.long) for p in report.pauses] == [(pytest.approx(5.6), 12.0, True)]
    assert [f.text for f in report.fillers] == ["um", "like"]
    assert [d.text for d in report.dropped_words] == ["Okay."]
    assert m.word_count == 13  # 15 words kept, 2 of them fillers
    assert m.wpm == pytest.approx(13 / (12.4 / 60))
    assert m.articulation_wpm == pytest.approx(13 / ((12.4 - 6.4) / 60))
    assert m.fillers_per_min == pytest.approx(2 / (12.4 / 60))
    assert (m.long_pause_count, m.longest_pause_s) == (1, pytest.approx(6.4))
    assert (m.hedge_count, m.booster_count) == (2, 0)
    assert m.length_verdict == "short" and m.length_delta_s == pytest.approx(12.4 - 60)
    assert [w.kind for w in report.words][:3] == ["word", "filler", "word"]


def test_noise_that_is_only_loud_does_not_split_a_pause():
    words = words_at("First point.", start=1.0) + words_at("Second point.", start=10.0)
    # A breath: loud, unvoiced, not heard as speech by Silero. Not a filled pause either.
    cough = SpeechRegion(5.0, 5.3, voiced_fraction=0.1, detector="energy")
    timeline = SpeechTimeline(12.0, sorted(speech_under(words).regions + [cough], key=lambda r: r.start))
    report = analyze(Transcript(words), timeline, LEXICONS)
    assert [(p.start, p.end) for p in report.pauses] == [(pytest.approx(1.6), 10.0)]
    assert report.fillers == []
    # What Silero hears as speech ends the pause, words or not.
    heard = SpeechRegion(5.0, 5.3, voiced_fraction=0.1)
    timeline = SpeechTimeline(12.0, sorted(speech_under(words).regions + [heard], key=lambda r: r.start))
    report = analyze(Transcript(words), timeline, LEXICONS)
    assert [(p.start, p.end) for p in report.pauses] == [(pytest.approx(1.6), 5.0), (5.3, 10.0)]


def test_loud_sound_holding_a_level_pitch_ends_a_pause():
    """A low, creaky "uh" under a fan's hiss: loud, no voicing measured, no word; the pitch tracker
    holds it level. It ends the pause, as a voiced sound does; a breath holds no pitch and does
    not (above)."""
    words = words_at("First point.", start=1.0) + words_at("Second point.", start=10.0)
    uh = SpeechRegion(5.0, 5.45, voiced_fraction=0.0, detector="energy")
    timeline = SpeechTimeline(12.0, sorted(speech_under(words).regions + [uh], key=lambda r: r.start),
                              level_pitch=[(5.02, 5.4)])
    report = analyze(Transcript(words), timeline, LEXICONS)
    assert [(p.start, p.end) for p in report.pauses] == [(pytest.approx(1.6), 5.0), (5.45, 10.0)]
    # A level run too short to be a filled pause is not enough.
    timeline = replace(timeline, level_pitch=[(5.02, 5.1)])
    report = analyze(Transcript(words), timeline, LEXICONS)
    assert [(p.start, p.end) for p in report.pauses] == [(pytest.approx(1.6), 10.0)]


def test_silence_only_is_a_valid_report_with_no_speech():
    report = analyze(Transcript([Word("Thank you.", 3.0, 4.0)]), SpeechTimeline(30.0, []), LEXICONS)
    assert not report.speech_found
    assert report.words == [] and report.metrics.length_verdict == "no speech"
    assert report.think_time_s == 30.0


def test_json_round_trip_keeps_every_field():
    transcript, timeline = constructed_answer()
    report = analyze(transcript, timeline, LEXICONS)
    data = json.loads(report.to_json())
    for key in ("duration_s", "think_time_s", "answer_s", "target_s", "words", "pauses", "fillers",
                "hedges", "boosters", "metrics"):
        assert key in data
    assert set(data["pauses"][0]) >= {"start", "end", "duration", "long"}
    assert set(data["fillers"][0]) >= {"text", "start", "end", "kind", "source"}
    assert AnswerReport.from_dict(data).to_dict() == data


def test_speech_with_no_words_is_unrecognised_speech_never_a_pause():
    # The model lost 11.9-19.8 s of running speech: the timeline still hears it.
    first = words_at("So the first thing I would look at is retention.", start=1.0, word_s=0.3)  # 1.0-4.0
    last = words_at("And I would ship it.", start=20.0, word_s=0.3)  # 20.0-21.5
    timeline = SpeechTimeline(23.0, speech_under(first).regions + [SpeechRegion(4.4, 19.6)]
                              + speech_under(last).regions)
    report = analyze(Transcript(first + last), timeline, LEXICONS)
    assert report.unrecognised_speech == [(4.4, 19.6)]
    assert [(p.start, p.end) for p in report.pauses] == [(pytest.approx(4.0), 4.4), (19.6, 20.0)]
    assert report.metrics.long_pause_count == 0
    assert report.answer_s == pytest.approx(20.5)


def test_a_short_voiced_sound_no_word_explains_ends_a_long_pause():
    # A 0.16-s "So." after 4.5 s of silence, left out by the model (its pitch moves: not a filled
    # pause): two pauses, neither long.
    words = words_at("First point.", start=1.0) + words_at("Second point.", start=11.0)
    uh = SpeechRegion(6.1, 6.26, voiced_fraction=0.9, pitch_spread_st=4.0)
    timeline = SpeechTimeline(13.0, sorted(speech_under(words).regions + [uh], key=lambda r: r.start))
    report = analyze(Transcript(words), timeline, LEXICONS)
    assert [(p.start, p.end, p.long) for p in report.pauses] == [
        (pytest.approx(1.6), 6.1, False), (6.26, 11.0, False)
    ]


def test_a_filler_whisper_wrote_where_only_praat_heard_a_level_pitch_is_kept_on_that_sound():
    # A creaky, low "uh" (1.27-1.67 s) that Silero and the voicing detector passed over; Whisper
    # wrote "Uh," at 1.56 s, and Praat's tracker held a level 70 Hz there.
    said = words_at("so this is the corpus.", start=1.84, word_s=0.3)
    words = [Word("Uh,", 1.56, 1.6)] + said
    heard = speech_under(said, duration=6.0)
    report = analyze(Transcript(words), heard, LEXICONS)
    assert [f.text for f in report.fillers] == [] and [d.text for d in report.dropped_words] == ["Uh,"]
    heard.level_pitch = [(1.27, 1.67)]
    report = analyze(Transcript(words), heard, LEXICONS)
    assert [(f.text, f.start, f.end) for f in report.fillers] == [("Uh", 1.27, 1.67)]
    assert report.answer_start_s == 1.27 and report.dropped_words == []
    # The run supports a filler the transcript has; by itself it is no filler.
    report = analyze(Transcript(said), heard, LEXICONS)
    assert report.fillers == [] and report.answer_start_s == pytest.approx(1.84)


def test_a_filler_stamped_late_inside_its_own_sound_moves_to_its_onset():
    """Whisper's zero-length "Um," 0.29 s into a voiced, level region that holds no other word (the
    quiet-microphone answer of tests/test_quiet_microphone.py): the region is the um's sound."""
    before = words_at("the metric is listeners.", start=1.5, word_s=0.4)  # 1.5-3.1
    after = words_at("Then we test it.", start=6.46, word_s=0.4)
    um = SpeechRegion(5.54, 5.86, voiced_fraction=0.67, pitch_spread_st=1.2)
    timeline = SpeechTimeline(9.0, sorted(speech_under(before + after).regions + [um], key=lambda r: r.start))
    words = before + [Word("Um,", 5.824, 5.824)] + after
    [filler] = analyze(Transcript(words), timeline, LEXICONS).fillers
    assert (filler.start, filler.end) == (pytest.approx(5.54), pytest.approx(5.86))

def test_a_late_filler_that_opens_speech_after_a_silence_starts_with_it():
    """"week. [0.6 s] um we would": Whisper stamps "Um," with no length 0.28 s into the speech and
    writes nothing before it there, so the um's sound is where that speech starts, up to the next
    word (a falling "um" has no level pitch to find it by)."""
    before = words_at("the metric is listeners.", start=1.5, word_s=0.4)  # 1.5-3.1
    after = words_at("Then we test it.", start=6.46, word_s=0.4)
    opening = SpeechRegion(5.54, 8.06)  # the um, then the words: not a filler's sound as a whole
    timeline = SpeechTimeline(9.0, speech_under(before).regions + [opening])
    words = before + [Word("Um,", 5.824, 5.824), Word("so", 5.9, 6.2)] + after
    [filler] = analyze(Transcript(words), timeline, LEXICONS).fillers
    assert (filler.start, filler.end) == (pytest.approx(5.54), pytest.approx(5.9))
    # A word before it in the same speech, or speech that started beyond the filler's reach
    # (`filler_search_before_s`, 0.9 s): the stamp stays.
    words = before + [Word("so", 5.54, 5.7), Word("Um,", 5.824, 5.824)] + after
    [filler] = analyze(Transcript(words), timeline, LEXICONS).fillers
    assert filler.start == pytest.approx(5.824)
    late = before + [Word("Um,", 6.5, 6.5)] + words_at("Then we test it.", start=6.6, word_s=0.35)
    [filler] = analyze(Transcript(late), timeline, LEXICONS).fillers
    assert filler.start == pytest.approx(6.5)
