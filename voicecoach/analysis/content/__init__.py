"""Interview content signals: what a panel listens for beyond fluency. Pure functions over the
reconciled words; word lists and rules come from prompts/lexicons/signals.toml."""

from voicecoach.analysis.content.signals import find_signals

__all__ = ["find_signals"]
