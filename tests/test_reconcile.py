import pytest

from voicecoach.analysis.reconcile import INVENTED_ENDING, reconcile
from voicecoach.timeline import SpeechRegion, SpeechTimeline
from voicecoach.transcript import Word


def is_filled(word: Word) -> bool:
    return word.text.strip(" ,.").lower() in {"um", "uh"}


def test_words_over_silence_are_dropped_and_words_are_clipped_to_speech():
    timeline = SpeechTimeline(12.0, [SpeechRegion(1.0, 2.0), SpeechRegion(8.0, 9.0)])
    words = [
        Word("So", 0.4, 1.3),  # absorbs 0.6 s of the silence before it
        Word("metrics.", 1.3, 2.9),  # and 0.9 s after
        Word("Then", 7.5, 8.5),
        Word("ship.", 8.5, 9.0),
        Word("Okay.", 10.2, 11.0),  # invented in the trailing silence
    ]
    result = reconcile(words, timeline, is_filled)
    assert [(w.text, w.start, w.end) for w in result.words] == [
        ("So", 1.0, 1.3), ("metrics.", 1.3, 2.0), ("Then", 8.0, 8.5), ("ship.", 8.5, 9.0)
    ]
    assert [(d.text, d.reason) for d in result.dropped] == [("Okay.", "no speech in the audio")]
    assert result.unclaimed == []


def test_a_filled_pause_placed_in_silence_moves_to_the_speech_no_word_explains():
    # Whisper heard the "um" (5.2-5.5 s) but stamped it at 5.82 s with no duration.
    timeline = SpeechTimeline(
        10.0, [SpeechRegion(1.5, 4.4), SpeechRegion(5.2, 5.5), SpeechRegion(6.2, 8.8)]
    )
    words = [Word("minutes.", 3.9, 4.6), Word("Um,", 5.82, 5.82), Word("then", 6.2, 6.4)]
    result = reconcile(words, timeline, is_filled)
    assert [(w.text, w.start, w.end) for w in result.words] == [
        ("minutes.", 3.9, 4.4), ("Um,", 5.2, 5.5), ("then", 6.2, 6.4)
    ]
    assert result.claimed == timeline.regions


def test_a_filled_pause_on_the_soft_onset_silero_heard_late_is_kept_there():
    # cold_corpus 12 dB down: "Uh," stamped 1.08-1.32 s; Silero's region starts at 1.28 s, its
    # sound at 1.19 s. Only 0.04 s of the stamp is inside Silero's region, 0.13 s on its sound.
    region = SpeechRegion(1.28, 9.18, sound_start=1.19)
    words = [Word("Uh,", 1.08, 1.32), Word("so", 1.82, 1.94), Word("this", 1.94, 2.16)]
    result = reconcile(words, SpeechTimeline(10.0, [region]), is_filled)
    assert [(w.text, w.start, w.end) for w in result.words] == [
        ("Uh,", 1.28, 1.32), ("so", 1.82, 1.94), ("this", 1.94, 2.16)]
    # Stamped over the silence before that sound, it was never said.
    result = reconcile([Word("Uh,", 0.9, 1.2)] + words[1:], SpeechTimeline(10.0, [region]), is_filled)
    assert [w.text for w in result.words] == ["so", "this"]


def test_a_point_filler_just_before_the_level_run_opening_a_sound_is_kept_on_that_run():
    # cold_corpus spoken 1.25 times as fast: "Uh," stamped at 0.82 s with no length (p = 0.01),
    # the region's sound from 0.95 s, Silero's from 1.02 s, the "uh" a level run 1.05-1.34 s.
    region = SpeechRegion(1.02, 7.42, sound_start=0.95)
    words = [Word("Uh,", 0.82, 0.82, 0.01), Word("so", 1.44, 1.56), Word("this", 1.56, 1.76)]

    def kept(words, level_pitch):
        timeline = SpeechTimeline(10.0, [region], level_pitch=level_pitch)
        return [(w.text, w.start, w.end) for w in reconcile(words, timeline, is_filled).words]

    assert kept(words, [(1.05, 1.34)]) == [("Uh,", 1.05, 1.34), ("so", 1.44, 1.56), ("this", 1.56, 1.76)]
    # No level run there, or one that runs on into the next word, or a stamp 0.3 s before the
    # sound: nothing says the "uh" was said, and it goes as before.
    for level_pitch, stamp in (([], 0.82), ([(1.05, 1.60)], 0.82), ([(1.05, 1.34)], 0.65)):
        assert [t for t, _, _ in kept([Word("Uh,", stamp, stamp, 0.01)] + words[1:], level_pitch)] == ["so", "this"]


