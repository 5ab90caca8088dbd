"""Instant feedback: transcribe an answer while it is being recorded.

Audio arrives in blocks (from the recorder's writer thread). A worker thread looks for a silence to
cut at every second of new audio; each finished stretch is transcribed while the person keeps
talking, its words placed at absolute times, and its pitch tracked; the whole answer's speech
timeline is measured as far as the audio allows (voicecoach.audio.detection.ListeningAhead). At
stop only the last stretch remains; meanwhile the timeline is finished, and the analyses run over
both. Near the answer's target length the last stretch is heard ahead at each pause, so a person
who pauses and then stops has its words already. A batch analysis of the saved file replays the
same cuts (voicecoach.transcribe.stretches), so `voicecoach analyze` and `reanalyze` give the
report the app gave.

Decisions depend only on the audio, never on timing: if the worker falls behind it catches up at
the same cut points.
"""

from __future__ import annotations

import logging
import resource
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from voicecoach.analysis.constraint_timing import Constraint
from voicecoach.analysis.fillers import is_filled_pause
from voicecoach.analysis.lexicon import FillerLexicon
from voicecoach.analysis.numbers import join_number_pieces, spoken_length
from voicecoach.audio.decode import SAMPLE_RATE, GrowingSamples, pcm_float, to_sample_rate
from voicecoach.audio.detection import ListeningAhead
from voicecoach.options import StreamCutOptions
from voicecoach.pipeline import HeardStretch, heard_until
from voicecoach.report import AnswerReport
from voicecoach.transcribe.stretches import Stretch, find_cut, pause_start, transcribe_stretch
from voicecoach.transcript import joined

log = logging.getLogger("voicecoach")


@dataclass
class StreamStats:
    stretches: int = 0
    cpu_s: float = 0.0  # this process's CPU time from the first block to the report
    finish_s: float = 0.0  # wall time of finish(): what the person waits for after stop
    cut_points: list[float] = field(default_factory=list)
    heard_ahead: int = 0  # times the stretch being recorded was heard at a pause (see _hear_ahead)


@dataclass(frozen=True)
class LiveView:
    """The running transcript, for the optional live view while recording."""

    text: str
    filled_pauses: int
    seconds: float  # recorded so far
    # Audio the worker has not looked at yet: it is still busy with earlier audio (a busy
    # computer). The report at stop is the same, only later.
    behind_s: float = 0.0
    stretches: int = 0  # transcribed so far
    last_stretch_wpm: Optional[float] = None  # the pace of the last of them


