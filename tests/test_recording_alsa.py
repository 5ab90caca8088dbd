"""Recording for real: PortAudio capturing from a virtual ALSA microphone (a `type file` PCM whose
`infile` is the raw PCM of a synthesized answer), then the real model and analyzer, then storage.
The microphone is set up in a subprocess: ALSA reads ~/.asoundrc when sounddevice is imported."""

import ctypes.util
import json
import sys
import textwrap

import numpy as np
import pytest
from network_audit import audited
from speech import build_answer

pytestmark = pytest.mark.model

SCRIPT = [
    ("The metric I would pick is weekly active minutes.", 0.7),
    ("Um.", 0.8),
    ("Then I would compare it against a holdout group.", 6.5),
    ("I think that would settle it.", 0.6),
    ("Uh.", 0.7),
    ("That is my answer.", 0.0),
]

ASOUNDRC = """
pcm.voicecoach_mic {{
    type file
    slave.pcm "null"
    file "/dev/null"
    infile "{raw}"
    format "raw"
}}
pcm.!default {{
    type plug
    slave.pcm "voicecoach_mic"
    slave.format S16_LE
    slave.rate 16000
    slave.channels 1
}}
"""

RECORD_AND_ANALYSE = """
import json, sys, time
from pathlib import Path
from voicecoach.audio.recorder import Recorder, RecorderOptions, input_devices
from voicecoach.banks import Question
from voicecoach.pipeline import Analyzer
from voicecoach.rehearsal import Rehearsal
from voicecoach.storage import Store

seconds = float(sys.argv[1])
data = Path(sys.argv[2])
rehearsal = Rehearsal(Store(data), Analyzer.load)
question = Question("mx-1", "metrics_experimentation", "How would you evaluate it?")
path = rehearsal.recording_path(None, question, 1)
recorder = Recorder(path, RecorderOptions(max_s=seconds))
recorder.start()
while recorder.status.elapsed_s < seconds:
    time.sleep(0.01)
recording = recorder.stop()
saved = rehearsal.analyse_and_save(recording.path, question, None, 1, recording.overflows)
stored = rehearsal.store.answer(saved.answer_id)
from voicecoach.history.commands import export
from voicecoach.storage.queries import Filters
exported = {fmt: len(export(rehearsal.store, fmt, Filters())) for fmt in ("csv", "md", "json", "html")}
print(json.dumps({"devices": [d.name for d in input_devices()], "rate": recording.rate,
                  "overflows": recording.overflows, "duration": recording.duration_s,
                  "report": stored.report.to_dict(), "exported": exported}))
"""


@pytest.fixture(scope="module")
def answer():
    return build_answer(SCRIPT, lead_s=1.5)


def test_recording_from_a_virtual_alsa_microphone(tmp_path, answer):
    if ctypes.util.find_library("portaudio") is None:
        pytest.fail("libportaudio2 is not installed (.ci/run installs it)")
    raw = tmp_path / "answer.raw"
    (np.clip(answer.samples, -1, 1) * 32767).astype("<i2").tofile(raw)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text(ASOUNDRC.format(raw=raw))
    seconds = len(answer.samples) / 16000 + 1.0
    # Under strace: recording, analysis and export open no socket that could reach a network.
    result, sockets = audited(
        [sys.executable, "-c", textwrap.dedent(RECORD_AND_ANALYSE), str(seconds), str(tmp_path / "data")],
        tmp_path / "trace", capture_output=True, text=True, timeout=300,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert sockets == []
    assert not (home / ".cache" / "Microsoft").exists()  # no onnxruntime device id or event queue
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(size > 0 for size in out["exported"].values())
    assert "voicecoach_mic" in out["devices"]
    assert out["rate"] == 16000 and out["overflows"] == 0
    assert out["duration"] == pytest.approx(seconds, abs=0.1)

    report = out["report"]
    [long_pause] = [p for p in report["pauses"] if p["long"]]
    (start, end), = [(s, e) for s, e in answer.silences() if e - s > 5]
    assert long_pause["start"] == pytest.approx(start, abs=0.25)
    assert long_pause["end"] == pytest.approx(end, abs=0.25)
    assert [f["text"].lower() for f in report["fillers"]] == ["um", "uh"]
    assert report["think_time_s"] == pytest.approx(answer.onset, abs=0.25)