def test_loud_sound_in_the_onset_silero_heard_late_is_the_word_s():
    # festival, clipped: "Uh, [0.5 s] the decision". The sound of "the" begins at 17.55 s, Silero's
    # region at 17.82 s; the loud onset was an energy region of its own, left to no word, and
    # with a level pitch it came out a filled pause nobody said.
    onset = SpeechRegion(17.55, 17.79, voiced_fraction=0.6, pitch_spread_st=0.35, detector="energy")
    region = SpeechRegion(17.82, 19.49, sound_start=17.55)
    words = [Word("Uh,", 16.93, 17.05), Word("the", 17.64, 17.84), Word("decision", 17.84, 18.12)]
    timeline = SpeechTimeline(20.0, [SpeechRegion(16.93, 17.05), onset, region])
    result = reconcile(words, timeline, is_filled, lambda r: r.pitch_spread_st is not None)
    assert onset in result.claimed and result.unclaimed == []
    assert [(w.text, w.start) for w in result.words] == [("Uh,", 16.93), ("the", 17.64), ("decision", 17.84)]
    # A breath before a word, with the word's sound heard from Silero's start, is still not the word.
    breath = SpeechRegion(17.55, 17.79, detector="energy")
    timeline = SpeechTimeline(20.0, [SpeechRegion(16.93, 17.05), breath, SpeechRegion(17.82, 19.49)])
    assert breath in reconcile(words, timeline, is_filled).unclaimed


def test_an_ordinary_word_in_silence_is_not_moved_onto_unexplained_speech():
    timeline = SpeechTimeline(10.0, [SpeechRegion(1.0, 2.0), SpeechRegion(3.0, 3.3)])
    result = reconcile([Word("Fine.", 1.0, 2.0), Word("Okay.", 4.0, 4.5)], timeline, is_filled)
    assert [w.text for w in result.words] == ["Fine."]
    assert result.unclaimed == [SpeechRegion(3.0, 3.3)]


def test_the_same_filler_twice_at_one_instant_is_one_filler():
    timeline = SpeechTimeline(10.0, [SpeechRegion(4.3, 6.0)])
    words = [Word("uh,", 4.8, 4.8), Word("uh,", 4.8, 4.8), Word("uh,", 5.5, 5.5), Word("forced", 5.7, 6.0)]
    result = reconcile(words, timeline, is_filled)
    assert [(w.text, w.start) for w in result.words] == [("uh,", 4.8), ("uh,", 5.5), ("forced", 5.7)]
    assert [d.reason for d in result.dropped] == ["repeated filler"]


def test_a_word_just_outside_speech_inside_running_speech_is_kept():
    # Whisper's times drift by a frame or two; a word between heard words is not invented.
    timeline = SpeechTimeline(10.0, [SpeechRegion(1.0, 2.0), SpeechRegion(2.45, 3.0)])
    words = [Word("the", 1.5, 2.0), Word("a", 2.15, 2.2), Word("test", 2.45, 3.0)]
    result = reconcile(words, timeline, is_filled)
    assert [w.text for w in result.words] == ["the", "a", "test"]
    # Snapped onto the nearer speech: the end of the first region, 0.15 s away (not 0.25 s).
    assert (result.words[1].start, result.words[1].end) == (pytest.approx(2.0), pytest.approx(2.0))