# Between looks for a cut, the worker glances this often for a pause to hear ahead at (the level of
# the audio pending only), so it hears ahead soon after the pause is long enough.
_GLANCE_EVERY_S = 0.25
_ROOM = 15 * 60 * SAMPLE_RATE  # samples reserved for the answer; it grows past them if need be


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class StreamingAnalysis:
    def __init__(self, analyzer_loader: Callable, category: str = "", target_s: Optional[float] = None,
                 constraint: Optional[Constraint] = None):
        """`analyzer_loader`: returns the (possibly still loading) Analyzer; called on the worker
        thread so the UI never waits for the model. Stretches are cut by its settings.stretches."""
        self._loader = analyzer_loader
        self.category, self.target_s, self.constraint = category, target_s, constraint
        self._options: Optional[StreamCutOptions] = None  # known once the worker has the analyzer
        self._resampler = None
        # Room for a 15-minute answer, taken only as it is written. (Joining the blocks into a new
        # array at every look for a cut held the answer twice, and copied it once a second.) In 16
        # bits when the microphone's samples come so at 16 kHz (see feed).
        self._audio = GrowingSamples(_ROOM)
        self._checked = 0  # the last audio position (samples) looked at for a cut
        # The audio's length at which the worker has something to do: feed wakes it only then, not
        # at every block it is handed (each wake of a thread costs CPU; see RecorderOptions).
        self._wake_at = 0
        self._heard_ahead_at = 0  # the audio's length when the stretch being recorded was last heard ahead
        self._heard: list[HeardStretch] = []
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._closing = False
        self._worker_done = False
        self._error: Optional[BaseException] = None
        self.stats = StreamStats()
        self._cpu_start: Optional[float] = None
        self._fillers: Optional[FillerLexicon] = None  # known once the worker has the analyzer
        self._ahead: Optional[ListeningAhead] = None  # the whole-answer timeline's start, as it comes
        self._worker = threading.Thread(target=self._run, name="voicecoach-stream", daemon=True)
        self._worker.start()

    # -- audio in (the recorder's writer thread) ------------------------------------------------
    def feed(self, block: np.ndarray, rate: int = SAMPLE_RATE) -> None:
        """A block of int16 (or float) audio at `rate`; other rates are resampled as they stream.
        16-bit samples at 16 kHz are kept as they are, in half the memory (every reader takes them
        through pcm_float, as a batch analysis of the file the recorder writes does)."""
        as_is = block.dtype == np.int16 and rate == SAMPLE_RATE
        samples = block if as_is else pcm_float(block)
        if rate != SAMPLE_RATE and self._resampler is None:
            self._resampler = to_sample_rate(rate)
        if self._resampler is not None:
            samples = self._resampler.resample_chunk(samples)
        with self._wake:
            if self._cpu_start is None:
                self._cpu_start = cpu_seconds()
                if as_is:
                    self._audio = GrowingSamples(_ROOM, np.int16)
            if self._audio.samples().dtype != np.int16:
                samples = pcm_float(samples)  # a float stream takes 16-bit blocks as floats
            elif not as_is:
                raise ValueError("feed 16-bit samples at 16 kHz throughout, or any other audio throughout")
            self._audio.append(samples)
            if self._length >= self._wake_at:
                self._wake.notify_all()  # the worker, and not only someone in wait_for

    @property
    def _length(self) -> int:
        """Samples received."""
        return self._audio.size

    # -- the worker -----------------------------------------------------------------------------
    @property
    def analyzer(self):
        return self._loader()

    def _run(self) -> None:
        try:
            analyzer = self.analyzer  # loads the model
            self._fillers, self._options = analyzer.lexicons.fillers, analyzer.settings.stretches
            self._ahead = ListeningAhead(analyzer.settings.speech_detection, _ROOM)
            step = int(self._options.check_every_s * SAMPLE_RATE)
            glance = int(_GLANCE_EVERY_S * SAMPLE_RATE)
            looked = 0  # audio looked at for a pause to hear ahead at
            while True:
                with self._wake:
                    # Glances only once hearing ahead may be due; before that, only the looks for a cut.
                    self._wake_at = min(self._checked + step,
                                        max(looked + glance, self._hear_ahead_from(analyzer)))
                    while not self._closing and self._length < self._wake_at:
                        self._wake.wait()
                    if self._length >= self._checked + step:
                        self._checked += step
                        audio, cut_due = self._audio.samples()[: self._checked], True
                    elif self._closing:
                        return  # finish() takes the rest
                    else:  # caught up with the cuts: a glance for a pause between them
                        audio, cut_due = self._audio.samples()[: self._length], False
                    looked = len(audio)
                if cut_due:
                    self._look_for_cut(analyzer, audio)
                    self._ahead.advance(audio)  # so at stop Silero hears only the last seconds
                with self._wake:
                    caught_up = self._length < self._checked + step
                if caught_up:  # behind, the worker keeps up first
                    self._hear_ahead(analyzer, audio)
        except BaseException as exc:  # reported by finish(), on the thread that waits for it
            self._error = exc
        finally:
            with self._wake:
                self._worker_done = True
                self._wake.notify_all()

    def _look_for_cut(self, analyzer, audio: np.ndarray) -> None:
        cut = heard_until(self._heard)
        end = find_cut(audio, cut, self._options, analyzer.settings.speech_detection)
        if end is not None:
            heard = analyzer.hear(audio, Stretch(cut, end, len(audio)))
            with self._wake:
                self._heard.append(heard)
                self.stats.stretches += 1
                self.stats.cut_points.append(end / SAMPLE_RATE)
                self._wake.notify_all()

    def _hear_ahead(self, analyzer, audio: np.ndarray) -> None:
        """Near the answer's target length, at a pause, hear the stretch being recorded as it
        stands. If the answer ends there, the last stretch at stop is the same audio, and the
        transcriber, which keeps the last words it wrote, has them already: the person waits for
        the analyses alone. Heard again only once something was said after."""
        options = self._options
        cut, pause = heard_until(self._heard), options.hear_ahead_pause_s
        pending_s = (len(audio) - cut) / SAMPLE_RATE
        if not pause or len(audio) < self._hear_ahead_from(analyzer) or pending_s <= pause:
            return
        quiet_from = pause_start(audio[cut:], pause)
        since = (len(audio) - self._heard_ahead_at) / SAMPLE_RATE
        if quiet_from is None or (self._heard_ahead_at > cut and quiet_from <= pending_s - since):
            return  # no pause, or nothing said since the last time
        self._heard_ahead_at = len(audio)
        transcribe_stretch(analyzer.transcriber, audio, Stretch(cut, len(audio), len(audio)),
                           analyzer.settings.speech_detection)
        with self._wake:
            self.stats.heard_ahead += 1
            self._wake.notify_all()

    def _hear_ahead_from(self, analyzer) -> int:
        """The audio's length (samples) from which the stretch being recorded is heard ahead."""
        target_s = self.target_s or analyzer.settings.analysis.target_s
        return int(self._options.hear_ahead_from * target_s * SAMPLE_RATE)

    def wait_for_stretches(self, count: int, timeout: Optional[float] = None) -> bool:
        """Until `count` stretches are transcribed while recording (False: the worker stopped first,
        or `timeout` passed)."""
        return self.wait_for(lambda stats: stats.stretches >= count, timeout)

    def wait_for(self, done: Callable[[StreamStats], bool], timeout: Optional[float] = None) -> bool:
        """Until `done(stats)` (False: the worker stopped first, or `timeout` passed)."""
        with self._wake:
            self._wake.wait_for(lambda: done(self.stats) or self._worker_done, timeout)
            return done(self.stats)

    # -- results --------------------------------------------------------------------------------
    def live(self) -> LiveView:
        with self._lock:
            words = [w for h in self._heard for w in h.words]
            seconds = self._length / SAMPLE_RATE
            unseen = (self._length - self._checked) / SAMPLE_RATE
            cuts = [0.0] + self.stats.cut_points
        fillers, options = self._fillers, self._options
        count = sum(is_filled_pause(w, fillers) for w in words) if fillers else 0
        behind = max(0.0, unseen - options.check_every_s) if options else unseen  # one step always waits
        pace = None
        if len(cuts) > 1 and fillers:
            start, end = cuts[-2], cuts[-1]
            said = [w for w in join_number_pieces(words)
                    if start <= w.start < end and not is_filled_pause(w, fillers)]
            pace = sum(spoken_length(w.text.strip()) for w in said) / (end - start) * 60 if end > start else None
        return LiveView(joined(w.text.strip() for w in words), count, seconds, behind, len(cuts) - 1, pace)

    def finish(self, source: str = "") -> AnswerReport:
        """Stop taking audio, transcribe what remains, analyse the whole answer."""
        began = time.perf_counter()
        if self._resampler is not None:
            tail = self._resampler.resample_chunk(np.zeros(0, np.float32), last=True)
            with self._wake:
                self._audio.append(tail)
        with self._wake:
            self._closing = True
            self._wake.notify()
        self._worker.join()
        if self._error is not None:
            raise self._error
        with self._lock:
            audio = self._audio.samples()
        analyzer = self.analyzer
        self.stats.stretches += int(len(audio) > heard_until(self._heard))
        report = analyzer.report_of_stretches(audio, self._heard, self._checked, source, self.category,
                                              self.target_s, self.constraint, self._ahead)
        self.stats.finish_s = time.perf_counter() - began
        self.stats.cpu_s = cpu_seconds() - (self._cpu_start or cpu_seconds())
        return report

    def close(self, wait: bool = False) -> None:
        """Abandon the analysis (a discarded recording). `wait`: until the worker is done with
        the model (quitting: Whisper still running at interpreter exit crashes the process)."""
        with self._wake:
            self._closing = True
            self._wake.notify()
        if wait:
            self._worker.join()

