"""Delivery (voicecoach.analysis.delivery): pure tests over constructed pitch and level tracks, and
the real model and analyzer on speech whose pitch contour Praat resynthesized to a known shape
(Manipulation -> PitchTier -> overlap-add): exact ground truth for monotone, variation and uptalk."""

import numpy as np
import pytest
from speech import build_answer

from voicecoach.analysis.delivery import analyze_delivery
from voicecoach.prosody import ProsodyTrack
from voicecoach.report import ReportWord

STEP = 0.01


def track(seconds: float, pitch, level_db=-25.0, clipped=0.0) -> ProsodyTrack:
    """A track whose pitch (Hz) and level (dB) are functions of time (or constants)."""
    times = np.arange(int(seconds / STEP)) * STEP
    hz = np.asarray(pitch(times) if callable(pitch) else np.full(len(times), pitch), dtype=float)
    db = np.asarray(level_db(times) if callable(level_db) else np.full(len(times), level_db), dtype=float)
    return ProsodyTrack(times, hz, db, clipped)


def said(text: str, start: float = 0.5, word_s: float = 0.4, kinds: dict | None = None) -> list[ReportWord]:
    return [ReportWord(t, start + i * word_s, start + (i + 1) * word_s, (kinds or {}).get(i, "word"))
            for i, t in enumerate(text.split())]


def test_a_flat_voice_is_monotone_and_a_lively_one_is_not():
    words = said("So the metric I would pick is weekly active minutes per listener.")
    flat = analyze_delivery(words, track(6.0, 120.0), 0.5, 5.3)
    assert flat.monotone and flat.pitch_variation_st == pytest.approx(0.0, abs=0.01)
    assert flat.pitch_median_hz == pytest.approx(120.0)
    lively = analyze_delivery(words, track(6.0, lambda t: 120 * 2 ** (4 * np.sin(2 * np.pi * t) / 12)), 0.5, 5.3)
    assert not lively.monotone
    assert lively.pitch_variation_st == pytest.approx(4 / np.sqrt(2), abs=0.15)  # SD of a sine of amplitude 4
    assert lively.pitch_median_hz == pytest.approx(120.0, rel=0.02)


def rising_end(rise_st: float, end: float):
    """Flat at 120 Hz, then rising `rise_st` semitones over the last 0.4 s before `end`."""
    def pitch(t):
        climb = np.clip((t - (end - 0.4)) / 0.4, 0, 1) * rise_st
        return np.where(t <= end, 120 * 2 ** (climb / 12), 0.0)
    return pitch


def test_a_statement_that_rises_at_its_end_is_uptalk_and_a_question_is_not():
    statement = said("We roll out to everyone.")  # 0.5 .. 2.5
    found = analyze_delivery(statement, track(3.0, rising_end(4.0, 2.5)), 0.5, 2.5)
    [rise] = found.rises
    assert rise.semitones == pytest.approx(4.0, abs=0.3)
    assert rise.start == pytest.approx(2.1, abs=0.05) and rise.end == pytest.approx(2.5, abs=0.05)
    assert rise.words == "out to everyone." and found.statements == 1
    assert any("rose 4.0 semitones" in tip for tip in found.tips)
    question = said("Do we roll out?")
    asked = analyze_delivery(question, track(3.0, rising_end(4.0, 2.1)), 0.5, 2.1)
    assert asked.rises == [] and asked.statements == 0
    small = analyze_delivery(statement, track(3.0, rising_end(1.0, 2.5)), 0.5, 2.5)
    assert small.rises == []


def test_a_sentence_whose_last_word_drops_away_trails_off():
    words = said("The decision rule is simple.")  # last word 2.1 .. 2.5
    fading = analyze_delivery(words, track(3.0, 120.0, lambda t: np.where(t >= 2.1, -40.0, -25.0)), 0.5, 2.5)
    assert [p.text for p in fading.trailing_off] == ["simple."]
    steady = analyze_delivery(words, track(3.0, 120.0, lambda t: np.where(t >= 2.1, -29.0, -25.0)), 0.5, 2.5)
    assert steady.trailing_off == []


@pytest.mark.parametrize("level, clipped, warning", [
    (-25.0, 0.0, ""), (-48.0, 0.0, "quiet (-48 dBFS)"), (-10.0, 0.02, "clipped (2.0% of samples"),
])
def test_too_quiet_or_clipped_input_is_a_recording_warning(level, clipped, warning):
    found = analyze_delivery(said("We ship it."), track(2.0, 120.0, level, clipped), 0.5, 1.7)
    assert found.level_dbfs == pytest.approx(level)
    assert (warning in found.input_warning) if warning else found.input_warning == ""


