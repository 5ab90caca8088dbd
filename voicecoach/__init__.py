"""voicecoach: rehearse interview answers out loud and see what a panel would hear."""

import os

__version__ = "0.1.0"

# Nothing leaves the machine. onnxruntime (under faster-whisper's Silero VAD) sends telemetry and
# keeps a device id in ~/.cache/Microsoft unless this is set before its first session is made.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
