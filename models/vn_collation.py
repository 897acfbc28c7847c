"""Vietnamese alphabetical order as a plain string key, for Python sorts and for SQL columns.

Why not a library: pyuca uses the Unicode default table, where ă, â, ê, ô, ơ, ư are "a/e/o/u
with a mark" (a secondary difference), so "ăn" would file among the a-words by its tone, and
PyICU needs the ICU C library. Vietnamese dictionaries and official lists treat those as
letters of their own, which this key does in a few dozen lines.

The order (the Vietnamese alphabet, with f j w z placed as in the Latin one):

    a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z

compared in three levels, as a collation does:

1. primary — letters of the alphabet above, case and tone marks ignored; a run of digits
   compares as a number ("Quyết định 5" < "Quyết định 12"); spaces and punctuation separate
   words, and a shorter word comes before a longer one it starts ("Ban" < "Bang");
2. secondary — the tone of each letter, in the traditional order: none, huyền (à), hỏi (ả),
   ngã (ã), sắc (á), nặng (ạ);
3. tertiary — lower case before upper case.

The key is ASCII for Vietnamese text (other scripts keep their own characters); UTF-8 bytes,
Python's str comparison, SQLite's BINARY and PostgreSQL's ``COLLATE "C"`` all order it
alike, so it can be stored in a column and indexed.
Characters outside the alphabet (other scripts, symbols that are letters) keep their own
code point after ``~`` and sort after z; two texts differing only in punctuation tie, and
the caller breaks the tie (by id in SQL; Python's sort is stable).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# primary weight per letter: 'A' (0x41) upward, so every letter sorts after digits and separators
_PRIMARY = {letter: chr(0x41 + n) for n, letter in enumerate(ALPHABET)}

# the marks that make a letter of its own (NFD of ă, â/ê/ô, ơ/ư)
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_WITH_MARK = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
# tones, in dictionary order; 0 is "ngang" (no mark)
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# letters NFD does not split: đ, and the Icelandic eth that converted documents use for it
_SPECIAL = {"đ": "đ", "Đ": "Đ", "ð": "đ", "Ð": "Đ"}

LEVEL_SEPARATOR = "!"  # below every primary weight: "Ban" sorts before "Ban Tổ chức"
WORD_SEPARATOR = "#"  # below digits and letters: "Ban X" before "Bana"
_OTHER = "~"  # after z: a character outside the alphabet, followed by itself
_MAX_DIGITS = 15  # a digit run's length is one character from '1' to '?'


_Letter = tuple[str, str, bool] | None


def _letter(ch: str) -> _Letter:
    """(base letter of the alphabet or other character, tone digit, is upper) of one NFC
    character; None for a word separator."""
    if ch in _SPECIAL:
        special = _SPECIAL[ch]
        return (special.lower(), "0", special.isupper())
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isalnum():
        return None
    upper = base.isupper()
    letter = base.lower()
    tone = "0"
    for mark in marks:
        if mark in _LETTER_MARKS:
            letter = _WITH_MARK.get((letter, _LETTER_MARKS[mark]), letter)
        elif mark in _TONES:
            tone = _TONES[mark]
    return (letter, tone, upper)


# each character's reading, computed once: sort keys are written for thousands of tasks at
# a time (an appendix import), and a text has few distinct characters
_LETTER_OF: dict[str, _Letter] = {}


def _letters(text: str) -> list[_Letter]:
    """`_letter` of each character of the NFC form of `text`."""
    out: list[_Letter] = []
    known = _LETTER_OF
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(known[ch])
        except KeyError:
            known[ch] = item = _letter(ch)
            out.append(item)
    return out


def _digit_run(digits: str) -> str:
    """A run of digits as a weight that compares numerically: its length, then the digits."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:  # beyond any number a name carries: compared as text
        digits = digits[:_MAX_DIGITS]
    return chr(0x30 + len(digits)) + digits


def sort_key(text: str) -> str:
    """The key of ``text`` in Vietnamese alphabetical order (see the module docstring)."""
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    digits = ""
    pending_separator = False
    for item in _letters(text):
        if item is not None and item[0].isdigit() and item[0].isascii():
            if pending_separator and primary:
                primary.append(WORD_SEPARATOR)
            pending_separator = False
            digits += item[0]
            continue
        if digits:
            primary.append(_digit_run(digits))
            digits = ""
        if item is None:
            pending_separator = True
            continue
        if pending_separator and primary:
            primary.append(WORD_SEPARATOR)
        pending_separator = False
        letter, tone, upper = item
        weight = _PRIMARY.get(letter)
        primary.append(weight if weight is not None else _OTHER + letter)
        secondary.append(tone)
        tertiary.append("b" if upper else "a")
    if digits:
        primary.append(_digit_run(digits))
    return LEVEL_SEPARATOR.join(("".join(primary), "".join(secondary), "".join(tertiary)))


def sorted_vn(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """``items`` in Vietnamese order of ``key(item)`` (the item itself by default)."""
    return sorted(items, key=lambda item: sort_key(key(item)))


# Stored keys of long texts (a task's content) are cut to this many characters of the text:
# the order of two texts that agree that far is the caller's tie-break (id), and the column
# stays small enough to index.
STORED_PREFIX = 80


def stored_key(text: str) -> str:
    """``sort_key`` of the first STORED_PREFIX characters: what a sort-key column holds."""
    return sort_key(text[:STORED_PREFIX])
