"""The pipeline for one answer: audio -> transcript -> speech timeline -> analyses -> report.

The transcript is heard stretch by stretch, cut where the app cuts an answer while it is recorded
(voicecoach.transcribe.stretches): the app hears the stretches as they end, a batch analysis of the
saved file hears them all at the end, and both give the same report."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from voicecoach import paths
from voicecoach.analysis import analyze
from voicecoach.analysis.constraint_timing import Constraint
from voicecoach.analysis.coverage import uncovered_speech
from voicecoach.analysis.filler_timing import filler_windows, stamped_late
from voicecoach.analysis.fillers import is_filled_pause, sounds_like_filler
from voicecoach.analysis.folded_fillers import onset_windows
from voicecoach.analysis.lexicon import Lexicons
from voicecoach.analysis.pauses import murmur_windows
from voicecoach.analysis.reconcile import INVENTED_ENDING, reconcile
from voicecoach.analysis.second_try import join_recovered
from voicecoach.audio.activity import SpreadWhere
from voicecoach.audio.decode import SAMPLE_RATE, load_audio
from voicecoach.audio.detection import ListeningAhead, speech_timeline
from voicecoach.audio.level import heard_by_whisper
from voicecoach.audio.pitch import heard_in_silence, level_pitch_runs, pitch_track, prosody_track
from voicecoach.errors import VoicecoachError
from voicecoach.options import Settings
from voicecoach.report import AnswerReport
from voicecoach.settings import load_lexicons, load_settings
from voicecoach.timeline import SpeechTimeline
from voicecoach.transcribe.models import resolve_model
from voicecoach.transcribe.recover import recover_unheard
from voicecoach.transcribe.stretches import Stretch, stretches_of, transcribe_stretch
from voicecoach.transcribe.whisper import Transcriber
from voicecoach.transcript import Transcript, Word


@dataclass(frozen=True)
class HeardStretch:
    """A stretch of an answer transcribed, and its pitch tracked, as it ended."""

    stretch: Stretch
    words: list[Word]
    pitch: tuple[np.ndarray, np.ndarray]  # (times in s, Hz)


def heard_until(heard: Optional[Sequence[HeardStretch]]) -> int:
    """The sample where the stretch after those `heard` starts."""
    return heard[-1].stretch.end if heard else 0


@dataclass
class Analyzer:
    """Holds the loaded model so a session analyses many answers without reloading it."""

    settings: Settings
    lexicons: Lexicons
    transcriber: Transcriber

    @classmethod
    def load(cls, model: Optional[str] = None, settings: Optional[Settings] = None,
             lexicons: Optional[Lexicons] = None) -> "Analyzer":
        settings = settings or load_settings()
        spec = resolve_model(model, paths.model_dirs())
        return cls(settings, lexicons or load_lexicons(), Transcriber(spec, settings.transcription))

    def check_category(self, category: str) -> None:
        """For a category a person typed: one signals.toml does not know is a typo. (The analysis
        itself takes any category; one with no expected signals just gives no content tips.)"""
        known = self.lexicons.signals.expected
        if category and category not in known:
            raise VoicecoachError(
                f"unknown question category {category!r}; signals.toml knows {', '.join(sorted(known))}"
            )

    def report(self, transcript: Transcript, timeline: SpeechTimeline, samples: np.ndarray, source: str = "",
               category: str = "", target_s: Optional[float] = None,
               constraint: Optional[Constraint] = None) -> AnswerReport:
        """The analyses over a transcript and its timeline, after a second try at any speech the
        transcript left without words. `category`: the question's category, whose expected content
        signals become tips; `target_s`: the question's own target length; `constraint`: one
        the interviewer stated part-way through. `samples` at their true level: the delivery
        analysis measures it."""
        options = self.settings.analysis
        if target_s is not None:
            options = replace(options, target_s=target_s)
        transcript = self.recovered(transcript, timeline, samples)
        detection = self.settings.speech_detection
        sounds = [sound for r in timeline.regions for sound in r.sounds]
        windows = (filler_windows(transcript.words, self._filled, options, sounds)
                   + murmur_windows(timeline.regions, options))
        timeline = replace(
            timeline,
            level_pitch=heard_in_silence(samples, level_pitch_runs(samples, windows, detection), windows,
                                         timeline.overlapping, detection),
            level_at_onsets=level_pitch_runs(
                samples, onset_windows(transcript.words, timeline.onsets, self._filled),
                replace(detection, level_pitch_min_s=detection.folded_filler_min_s), ending_unvoiced=True),
            prosody=timeline.prosody or prosody_track(samples, timeline.heard_spans),
        )
        report = analyze(transcript, timeline, self.lexicons, options, category, constraint)
        report.source = source
        return report

    def recovered(self, transcript: Transcript, timeline: SpeechTimeline, samples: np.ndarray) -> Transcript:
        """The transcript with words for the stretches of speech it had none for, where a second
        try finds them (voicecoach.transcribe.recover). `samples` at their true level: they are
        raised for Whisper only when there is something to hear again."""
        filled = self._filled
        options = self.settings.analysis
        reconciled = reconcile(transcript.words, timeline, filled, lambda r: sounds_like_filler(r, options))
        kept = reconciled.words
        # A filler stamped late with no length has its sound before the stamp: heard again on its
        # own, that sound comes back as a word ("uhhh" as "for"), so it is not heard again. Nor is
        # the sound under an invented ending: it is the last word's tail (heard alone: "Cheers.").
        # Nor is a short rest of speech after a word, where the speech then stops: Whisper ended
        # the word's stamp early ("listeners." at 40.86 s, said until 41.34 s), and that tail heard
        # alone comes back as a word too ("Cheers."); speech this short is not reported either.
        covering = [replace(w, start=w.start - options.filler_search_before_s)
                    if stamped_late(w, filled, options) else w for w in kept]
        covering += [d for d in reconciled.dropped if d.reason == INVENTED_ENDING]
        stretches = uncovered_speech(covering, timeline, options.retry_min_s, options.unrecognised_min_s)
        if not stretches:
            return transcript
        found = recover_unheard(self.transcriber, heard_by_whisper(samples, self.settings.speech_detection), stretches)
        words = join_recovered(transcript.words, found, [w for w in kept if filled(w)], filled,
                               options.filler_stamp_trusted_s)
        return replace(transcript, words=words)

    def _filled(self, word: Word) -> bool:
        return is_filled_pause(word, self.lexicons.fillers)

    def hear(self, audio: np.ndarray, stretch: Stretch) -> HeardStretch:
        """One stretch's words and pitch (the app hears each while the person goes on speaking)."""
        words = transcribe_stretch(self.transcriber, audio, stretch, self.settings.speech_detection)
        return HeardStretch(stretch, words, pitch_track(audio, stretch.start / SAMPLE_RATE, stretch.end / SAMPLE_RATE))

    def report_of_stretches(self, samples: np.ndarray, heard: Optional[Sequence[HeardStretch]] = None,
                            checked: int = 0, source: str = "", category: str = "",
                            target_s: Optional[float] = None, constraint: Optional[Constraint] = None,
                            ahead: Optional[ListeningAhead] = None) -> AnswerReport:
        """The report of an answer whose stretches the app has `heard` by stop (all but the one being
        recorded; `checked`: the audio it had looked at for a cut; `ahead`: what of its timeline it
        measured meanwhile), or None: a batch analysis. The rest is cut and heard here as the app
        would have."""
        detection = self.settings.speech_detection
        stretches = stretches_of(samples, self.settings.stretches, detection, heard_until(heard), checked)
        if heard is None:
            # Whisper takes both cores anyway, and the timeline's copies beside Whisper's buffers
            # are the most memory an analysis holds: one after the other (the timeline while the
            # model loads).
            timeline = self._timeline(samples)
            heard, last_words = self._hear_rest(samples, stretches, [])
            timeline = self._with_prosody(samples, timeline, heard)
        else:
            # The person waits: the timeline on the other core while the last stretch is heard.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="voicecoach-timeline") as pool:
                whole = pool.submit(self._timeline_with_prosody, samples, list(heard), ahead)
                heard, last_words = self._hear_rest(samples, stretches, list(heard))
                timeline = whole.result()
        transcript = Transcript([w for h in heard for w in h.words] + last_words, model=self.transcriber.spec.name)
        return self.report(transcript, timeline, samples, source, category, target_s, constraint)

    def _timeline(self, samples: np.ndarray, ahead: Optional[ListeningAhead] = None) -> SpeechTimeline:
        analysis = self.settings.analysis
        # Pitch spreads only where the analysis may hear a filled pause: measured everywhere short,
        # they were 0.09 s of a 2-minute answer's timeline (0.35 s), on the core Whisper needs at stop.
        return speech_timeline(samples, self.settings.speech_detection, analysis.long_pause_s, ahead,
                               SpreadWhere(analysis.audio_filler_max_s, analysis.audio_filler_min_voiced))

    def _timeline_with_prosody(self, samples: np.ndarray, heard: Sequence[HeardStretch],
                               ahead: Optional[ListeningAhead]) -> SpeechTimeline:
        return self._with_prosody(samples, self._timeline(samples, ahead), heard)

    @staticmethod
    def _with_prosody(samples: np.ndarray, timeline: SpeechTimeline, heard: Sequence[HeardStretch]) -> SpeechTimeline:
        """With the answer's pitch and level for the delivery analysis: the pitch of the stretches
        `heard` (all but the last), and of the last one's speech."""
        return replace(timeline, prosody=prosody_track(samples, timeline.heard_spans, [h.pitch for h in heard],
                                                       heard_until(heard) / SAMPLE_RATE))

    def _hear_rest(self, samples: np.ndarray, stretches: Iterable[Stretch],
                   heard: list[HeardStretch]) -> tuple[list[HeardStretch], list[Word]]:
        """`heard` with every stretch but the last, and the last one's words."""
        self.transcriber.model  # a model that failed to load fails every answer, even one with no speech
        *rest, last = list(stretches) or [None]
        heard += [self.hear(samples, stretch) for stretch in rest]
        return heard, transcribe_stretch(self.transcriber, samples, last, self.settings.speech_detection) if last else []

    def analyze_samples(self, samples: np.ndarray, source: str = "", category: str = "",
                        target_s: Optional[float] = None, constraint: Optional[Constraint] = None) -> AnswerReport:
        return self.report_of_stretches(samples, source=source, category=category, target_s=target_s,
                                        constraint=constraint)

    def analyze_file(self, path: str | Path, category: str = "", target_s: Optional[float] = None,
                     constraint: Optional[Constraint] = None) -> AnswerReport:
        audio = load_audio(path, self.settings.transcription.max_duration_s, keep_16_bit=True)
        return self.analyze_samples(audio.samples, audio.source, category, target_s, constraint)
