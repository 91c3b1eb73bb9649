"""Brute-force oracles for the phrasing checker's text preparation and literal matching."""

from __future__ import annotations

import unicodedata

APOSTROPHES = "\u2019\u2018\u02bc\uff07`"


def fold_char(char: str) -> str:
    """One character as the key spells it (lower-cased if that keeps it one character)."""
    low = char.lower()
    char = low if len(low) == 1 else char
    return "'" if char in APOSTROPHES else char


def key_of(norm: str) -> str:
    """The key of an already normalised text, one character at a time."""
    out: list[str] = []
    for char in norm:
        if char.isspace() and char != "\n":
            if not out or out[-1] != " ":
                out.append(" ")
        else:
            out.append(fold_char(char))
    return "".join(out)


def nfc(text: str) -> str:
    """The whole text in NFC."""
    return unicodedata.normalize("NFC", text)


def leftmost_occurrences(text: str, pattern: str) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of ``pattern``, scanning left to right."""
    out = []
    i = 0
    while i + len(pattern) <= len(text):
        if text[i : i + len(pattern)] == pattern:
            out.append((i, i + len(pattern)))
            i += len(pattern)
        else:
            i += 1
    return out
