"""One answer, end to end, as pure functions: transcript + speech timeline -> AnswerReport."""

from __future__ import annotations

from typing import Callable, Optional

from voicecoach.analysis.confidence import confidence_verdict, find_confidence
from voicecoach.analysis.constraint_timing import Constraint, check_constraint
from voicecoach.analysis.content import find_signals
from voicecoach.analysis.coverage import uncovered_speech
from voicecoach.analysis.delivery import analyze_delivery
from voicecoach.analysis.filler_timing import (
    join_split_fillers,
    onto_speech_onsets,
    onto_unwritten_sounds,
    retime_fillers,
)
from voicecoach.analysis.fillers import find_fillers, is_filled_pause, sounds_like_filler, voiced_like_filler
from voicecoach.analysis.folded_fillers import unfold_fillers
from voicecoach.analysis.followups import choose_follow_ups
from voicecoach.analysis.length import judge_length
from voicecoach.analysis.lexicon import Lexicons
from voicecoach.analysis.misheard import unmask_misheard_fillers
from voicecoach.analysis.numbers import join_number_pieces, spoken_length
from voicecoach.analysis.pace import measure_pace
from voicecoach.analysis.pauses import ends_a_pause, find_pauses
from voicecoach.analysis.reconcile import Reconciled, reconcile
from voicecoach.analysis.worded_onsets import heard_under_words
from voicecoach.options import AnalysisOptions
from voicecoach.report import AnswerReport, Filler, Metrics, ReportWord
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Transcript, Word


