"""Names as people read them, the same on every screen and in every report."""


def category_label(category: str) -> str:
    """"ml_system_design" -> "ml system design"."""
    return category.replace("_", " ")


_SIGNALS = {"metric_first": "metric first", "experiment": "an experiment", "decision_rule": "a decision rule",
            "quantified_impact": "quantified impact", "tradeoffs": "trade-offs", "star": "STAR, with a number"}


def signal_label(signal: str) -> str:
    """A content signal (signals.toml's names) as a person reads it."""
    return _SIGNALS.get(signal, signal.replace("_", " "))
