"""A person's own delivery baseline from the history: one answer's pitch variation judged against
the person's usual, as well as against the fixed monotone band (a naturally calm voice is not
"monotone" for being calm, but a flat day for a lively voice shows)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Optional

from voicecoach.storage import Store

MIN_ANSWERS = 5  # fewer earlier answers are no baseline
FLATTER = 0.75  # variation below this share of the usual is flatter than usual ...
LIVELIER = 1.33  # ... above this share, livelier


@dataclass(frozen=True)
class PitchBaseline:
    median_st: float  # the median pitch variation of the answers, in semitones
    answers: int


def pitch_baseline(store: Store, exclude_id: Optional[int] = None) -> Optional[PitchBaseline]:
    """The person's usual pitch variation over the answers whose delivery was measured (without
    `exclude_id`, the answer being judged), or None before MIN_ANSWERS of them."""
    rows = store.query("SELECT pitch_variation_st FROM answers WHERE pitch_variation_st > 0 AND id IS NOT ?",
                       (exclude_id,))
    values = [row[0] for row in rows]
    if len(values) < MIN_ANSWERS:
        return None
    return PitchBaseline(statistics.median(values), len(values))


def compared_to_usual(variation_st: float, baseline: Optional[PitchBaseline]) -> str:
    """One line on how this answer's pitch variation compares with the person's usual; "" when
    there is no baseline yet or it is within the usual range."""
    if baseline is None or variation_st <= 0:
        return ""
    usual = f"your usual is {baseline.median_st:.1f} (median of {baseline.answers} answers)"
    if variation_st < FLATTER * baseline.median_st:
        return (f"Pitch varied {variation_st:.1f} semitones; {usual}: flatter than you usually sound - "
                "lift the key words.")
    if variation_st > LIVELIER * baseline.median_st:
        return f"Pitch varied {variation_st:.1f} semitones; {usual}: livelier than usual."
    return ""
