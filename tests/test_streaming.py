"""Transcribing while recording: where stretches are cut, and one truth: a batch analysis of the
saved recording replays the app's cuts and gives the report the app gave."""

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from speech import Voice, as_recorded, build_answer, say

from voicecoach.audio.decode import SAMPLE_RATE
from voicecoach.options import StreamCutOptions
from voicecoach.pipeline import Analyzer
from voicecoach.streaming import StreamingAnalysis
from voicecoach.transcribe.chunks import choose_cut
from voicecoach.transcribe.stretches import Stretch, transcribe_stretch

OPTIONS = StreamCutOptions(min_chunk_s=12.0, max_chunk_s=26.0, cut_silence_s=0.45, min_stretch_s=0.0)


# -- where to cut (pure) ---------------------------------------------------------------------------

def test_no_cut_before_enough_audio():
    assert choose_cut([(1.0, 5.0), (6.0, 9.0)], 10.0, OPTIONS) is None


def test_cut_in_the_middle_of_the_longest_silence():
    speech = [(0.5, 4.0), (4.8, 9.0), (9.2, 11.0), (12.0, 12.1), (12.6, 12.9)]
    assert choose_cut(speech, 13.0, OPTIONS) == pytest.approx((11.0 + 12.0) / 2)
    # Of equal silences, the latest.
    assert choose_cut([(0.5, 4.0), (5.0, 9.0), (10.0, 12.9)], 13.0, OPTIONS) == pytest.approx(9.5)


def test_no_stretch_shorter_than_the_minimum_each_costs_a_whole_encoder_pass():
    speech = [(0.5, 4.0), (6.0, 11.0), (11.5, 21.0), (21.6, 23.0)]
    so_far = [(0.5, 4.0), (6.0, 11.0), (11.5, 13.0)]
    longer = StreamCutOptions(min_chunk_s=12.0, max_chunk_s=26.0, cut_silence_s=0.45, min_stretch_s=20.0)
    assert choose_cut(so_far, 13.0, OPTIONS) == pytest.approx(5.0)  # the longest silence, early
    assert choose_cut(so_far, 13.0, longer) is None
    assert choose_cut(speech, 23.5, longer) == pytest.approx(21.3)


def test_a_silence_still_running_is_cut_just_after_it_starts():
    assert choose_cut([(0.5, 11.0)], 13.0, OPTIONS) == pytest.approx(11.2)


def test_short_gaps_are_not_cut_until_the_limit_then_before_the_region_under_it():
    speech = [(0.0, 10.0), (10.2, 20.0), (20.2, 25.0), (25.2, 30.0)]
    assert choose_cut(speech, 24.0, OPTIONS) is None
    # At 26 s the region 25.2-30.0 is under the limit: cut in the gap before it, keeping it whole.
    assert choose_cut(speech, 27.0, OPTIONS) == pytest.approx(25.1)


def test_one_region_longer_than_a_chunk_is_cut_at_the_limit():
    assert choose_cut([(0.0, 40.0)], 30.0, OPTIONS) == pytest.approx(26.0)


def test_silence_only_is_let_go():
    assert choose_cut([], 12.0, OPTIONS) == 12.0


# -- agreement with batch (real model) -------------------------------------------------------------

def cutting(analyzer, options=OPTIONS):
    """The loaded analyzer, cutting stretches by `options` (short ones: several stretches in a
    short answer)."""
    return Analyzer(replace(analyzer.settings, stretches=options), analyzer.lexicons, analyzer.transcriber)


def stream(analyzer, samples, rate=SAMPLE_RATE, block=800):
    analysis = StreamingAnalysis(lambda: analyzer)
    pcm = as_recorded(samples)
    for i in range(0, len(pcm), block):
        analysis.feed(pcm[i : i + block], rate)
    return analysis, analysis.finish("stream")


