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
    text = split_columns(text)
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


# -- two columns read across ------------------------------------------------------------------
# A letter's header is a two-column table: the issuing body, "Số: …" and "V/v …" on the left;
# the national motto (or the Party's name) and "place, ngày … tháng … năm …" on the right. A PDF
# text layer or a copied Word table gives both columns on the same lines, apart by a tab, a run
# of spaces or nothing at all. The right column's phrases have fixed shapes: they are cut out
# wherever they sit in a header line and put on lines of their own, before the left column.

_GAP = re.compile(r"\t+|[ \u00a0]{3,}")
_RULE = re.compile(r"[-_–—=.]{4,}")  # the short rule drawn under the motto or the body's name
_MOTTO_WORDS: tuple[tuple[str, ...], ...] = (
    ("cộng", "h(?:òa|oà)", "xã", "hội", "chủ", "nghĩa", "việt", "nam"),
    ("độc", "lập", "[-–—]", "tự", "do", "[-–—]", "hạnh", "phúc"),
    ("đảng", "cộng", "sản", "việt", "nam"),
)


def _words(words: tuple[str, ...]) -> str:
    return r"[ \t\u00a0]*".join(words)


_MOTTO = re.compile("|".join(f"{_words(w)}(?![^\\W\\d_])" for w in _MOTTO_WORDS), re.IGNORECASE)
# A motto cut by the table cell's width: its first words end one line, the rest sit on the next.
_MOTTO_SPLIT: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        re.compile(rf"{_words(w[:k])}[ \t\u00a0]*$", re.IGNORECASE),
        re.compile(rf"(?<![^\W\d_]){_words(w[k:])}(?![^\W\d_])", re.IGNORECASE),
    )
    for w in _MOTTO_WORDS
    for k in range(len(w) - 1, 1, -1)
)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.islower() and c.isalpha())
# "Ninh Bình, ngày 12 tháng 3 năm 2026" (day and month may be blank in a draft, the year may
# have wrapped to the next line); the place is found apart from it (see _place_start).
_DATE_PHRASE = re.compile(
    r",[ \t\u00a0]*ngày[ \t\u00a0]*[\d. \t\u00a0]{0,8}tháng[ \t\u00a0]*[\d. \t\u00a0]{0,8}"
    r"năm(?:[ \t\u00a0]*\d{4})?",
    re.IGNORECASE,
)
_TITLE_WORDS_BEFORE = re.compile(
    rf"(?:(?:TP\.|[{_UPPER}][{_LOWER}]+)(?:[ \u00a0]*[-–][ \u00a0]*|[ \u00a0]+)?)+$"
)
_PROVINCE_TAILS = (
    "Thành phố Hồ Chí Minh", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "TP Hồ Chí Minh",
)  # fmt: skip


def _place_start(line: str, comma: int) -> int:
    """Where the place before ``, ngày`` begins: after the last column gap if there is one,
    else at the run of capitalised words glued to the left column ("…/UBND-KGVXNinh Bình")."""
    before = line[:comma]
    gaps = list(_GAP.finditer(before))
    if gaps:
        return gaps[-1].end()
    for tail in _PROVINCE_TAILS:  # names with a lower-case word or a dot in them
        if before.rstrip().lower().endswith(tail.lower()):
            return len(before.rstrip()) - len(tail)
    m = _TITLE_WORDS_BEFORE.search(before.rstrip())
    if m is None:
        return comma
    start = m.start()
    words = before[start:].split()
    if len(words) > 4:  # "Hà Nội" is a place; a whole capitalised sentence before it is not
        start = len(before.rstrip()) - len(" ".join(words[-4:]))
    return start  # glued to an acronym ("KGVXNinh"): a place word has lower-case letters


def cut_right_column(line: str) -> tuple[str, list[str]]:
    """A header line split into its left column and the right column's phrases.

    ``ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` → (``ỦY BAN NHÂN DÂN``,
    [``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``]); a line without motto or date is returned whole.
    """
    spans: list[tuple[int, int]] = [m.span() for m in _MOTTO.finditer(line)]
    for m in _DATE_PHRASE.finditer(line):
        start = _place_start(line, m.start())
        if start < m.start():
            spans.append((start, m.end()))
    if not spans:
        return line, []
    spans.sort()
    rights = [" ".join(line[a:b].split()) for a, b in spans]
    left, at = [], 0
    for a, b in spans:
        left.append(line[at:a])
        at = b
    left.append(line[at:])
    return " ".join(_RULE.sub(" ", " ".join(left)).split()), rights


