"""The one exception type the CLI and the TUI show to a person as a single line."""

from __future__ import annotations


class VoicecoachError(Exception):
    """A problem with the user's input or setup, with a message that says what to do."""


def error_line(exc: BaseException) -> str:
    """One line for any failure: ours as they are, the system's with what failed, anything else
    named as unexpected (its traceback goes to the log)."""
    if isinstance(exc, VoicecoachError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc).strip().splitlines()
    return f"unexpected error: {type(exc).__name__}{': ' + text[0] if text else ''}"
