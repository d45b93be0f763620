"""A normalised copy of a message for detection, with a map back to the original offsets.

People (and probes) hide personal data from a pattern matcher by writing it in a way that reads
the same to a person: a word joiner, soft hyphen or zero-width space inside a number, full-width
or Arabic-Indic digits, a full-width ``＠``, Cyrillic or Greek letters that look Latin, names and
numbers in capitals. Detection runs on a copy in which all of that is undone; the findings are
mapped back through :class:`Normalised` so that the *original* text is masked, format characters
and all.

Steps, per character of the original:

- format characters (Unicode category Cf: U+200B..U+200F, U+2060..U+2064, U+00AD, U+FEFF, ...)
  are dropped;
- NFKC (full-width letters, digits and signs become ASCII; ligatures are split);
- dashes of every width (en dash, em dash, minus sign, non-breaking hyphen) become ``-``;
- any decimal digit of any script becomes its ASCII digit (NFKC leaves ``٣`` alone);
- in a word that mixes scripts, or that is made only of look-alikes, Cyrillic and Greek letters
  that look like Latin ones become those Latin letters (real Russian or Greek text is left as it is).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Cyrillic and Greek letters that are drawn like a Latin letter (after Unicode's confusables.txt,
# limited to the letters that pass for Latin in a Latin word)
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "һ": "h", "ӏ": "l", "ү": "y", "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J",
    "Ԛ": "Q", "Ԝ": "W", "Һ": "H", "Ӏ": "I", "Ү": "Y",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "υ": "u", "ι": "i", "κ": "k", "τ": "t", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_LOOKALIKES = frozenset(chr(k) for k in _CONFUSABLES)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63")
_WORD = re.compile(r"\w+(?:[.'’\-]\w+)*")


@dataclass(frozen=True)
class Normalised:
    """``text`` is the copy; ``origin[i]`` is the offset in the original of copy character i."""

    original: str
    text: str
    origin: tuple[int, ...] | None  # None: the copy is the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the copy's characters ``start:end`` (end exclusive)."""
        if self.origin is None or start >= end:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _fold_lookalikes(text: str) -> str:
    """Cyrillic/Greek look-alikes to Latin, only in words that are not plainly Cyrillic or Greek."""
    def one(m: re.Match[str]) -> str:
        word = m.group()
        if _LOOKALIKES.isdisjoint(word):
            return word
        letters = [ch for ch in word if ch.isalpha()]
        latin = any(ch.isascii() for ch in letters)
        only_lookalikes = all(ch in _LOOKALIKES for ch in letters)
        return word.translate(_CONFUSABLES) if latin or only_lookalikes else word
    return _WORD.sub(one, text)


def normalise(text: str) -> Normalised:
    """The copy to detect on. ASCII text (most messages) is its own copy."""
    if text.isascii():
        return Normalised(text, text, None)
    out: list[str] = []
    origin: list[int] = []
    changed = False
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(i)
            continue
        if unicodedata.category(ch) == "Cf":
            changed = True
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            piece = str(digit)
        elif ch in _DASHES:
            piece = "-"
        else:
            piece = unicodedata.normalize("NFKC", ch)
        if piece != ch:
            changed = True
        for sub in piece:
            out.append(sub)
            origin.append(i)
    copy = "".join(out)
    folded = _fold_lookalikes(copy)  # one letter for one letter: offsets stay
    if folded != copy:
        changed = True
    if not changed:
        return Normalised(text, text, None)
    return Normalised(text, folded, tuple(origin))
