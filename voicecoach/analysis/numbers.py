"""Numbers as a person says them.

Whisper writes "twenty percent" as "20%", and "one point five million" as "$1" ".5" "million": a
pace counted from its words runs low on exactly the answers an interview asks for, the ones full
of metrics (on a synthesized answer with five figures in it, 49 words counted for 59 said). The
pieces of one number become one word (`join_number_pieces`), and each word counts as the words it
takes to say (`spoken_words`, with num2words for the figures).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from num2words import num2words

from voicecoach.transcript import Word

_PIECE = re.compile(r"^(?:[.,]\d|%)")  # continues the figure before it: ".5", ",500", "%"
_FIGURE = re.compile(r"([$€£]?)(\d[\d,]*)(\.\d+)?(%|[a-zA-Z]+)?")  # currency, digits, decimals, unit
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
_ORDINAL = {"st", "nd", "rd", "th"}
_RANGE = re.compile(r"\d\s*[-–]\s*[$€£]?\d")


def join_number_pieces(words: Sequence[Word]) -> list[Word]:
    """The words with each figure Whisper wrote in pieces ("3" ",500"; "2" ".3" "%") as one word."""
    out: list[Word] = []
    for word in words:
        piece = word.text.strip()
        before = out[-1].text.strip() if out else ""
        if before[-1:].isdigit() and _PIECE.match(piece):
            first = out[-1]
            out[-1] = replace(first, text=first.text.rstrip() + piece, end=max(first.end, word.end),
                              probability=min(first.probability, word.probability))
        else:
            out.append(word)
    return out


def spoken_words(text: str) -> list[str]:
    """The words a person says for `text`: itself, or for a figure its reading ("20%" is
    "twenty percent", "2024" "twenty twenty-four" as a year, "$1.5" "one point five dollars")."""
    if not any(c.isdigit() for c in text):
        return [text]
    said: list[str] = []
    for k, match in enumerate(_FIGURE.finditer(text)):
        if k == 0 and any(c.isalpha() for c in text[: match.start()]):
            said.append(text[: match.start()].strip("-– ").lower())  # "GPT-4": "gpt four"
        if k and _RANGE.search(text):
            said.append("to")  # "10-20": "ten to twenty"
        said += _figure(*match.groups())
    return said or [text]


def spoken_length(text: str) -> int:
    return len(spoken_words(text))


def _figure(currency: str, digits: str, decimals: str | None, suffix: str | None) -> list[str]:
    plain = digits.replace(",", "")
    try:
        whole = int(plain)
    except ValueError:
        return [digits]
    if suffix in _ORDINAL and not decimals:
        reading = num2words(whole, to="ordinal")
        suffix = None
    elif "," not in digits and not currency and not decimals and len(plain) == 4 and 1100 <= whole < 2100:
        reading = num2words(whole, to="year")  # "in 2024"
    else:
        reading = num2words(whole)
    said = [w for w in re.split(r"[\s,-]+", reading) if w and w != "and"]
    if decimals:
        said += ["point"] + [num2words(int(d)) for d in decimals[1:]]
    if suffix == "%":
        said.append("percent")
    elif suffix and suffix != "s":  # "1990s" is said as one word; "10k", "100ms" add the unit
        said.append(suffix)
    if currency:
        said.append(_CURRENCY[currency])
    return said
