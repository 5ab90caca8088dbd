"""Pure measurements over a transcript and a speech timeline: no I/O, no devices, no globals."""

from voicecoach.analysis.analyze import analyze

__all__ = ["analyze"]
