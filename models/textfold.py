"""Accent-insensitive text keys for search and for matching Vietnamese phrases.

Users type "de an" for "Đề án", and appendices mix precomposed and decomposed
characters, so every comparison goes through the same folded form.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ is a letter of its own, not d plus a mark, so NFD leaves it alone; the Icelandic
# eth (Ð/ð) is a frequent look-alike in converted legacy documents.
_LETTER_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_NON_ALNUM = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lowercase, drop diacritics and collapse whitespace so both spellings compare equal."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def fold_tokens(text: str) -> list[str]:
    """Folded words without punctuation, the unit a full-text index and a search agree on."""
    return [token for token in _NON_ALNUM.split(fold(text)) if token]
