"""Turn Vietnamese typed in legacy 8-bit fonts (TCVN3/ABC ".VnTime", VNI-Windows) into Unicode.

Old workbooks were typed with a font that drew Vietnamese letters over Latin-1 code points,
so once Excel stores the text as Unicode it reads as mojibake ("Së Khoa häc" for "Sở Khoa
học", "Sôû Khoa hoïc" in VNI). The conversion must never touch real Unicode Vietnamese,
which shares many Latin-1 letters (à, á, ô, ê …) with both encodings, so a text is only
converted when it contains no Vietnamese-only code point, shows tell-tale legacy characters
next to letters, and the converted text reads better than the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Encoding(StrEnum):
    TCVN3 = "TCVN3"
    VNI = "VNI"


# TCVN3 (ABC): one byte per letter. Capitals with marks were drawn by a separate font
# (.VnTimeH) from the lowercase codes, so only the seven bare capitals have their own code.
_TCVN3_TO_UNICODE: dict[str, str] = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)

# VNI-Windows: a base letter followed by a separate mark character; a few letters stand alone.
_VNI_MARKS_LOWER = {"sac": "ù", "huyen": "ø", "hoi": "û", "nga": "õ", "nang": "ï"}
_VNI_MARKS_HAT = {"": "â", "sac": "á", "huyen": "à", "hoi": "å", "nga": "ã", "nang": "ä"}
_VNI_MARKS_BREVE = {"": "ê", "sac": "é", "huyen": "è", "hoi": "ú", "nga": "ü", "nang": "ë"}
_TONES = ("", "sac", "huyen", "hoi", "nga", "nang")

# Unicode letter → (base, tone) tables, built once from the five tone rows of each vowel.
_TONED: dict[str, tuple[str, ...]] = {
    "a": ("a", "á", "à", "ả", "ã", "ạ"),
    "ă": ("ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"),
    "â": ("â", "ấ", "ầ", "ẩ", "ẫ", "ậ"),
    "e": ("e", "é", "è", "ẻ", "ẽ", "ẹ"),
    "ê": ("ê", "ế", "ề", "ể", "ễ", "ệ"),
    "i": ("i", "í", "ì", "ỉ", "ĩ", "ị"),
    "o": ("o", "ó", "ò", "ỏ", "õ", "ọ"),
    "ô": ("ô", "ố", "ồ", "ổ", "ỗ", "ộ"),
    "ơ": ("ơ", "ớ", "ờ", "ở", "ỡ", "ợ"),
    "u": ("u", "ú", "ù", "ủ", "ũ", "ụ"),
    "ư": ("ư", "ứ", "ừ", "ử", "ữ", "ự"),
    "y": ("y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"),
}
# In VNI, i-vowels and ỵ are single characters, ơ/ư/đ are single letters.
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "ơ": "ô", "ư": "ö", "đ": "ñ"}


def _vni_lower(letter: str) -> str | None:
    """The VNI spelling of one lowercase Vietnamese letter, or None if it is plain ASCII."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    for base, row in _TONED.items():
        if letter not in row:
            continue
        tone = _TONES[row.index(letter)]
        if base == "â":
            return "a" + _VNI_MARKS_HAT[tone]
        if base == "ê":
            return "e" + _VNI_MARKS_HAT[tone]
        if base == "ô":
            return "o" + _VNI_MARKS_HAT[tone]
        if base == "ă":
            return "a" + _VNI_MARKS_BREVE[tone]
        if base in ("ơ", "ư"):
            return _VNI_SINGLE[base] + (_VNI_MARKS_LOWER[tone] if tone else "")
        if base == "i":
            return _VNI_SINGLE[letter] if tone else None
        if base == "y" and tone == "nang":
            return _VNI_SINGLE["ỵ"]
        return base + _VNI_MARKS_LOWER[tone] if tone else None
    return None


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _TONED.values():
        for letter in row:
            spelled = _vni_lower(letter)
            if spelled is not None:
                table[letter] = spelled
                # VNI capitals use the capital base and the capital mark character.
                table[letter.upper()] = spelled.upper()
    table["đ"], table["Đ"] = "ñ", "Ñ"
    return table


UNICODE_TO_VNI: dict[str, str] = _build_vni()
UNICODE_TO_TCVN3: dict[str, str] = {u: t for t, u in _TCVN3_TO_UNICODE.items()}
_VNI_TO_UNICODE: dict[str, str] = {v: u for u, v in UNICODE_TO_VNI.items()}
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_TO_UNICODE, key=len, reverse=True)))