def test_words_crammed_into_no_time_at_a_speech_edge_are_dropped():
    timeline = SpeechTimeline(30.0, [SpeechRegion(24.4, 26.02)])
    words = [Word("engagement.", 25.55, 25.99), Word("Thank", 25.99, 25.99), Word("you", 25.99, 25.99),
             Word("very", 25.99, 26.09), Word("much.", 26.09, 26.09)]
    result = reconcile(words, timeline, is_filled)
    assert [w.text for w in result.words] == ["engagement."]
    assert [d.reason for d in result.dropped] == ["no time to say it"] * 4


def test_a_few_words_squeezed_into_no_time_inside_running_speech_are_kept():
    # cold_corpus of ../shared/audio/mfa 1.5 m from the microphone in a simulated office: "uh, I
    # have a cold" came back as "uh, I haven't pulled", "I haven't" in 0.04 s.
    timeline = SpeechTimeline(30.0, [SpeechRegion(1.25, 9.25)])
    words = [Word("purpose,", 3.13, 3.73), Word("uh,", 3.73, 4.27), Word("I", 4.53, 4.55),
             Word("haven't", 4.55, 4.57), Word("pulled", 4.57, 4.89), Word("so", 4.89, 5.11)]
    result = reconcile(words, timeline, is_filled)
    assert [w.text for w in result.words] == [w.text for w in words] and result.dropped == []
    # The same words ending a sentence, or the answer, or not reaching the next word's sound: invented.
    for squeezed in (words[:3] + [Word("haven't.", 4.55, 4.57)] + words[4:], words[:4],
                     words[:4] + [Word("pulled", 4.75, 4.89)] + words[5:]):
        result = reconcile(squeezed, timeline, is_filled)
        assert [(d.text, d.reason) for d in result.dropped] == [("I", "no time to say it"),
                                                                (squeezed[3].text, "no time to say it")]
    # Four words in no time are a run Whisper wrote, not one it squeezed.
    four = words[:4] + [Word("a", 4.57, 4.57), Word("cold", 4.57, 4.57), Word("pulled", 4.57, 4.89)] + words[5:]
    assert [w.text for w in reconcile(four, timeline, is_filled).words] == ["purpose,", "uh,", "pulled", "so"]


def test_a_doubted_word_leading_into_a_crammed_run_goes_with_it():
    timeline = SpeechTimeline(30.0, [SpeechRegion(18.2, 19.8)])
    words = [Word("engagement.", 19.3, 19.7, 0.97), Word("Thank", 19.7, 19.96, 0.01),
             Word("you", 19.96, 19.96, 0.98), Word("much.", 19.96, 19.96, 0.99)]
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["engagement."]
    # Whisper is sure of it, and it continues the sentence before: kept.
    words[0] = Word("engagement,", 19.3, 19.7, 0.97)
    words[1] = Word("Thank", 19.7, 19.96, 0.9)
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["engagement,", "Thank"]


def test_a_word_stretched_over_a_pause_does_not_claim_the_sound_after_it():
    # "it." runs on over 0.6 s of silence into the "uh"; Whisper stamps the "uh" in the silence after.
    timeline = SpeechTimeline(20.0, [SpeechRegion(14.6, 15.7), SpeechRegion(16.26, 16.45),
                                     SpeechRegion(17.1, 18.2)])
    words = [Word("settle", 15.2, 15.5), Word("it.", 15.5, 16.4), Word("Uh,", 16.78, 16.78),
             Word("That", 17.1, 17.3)]
    result = reconcile(words, timeline, is_filled)
    assert [(w.text, w.start, w.end) for w in result.words] == [
        ("settle", 15.2, 15.5), ("it.", 15.5, 15.7), ("Uh,", 16.26, 16.45), ("That", 17.1, 17.3)
    ]


def test_a_word_across_a_stop_closure_keeps_both_sides():
    timeline = SpeechTimeline(5.0, [SpeechRegion(1.0, 1.3), SpeechRegion(1.45, 1.8)])
    result = reconcile([Word("active", 0.9, 1.9)], timeline, is_filled)
    assert (result.words[0].start, result.words[0].end) == (1.0, 1.8) and result.unclaimed == []