def analyze(
    transcript: Transcript,
    timeline: SpeechTimeline,
    lexicons: Lexicons,
    options: AnalysisOptions = AnalysisOptions(),
    category: str = "",
    constraint: Optional[Constraint] = None,
) -> AnswerReport:
    """`category`: the question's category (signals.toml [expected]), for content coaching tips;
    `constraint`: one the interviewer stated part-way through the answer."""
    def filled(word: Word) -> bool:
        return is_filled_pause(word, lexicons.fillers)

    def filler_like(region: SpeechRegion) -> bool:
        return sounds_like_filler(region, options)

    timeline = heard_under_words(timeline.with_level_pitch(), transcript.words, filled)
    reconciled = unmask_misheard_fillers(
        reconcile(join_number_pieces(transcript.words), timeline, filled, filler_like),
        lexicons.fillers.misheard, filler_like)
    # Where a filler's sound may be: a run of level pitch (Praat), or speech that sounds like one
    # (voiced, level on the voicing track) - Praat hears some synthetic "um"s fall - that no word
    # explains, or only a filler stamped inside it (Whisper's zero-length "Um," late in its sound).
    sounds = sorted(timeline.level_pitch + [(r.start, r.end) for r in reconciled.unclaimed + _fillers_alone(
        reconciled, filled) if filler_like(r)])
    # Where sound is, with no silence inside.
    parts = [sound for r in reconciled.claimed for sound in r.sounds]
    words = retime_fillers(reconciled.words, sounds, filled, options, parts)
    # A sound apart that no word starts on, voiced and as long as a filled pause, where a filler's
    # pitch does not hold level (a falling "um").
    words = onto_unwritten_sounds(words, [(p.start, p.end) for r in reconciled.claimed for p in r.parts
                                          if voiced_like_filler(p, options)], filled, options)
    # Speech begins after a silence where a region begins, and where each of its parts after the first does.
    onsets = [(r.start, r.end) for r in reconciled.claimed] + [
        (p.start, p.end) for r in reconciled.claimed for p in r.parts[1:]]
    words = onto_speech_onsets(words, onsets, filled, options, parts)
    words = join_split_fillers(words, timeline.level_pitch, filled)
    words, folded = unfold_fillers(words, timeline.onsets, timeline.level_at_onsets, filled)
    fillers = find_fillers(words, reconciled.unclaimed, lexicons.fillers, options, reconciled.set_apart, folded)
    unrecognised = uncovered_speech(words, timeline, options.unrecognised_min_s)
    pauses = find_pauses(
        reconciled.claimed + _heard_inside(reconciled, unrecognised, fillers.fillers, timeline.level_pitch, options),
        words, options
    )
    answer_s = pauses.answer_end - pauses.answer_start
    minutes = answer_s / 60.0

    report_words = [
        ReportWord(w.text.strip(), w.start, w.end, "filler", 1) if i in fillers.word_indices
        else ReportWord(w.text.strip(), w.start, w.end, "word", spoken_length(w.text.strip()))
        for i, w in enumerate(words)
    ]
    lexical_count = sum(w.spoken for w in report_words if w.kind == "word")
    pace = measure_pace(lexical_count, answer_s, pauses.total_s, options)
    length = judge_length(answer_s, options)
    confidence = find_confidence(words, lexicons.confidence, options)
    filler_count = len(fillers.fillers)
    signals = find_signals(words, fillers.word_indices, confidence, lexicons.signals,
                           pauses.answer_start, options.target_s, category)

    metrics = Metrics(
        word_count=lexical_count,
        wpm=pace.wpm,
        articulation_wpm=pace.articulation_wpm,
        pace_verdict=pace.verdict,
        filler_count=filler_count,
        fillers_per_min=filler_count / minutes if minutes > 0 else 0.0,
        pause_count=len(pauses.pauses),
        long_pause_count=sum(p.long for p in pauses.pauses),
        longest_pause_s=max((p.duration for p in pauses.pauses), default=0.0),
        hedge_count=len(confidence.hedges),
        booster_count=len(confidence.boosters),
        calibrated_count=len(confidence.calibrated),
        length_verdict=length.verdict,
        length_delta_s=length.delta_s,
        confidence_verdict=confidence_verdict(
            len(confidence.hedges), len(confidence.boosters), minutes, options
        ),
        filler_verdict=("few" if filler_count / minutes <= options.fillers_ok_per_min else "frequent")
        if minutes > 0 else "n/a",
    )
    delivery = None
    if timeline.prosody is not None and answer_s > 0:
        delivery = analyze_delivery(report_words, timeline.prosody, pauses.answer_start, pauses.answer_end,
                                    options, [p for p in pauses.pauses if p.long])
    report = AnswerReport(
        duration_s=timeline.duration,
        think_time_s=pauses.answer_start if answer_s > 0 else timeline.duration,
        answer_start_s=pauses.answer_start,
        answer_end_s=pauses.answer_end,
        answer_s=answer_s,
        target_s=options.target_s,
        long_pause_s=options.long_pause_s,
        speech_found=answer_s > 0,
        words=report_words,
        dropped_words=reconciled.dropped,
        speech=timeline.spans,
        unrecognised_speech=unrecognised,
        pauses=pauses.pauses,
        fillers=fillers.fillers,
        hedges=confidence.hedges,
        boosters=confidence.boosters,
        calibrated=confidence.calibrated,
        metrics=metrics,
        signals=signals,
        delivery=delivery,
        # A recording stopped before the interviewer's cue never heard the constraint.
        constraint=(check_constraint(words, constraint, signals.tradeoffs)
                    if constraint and timeline.duration >= constraint.after_s else None),
        model=transcript.model,
    )
    report.follow_ups = choose_follow_ups(report, lexicons.follow_ups)
    return report


def _fillers_alone(reconciled: Reconciled, filled: Callable[[Word], bool]) -> list[SpeechRegion]:
    """The regions that hold words, all of them filled pauses."""
    def inside(word: Word, region: SpeechRegion) -> bool:
        return word.start <= region.end and word.end >= region.start

    return [r for r in reconciled.claimed
            if all(filled(w) for w in reconciled.words if inside(w, r))]


def _heard_inside(reconciled: Reconciled, unrecognised: list[tuple[float, float]], fillers: list[Filler],
                  level_pitch: list[tuple[float, float]], options: AnalysisOptions) -> list[SpeechRegion]:
    """Sound that no word explains but that still ends a pause: speech the model did not
    recognise and filled pauses heard in the audio, anywhere (an answer that opens with "um"
    starts there), and between the words whatever Silero heard as speech, that is voiced, or
    that holds a level pitch (pauses.ends_a_pause). Sound that is only loud - a breath, a click -
    does not."""
    heard = [SpeechRegion(start, end, detector="unrecognised") for start, end in unrecognised]
    heard += [SpeechRegion(f.start, f.end) for f in fillers if f.source == "audio"]
    if reconciled.claimed:
        first, last = reconciled.claimed[0].start, reconciled.claimed[-1].end
        heard += [r for r in reconciled.unclaimed
                  if first < r.start and r.end < last and ends_a_pause(r, level_pitch, options)]
    return heard
