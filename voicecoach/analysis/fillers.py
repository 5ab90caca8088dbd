"""Filler words: filled pauses (um, uh) and discourse fillers (like, you know) with context rules,
plus filled pauses Whisper left out, found as voiced sounds no word explains."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from voicecoach.analysis.lexicon import DiscourseRule, FillerLexicon
from voicecoach.analysis.tokens import PhraseMatcher, Token, is_number, normalise, phrase_at, tokenize
from voicecoach.options import AnalysisOptions
from voicecoach.report import Filler
from voicecoach.timeline import SILERO, SpeechRegion
from voicecoach.transcript import Word

AUDIO_FILLER_TEXT = "(filled pause)"
# Voiced sound this close to a transcribed "hmm" is that "hmm" going on: 0.5 s from a short stamp
# (Whisper's guess), 0.15 s from one that lasts (its sound was found: see filler_timing).
_SAME_FILLER_S = 0.5
_SAME_SOUND_S = 0.15
_CLAUSE_JOINERS = frozenset({"and", "but", "or", "so", "because", "which", "while"})


@dataclass
class FillerFindings:
    fillers: list[Filler] = field(default_factory=list)
    word_indices: set[int] = field(default_factory=set)  # words that are (part of) a filler


def is_filled_pause(word: Word, lexicon: FillerLexicon) -> bool:
    return normalise(word.text) in lexicon.filled_pauses


def _is_discourse_filler(
    rule: DiscourseRule, tokens: Sequence[Token], first: int, last: int, pause_s: float
) -> bool:
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if before is not None and after is not None and tokens[first].set_off_before and tokens[last].set_off_after:
        return True  # set off on both sides ("I, like, spend"): a parenthetical, whatever its neighbours
    # A comma inside the sentence right after the phrase parts it from the next word, which then
    # cannot be its object ("you know, the guardrail"; Whisper hears the comma where a voice sets
    # the phrase off by its pitch alone, with no pause).
    comma_after = after is not None and tokens[last].set_off_after and after.sentence == tokens[last].sentence
    # ... unless a new clause follows: "the songs I like, and the ones I skip" ends on its verb.
    no_object = comma_after and rule.literal_takes_object and after.norm not in _CLAUSE_JOINERS
    if before is not None and before.norm in rule.not_after and not no_object:
        return False
    if after is not None and after.norm in rule.not_before and not comma_after:
        return False
    if rule.when == "always":
        return True
    set_off_before = tokens[first].set_off_before or (
        before is not None and tokens[first].start - before.end >= pause_s
    )
    set_off_after = tokens[last].set_off_after or (
        after is not None and after.start - tokens[last].end >= pause_s
    )
    if rule.before_number and after is not None and is_number(after.norm):
        return True
    return set_off_after or (rule.when == "either" and set_off_before)


def sounds_like_filler(region: SpeechRegion, options: AnalysisOptions) -> bool:
    """Voiced, at a level pitch, as long as a filled pause."""
    return (
        voiced_like_filler(region, options)
        and region.pitch_spread_st is not None
        and region.pitch_spread_st <= options.audio_filler_max_pitch_spread
    )


def voiced_like_filler(region: SpeechRegion, options: AnalysisOptions) -> bool:
    """Voiced and as long as a filled pause, its pitch level or not."""
    return (
        options.audio_filler_min_s <= region.duration <= options.audio_filler_max_s
        and region.voiced_fraction is not None
        and region.voiced_fraction >= options.audio_filler_min_voiced
    )


def find_fillers(
    words: Sequence[Word],
    unexplained_speech: Sequence[SpeechRegion],
    lexicon: FillerLexicon,
    options: AnalysisOptions,
    set_apart: Sequence[SpeechRegion] = (),
    folded: Sequence[tuple[float, float]] = (),
) -> FillerFindings:
    """`words` are reconciled words; `unexplained_speech` the speech regions no word covers, of
    which `set_apart` were under a word's stamp (voicecoach.analysis.reconcile). Sound before the
    first word or after the last is the answer's only if it was under a stamp or Silero heard it as
    speech: at the edges of a recording a hum, a beep, a laugh or a mouth noise is common, and on
    the real recordings none of them was speech to Silero, while an answer-initial "um" is."""
    tokens = tokenize(words)
    found = FillerFindings()
    for token in tokens:
        if token.norm in lexicon.filled_pauses:
            found.fillers.append(
                Filler(words[token.index].text.strip(" ,.?!"), token.start, token.end,
                       "filled_pause", "transcript")
            )
            found.word_indices.add(token.index)

    matcher = PhraseMatcher((rule.phrase, str(i)) for i, rule in enumerate(lexicon.discourse))
    for match in matcher.find(tokens):
        rule = lexicon.discourse[int(match.tag)]
        if _is_discourse_filler(rule, tokens, match.first, match.last, options.set_off_pause_s):
            phrase = phrase_at(words, tokens, match.first, match.last)
            found.fillers.append(Filler(phrase.text, phrase.start, phrase.end, "discourse", "transcript"))
            found.word_indices.update(t.index for t in tokens[match.first : match.last + 1])

    transcribed = [f for f in found.fillers if f.kind == "filled_pause"]
    if words:
        for region in unexplained_speech:
            inside = (words[0].start < region.start and region.end < words[-1].end or region in set_apart
                      or region.detector == SILERO)
            continues = any(
                region.start - f.end < reach and f.start - region.end < reach
                for f in transcribed
                for reach in [_SAME_SOUND_S if f.end - f.start >= options.filler_stamp_trusted_s
                              else _SAME_FILLER_S]
            )
            if inside and not continues and sounds_like_filler(region, options):
                found.fillers.append(
                    Filler(AUDIO_FILLER_TEXT, region.start, region.end, "filled_pause", "audio")
                )
    # Those Whisper folded into the next word (voicecoach.analysis.folded_fillers).
    found.fillers += [Filler(AUDIO_FILLER_TEXT, start, end, "filled_pause", "audio") for start, end in folded]
    found.fillers.sort(key=lambda f: f.start)
    return found