def test_an_invented_closing_sentence_goes_whole():
    timeline = SpeechTimeline(20.0, [SpeechRegion(17.1, 18.2)])
    words = [Word("answer.", 17.8, 18.1, 0.9), Word("We'll", 18.1, 18.336, 0.6), Word("see", 18.336, 18.336),
             Word("you", 18.336, 18.336), Word("next", 18.336, 18.336), Word("time.", 18.336, 18.336)]
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["answer."]


def test_a_short_last_sentence_invented_over_the_last_words_tail_goes():
    # "listeners." is said until 37.41 s; Whisper ends it at 37.01 s and writes "Thank you very
    # much." over its tail: "Thank" doubted, and "Thank you" stamped into no time.
    timeline = SpeechTimeline(40.0, [SpeechRegion(35.3, 37.41)])
    words = [Word("new", 36.53, 36.67, 0.72), Word("listeners.", 36.67, 37.01, 0.92),
             Word("Thank", 37.01, 37.01, 0.01), Word("you", 37.01, 37.01, 0.98), Word("very", 37.01, 37.19, 0.25),
             Word("much.", 37.19, 37.41, 0.98)]
    result = reconcile(words, timeline, is_filled)
    assert [w.text for w in result.words] == ["new", "listeners."]
    # "Thank you" runs on into "very": not crammed alone, but the sentence was invented.
    assert [(d.text, d.reason) for d in result.dropped] == [
        ("Thank", INVENTED_ENDING), ("you", INVENTED_ENDING), ("very", INVENTED_ENDING), ("much.", INVENTED_ENDING)]
    # One word Whisper doubts after the last sentence ended.
    words = [Word("new", 40.30, 40.46, 0.87), Word("listeners.", 40.46, 40.86, 0.8), Word("first.", 40.86, 41.02, 0.02)]
    timeline = SpeechTimeline(43.0, [SpeechRegion(38.7, 41.31)])
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["new", "listeners."]
    # A sentence that ends the answer in words crammed into no time, its first words over the
    # tail of "thanks." (said until 22.7 s; cold_corpus3 of ../shared/audio/mfa).
    timeline = SpeechTimeline(24.6, [SpeechRegion(21.8, 22.75)])
    words = [Word("Alright,", 21.88, 22.22, 0.8), Word("thanks.", 22.38, 22.58, 0.9), Word("So,", 22.58, 22.8, 0.4),
             Word("let's", 22.8, 22.8, 0.5), Word("go", 22.8, 22.96, 0.6)] + [
        Word(w, 22.98, 22.98, 0.9) for w in "ahead and take a look at what we're going to do.".split()]
    result = reconcile(words, timeline, is_filled)
    assert [w.text for w in result.words] == ["Alright,", "thanks."]
    assert [d.reason for d in result.dropped].count(INVENTED_ENDING) == 3


def test_a_last_sentence_whisper_is_sure_of_or_that_is_long_or_alone_stays():
    timeline = SpeechTimeline(10.0, [SpeechRegion(1.0, 8.0)])
    said = [Word("We", 1.0, 1.2, 0.9), Word("ship.", 1.2, 1.6, 0.9)]
    sure = said + [Word("Thanks.", 2.0, 2.5, 0.9)]
    assert len(reconcile(sure, timeline, is_filled).words) == 3
    long = said + [Word(w, 2.0 + 0.4 * k, 2.3 + 0.4 * k, 0.05 if k == 0 else 0.9)
                   for k, w in enumerate(["Then", "we", "look", "at", "the", "segments."])]
    assert len(reconcile(long, timeline, is_filled).words) == 8
    alone = [Word("First,", 1.0, 1.4, 0.05), Word("we", 1.5, 1.7, 0.9), Word("ship.", 1.7, 2.0, 0.9)]
    assert len(reconcile(alone, timeline, is_filled).words) == 3


