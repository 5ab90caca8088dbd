"""Filled pauses Whisper wrote as another word (voicecoach.analysis.misheard), on constructed words
and regions."""

from voicecoach.analysis.misheard import MISHEARD, unmask_misheard_fillers
from voicecoach.analysis.reconcile import reconcile
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word

MISHEARD_AS = frozenset({"yeah", "or", "oh", "huh"})
UH = SpeechRegion(28.16, 28.32, voiced_fraction=0.7, pitch_spread_st=0.6)  # level and voiced
UH_PART = SpeechRegion(29.88, 30.04, voiced_fraction=0.67, pitch_spread_st=0.55, detector="part")
SAID = SpeechRegion(28.16, 28.40, voiced_fraction=0.8, pitch_spread_st=5.0)  # a real "Yeah." glides


def never_filled(word: Word) -> bool:
    return False


def level(region: SpeechRegion) -> bool:
    return region.pitch_spread_st is not None and region.pitch_spread_st <= 3.0


def test_yeah_alone_on_the_sound_of_an_uh_is_a_filled_pause():
    words = [Word("pipeline.", 22.9, 23.5), Word("Yeah.", 28.16, 28.24), Word("The", 28.93, 29.19)]
    timeline = SpeechTimeline(35.0, [SpeechRegion(22.78, 23.58), UH, SpeechRegion(28.93, 32.51)])
    out = unmask_misheard_fillers(reconcile(words, timeline, never_filled), MISHEARD_AS, level)
    assert [w.text for w in out.words] == ["pipeline.", "The"]
    assert [(d.text, d.reason) for d in out.dropped] == [("Yeah.", MISHEARD)]
    assert UH in out.unclaimed and UH not in out.claimed


def test_a_yeah_that_glides_or_shares_its_speech_stays_a_word():
    timeline = SpeechTimeline(35.0, [SAID, SpeechRegion(28.93, 32.51)])
    words = [Word("Yeah.", 28.16, 28.36), Word("The", 28.93, 29.19)]
    assert unmask_misheard_fillers(reconcile(words, timeline, never_filled), MISHEARD_AS, level).words == words
    # "Yeah, so" on one stretch of speech: a word among words.
    shared = SpeechRegion(28.16, 28.9, voiced_fraction=0.9, pitch_spread_st=0.5)
    words = [Word("Yeah,", 28.16, 28.4), Word("so", 28.45, 28.85)]
    out = unmask_misheard_fillers(reconcile(words, SpeechTimeline(35.0, [shared]), never_filled), MISHEARD_AS, level)
    assert out.words == words
    # A word not in the list ("So.") is never taken for a filler.
    words = [Word("So.", 28.16, 28.24)]
    out = unmask_misheard_fillers(reconcile(words, SpeechTimeline(35.0, [UH]), never_filled), MISHEARD_AS, level)
    assert out.words == words


def test_yeah_alone_on_a_part_of_a_longer_region_is_a_filled_pause():
    # "Otherwise, [0.15 s] uh, [0.15 s] we roll back", one Silero region; the "uh" written "yeah.".
    other, rest = SpeechRegion(29.12, 29.74), SpeechRegion(30.18, 32.38)
    region = SpeechRegion(29.12, 32.38, parts=(other, UH_PART, rest))
    words = [Word("Otherwise,", 29.13, 29.7), Word("yeah.", 29.98, 30.08), Word("we", 30.17, 30.37)]
    out = unmask_misheard_fillers(reconcile(words, SpeechTimeline(35.0, [region]), never_filled), MISHEARD_AS, level)
    assert [w.text for w in out.words] == ["Otherwise,", "we"]
    assert [(d.text, d.reason) for d in out.dropped] == [("yeah.", MISHEARD)]
    assert out.claimed == [region] and out.unclaimed == [UH_PART]
    # A "yeah" that runs on over the next part is a word among words.
    words[1] = Word("yeah,", 29.98, 30.3)
    out = unmask_misheard_fillers(reconcile(words, SpeechTimeline(35.0, [region]), never_filled), MISHEARD_AS, level)
    assert [w.text for w in out.words] == ["Otherwise,", "yeah,", "we"] and out.unclaimed == []
