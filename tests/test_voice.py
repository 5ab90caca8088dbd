"""Reading a question aloud (voicecoach.voice): Piper from pip by default, espeak-ng otherwise."""

import numpy as np
import pytest

from voicecoach import voice


def test_piper_is_the_voice_and_speaks_the_question(monkeypatch):
    assert voice.engine() == "piper"  # installed with voicecoach: no system package needed
    audio, rate = voice.render("Tell me about a time you disagreed with your manager.")
    assert rate == 22050 and 1.5 < len(audio) / rate < 6.0
    assert np.sqrt(np.mean(audio**2)) > 0.02  # speech, not silence

    played = []

    class Output:
        def play(self, samples, samplerate, device=None):
            played.append((len(samples) / samplerate, samplerate, device))

    monkeypatch.setattr("voicecoach.audio.recorder.sounddevice", lambda: Output())
    assert voice.say("How would you measure success here?", device=2) is True
    [(seconds, samplerate, device)] = played
    assert samplerate == 22050 and device == 2 and 1.0 < seconds < 5.0


def test_no_audio_output_is_a_false_not_a_crash(monkeypatch):
    class NoOutput:
        def play(self, samples, samplerate, device=None):
            raise RuntimeError("Error querying device -1")

    monkeypatch.setattr("voicecoach.audio.recorder.sounddevice", lambda: NoOutput())
    assert voice.say("Anything.") is False


def test_espeak_is_the_fallback_without_piper(monkeypatch):
    monkeypatch.setattr(voice.importlib.util, "find_spec", lambda name: None)
    assert voice.engine() in ("espeak-ng", "espeak")


LONGEST_QUESTION = ("What single success metric would you choose for a new daily mix feature, "
                    "and what guardrails would you watch?")


def test_a_long_sentence_is_cut_after_its_commas_only():
    said = list("ab cd, ef gh ij kl mn op, qr.")
    pieces = voice.clauses(said, longest=10)
    assert ["".join(p) for p in pieces] == ["ab cd,", " ef gh ij kl mn op,", " qr."]  # none between words
    assert voice.clauses(said, longest=60) == [said]  # short enough: whole


@pytest.mark.model
def test_the_longest_question_read_in_clauses_is_heard_word_for_word(analyzer):
    """The longest sentence in the banks is read in its two clauses (Piper then holds 47 MB less,
    `voice.render`), and the app's own analysis hears every word of it, in order. Piper's noise
    off, so the render is the same on every run. (Not read whole here: that alone would take the
    suite's peak up by Piper's 170 MB.)"""
    import soxr
    from piper import SynthesisConfig

    from voicecoach.analysis.tokens import normalise

    [sentence] = voice.piper_voice().phonemize(LONGEST_QUESTION)
    assert len(voice.clauses(sentence)) == 2
    audio, rate = voice.render(LONGEST_QUESTION, SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0))
    x = np.concatenate([np.zeros(8000, np.float32), soxr.resample(audio, rate, 16000).astype(np.float32),
                        np.zeros(8000, np.float32)])
    heard = [normalise(w.text) for w in analyzer.analyze_samples(x).words]
    assert heard == [normalise(w) for w in LONGEST_QUESTION.split()]
