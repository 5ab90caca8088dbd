"""Choices that outlive the app (voicecoach.preferences), and the app keeping them."""

import stat

import pytest

from voicecoach.preferences import FILE_NAME, Preferences, load_preferences, save_preferences


def test_choices_are_kept_privately_and_a_bad_file_gives_the_defaults(tmp_path, caplog):
    assert load_preferences(tmp_path) == Preferences()
    chosen = Preferences(device="USB microphone", read_aloud=True, live_cues=False)
    save_preferences(tmp_path, chosen)
    assert load_preferences(tmp_path) == chosen
    assert stat.S_IMODE((tmp_path / FILE_NAME).stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.new"))  # written whole, then renamed
    for damaged in ('{"read_aloud": tr', '["a list"]', '{"read_aloud": "yes"}', '{"device": 1.5}'):
        (tmp_path / FILE_NAME).write_text(damaged)
        assert load_preferences(tmp_path) == Preferences()
    assert "ignoring" in caplog.text


@pytest.mark.model
def test_the_app_starts_with_what_was_chosen_last_time(tmp_path, analyzer):
    from voicecoach.tui.app import create_app

    first = create_app(tmp_path / "data", analyzer_loader=lambda: analyzer)
    assert (first.read_aloud, first.live_cues, first.recorder_options.device) == (False, False, None)
    first.choose(read_aloud=True, live_cues=True, device="USB microphone")
    again = create_app(tmp_path / "data", analyzer_loader=lambda: analyzer)
    assert (again.read_aloud, again.live_cues, again.recorder_options.device) == (True, True, "USB microphone")
    # The command line wins over what was kept.
    told = create_app(tmp_path / "data", analyzer_loader=lambda: analyzer, device=3)
    assert told.recorder_options.device == 3