def test_pace_windows_and_rushing():
    # 40 s at 30 wpm, then 20 s at 120 wpm.
    slow = [ReportWord("word", t, t + 0.3, "word") for t in np.arange(0, 40, 2.0)]
    fast = [ReportWord("word", t, t + 0.2, "word") for t in np.arange(40, 60, 0.5)]  # 120 wpm
    found = analyze_delivery(slow + fast, track(60.0, 120.0), 0.0, 60.0)
    assert [round(w.wpm) for w in found.pace_windows] == [32, 28, 60, 120]
    assert found.rushing
    even = [ReportWord("word", t, t + 0.3, "word") for t in np.arange(0, 60, 0.5)]
    assert not analyze_delivery(even, track(60.0, 120.0), 0.0, 60.0).rushing


def test_repeated_words_and_restarts_but_not_fillers():
    words = said("I think, I think the the metric is um um retention.", kinds={7: "filler", 8: "filler"})
    found = analyze_delivery(words, track(6.0, 120.0), 0.5, 5.3)
    assert [p.text for p in found.repetitions] == ["I think I think", "the the"]
    # A sentence that ends on the word the next one starts with is no restart.
    assert analyze_delivery(said("We test it offline. Offline, recall improves."), track(6.0, 120.0), 0.5,
                            3.7).repetitions == []


# -- the real model and analyzer, on resynthesized speech -----------------------------------------

SCRIPT = [("The metric I would pick is weekly active minutes.", 0.6),
          ("Then we ship it to twenty percent of listeners.", 0.5)]


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=0.8)


def resynthesized(samples: np.ndarray, contour) -> np.ndarray:
    """`samples` with their pitch replaced by `contour(t)` (Hz), through Praat's overlap-add."""
    import parselmouth
    from parselmouth.praat import call

    sound = parselmouth.Sound(samples.astype(np.float64), sampling_frequency=16000)
    manipulation = call(sound, "To Manipulation", 0.01, 60, 400)
    tier = call(manipulation, "Extract pitch tier")
    call(tier, "Remove points between", 0, sound.duration)
    for t in np.arange(0, sound.duration, 0.01):
        call(tier, "Add point", t, float(contour(t)))
    call([tier, manipulation], "Replace pitch tier")
    return call(manipulation, "Get resynthesis (overlap-add)").values[0].astype(np.float32)


# Answers with known rises (also benchmarks/uptalk.py): statements falling 3 semitones, the chosen
# ones rising instead over their last RISE_S.
SENTENCES = ["The metric I would pick is weekly active minutes per listener.",
             "We would run the test for two weeks against a holdout group.",
             "The trade off is latency against relevance in the ranking stage.",
             "If skips stay flat for a week, we roll it out to everyone."]
RISEN = (0, 2)  # these sentences end rising
RISE_ST, RISE_S, TOLERANCE_S = 4.0, 0.5, 0.3
def contour(spoken, base_hz: float):
    """Each sentence falls 3 semitones from its start to its end (a statement), and the chosen
    ones rise RISE_ST over their last RISE_S instead."""
    def hz(t: float) -> float:
        for i, s in enumerate(spoken):
            if s.start - 0.2 <= t <= s.end + 0.2:
                where = min(1.0, max(0.0, (t - s.start) / max(s.end - s.start, 0.1)))
                st = 1.5 - 3.0 * where
                if i in RISEN:
                    st += RISE_ST * min(1.0, max(0.0, (t - (s.end - RISE_S)) / RISE_S))
                return base_hz * 2 ** (st / 12)
        return base_hz
    return hz


@pytest.mark.model
def test_resynthesized_contours_are_measured_as_made(analyzer, answer):
    first = answer.spoken[0]
    flat = analyzer.analyze_samples(resynthesized(answer.samples, lambda t: 110.0)).delivery
    assert flat.monotone and flat.pitch_variation_st < 0.5 and flat.pitch_median_hz == pytest.approx(110, rel=0.03)
    assert flat.rises == []

    lively = analyzer.analyze_samples(
        resynthesized(answer.samples, lambda t: 110 * 2 ** (4 * np.sin(2 * np.pi * 0.7 * t) / 12))).delivery
    assert not lively.monotone and lively.pitch_variation_st == pytest.approx(2.83, abs=0.6)

    # The answer's last sentence ends rising 6 semitones over its last 0.6 s. (A rise inside the
    # answer makes Whisper write a comma, not a full stop: it hears the sentence going on.)
    last = answer.spoken[-1]

    def uptalk(t):
        return 110 * 2 ** (np.clip((t - (last.end - 0.6)) / 0.6, 0, 1) * 6 / 12)

    report = analyzer.analyze_samples(resynthesized(answer.samples, uptalk))
    [rise] = report.delivery.rises
    assert rise.end == pytest.approx(last.end, abs=0.25) and 2.5 <= rise.semitones <= 7.0
    assert "listeners" in rise.words and report.delivery.statements == 2
    assert first.end < rise.start


@pytest.mark.model
def test_a_quiet_recording_says_to_move_closer(analyzer, answer):
    delivery = analyzer.analyze_samples(answer.samples * 10 ** (-30 / 20)).delivery
    assert "move closer" in delivery.input_warning and delivery.level_dbfs < -35