def batch_of(analyzer, samples, target_s=None):
    """`voicecoach analyze` on the file the recorder wrote (16-bit, held as such: see decode)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answer.wav"
        sf.write(path, as_recorded(samples), SAMPLE_RATE, subtype="PCM_16")
        return analyzer.analyze_file(path, target_s=target_s)


def assert_same(batch, incremental):
    """The same report, every figure of it, but for where it came from."""
    assert {**incremental.to_dict(), "source": ""} == {**batch.to_dict(), "source": ""}


def assert_agree(batch, incremental):
    b, s = batch.metrics, incremental.metrics
    long_b = [p for p in batch.pauses if p.long]
    long_s = [p for p in incremental.pauses if p.long]
    assert len(long_b) == len(long_s)
    for x, y in zip(long_b, long_s):
        assert y.start == pytest.approx(x.start, abs=0.25) and y.end == pytest.approx(x.end, abs=0.25)
    assert [(f.kind, round(f.start)) for f in incremental.fillers] == [(f.kind, round(f.start)) for f in batch.fillers]
    assert s.word_count == pytest.approx(b.word_count, rel=0.03)
    assert s.wpm == pytest.approx(b.wpm, rel=0.03)
    # Pitch tracked stretch by stretch while recording is the pitch of the whole file.
    db, ds = batch.delivery, incremental.delivery
    assert ds.pitch_median_hz == pytest.approx(db.pitch_median_hz, rel=0.02)
    assert ds.pitch_variation_st == pytest.approx(db.pitch_variation_st, abs=0.2)
    assert len(ds.rises) == len(db.rises) and ds.monotone == db.monotone


LONG_PAUSE_AT_EDGE = [
    ("So the metric I would pick first is weekly active minutes per listener.", 0.6),
    ("Um.", 0.7),
    ("Then I would run an experiment against a holdout group for two weeks.", 0.5),
    ("The primary metric is listening minutes per user, with skips as a guardrail.", 7.0),  # long
    ("I think this might work, but I'm not sure yet.", 4.6),  # near miss
    ("Uh.", 0.6),
    ("The trade off is latency against relevance in the ranking stage.", 8.5),  # long
    ("We would definitely ship it to everyone after the test.", 1.0),
]


@pytest.mark.model
def test_streaming_agrees_with_batch_with_a_long_pause_at_a_chunk_edge(analyzer):
    analyzer = cutting(analyzer)
    answer = build_answer(LONG_PAUSE_AT_EDGE, lead_s=1.5)
    samples = np.concatenate([answer.samples, np.zeros(SAMPLE_RATE, np.float32)])
    analysis, incremental = stream(analyzer, samples)
    assert_same(batch_of(analyzer, samples), incremental)
    truth = [(s, e) for s, e in answer.silences() if e - s > 5]
    long_s = [p for p in incremental.pauses if p.long]
    assert len(long_s) == len(truth)
    for pause, (start, end) in zip(long_s, truth):
        assert pause.start == pytest.approx(start, abs=0.25) and pause.end == pytest.approx(end, abs=0.25)
    # A stretch was cut inside a long pause, and the pause is still whole.
    assert any(s < cut < e for cut in analysis.stats.cut_points[:-1] for s, e in truth)
    assert analysis.stats.stretches >= 3
    # The um and the uh (Whisper writes the first; the second is found as a voiced sound).
    spoken = [s for s in answer.spoken if s.text in ("Um.", "Uh.")]
    assert [f.kind for f in incremental.fillers] == ["filled_pause"] * 2
    for filler, said in zip(incremental.fillers, spoken):
        assert filler.start == pytest.approx(said.start, abs=0.25)


@pytest.mark.model
@pytest.mark.parametrize("voice", [Voice("flite", 0.85, "slt"), Voice("espeak", 1.0, "en-us"), Voice("piper")],
                         ids=lambda v: v.engine)
@pytest.mark.parametrize("before, after", [("So the trade off is latency against relevance.", "We track signals."),
                                           ("I would look at the retention curve.", "And then we ship it.")])
def test_the_word_after_a_cut_is_left_to_the_next_stretch(analyzer, voice, before, after):
    """Whisper hears the start of the next word in the lookahead and stretches it back over the
    silence, to start before the cut ("We" said at 3.72 s, stamped from 3.59 s, cut at 3.87 s):
    kept, it would be counted again by the next stretch."""
    answer = build_answer([(before, 0.5), (after, 0.5)], lead_s=0.5, voice=voice)
    first, second = answer.spoken
    cut = int((first.end + 0.25) * SAMPLE_RATE)
    for into_s in (0.2, 0.3):  # how much of the next word had arrived at the cut
        stretch = Stretch(0, cut, int((second.start + into_s) * SAMPLE_RATE))
        words = transcribe_stretch(analyzer.transcriber, answer.samples, stretch, analyzer.settings.speech_detection)
        assert words[-1].text.strip(" .,").lower() == before.split()[-1].strip(".").lower(), (into_s, words[-3:])


@pytest.mark.model
def test_a_word_across_a_cut_forced_inside_speech_stays_with_the_stretch_that_heard_it_whole(analyzer):
    answer = build_answer([("The metric I would use is weekly active minutes per listener.", 0.5)], lead_s=0.5)
    whole = transcribe_stretch(analyzer.transcriber, answer.samples, Stretch(0, len(answer.samples),
                                                                           len(answer.samples)),
                               analyzer.settings.speech_detection)
    word = max(whole[2:-1], key=lambda w: w.end - w.start)  # a long word inside the sentence
    cut = int((word.start + 0.3 * (word.end - word.start)) * SAMPLE_RATE)  # most of it after the cut
    stretch = Stretch(0, cut, cut + SAMPLE_RATE)
    words = transcribe_stretch(analyzer.transcriber, answer.samples, stretch, analyzer.settings.speech_detection)
    assert words[-1].text == word.text and words[-1].end == pytest.approx(cut / SAMPLE_RATE)


@pytest.mark.model
def test_a_forced_cut_never_splits_a_filler(analyzer):
    """With no silence long enough to cut at, the cut is forced at 6 s: the "Um" spoken across
    that point goes whole into the next stretch instead of being split."""
    tight = StreamCutOptions(min_chunk_s=4.0, max_chunk_s=6.0, cut_silence_s=10.0)
    first = "The metric I would use is weekly active minutes per listener."
    lead = 1.0
    gap = 5.85 - lead - len(say(first)) / SAMPLE_RATE  # the "Um" starts at 5.85 s
    answer = build_answer([(first, gap), ("Um.", 0.3), ("Then we test it against a holdout group.", 0.3),
                           ("Uh.", 0.3), ("And we ship it to twenty percent of listeners first.", 0.4),
                           ("If skips stay flat for a week, we roll out to everyone else.", 0.4),
                           ("Otherwise we roll back and look at the segments that moved.", 0.5)], lead_s=lead)
    um = answer.spoken[1]
    assert um.start < tight.max_chunk_s < um.end
    analyzer = cutting(analyzer, tight)
    analysis, incremental = stream(analyzer, answer.samples)
    assert answer.spoken[0].end <= analysis.stats.cut_points[0] <= um.start
    fillers = [(f.text.lower(), f.start) for f in incremental.fillers]
    assert [text for text, _ in fillers] == ["um", "uh"]
    assert fillers[0][1] == pytest.approx(um.start, abs=0.25)
    assert_same(batch_of(analyzer, answer.samples), incremental)


@pytest.mark.model
def test_a_device_at_48_khz_is_resampled_as_it_streams(analyzer, tmp_path):
    """A microphone that records at 48 kHz: the stream is resampled as it arrives, and the file
    the recorder wrote (48 kHz) gives the same report when analysed again; the original 16-kHz
    answer one that agrees."""
    import soundfile as sf
    import soxr

    analyzer = cutting(analyzer)
    answer = build_answer(LONG_PAUSE_AT_EDGE[:4], lead_s=1.0)
    at_48k = soxr.resample(answer.samples, SAMPLE_RATE, 48000, quality="soxr_hq")
    _, incremental = stream(analyzer, at_48k, rate=48000, block=2400)
    assert incremental.duration_s == pytest.approx(len(answer.samples) / SAMPLE_RATE, abs=0.05)
    sf.write(tmp_path / "answer.wav", as_recorded(at_48k), 48000, subtype="PCM_16")
    assert_same(analyzer.analyze_file(tmp_path / "answer.wav"), incremental)
    assert_agree(analyzer.analyze_samples(answer.samples, "batch"), incremental)


def test_a_stream_of_16_bit_samples_stays_16_bit(analyzer):
    """The microphone's 16-bit samples at 16 kHz are held as they come (half the memory); a float
    block in their midst would be cut to integers, so it is refused with a clear error."""
    analysis = StreamingAnalysis(lambda: analyzer)
    analysis.feed(np.zeros(1600, np.int16))
    with pytest.raises(ValueError, match="16-bit samples at 16 kHz throughout"):
        analysis.feed(np.zeros(1600, np.float32))
    analysis.close(wait=True)
    floats = StreamingAnalysis(lambda: analyzer)
    floats.feed(np.full(1600, 0.25, np.float32))
    floats.feed(np.full(1600, 8192, np.int16))  # a 16-bit block in a float stream: 8192 / 32768
    assert floats.finish().duration_s == pytest.approx(0.2)
    assert np.array_equal(floats._audio.samples(), np.full(3200, 0.25, np.float32))


@pytest.mark.model
def test_live_view_shows_the_running_transcript(analyzer):
    answer = build_answer(LONG_PAUSE_AT_EDGE[:4], lead_s=1.0)
    analyzer = cutting(analyzer)
    analysis = StreamingAnalysis(lambda: analyzer)
    pcm = as_recorded(answer.samples)
    for i in range(0, len(pcm), 800):
        analysis.feed(pcm[i : i + 800])
    assert analysis.wait_for_stretches(1, timeout=600)  # a bound for a broken build, not a pace
    view = analysis.live()
    assert view.text.startswith("So the metric I would pick first") and view.filled_pauses == 1
    analysis.finish()


@pytest.mark.model
def test_the_live_view_says_how_far_transcription_is_behind(analyzer):
    """A worker that cannot keep up (here: still waiting for its model) is seen in the live view;
    once it has caught up, nothing is waiting."""
    import threading
    from dataclasses import replace

    from voicecoach.tui.screens.question import live_line

    released = threading.Event()
    analyzer = cutting(analyzer)
    analysis = StreamingAnalysis(lambda: released.wait() and analyzer)
    analysis.feed(np.zeros(30 * SAMPLE_RATE, np.int16))
    view = analysis.live()
    assert view.seconds == 30.0 and view.behind_s == pytest.approx(30.0)  # nothing looked at yet
    assert "transcription 30 s behind" in live_line(view)
    assert "behind" not in live_line(replace(view, behind_s=1.0))
    released.set()
    analysis.finish()
    assert analysis.live().behind_s == 0.0


# -- heard ahead near the target length (real model) ------------------------------------------------

FIRST = ("So the metric I would pick first is weekly active minutes per listener.", 1.6)


def whisper_calls(monkeypatch, analyzer) -> list[int]:
    """A count of the model's runs (one per chunk Whisper hears), from now on."""
    model, calls = analyzer.transcriber.model, []
    run = model.transcribe_chunk
    monkeypatch.setattr(model, "transcribe_chunk", lambda *a, **k: calls.append(1) or run(*a, **k))
    return calls


