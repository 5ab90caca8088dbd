"""Names as people read them, the same on every screen and in every report."""

from voicecoach.timefmt import clock


def category_label(category: str) -> str:
    """"ml_system_design" -> "ml system design"."""
    return category.replace("_", " ")


_SIGNALS = {"metric_first": "metric first", "experiment": "an experiment", "decision_rule": "a decision rule",
            "quantified_impact": "quantified impact", "tradeoffs": "trade-offs", "star": "STAR, with a number",
            "decision_matrix": "impact, confidence and effort", "lean_first": "a minimal change first"}


def signal_label(signal: str) -> str:
    """A content signal (signals.toml's names) as a person reads it."""
    return _SIGNALS.get(signal, signal.replace("_", " "))


def shortened(text: str, width: int) -> str:
    """`text` in at most `width` characters, ending in "…" where it was cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def counted(count: int, noun: str, plural: str = "") -> str:
    """"1 pause", "3 pauses"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def quoted(words: str, start: float) -> str:
    """Words of the answer and when they were said, as every report quotes them: “words” at 0:42."""
    return f"\u201c{words}\u201d at {clock(start)}"
