"""voicecoach: rehearse interview answers out loud and see what a panel would hear."""

import ctypes
import os
import sys

__version__ = "0.1.0"

# Nothing leaves the machine. onnxruntime (under faster-whisper's Silero VAD) sends telemetry and
# keeps a device id in ~/.cache/Microsoft unless this is set before its first session is made.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

# CTranslate2's OpenMP threads (libgomp) spin up to 300,000 times waiting for each other. On a busy
# laptop a spinning thread burns the time slice a descheduled one needs: with one core taken, a
# 2-minute answer took 9x as long to transcribe as on a quiet machine; with 1,000 spins, 2.5x, and
# the quiet speed is unchanged (benchmarks/busy_laptop.py; 300 spins halves the quiet speed). Set
# before ctranslate2 loads libgomp.
os.environ.setdefault("GOMP_SPINCOUNT", "1000")

# glibc gives each thread that allocates its own malloc arena (up to 8 per core) and keeps what is
# freed there: the recorder's writer, the streaming worker and the analysis each grew one, about
# 70 MB of peak memory in a two-minute answer. Two arenas serve a 2-thread app as fast
# (benchmarks/instant_feedback.py). Set before those threads exist.
if sys.platform == "linux":
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (musl): nothing to tune
        pass
