"""Accent-insensitive text keys for search and for matching Vietnamese phrases.

Users type "de an" for "Đề án", and appendices mix precomposed and decomposed
characters, so every comparison goes through the same folded form.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ is a letter of its own, not d plus a mark, so NFD leaves it alone; the Icelandic
# eth (Ð/ð) is a frequent look-alike in converted legacy documents.
_NON_ALNUM = re.compile(r"[\W_]+")


class _DropMarks(dict[int, int | None]):
    """A ``str.translate`` table deleting combining marks, filled in as characters are met:
    the folding then runs in C instead of a Python loop over every character (imports fold
    hundreds of thousands of characters)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DROP_MARKS = _DropMarks()


# The marks Vietnamese uses, all of them combining (U+034F, the grapheme joiner, is not):
# removed by one regex; the per-character table only sees text with other non-ASCII left.
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def fold(text: str) -> str:
    """Lowercase, drop diacritics and collapse whitespace so both spellings compare equal."""
    if not text.isascii():  # four replaces run faster than one translate through a table
        text = text.replace("đ", "d").replace("Đ", "d").replace("ð", "d").replace("Ð", "d")
    decomposed = unicodedata.normalize("NFD", text)
    bare = _COMMON_MARKS.sub("", decomposed)
    if not bare.isascii():
        bare = bare.translate(_DROP_MARKS)
    return " ".join(bare.lower().split())


def fold_tokens(text: str) -> list[str]:
    """Folded words without punctuation, the unit a full-text index and a search agree on."""
    return [token for token in _NON_ALNUM.split(fold(text)) if token]
