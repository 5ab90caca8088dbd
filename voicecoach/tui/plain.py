"""User text for Textual: never read as markup ("[CLS]" stays, "[/]" cannot crash a screen) and
without control characters (no escape sequence reaches the terminal)."""

from __future__ import annotations

from rich.text import Text

from voicecoach.plaintext import printable


def plain(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)