def test_real_speech_after_a_looped_hallucination_is_kept():
    # tiny.en looped "see you in the next video," 200 times at one instant at a chunk's end, then went
    # on with what was said. Averaged over the loop, the real words would look crammed too.
    timeline = SpeechTimeline(40.0, [SpeechRegion(23.26, 26.69), SpeechRegion(27.07, 30.34)])
    loop = [Word(t, 26.84, 26.84) for t in ["Thank", "you", "so", "much"] + ["see", "you", "next", "video,"] * 50]
    said = [Word("And", 26.88, 27.28), Word("I", 27.28, 27.42), Word("would", 27.42, 27.58),
            Word("ship", 27.58, 27.72), Word("it", 27.72, 27.86), Word("if", 27.86, 28.06),
            Word("retention", 28.5, 28.82), Word("goes", 28.82, 29.14), Word("up.", 29.14, 29.34)]
    result = reconcile([Word("users.", 26.34, 26.58)] + loop + said, timeline, is_filled)
    assert [w.text for w in result.words] == ["users."] + [w.text for w in said]
    assert len(result.dropped) == len(loop)


def test_a_word_stamped_over_a_filled_pause_apart_from_its_own_sound_leaves_that_sound():
    # "Uh. [0.3 s] The first": Whisper stamps "The" from the start of the "uh".
    uh = SpeechRegion(1.5, 1.7, voiced_fraction=0.6, pitch_spread_st=0.6)
    rest = SpeechRegion(2.0, 4.5)
    timeline = SpeechTimeline(5.0, [uh, rest])
    words = [Word("The", 1.5, 2.1), Word("first", 2.1, 2.4)]
    result = reconcile(words, timeline, is_filled, lambda r: r.pitch_spread_st is not None)
    assert [(w.text, w.start) for w in result.words] == [("The", 2.0), ("first", 2.1)]
    assert result.set_apart == [uh] and result.unclaimed == [uh]
    # Without a filler's sound, the two regions are one word's, split by a stop closure.
    result = reconcile(words, timeline, is_filled)
    assert result.words[0].start == 1.5 and result.set_apart == [] and result.unclaimed == []
    # Nor is a filler's sound set apart from a word when the gap is as short as a closure.
    close = SpeechRegion(1.5, 1.85, voiced_fraction=0.6, pitch_spread_st=0.6)
    timeline = SpeechTimeline(5.0, [close, rest])
    assert reconcile(words, timeline, is_filled, lambda r: r.pitch_spread_st is not None).set_apart == []
    # Whisper stretches a word's start back over silence, not its end forward over a filler:
    # a level-pitched region after the word's start is the word's own ("Americans ask [1 s] not").
    level = SpeechRegion(3.3, 4.3, voiced_fraction=0.6, pitch_spread_st=0.6)
    timeline = SpeechTimeline(5.0, [SpeechRegion(0.3, 2.27), level])
    result = reconcile([Word("ask", 2.26, 3.88)], timeline, is_filled, lambda r: r.pitch_spread_st is not None)
    assert [(w.start, w.end) for w in result.words] == [(3.3, 3.88)] and result.set_apart == []


def test_a_filled_pause_word_keeps_its_own_sound():
    uh = SpeechRegion(1.5, 1.7, voiced_fraction=0.6, pitch_spread_st=0.6)
    timeline = SpeechTimeline(5.0, [uh, SpeechRegion(2.0, 4.5)])
    words = [Word("Uh,", 1.5, 1.7), Word("the", 2.0, 2.2)]
    result = reconcile(words, timeline, is_filled, lambda r: r.pitch_spread_st is not None)
    assert [(w.text, w.start, w.end) for w in result.words] == [("Uh,", 1.5, 1.7), ("the", 2.0, 2.2)]
    assert result.unclaimed == [] and result.set_apart == []


def test_a_repeated_filler_on_the_next_words_onset_is_dropped():
    # Streaming wrote "Um, [0.7 s] um, online," with the second "um" where "online" starts and
    # "online" squeezed behind it; the speaker said one "um".
    words = [Word("Um,", 33.54, 33.70), Word("um,", 34.40, 34.58), Word("online,", 34.82, 34.84),
             Word("I", 35.26, 35.28)]
    timeline = SpeechTimeline(40.0, [SpeechRegion(33.54, 33.70), SpeechRegion(34.40, 34.88),
                                     SpeechRegion(35.14, 38.08)])
    out = reconcile(words, timeline, is_filled)
    assert [w.text for w in out.words] == ["Um,", "online,", "I"]
    assert [(d.text, d.reason) for d in out.dropped] == [("um,", "repeated filler")]


