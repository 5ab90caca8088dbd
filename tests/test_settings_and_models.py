import shutil

import pytest

from voicecoach.errors import VoicecoachError
from voicecoach.options import AnalysisOptions, Settings
from voicecoach.settings import load_lexicons, load_settings
from voicecoach.transcribe.models import (
    EMBEDDED_SHA256,
    ModelSpec,
    embedded_model_dir,
    file_sha256,
    resolve_model,
    verify_embedded,
)


def test_shipped_settings_match_the_dataclass_defaults(tmp_path):
    assert load_settings(config_dir=tmp_path) == Settings()


def test_user_config_overrides_single_keys(tmp_path):
    (tmp_path / "config.toml").write_text("[analysis]\nlong_pause_s = 4\ntarget_s = 90\n")
    settings = load_settings(config_dir=tmp_path)
    assert settings.analysis.long_pause_s == 4.0 and settings.analysis.target_s == 90.0
    assert settings.analysis.pace_min_wpm == AnalysisOptions().pace_min_wpm


@pytest.mark.parametrize(
    "content, expected",
    [("[analysis]\nlong_pause = 4\n", "unknown setting long_pause"),
     ("[analysis]\ntarget_s = 'two minutes'\n", "[analysis]: target_s must be a number from 10 to 3600, not 'two minutes'"),
     ("[analysis]\nlong_pause_s = -5\n", "long_pause_s must be a number from 0.5 to 60, not -5"),
     ("[analysis]\nlong_pause_s = nan\n", "long_pause_s must be a number from 0.5 to 60, not nan"),
     ("[analysis]\ntarget_s = inf\n", "target_s must be a number from 10 to 3600, not inf"),
     ("[analysis]\npace_min_wpm = 200\n", "pace_min_wpm (200) must be below pace_max_wpm (165)"),
     ("[analysis]\ncalibration_window_words = 2.5\n", "must be a whole number from 1 to 100, not 2.5"),
     ("[transcription]\nwhile_recording = \"false\"\n", "while_recording must be true or false, not 'false'"),
     ("[transcription]\nprompt_mode = \"sometimes\"\n", "prompt_mode must be one of initial, hotwords, none"),
     ("[transcription]\nlanguage = 5\n", "language must be text, not 5"),
     ("[speech_detection]\nvad_threshold = 5\n", "vad_threshold must be a number from 0.01 to 0.99, not 5"),
     ("[analysys]\n", "unknown section [analysys]"),
     ("[analysis]\ntarget_s = \n", "line 2")],
)
def test_bad_user_config_is_one_line_naming_the_file_and_key(tmp_path, content, expected):
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(VoicecoachError) as caught:
        load_settings(config_dir=tmp_path)
    message = str(caught.value)
    assert expected in message and message.startswith(str(tmp_path / "config.toml"))
    assert "\n" not in message


def test_user_lexicon_replaces_the_shipped_one(tmp_path):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "fillers.toml").write_text('[filled_pauses]\nwords = ["ehm"]\n')
    lexicons = load_lexicons(config_dir=tmp_path)
    assert lexicons.fillers.filled_pauses == {"ehm"}
    assert "i think" in {" ".join(h) for h in lexicons.confidence.hedges}  # shipped, untouched


def test_embedded_model_resolves_and_passes_its_checksum():
    spec = resolve_model(None, [])
    assert spec.embedded and spec.name == "tiny.en"
    verify_embedded(spec)
    assert file_sha256(spec.path / "model.bin") == EMBEDDED_SHA256


def test_a_damaged_embedded_model_is_refused(tmp_path):
    damaged = tmp_path / "model"
    shutil.copytree(embedded_model_dir(), damaged, ignore=shutil.ignore_patterns("model.bin"))
    (damaged / "model.bin").write_bytes(b"not the weights")
    with pytest.raises(VoicecoachError, match="fails its SHA-256 check"):
        verify_embedded(ModelSpec("tiny.en", damaged, embedded=True))


def test_models_by_name_and_by_path(tmp_path):
    (tmp_path / "small.en").mkdir()
    (tmp_path / "small.en" / "model.bin").write_bytes(b"x")
    assert resolve_model("small.en", [tmp_path]).path == (tmp_path / "small.en").resolve()
    assert resolve_model(str(tmp_path / "small.en"), []).name == "small.en"
    with pytest.raises(VoicecoachError, match="model 'base.en' not found .* voicecoach model fetch base.en"):
        resolve_model("base.en", [tmp_path])
    with pytest.raises(VoicecoachError, match="no model.bin"):
        resolve_model(str(tmp_path), [])