def test_a_speed_up_after_a_long_pause_is_found_and_an_even_pace_is_not():
    from voicecoach.report import Pause

    before = said("We would look at the skip rate first and then at the saves", start=0.5, word_s=0.5)  # 120 wpm
    pause = Pause(before[-1].end, before[-1].end + 6.0, 6.0, True, "saves", "and")
    rushed = said("and then we would ship it to everyone in the next two weeks", start=pause.end, word_s=0.3)
    even = said("and then we would ship it to everyone in the next two weeks", start=pause.end, word_s=0.5)
    length = rushed[-1].end + 1.0
    found = analyze_delivery(before + rushed, track(length, 120.0), 0.5, rushed[-1].end, long_pauses=[pause])
    [fast] = found.speed_ups
    assert fast.pause_end == pause.end
    assert fast.before_wpm == pytest.approx(120, rel=0.01) and fast.after_wpm == pytest.approx(200, rel=0.01)
    assert any("After the long pause ending at" in tip and "120 -> 200 wpm" in tip for tip in found.tips)
    steady = analyze_delivery(before + even, track(length + 3, 120.0), 0.5, even[-1].end, long_pauses=[pause])
    assert steady.speed_ups == []
    # Too few words on one side to have a rate: nothing is claimed.
    short = analyze_delivery(before + rushed[:5], track(length, 120.0), 0.5, rushed[4].end, long_pauses=[pause])
    assert short.speed_ups == []


@pytest.mark.model
def test_a_whisper_or_a_one_word_answer_is_not_judged_for_pitch(analyzer):
    """Bad input gives a plain "not enough voiced speech", never a made-up number or a crash."""
    from speech import Voice, say

    from voicecoach.text_report import render

    whispered = build_answer(SCRIPT, lead_s=0.5, voice=Voice("espeak", name="en-us+whisper"))
    one_word = np.pad(say("No."), (8000, 16000))  # 0.3 s of speech
    for samples in (np.pad(whispered.samples, (0, 16000)), one_word):
        report = analyzer.analyze_samples(samples)
        d = report.delivery
        assert (d.pitch_median_hz, d.pitch_variation_st, d.monotone, d.rises) == (0.0, 0.0, False, [])
        assert "Not enough voiced speech to judge pitch." in d.tips
        assert "Pitch       not enough voiced speech to judge pitch" in render(report)
    assert analyzer.analyze_samples(np.zeros(32000, np.float32)).delivery is None  # silence: no answer at all


@pytest.mark.model
@pytest.mark.parametrize("rate, base_hz", [(0.85, 120.0), (1.0, 210.0)])
def test_rises_added_to_chosen_sentences_are_found_there_and_nowhere_else(analyzer, rate, base_hz):
    """Four statements resynthesized falling, the first and the third with a 4-semitone rise over
    their last 0.5 s (benchmarks/uptalk.py runs 18 such answers; these are two of them)."""
    from speech import Voice

    answer = build_answer([(s, 0.6) for s in SENTENCES], lead_s=0.8, voice=Voice("piper", rate))
    samples = resynthesized(np.pad(answer.samples, (0, 16000)), contour(answer.spoken, base_hz))
    report = analyzer.analyze_samples(samples)
    rises = report.delivery.rises
    found = [i for i, s in enumerate(answer.spoken) if any(abs(r.end - s.end) <= TOLERANCE_S for r in rises)]
    assert found == list(RISEN) and len(rises) == len(RISEN)
    assert all(2.0 <= r.semitones <= 6.0 for r in rises)


def with_range_scaled(samples: np.ndarray, factor: float) -> np.ndarray:
    """`samples` with their own pitch contour's distance from its median (in semitones) multiplied
    by `factor` (0: flat, 2: doubled), through Praat's overlap-add."""
    import parselmouth
    from parselmouth.praat import call

    sound = parselmouth.Sound(samples.astype(np.float64), sampling_frequency=16000)
    manipulation = call(sound, "To Manipulation", 0.01, 60, 400)
    tier = call(manipulation, "Extract pitch tier")
    count = call(tier, "Get number of points")
    points = [(call(tier, "Get time from index", i), call(tier, "Get value at index", i)) for i in range(1, count + 1)]
    median = float(np.median([hz for _, hz in points]))
    call(tier, "Remove points between", 0, sound.duration)
    for t, hz in points:
        call(tier, "Add point", t, median * (hz / median) ** factor)
    call([tier, manipulation], "Replace pitch tier")
    return call(manipulation, "Get resynthesis (overlap-add)").values[0].astype(np.float32)


@pytest.mark.model
def test_variation_orders_flat_natural_doubled(analyzer, answer):
    """The answer's own contour flattened, as spoken, and with its range doubled around its median."""
    measured = [analyzer.analyze_samples(with_range_scaled(answer.samples, factor)).delivery
                for factor in (0.0, 1.0, 2.0)]
    flat, natural, doubled = (d.pitch_variation_st for d in measured)
    assert flat < natural < doubled
    assert measured[0].monotone and not measured[2].monotone
    assert doubled / natural == pytest.approx(2.0, rel=0.3)