@pytest.mark.model
@pytest.mark.parametrize("target_s, said_after_stop_s, heard_ahead, runs_at_stop",
                         [(5.0, 1.6, 2, 0), (5.0, 0.2, 1, 1), (120.0, 1.6, 0, 1)])
def test_stopped_after_a_pause_near_the_target_the_words_are_known_already(
        analyzer, monkeypatch, target_s, said_after_stop_s, heard_ahead, runs_at_stop):
    """Past 80 % of the question's target length, each pause of a second has the stretch so far
    heard ahead. Stopped in the pause after the last phrase, the report needs no Whisper at all;
    stopped 0.2 s after it, the pause heard ahead came before the last phrase, and Whisper hears
    the stretch again; far from the target nothing is heard ahead. Every time, the batch report."""
    script = [FIRST, ("Then we ship it to everyone.", said_after_stop_s)]
    answer = build_answer(script, lead_s=1.0)
    pcm = as_recorded(answer.samples)
    first_pause_ends = int((answer.spoken[0].end + FIRST[1] - 0.05) * SAMPLE_RATE)
    analysis = StreamingAnalysis(lambda: analyzer, target_s=target_s)
    analysis.feed(pcm[:first_pause_ends])
    if heard_ahead:  # a bound for a broken build, not a pace
        assert analysis.wait_for(lambda stats: stats.heard_ahead == 1, timeout=600)
    analysis.feed(pcm[first_pause_ends:])
    if heard_ahead == 2:
        assert analysis.wait_for(lambda stats: stats.heard_ahead == 2, timeout=600)
    calls = whisper_calls(monkeypatch, analyzer)
    report = analysis.finish("stream")
    assert len(calls) == runs_at_stop and analysis.stats.heard_ahead == heard_ahead
    assert_same(batch_of(analyzer, answer.samples, target_s), report)
    assert report.metrics.word_count == pytest.approx(len(" ".join(p for p, _ in script).split()), abs=2)