def _is_body_start(line: str) -> bool:
    text = line.strip()
    return len(text) > 150 or bool(re.match(r"(?:[-–]\s*)?(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện)\b", text))


def split_header_columns(lines: list[str], limit: int = 25) -> list[str]:
    """The header's lines with the right column's phrases moved onto lines of their own,
    ahead of the left column's first line they were read across with."""
    end = next((i for i, x in enumerate(lines[:limit]) if _is_body_start(x)), min(limit, len(lines)))
    head = list(lines[:end])
    for i in range(len(head) - 1):  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM" on the next line
        if _MOTTO.search(head[i]):
            continue
        for first, rest in _MOTTO_SPLIT:
            a = first.search(head[i])
            b = list(rest.finditer(head[i + 1]))
            if a and b:
                tail = b[-1]
                motto = " ".join((head[i][a.start() :] + " " + tail.group()).split())
                head[i] = head[i][: a.start()] + "\t" + motto
                head[i + 1] = (head[i + 1][: tail.start()] + " " + head[i + 1][tail.end() :]).rstrip()
                break
    lefts: list[str] = []
    rights: list[str] = []
    first_split: int | None = None
    for line in head:
        left, right = cut_right_column(line)
        if right and first_split is None:
            first_split = len(lefts)
        rights += right
        if left.strip() or not right:
            lefts.append(left if right else line)
    if first_split is None:
        return lines
    return lefts[:first_split] + rights + lefts[first_split:] + lines[end:]


# The signature table: "Nơi nhận:" and its bullets on the left, the authority, title and name
# on the right, further down the same lines or indented on lines of their own.
_CC = re.compile(r"^\s*Nơi\s+nhận\b", re.IGNORECASE)
_INDENT = re.compile(r"^[ \t\u00a0]{12,}|^\t{2,}")
_MARK_AFTER_CC = re.compile(
    r"^(\s*Nơi\s+nhận\s*:?)\s*((?:TM\.|KT\.|TL\.|T/M|K/T|T/L|TUQ\.)\s.*)$", re.IGNORECASE
)
# "- Như trên; PHÓ CHỦ TỊCH": a run of capitalised words after the bullet's own punctuation.
_CAPS_TAIL = re.compile(
    rf"(?<=[;.,:])[ \t\u00a0]*((?:[{_UPPER}]{{2,}}[ \t\u00a0]+)+[{_UPPER}]{{2,}})[ \t\u00a0]*$"
)


def cut_signature_line(line: str) -> tuple[str, str]:
    """A signature-table line split into its left ("Nơi nhận", bullets) and right parts."""
    if not line.strip():
        return "", ""
    if _INDENT.match(line) and not _GAP.search(line.strip()):
        return "", line.strip()
    gap = _GAP.search(line.strip())
    text = line.strip()
    if gap is not None:
        return text[: gap.start()], text[gap.end() :]
    if m := _MARK_AFTER_CC.match(text):
        return m.group(1), m.group(2)
    if text.startswith(("-", "+", "•", "–")) and "Lưu" not in text and (m := _CAPS_TAIL.search(text)):
        return text[: m.start(1)].rstrip(), m.group(1)
    return text, ""


def split_signature_columns(lines: list[str], window: int = 40) -> list[str]:
    """The signature table's right column moved ahead of "Nơi nhận", as one-column letters have it."""
    start = next(
        (i for i in range(len(lines) - 1, max(-1, len(lines) - window - 1), -1) if _CC.match(lines[i])), None
    )
    if start is None:
        return lines
    lefts: list[str] = []
    rights: list[str] = []
    for line in lines[start:]:
        left, right = cut_signature_line(line)
        if right:
            rights.append(right)
        if left or not right:
            lefts.append(left)
    if not rights:
        return lines
    while lefts and not lefts[-1].strip():
        lefts.pop()
    if lefts and _is_name(lefts[-1]):  # the signer's name under the bullets, not indented
        rights.append(lefts.pop().strip())
    return lines[:start] + rights + [""] + lefts


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def split_columns(text: str) -> str:
    """Header and signature tables read across, turned into one column (see above)."""
    lines = text.split("\n")
    return "\n".join(split_signature_columns(split_header_columns(lines)))