def test_two_fillers_each_with_a_sound_of_its_own_both_stay():
    timeline = SpeechTimeline(10.0, [SpeechRegion(1.0, 1.3), SpeechRegion(2.0, 2.3), SpeechRegion(2.6, 3.2)])
    # "uh [silence] uh [silence] so": the second has its own stretch of speech.
    words = [Word("uh,", 1.0, 1.3), Word("uh,", 2.0, 2.3), Word("so", 2.6, 3.0)]
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["uh,", "uh,", "so"]
    # "uh [silence] um-so": a different filler running into the word is said, not repeated.
    timeline = SpeechTimeline(10.0, [SpeechRegion(1.0, 1.3), SpeechRegion(2.0, 2.9)])
    words = [Word("uh,", 1.0, 1.3), Word("um,", 2.0, 2.3), Word("so", 2.3, 2.8)]
    assert [w.text for w in reconcile(words, timeline, is_filled).words] == ["uh,", "um,", "so"]


def test_a_filler_stamped_over_silence_into_the_next_word_moves_to_its_own_sound():
    # Whisper: "Um,[33.90-34.44] online,[34.44-34.80]"; the um was said at 33.45-33.70, then silence.
    words = [Word("tracks.", 26.9, 27.3), Word("Um,", 33.90, 34.44), Word("online,", 34.44, 34.80)]
    um = SpeechRegion(33.45, 33.70)
    timeline = SpeechTimeline(40.0, [SpeechRegion(26.0, 27.3), um, SpeechRegion(34.40, 34.88)])
    out = reconcile(words, timeline, is_filled)
    assert [(w.text, w.start, w.end) for w in out.words][1] == ("Um,", 33.45, 33.70)
    assert um in out.claimed


def test_a_part_of_speech_no_word_reaches_is_left_unexplained():
    # Piper's "Otherwise, [0.15 s] uh, [0.15 s] we roll back": Silero hears one region; Whisper
    # writes no "uh" and stretches "we" back over the silence to the uh's last frame.
    other, uh, rest = SpeechRegion(26.58, 27.09), SpeechRegion(27.23, 27.39), SpeechRegion(27.53, 29.45)
    region = SpeechRegion(26.56, 29.5, parts=(other, uh, rest))
    words = [Word("Otherwise,", 26.91, 26.93), Word("we", 27.37, 27.69), Word("roll", 27.69, 27.89)]
    result = reconcile(words, SpeechTimeline(30.0, [region]), is_filled)
    assert result.claimed == [region] and result.unclaimed == [uh]
    # A word centred in its own part may reach far into the one before (Whisper stretches it back).
    words[1] = Word("we", 27.3, 27.8)
    assert reconcile(words, SpeechTimeline(30.0, [region]), is_filled).unclaimed == [uh]
    # One centred in the silence between explains each part it reaches into past Whisper's drift.
    words[1] = Word("we", 27.33, 27.69)
    assert reconcile(words, SpeechTimeline(30.0, [region]), is_filled).unclaimed == []
    # A region's first part, and a part with no words on the far side, are never left unexplained:
    # after a silence Whisper stamps each word on the next one's sound ("but" on the "um").
    but, um = SpeechRegion(3.07, 3.39), SpeechRegion(3.50, 3.86)
    late = SpeechRegion(3.07, 5.54, parts=(but, um, SpeechRegion(3.97, 5.51)))
    words = [Word("but", 3.41, 3.87), Word("online", 4.19, 4.55)]
    assert reconcile(words, SpeechTimeline(6.0, [late]), is_filled).unclaimed == []
    words = [Word("Otherwise,", 26.91, 26.93)]
    assert reconcile(words, SpeechTimeline(30.0, [region]), is_filled).unclaimed == []
