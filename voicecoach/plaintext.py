"""User text (questions from banks, transcripts, categories) made safe for where it is shown:
plain text in a terminal, a spreadsheet cell, a Markdown table. Never markup, formulas or escape
codes."""

from __future__ import annotations

import html
import re

# C0 and C1 control characters (ESC starts terminal escape sequences), DEL, and the bidi overrides
# that can make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """One line with no control characters: a newline or tab becomes a space, the rest go."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\n\t\r" else "", text)


def csv_cell(value):
    """A value a spreadsheet shows as text: a string that could start a formula gets a leading
    apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown_cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, HTML escaped, pipes escaped."""
    return html.escape(printable(text), quote=False).replace("|", "\\|")
