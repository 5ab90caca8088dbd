import struct

import numpy as np
import pytest
from audio_files import tone, write_audio

from voicecoach.audio.decode import SAMPLE_RATE, GrowingSamples, load_audio, pcm_float
from voicecoach.errors import VoicecoachError


@pytest.mark.parametrize(
    "name, rate, channels",
    [("a.wav", 44100, 2), ("a.flac", 48000, 1), ("a.ogg", 22050, 2), ("a.mp3", 44100, 2), ("a.m4a", 48000, 1)],
)
def test_formats_rates_and_channels_become_16k_mono(tmp_path, name, rate, channels):
    path = write_audio(tmp_path / name, tone(3.0, rate, channels), rate)
    audio = load_audio(path)
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    # Lossy encoders add a few tens of ms of priming.
    assert audio.duration == pytest.approx(3.0, abs=0.1)
    segment = audio.samples[SAMPLE_RATE // 2 : SAMPLE_RATE * 2]
    peak_hz = np.argmax(np.abs(np.fft.rfft(segment))) * SAMPLE_RATE / len(segment)
    assert peak_hz == pytest.approx(220, abs=2)


def _error(path, **kwargs) -> str:
    with pytest.raises(VoicecoachError) as caught:
        load_audio(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_missing_empty_and_not_audio(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.wav")
    (tmp_path / "empty.wav").write_bytes(b"")
    assert "empty" in _error(tmp_path / "empty.wav")
    (tmp_path / "notes.wav").write_text("These are my interview notes, not audio.\n" * 20)
    assert "not a readable audio file" in _error(tmp_path / "notes.wav")


def test_truncated_file_is_refused_with_what_was_readable(tmp_path):
    path = write_audio(tmp_path / "cut.wav", tone(10.0), SAMPLE_RATE)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # header still promises 10 s
    message = _error(path)
    assert "truncated" in message and "10.0 s" in message and "5.0 s" in message


def test_cut_flac_is_refused(tmp_path):
    path = write_audio(tmp_path / "cut.flac", tone(10.0) + np.random.default_rng(0).normal(0, 0.05, 160000).astype(np.float32), SAMPLE_RATE)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "corrupt audio" in _error(path)


def test_unsupported_codec(tmp_path):
    # A WAV header naming a codec (format tag 0x7777) no decoder knows.
    fmt = struct.pack("<HHIIHH", 0x7777, 1, 16000, 32000, 2, 16)
    data = b"\x01\x02" * 16000
    riff = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    (tmp_path / "odd.wav").write_bytes(b"RIFF" + struct.pack("<I", len(riff)) + riff)
    assert "unsupported audio codec" in _error(tmp_path / "odd.wav")


def test_thirty_minute_file_is_refused_before_decoding(tmp_path):
    path = tmp_path / "long.wav"
    import soundfile as sf

    with sf.SoundFile(path, "w", samplerate=8000, channels=1, subtype="PCM_16") as out:
        out.write(np.zeros(8000 * 60 * 30, dtype=np.int16))
    assert "30.0 min long" in _error(path, max_duration_s=900.0)


def test_growing_samples_keep_what_was_read_while_more_arrives():
    """The streaming analysis reads the answer so far while the recorder appends to it: a view
    taken earlier keeps its samples when the buffer fills and moves, and nothing is copied before."""
    rng = np.random.default_rng(3)
    blocks = [rng.standard_normal(n).astype(np.float32) for n in (9000, 5000, 4000, 30000)]
    buffer = GrowingSamples(SAMPLE_RATE)
    buffer.append(blocks[0])
    buffer.append(blocks[1])
    early = buffer.samples()
    buffer.append(blocks[2])  # past the room reserved: moved to a larger array
    buffer.append(blocks[3])
    assert np.array_equal(early, np.concatenate(blocks[:2]))
    assert np.array_equal(buffer.samples(), np.concatenate(blocks))
    again = buffer.samples()
    buffer.append(blocks[0][:10])
    assert np.shares_memory(again, buffer.samples())  # within the room: the same memory, no copy


def test_the_analysis_keeps_16_bit_answers_in_16_bits_and_reads_them_as_floats_exactly(tmp_path):
    """What the recorder writes (16-bit, 16 kHz, one channel) is held in half the memory; read
    through pcm_float it is, sample for sample, what decoding to float32 gives. Anything else is
    float32 either way."""
    rng = np.random.default_rng(7)
    pcm = (rng.standard_normal(SAMPLE_RATE * 3) * 6000).clip(-32768, 32767).astype(np.int16)
    pcm[:5] = [-32768, 32767, 0, 1, -1]
    recorded = write_audio(tmp_path / "answer.wav", pcm, SAMPLE_RATE)
    kept = load_audio(recorded, keep_16_bit=True).samples
    assert kept.dtype == np.int16 and np.array_equal(kept, pcm)
    as_float = load_audio(recorded).samples
    assert as_float.dtype == np.float32 and np.array_equal(pcm_float(kept), as_float)
    assert pcm_float(as_float) is as_float
    for name, rate, channels in [("b.wav", 44100, 1), ("c.wav", SAMPLE_RATE, 2), ("d.ogg", SAMPLE_RATE, 1)]:
        other = write_audio(tmp_path / name, tone(1.0, rate, channels), rate)
        assert load_audio(other, keep_16_bit=True).samples.dtype == np.float32