# Code points only Vietnamese Unicode uses: their presence proves the text is already Unicode.
_VIETNAMESE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
# Latin-1 letters real Vietnamese uses; everything else in 0xA0–0xFF is foreign to it.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY_CHARS = (set(_TCVN3_TO_UNICODE) | {ch for k in _VNI_TO_UNICODE for ch in k}) - _VIETNAMESE_LATIN1
_LEGACY_CHARS -= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TONE_MARKED = {row[i] for row in _TONED.values() for i in range(1, 6)}
_TONE_MARKED |= {ch.upper() for ch in _TONE_MARKED}


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 mojibake as .VnTime typed it; for tests and tools.

    Marked capitals have no code of their own (they came from the .VnTimeH font), so they
    are written with the lowercase code, as in real files: "Ủy" comes back as "ủy".
    """
    return "".join(UNICODE_TO_TCVN3.get(ch, UNICODE_TO_TCVN3.get(ch.lower(), ch)) for ch in text)


def to_vni(text: str) -> str:
    """Unicode → VNI-Windows mojibake; for tests and tools."""
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in text)


def _from_tcvn3(text: str) -> str:
    converted = "".join(_TCVN3_TO_UNICODE.get(ch, ch) for ch in text)
    # Words typed in .VnTimeH are all capitals on screen: restore their case.
    return _WORD.sub(_recapitalise, converted)


def _recapitalise(match: re.Match[str]) -> str:
    word = match.group(0)
    ascii_letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters):
        return word.upper()
    return word


def _from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_TO_UNICODE[m.group(0)], text)


_WORD = re.compile(r"[^\s,.;:!?()\[\]{}\"'/\\\-–—…0-9]+")
_TONE_OF = {ch: row[0] for row in _TONED.values() for ch in row}
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_RHYME = (
    # vowel groups ending in a glide take no final consonant
    "(?:ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|iêu|yêu|ươi|ươu|uôi|oai|oay|oao|oeo|uây|uyu"
    "|ua|ưa|uya|uơ)"
    # these never end a syllable
    "|(?:â|ă|iê|yê|uô|ươ|uyê|oă|uâ)(?:c|m|n|ng|p|t)"
    "|oo(?:ng|c)"
    # -ch and -nh only follow front vowels
    "|(?:a|ê|i|y|oa|uê|uy)(?:ch|nh|c|m|n|ng|p|t)?"
    "|(?:e|o|ô|ơ|u|ư|oe)(?:c|m|n|ng|p|t)?"
)
_SYLLABLE = re.compile(f"{_ONSET}(?:{_RHYME})")


def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable: at most one tone mark, an onset, a known vowel group and a coda."""
    lower = word.lower()
    if sum(ch in _TONE_MARKED for ch in lower) > 1:
        return False
    bare = "".join(_TONE_OF.get(ch, ch) for ch in lower)
    return _SYLLABLE.fullmatch(bare) is not None


def _score(text: str) -> tuple[int, int]:
    """(badness, non-ASCII words): stray legacy characters beside letters weigh 3, odd syllables 1."""
    score = 0
    for i, ch in enumerate(text):
        if ch in _LEGACY_CHARS:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalpha() or after.isalpha():
                score += 3
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    score += sum(not _is_syllable(w) for w in words)
    return score, len(words)


class Converted(NamedTuple):
    text: str
    encoding: Encoding | None  # None: the text was left as it is


_VNI_PAIR = re.compile("[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]")
_DECODERS = ((Encoding.TCVN3, _from_tcvn3), (Encoding.VNI, _from_vni))


def _candidate(text: str) -> bool:
    """Cheap test first: could this text be legacy mojibake at all?"""
    if text.isascii() or _VIETNAMESE_ONLY.search(text):
        return False
    return any(ch in _LEGACY_CHARS for ch in text) or _VNI_PAIR.search(text) is not None


def convert(text: str) -> Converted:
    """Convert one text if, and only if, it is legacy-font mojibake; otherwise return it unchanged.

    A lone short word can read as Unicode and as mojibake ("bé" is also TCVN3 for "bộ"); such
    a text is left alone here. A whole sheet is better judged with `detect_encoding`.
    """
    if not _candidate(text):
        return Converted(text, None)
    best, (best_score, _) = Converted(text, None), _score(text)
    for encoding, fn in _DECODERS:
        candidate = fn(text)
        score, words = _score(candidate)
        # Real Vietnamese reads as syllables: allow a few odd words (names), not a garble.
        if score < best_score and score * 5 <= max(words, 1):
            best, best_score = Converted(candidate, encoding), score
    return best


def detect_encoding(texts: Iterable[str]) -> Encoding | None:
    """The legacy encoding a body of texts (a sheet, a workbook) is typed in, judged as a whole."""
    totals = {None: 0, Encoding.TCVN3: 0, Encoding.VNI: 0}
    words = 0
    for text in texts:
        if not _candidate(text):
            continue
        totals[None] += _score(text)[0]
        for encoding, fn in _DECODERS:
            score, count = _score(fn(text))
            totals[encoding] += score
        words += count
    if totals[None] == 0:
        return None
    best = min((Encoding.TCVN3, Encoding.VNI), key=lambda e: totals[e])
    if totals[best] < totals[None] and totals[best] * 5 <= max(words, 1):
        return best
    return None


def convert_as(text: str, encoding: Encoding) -> str:
    """Decode one text of a body already judged to be `encoding`; Unicode texts stay as they are."""
    if text.isascii() or _VIETNAMESE_ONLY.search(text):
        return text
    decoded = dict(_DECODERS)[encoding](text)
    return decoded if _score(decoded)[0] <= _score(text)[0] else text


def detect(text: str) -> Encoding | None:
    """The legacy encoding a text is written in, or None for Unicode (or undecidable) text."""
    return convert(text).encoding
