"""Reading a question aloud (voicecoach.voice): Piper from pip by default, espeak-ng otherwise."""

import numpy as np

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
