"""Turn a directive's text, as a converter left it, into the text the reader works on.

Letters reach us through Word, PDF text layers and Markdown-ish converters, each leaving its
own debris: bold and italic markers (``**…**``, ``*để báo cáo*``), footnote markers glued to
words (``tỉnh¹``, ``PCVP^{Huy}``), lines broken where the page or the column ended
(``Ban Chỉ\\n\\nđạo tỉnh``, ``57-\\n\\nNQ/TW``), and whole paragraphs hard-wrapped at the
page width. Every later step (header, references, tasks) reads the cleaned text, and the
review screen shows that same text, so positions found here are positions the officer sees.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPER = f"[{SUPERSCRIPT_DIGITS}]+"

# "tỉnh¹;" / "doanh nghiệp²." — a marker glued to the word before it (a footnote line itself
# starts with its marker and keeps it, so the tasks reader can skip footnotes).
_GLUED_FOOTNOTE = re.compile(rf"(?<=[\w).,;:”\"])\s?{_SUPER}")
_CARET_NOTE = re.compile(r"\^\{[^{}\n]{0,20}\}|\^\d{1,2}\b")  # PCVP^{Huy}, tỉnh^1
_BRACKET_NOTE = re.compile(r"(?<=\w)\[\d{1,2}\]")  # tỉnh[1]
_BOLD = re.compile(r"\*\*|__")
# "*để báo cáo*", "Kính gửi:*": a star touching a word; "* Sở X chủ trì:" at a line start is
# a bullet and stays.
_STAR_GLUED = re.compile(r"(?<=\S)\*+|\*+(?=[^\s*])")
# A PDF's two-column signature table read across: "- Lưu: VT, KTTC. TM. ỦY BAN NHÂN DÂN"; the
# authority mark starts the signature block's own line.
_SIGNING_MARK_IN_LINE = re.compile(r"(?<=[.;,])[ \t]+(?=(?:TM\.|KT\.|TL\.|T/M|K/T|T/L)[ \t]+[A-ZĐÂĂÊÔƠƯỦ])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_TERMINAL = tuple(".;:!?")

# Starts of lines that open a new block: never glued to the line before.
BLOCK_START = re.compile(
    r"""^(?:
        [-+*•–—·]\s                                   # list bullet
      | [IVXLC]+\.\s                                  # I. II.
      | \d{1,2}(?:\.\d{1,2})*[.)]\s                   # 1.  2.1.  3)
      | [a-zđ][).]\s                                  # a)  đ)
      | (?:Kính\s+gửi|Nơi\s+nhận|Căn\s+cứ|V/v)\b
      | [¹²³⁴⁵⁶⁷⁸⁹⁰]
    )""",
    re.VERBOSE,
)


def normalise_chars(raw: str) -> str:
    """Unicode NFC, one kind of newline and space, converter markers removed."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n").replace("\u2028", "\n").replace("\ufeff", "")
    text = _BOLD.sub("", text)
    text = _CARET_NOTE.sub("", text)
    text = _BRACKET_NOTE.sub("", text)
    text = _GLUED_FOOTNOTE.sub("", text)
    text = _SIGNING_MARK_IN_LINE.sub("\n", text)
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        stripped = line.lstrip("*").strip()
        if stripped and not line.startswith("* "):
            # only a bullet "* " keeps its star at the start; stars glued to words go
            line = _STAR_GLUED.sub("", line).strip()
        elif line.startswith("* "):
            line = "* " + _STAR_GLUED.sub("", line[2:]).strip()
        lines.append(line)
    return "\n".join(lines)


# A line a PDF wrapped right after a word that always takes a number: the number on the next
# line belongs to it ("Quảng Ninh, ngày 05 tháng 5 năm\n2026", "Kế hoạch số\n63-KH/TU").
_NEEDS_NUMBER = re.compile(r"(?:^|\s)(?:ngày|tháng|năm|số|quý)$", re.IGNORECASE)


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _wrap_width(lines: list[str]) -> int | None:
    """The page width the text was hard-wrapped at, or None if paragraphs are whole lines.

    A wrapped text has many lines of nearly one length and few much longer; paragraphs kept
    whole give a long tail of lines hundreds of characters long.
    """
    lengths = sorted(len(x) for x in lines if len(x) > 20)
    if len(lengths) < 6:
        return None
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if p90 > 130:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * p90)
    return p90 if near >= len(lengths) * 0.4 and statistics.median(lengths) >= 40 else None


def _continues(prev: str, nxt: str, width: int | None) -> str | None:
    """How ``nxt`` continues ``prev`` ("" glued, " " spaced), or None if it starts a new line."""
    if not prev or not nxt or BLOCK_START.match(nxt) or _is_upper_line(nxt) or _is_upper_line(prev):
        return None
    if re.search(r"\d\s?-$", prev) and re.match(r"[A-ZĐ]{1,6}/", nxt):  # "57-" + "NQ/TW"
        return ""
    if _NEEDS_NUMBER.search(prev) and re.match(r"\d", nxt):  # "ngày 05 tháng 5 năm" + "2026"
        return " "
    if prev.endswith(_TERMINAL):
        return None
    if nxt[0].islower():
        return " "
    if width is not None and len(prev) >= 0.75 * width:
        return " "
    return None


def join_broken_lines(text: str) -> str:
    """Glue lines cut by page breaks or hard wrapping back into whole lines.

    Every line of the result is one unit (paragraph, heading, bullet, header line); the
    blank lines between units are kept as the source had them, one at most.
    """
    lines = text.split("\n")
    width = _wrap_width([x for x in lines if x])
    out: list[list[str | bool]] = []  # [line, blank_before]
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if out:
            glue = _continues(str(out[-1][0]), line, width)
            if glue is not None:
                out[-1][0] = str(out[-1][0]).rstrip() + glue + line
                blank = False
                continue
        out.append([line, blank])
        blank = False
    return "".join(("\n\n" if b and i else "\n" if i else "") + str(x) for i, (x, b) in enumerate(out))


def clean_text(raw: str) -> str:
    """The text the reader and the review screen work on."""
    return join_broken_lines(normalise_chars(raw)).strip() + "\n"
