"""`voicecoach analyze` as a person runs it: a subprocess, its exit code, stdout and stderr."""

import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "voicecoach", *args], capture_output=True, text=True, timeout=300, env=env
    )


def assert_one_line_error(result, expected: str):
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert expected in lines[0]


def test_missing_file(tmp_path):
    assert_one_line_error(run("analyze", str(tmp_path / "answer.wav")), "no such file")


def test_not_audio(tmp_path):
    (tmp_path / "answer.mp3").write_bytes(b"\x00garbage" * 100)
    assert_one_line_error(run("analyze", str(tmp_path / "answer.mp3")), "not a readable audio file")


def test_missing_model_says_what_to_do(tmp_path):
    sf.write(tmp_path / "a.wav", np.zeros(16000, np.float32), 16000)
    assert_one_line_error(run("analyze", str(tmp_path / "a.wav"), "--model", "small.en"),
                          "voicecoach model fetch small.en")


def test_model_that_fails_to_load(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"\x00" * 64)
    (broken / "config.json").write_text("{}")
    sf.write(tmp_path / "a.wav", np.zeros(16000, np.float32), 16000)
    assert_one_line_error(run("analyze", str(tmp_path / "a.wav"), "--model", str(broken)), "failed to load")


def test_model_fetch_without_network_fails_cleanly(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "PATH": "/usr/bin:/bin"}
    assert_one_line_error(run("model", "fetch", "small.en", env=env), "could not download model 'small.en'")


@pytest.mark.model
def test_silence_only_is_a_valid_report(tmp_path):
    rng = np.random.default_rng(1)
    sf.write(tmp_path / "quiet.wav", rng.normal(0, 0.001, 16000 * 8).astype(np.float32), 16000)
    human = run("analyze", str(tmp_path / "quiet.wav"))
    assert human.returncode == 0 and "No speech found in 8.0 s of audio." in human.stdout
    data = json.loads(run("analyze", "--json", str(tmp_path / "quiet.wav")).stdout)
    assert data["speech_found"] is False and data["words"] == [] and data["pauses"] == []
    assert data["metrics"]["length_verdict"] == "no speech"
