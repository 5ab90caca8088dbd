"""Which recordings are whose: a moved, copied or restored data dir keeps its recordings, and a
recording another voicecoach is making or saving is never offered, deleted or saved twice."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from builders import speech_under, words_at

from voicecoach.analysis import analyze
from voicecoach.audio.wavstream import StreamingWav
from voicecoach.banks import Question
from voicecoach.errors import VoicecoachError
from voicecoach.history.commands import import_answer
from voicecoach.rehearsal import Rehearsal
from voicecoach.settings import load_lexicons
from voicecoach.storage import Store
from voicecoach.transcript import Transcript

QUESTION = Question("q1", "behavioral", "Tell me about a time.")


def a_report():
    words = words_at("So the metric is retention.", start=1.0)
    return analyze(Transcript(words, model="test"), speech_under(words, 4.0), load_lexicons())


def record(rehearsal: Rehearsal, attempt: int = 1, seconds: float = 1.0):
    path = rehearsal.recording_path(None, QUESTION, attempt)
    wav = StreamingWav(path, 16000)
    wav.write(np.zeros(int(16000 * seconds), np.int16))
    wav.close()
    return path


def a_history(data) -> Rehearsal:
    """Two answers recorded in the app and one imported by `analyze --save`."""
    rehearsal = Rehearsal(Store(data), lambda: None)
    for attempt in (1, 2):
        rehearsal.save(a_report(), record(rehearsal, attempt), QUESTION, None, attempt)
    source = data.parent / "answer.wav"
    StreamingWav(source, 16000).close()
    import_answer(rehearsal.store, a_report(), source, "imported question", "")
    rehearsal.store.close()
    return rehearsal


def assert_owns_its_recordings(data) -> None:
    rehearsal = Rehearsal(Store(data), lambda: None)
    answers = rehearsal.store.answers()
    assert len(answers) == 3
    for answer in answers:
        assert answer.audio_path.startswith(str(data.resolve())) and (data / answer.audio_path).is_file()
    assert rehearsal.pending_recordings() == []


@pytest.mark.parametrize("how", ["move", "copy", "restore"])
def test_a_moved_copied_or_restored_data_dir_keeps_its_recordings(tmp_path, how):
    a_history(tmp_path / "a")
    if how == "move":
        shutil.move(tmp_path / "a", tmp_path / "b")
    elif how == "copy":
        shutil.copytree(tmp_path / "a", tmp_path / "b")
        assert_owns_its_recordings(tmp_path / "a")
    else:  # a backup is restored over a data dir that lost its files
        shutil.copytree(tmp_path / "a", tmp_path / "backup")
        shutil.rmtree(tmp_path / "a")
        shutil.copytree(tmp_path / "backup", tmp_path / "b")
    assert_owns_its_recordings(tmp_path / "b")


def test_relative_and_absolute_data_dir_are_one_history(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a_history(tmp_path / "data")
    assert_owns_its_recordings(Path("data"))
    assert_owns_its_recordings(tmp_path / "data")


def test_a_recording_in_progress_is_not_offered_to_another_instance(tmp_path):
    """A second voicecoach process on the same data dir while the first is recording."""
    data = tmp_path / "data"
    first = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_recording_ownership import record, QUESTION
        from voicecoach.rehearsal import Rehearsal
        from voicecoach.storage import Store
        rehearsal = Rehearsal(Store({str(data)!r}), lambda: None)
        print(record(rehearsal), flush=True)
        sys.stdin.readline()  # recording until told to stop
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        live = first.stdout.readline().strip()
        assert live.endswith(".wav")
        second = Rehearsal(Store(data), lambda: None)
        assert second.pending_recordings() == []
        with pytest.raises(VoicecoachError, match="another voicecoach"):
            second.discard(Path(live))
        assert Path(live).is_file()
    finally:
        first.communicate("\n", timeout=60)
    # The first one is gone without saving (as after a crash): now it is offered.
    assert [p.path.name for p in second.pending_recordings()] == [Path(live).name]


def test_an_answer_saved_since_it_was_listed_is_neither_saved_again_nor_deleted(tmp_path):
    first = Rehearsal(Store(tmp_path), lambda: None)
    path = record(first)
    first.release(path)  # as if the first had crashed...
    second = Rehearsal(Store(tmp_path), lambda: None)
    [pending] = second.pending_recordings()
    first.save(a_report(), path, QUESTION, None, 1)  # ... but it saved the answer after all
    with pytest.raises(VoicecoachError, match="saved by another voicecoach"):
        second.discard(pending.path)
    with pytest.raises(VoicecoachError, match="saved by another voicecoach"):
        second.recover(pending)
    assert path.is_file() and len(second.store.answers()) == 1


def test_a_follow_up_interrupted_by_a_crash_keeps_its_link_when_recovered(tmp_path):
    from voicecoach.rehearsal import FollowUpLink

    first = Rehearsal(Store(tmp_path), lambda: None)
    parent = first.save(a_report(), record(first), QUESTION, None, 1).answer_id
    follow_up = Question("q1~metric", "behavioral", "How would you measure success here?", 60.0)
    path = first.recording_path(None, follow_up, 1, FollowUpLink(parent, "metric"))
    wav = StreamingWav(path, 16000)
    wav.write(np.zeros(16000, np.int16))
    wav.close()
    first.release(path)  # the app died while the follow-up was being answered

    class Analyzer:
        def analyze_file(self, path, category, target_s, constraint):
            return a_report()

    second = Rehearsal(Store(tmp_path), lambda: Analyzer())
    [pending] = second.pending_recordings()
    assert (pending.question, pending.follow_up) == (follow_up, FollowUpLink(parent, "metric"))
    saved = second.recover(pending)
    stored = second.store.answer(saved.answer_id)
    assert (stored.parent_id, stored.follow_up_rule, stored.question_text) == (parent, "metric", follow_up.text)
