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
    # Before the command it means the same (it was silently ignored for analyze).
    assert_one_line_error(run("--model", "small.en", "analyze", str(tmp_path / "a.wav")),
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


@pytest.mark.model
@pytest.mark.parametrize("limit, expected", [(20000, "the disk is full"), (80000, "cannot copy")])
def test_save_on_a_full_disk_is_one_line_and_leaves_no_partial_copy(tmp_path, limit, expected):
    """`analyze --save` where no file may grow past `limit` bytes (RLIMIT_FSIZE: the kernel refuses
    the write, as on a full disk): at 20 KB the history's database cannot grow, at 80 KB the 3-s
    recording (96 KB) cannot be copied."""
    t = np.arange(3 * 16000) / 16000
    sf.write(tmp_path / "answer.wav", (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000,
             subtype="PCM_16")
    data = tmp_path / "data"
    limited = ("import resource, signal, sys, runpy; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
               f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
               "sys.argv = ['voicecoach'] + sys.argv[1:]; runpy.run_module('voicecoach', run_name='__main__')")
    result = subprocess.run(
        [sys.executable, "-c", limited, "--data-dir", str(data), "analyze", str(tmp_path / "answer.wav"), "--save"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert expected in lines[0]
    assert list((data / "recordings").rglob("*.wav")) == []


@pytest.mark.model
def test_analyze_opens_no_network_socket_and_leaves_no_telemetry_id(tmp_path):
    from network_audit import audited

    t = np.arange(4 * 16000) / 16000
    sf.write(tmp_path / "answer.wav", (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000)
    home = tmp_path / "home"
    home.mkdir()
    result, sockets = audited([sys.executable, "-m", "voicecoach", "--data-dir", str(tmp_path / "data"), "analyze",
                               str(tmp_path / "answer.wav"), "--save"],
                              tmp_path / "trace", capture_output=True, text=True, timeout=300,
                              env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert sockets == []
    assert not (home / ".cache" / "Microsoft").exists()
    # What it saved is its owner's alone.
    made = [tmp_path / "data", *(tmp_path / "data").rglob("*")]
    assert any(p.suffix == ".wav" for p in made) and any(p.name == "history.sqlite3" for p in made)
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_dir()} == {"0o700"}
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_file()} == {"0o600"}


def test_a_data_dir_others_could_read_is_made_private_on_start(tmp_path):
    from voicecoach.storage import Store

    data = tmp_path / "data"
    Store(data).close()
    (data / "recordings" / "single").mkdir(parents=True)
    (data / "recordings" / "single" / "a.wav").write_bytes(b"RIFF")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    result = run("--data-dir", str(data), "history")
    assert result.returncode == 0, result.stderr
    for path in [data, *data.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path


@pytest.mark.parametrize("flag, value", [("--target", "-5"), ("--target", "nan"), ("--long-pause", "0")])
def test_thresholds_out_of_range_are_one_line(tmp_path, flag, value):
    assert_one_line_error(run("analyze", str(tmp_path / "a.wav"), flag, value), f"{flag} must be a number from")


def test_history_filters_are_checked_and_since_reads_a_time_ago(tmp_path):
    from datetime import date, timedelta

    from voicecoach.cli import since_date

    data = str(tmp_path / "data")
    assert since_date("7d") == (date.today() - timedelta(days=7)).isoformat()
    assert since_date("2w") == (date.today() - timedelta(weeks=2)).isoformat()
    assert since_date("yesterday") == (date.today() - timedelta(days=1)).isoformat()
    assert since_date("2026-11-02") == "2026-11-02"
    bad = run("--data-dir", data, "history", "--since", "someday")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "'someday' is not a date" in bad.stderr
    assert_one_line_error(run("--data-dir", data, "history", "--category", "nonsense"),
                          "unknown category 'nonsense'; known: behavioral,")
    assert_one_line_error(run("--data-dir", data, "reanalyze", "--id", "999"), "no answer 999 in the history")
    assert run("--data-dir", data, "history", "--since", "yesterday").returncode == 0


def test_global_options_work_after_the_command_and_model_alone_shows_its_help(tmp_path):
    result = run("history", "--data-dir", str(tmp_path / "after"))
    assert result.returncode == 0 and (tmp_path / "after" / "history.sqlite3").is_file()
    shown = run("model")
    assert shown.returncode == 0 and "fetch" in shown.stdout and "required" not in shown.stderr


def test_a_glob_that_matches_nothing_is_one_line(tmp_path):
    assert_one_line_error(run("analyze", str(tmp_path / "takes" / "*.wav")), "no file matches")


@pytest.mark.model
def test_several_files_give_a_report_each_and_a_summary_or_one_json_array(tmp_path):
    from pathlib import Path

    from speech import as_recorded, build_answer

    # Short takes: what is measured here is how several files are reported, not what was said.
    take = build_answer([("We would ship it if retention goes up by two points.", 0.5)])
    for name in ("take-1.flac", "take-2.flac"):
        sf.write(tmp_path / name, as_recorded(take.samples), 16000)
    (tmp_path / "take-3.flac").write_bytes(b"not audio")
    text = run("analyze", str(tmp_path / "take-*.flac"))
    assert text.returncode == 1  # one of three failed, the others were analysed
    assert text.stderr.count("\n") == 1 and "take-3.flac" in text.stderr
    assert text.stdout.count("== ") == 2
    summary = text.stdout.strip().splitlines()[-3:]
    assert summary[0].split()[0] == "file" and [row.split()[0] for row in summary[1:]] == ["take-1.flac", "take-2.flac"]
    as_json = run("analyze", str(tmp_path / "take-1.flac"), str(tmp_path / "take-2.flac"), "--json")
    assert as_json.returncode == 0, as_json.stderr
    reports = json.loads(as_json.stdout)
    assert [Path(r["source"]).name for r in reports] == ["take-1.flac", "take-2.flac"]
    assert reports[0]["metrics"] == reports[1]["metrics"]


@pytest.mark.parametrize("command", ["analyze", "history", "trends", "export", "reanalyze", "model", "paths",
                                     "devices"])
def test_every_subcommand_says_what_it_does(command):
    shown = run(command, "--help")
    assert shown.returncode == 0
    description = shown.stdout.split("\n\n")[1].strip()
    assert description and description[0].isupper() and description.endswith(".") and "options" not in description


def test_debrief_prints_the_latest_sessions_scorecard(tmp_path):
    from test_debrief import STRONG, WEAK, report_of

    from voicecoach.storage import Store

    data = tmp_path / "data"
    assert_one_line_error(run("--data-dir", str(data), "debrief"), "no sessions in the history yet")
    store = Store(data)
    session = store.create_session("spotify-ml-ds", "Spotify", "", 2)
    store.save_answer(report_of(STRONG), session_id=session, question_text="Evaluate the model.")
    store.save_answer(report_of(WEAK), session_id=session, question_text="Would you ship it?")
    store.close()
    result = run("--data-dir", str(data), "debrief")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [f"# Debrief of session {session}", "", "1. Evaluate the model.", "2. Would you ship it?"]
    assert "| Decision rule | ✓ decision rule: " in result.stdout and "| ✗ no decision rule |" in result.stdout
    practise = lines[lines.index("## Practise next") + 2:]
    assert practise[0].startswith("1. **Within the target** (2 of 2 answers)")
    out = tmp_path / "debrief.md"
    assert run("--data-dir", str(data), "debrief", "--session", str(session), "--out", str(out)).returncode == 0
    assert out.read_text() == result.stdout
    assert_one_line_error(run("--data-dir", str(data), "debrief", "--session", "99"), "session 99 has no answers")
    # Week by week, over every session: this week's two answers, one of which has a decision rule.
    weekly = run("--data-dir", str(data), "debrief", "--by-week", "--weeks", "2")
    assert weekly.returncode == 0 and "| Decision rule | 1/2 |" in weekly.stdout, weekly.stderr
    assert_one_line_error(run("--data-dir", str(data), "debrief", "--by-week", "--session", "1"),
                          "--by-week covers every session")
    page = run("--data-dir", str(data), "debrief", "--format", "html")
    assert page.returncode == 0 and page.stdout.startswith("<!doctype html>") and "Debrief of session" in page.stdout
    bad = run("--data-dir", str(data), "debrief", "--by-week", "--weeks", "0")
    assert bad.returncode == 2 and "--weeks: must be 1 or more, not 0" in bad.stderr


@pytest.mark.model
def test_analyze_with_a_bank_question_applies_its_category_target_and_constraint(tmp_path):
    import os
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "examples" / "sample-answer.flac"  # 27 s
    banks = tmp_path / "config" / "voicecoach" / "banks"
    banks.mkdir(parents=True)
    (banks / "mine.toml").write_text(
        '[bank]\nid = "mine"\nname = "Mine"\n[[questions]]\nid = "budget-q"\ncategory = "latency_relevance"\n'
        'text = "How would you rank playlists?"\ntarget_s = 60\n[questions.constraint]\n'
        'text = "Stay under 100 ms."\nafter_s = 5\nterms = ["latency", "100 ms", "milliseconds"]\n')
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run("analyze", str(sample), "--question-id", "budget-q", "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["target_s"] == 60 and report["signals"]["category"] == "latency_relevance"
    check = report["constraint"]
    assert (check["text"], check["stated_s"]) == ("Stay under 100 ms.", 5.0)
    # The sample answer (an embedding model's evaluation) never speaks of latency.
    assert (check["verdict"], check["acknowledged"], check["first_tradeoff"]) == ("not acknowledged", None, None)
    assert_one_line_error(run("analyze", str(sample), "--question-id", "nope", env=env), "no question 'nope' in the banks")
