"""The header and the signature block of a directive: who issued it, when, where, about what,
who signed it and for whom.

Works on the cleaned text (see cleanup.py), line by line, because converters shuffle the
two-column header (issuer left, motto right) into one column in varying orders: each field
is recognised by its own shape, not by its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from models.directive_kinds import DIRECTIVE_KINDS, kind_from_number
from models.textfold import fold

# "Số 420 -CV/TU", "Số: 125 /KH-BCĐ", "Số: 05/UBND-VX", "Số:12/2026/QĐ-UBND"
_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?Số\s*:?\s*(?P<n>\d+[a-z]?)\s*(?P<sep>[-/])\s*(?P<rest>(?:\d{4}\s*/\s*)?[A-ZĐ][\w&.]*"
    r"(?:\s*[-/]\s*[A-ZĐ0-9][\w&.]*)*)",
)
_DATE_LINE = re.compile(
    r"^\s*(?P<place>[^\W\d][^,\n]{1,40}?)\s*,\s*ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})?\s*năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^\s*(?:V/v|V/V|Về việc)\s*:?\s*(?P<s>.*)$")
_AUTHORITY = re.compile(r"^\s*(?P<a>T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+(?P<rest>.+)$")
_MARK_ALONE = re.compile(r"^\s*(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?)\s*$", re.IGNORECASE)
_AUTHORITY_FORMS = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "TUQ", "Q": "Q."}
_MOTTOS = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_RECIPIENTS_TO = re.compile(r"^\s*(?:[-–]\s*)?Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_RECIPIENTS_CC = re.compile(r"^\s*Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-+•–*]\s*")

# Title words as official letters capitalise them, once an all-capitals line is lowered.
_TITLE_PHRASES: tuple[tuple[str, str], ...] = (
    ("ban thường vụ", "Ban Thường vụ"),
    ("ban chấp hành", "Ban Chấp hành"),
    ("ban chỉ đạo", "Ban Chỉ đạo"),
    ("bộ chính trị", "Bộ Chính trị"),
    ("ban bí thư", "Ban Bí thư"),
    ("bí thư", "Bí thư"),
    ("chủ tịch", "Chủ tịch"),
    ("thường trực", "Thường trực"),
    ("ủy ban nhân dân", "Ủy ban nhân dân"),
    ("uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("hội đồng nhân dân", "Hội đồng nhân dân"),
    ("ủy ban kiểm tra", "Ủy ban Kiểm tra"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("tỉnh uỷ", "Tỉnh ủy"),
    ("thành ủy", "Thành ủy"),
    ("huyện ủy", "Huyện ủy"),
    ("đảng ủy", "Đảng ủy"),
    ("chính phủ", "Chính phủ"),
    ("quốc hội", "Quốc hội"),
    ("trung ương", "Trung ương"),
    ("việt nam", "Việt Nam"),
    ("đề án 06", "Đề án 06"),
    ("văn phòng", "Văn phòng"),
)
_ACRONYMS = {"ubnd", "hđnd", "mttq", "cntt", "khcn", "bcđ", "đmst", "cđs"}
# After these words comes a proper name (the place): "TỈNH ỦY HƯNG YÊN", "UBND TỈNH BẮC NINH".
_PLACE_LEAD = re.compile(
    r"\b(tỉnh ủy|thành ủy|huyện ủy|tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+(.+)$", re.IGNORECASE
)

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Huế",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai",
    "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
_PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES} | {"tp. ho chi minh": "TP. Hồ Chí Minh"}

_TITLE_KINDS: tuple[tuple[str, str], ...] = (
    ("ke hoach", "KH"),
    ("thong bao", "TB"),
    ("quyet dinh", "QĐ"),
    ("bao cao", "BC"),
    ("chuong trinh", "CTr"),
    ("nghi quyet", "NQ"),
    ("chi thi", "CT"),
    ("ket luan", "KL"),
    ("huong dan", "HD"),
    ("to trinh", "TTr"),
    ("quy che", "QC"),
    ("de an", "ĐA"),
    ("cong van", "CV"),
)


@dataclass
class Header:
    number: str | None = None
    kind: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: date | None = None
    subject: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    signing_authority: str | None = None
    recipients: list[str] = field(default_factory=list)  # Kính gửi
    copies_to: list[str] = field(default_factory=list)  # Nơi nhận
    title_line: int | None = None  # index of the kind title line ("KẾ HOẠCH"), when there is one


def normalise_number(number: str, sep: str, rest: str) -> str:
    """``420 -CV/TU`` → ``420-CV/TU``; ``125 /KH-BCĐ`` → ``125/KH-BCĐ`` (spaces only go)."""
    return number + sep + "".join(rest.split())


def is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def official_case(text: str) -> str:
    """An all-capitals title as letters write it in running text.

    ``PHÓ BÍ THƯ THƯỜNG TRỰC`` → ``Phó Bí thư Thường trực``; ``TỈNH ỦY HƯNG YÊN`` →
    ``Tỉnh ủy Hưng Yên``; ``CHỦ TỊCH UBND TỈNH`` → ``Chủ tịch UBND tỉnh``.
    """
    words = " ".join(text.split()).lower()
    for low, proper in _TITLE_PHRASES:
        words = re.sub(rf"(?<!\w){low}(?!\w)", proper, words)
    words = re.sub(r"(?<!\w)trưởng Ban\b", "Trưởng Ban", words)
    words = _department_case(words)
    words = " ".join(w.upper() if w in _ACRONYMS else w for w in words.split(" "))
    place = _PLACE_LEAD.search(words)
    if place is not None and not re.search(r"\b(?:ủy|ban|sở|trực|đạo)\b", place.group(2), re.IGNORECASE):
        name = place.group(2)
        words = words[: place.start(2)] + canonical_place(name.title())
    return words[:1].upper() + words[1:]


def _department_case(words: str) -> str:
    """ "sở khoa học và công nghệ" → "Sở Khoa học và Công nghệ": a department's name
    capitalises each of the fields it lists ("Văn hóa, Thể thao và Du lịch")."""
    m = re.match(r"^(sở|bộ)\s+(.+)$", words)
    if m is None:
        return words
    fields = re.split(r"(,\s*|\s+và\s+)", m.group(2))
    named = "".join(f if i % 2 else f[:1].upper() + f[1:] for i, f in enumerate(fields))
    return m.group(1).capitalize() + " " + named


def canonical_place(place: str) -> str:
    """A place name as the province list spells it ("Hung Yên" → "Hưng Yên"), else as written."""
    text = " ".join(place.split())
    return _PROVINCE_BY_FOLD.get(fold(text), text)


def kind_from_title(line: str) -> str | None:
    """``KẾ HOẠCH`` → KH, ``THÔNG BÁO KẾT LUẬN`` → TB: the kind named by a title line."""
    folded = fold(line)
    for words, kind in _TITLE_KINDS:
        if folded == words or folded.startswith(words + " "):
            return kind
    return None


def _is_motto(line: str) -> bool:
    folded = fold(line).strip(" -*")
    return any(folded.startswith(m) for m in _MOTTOS) or folded.startswith("doc lap")


def _is_person_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    return all(w[0].isupper() and w[1:].islower() and w.isalpha() for w in words)


# Words an issuing body's name starts with; an all-capitals header line that starts otherwise
# continues the name above it ("BAN CHỈ ĐẠO" / "PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ," / "… TỈNH";
# "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH").
_ORG_START = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|SỞ|BAN|BỘ|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY|ĐẢNG BỘ"
    r"|VĂN PHÒNG"
    r"|CÔNG AN|CỤC|CHI CỤC|TỔNG CỤC|VIỆN|TRUNG TÂM|TRƯỜNG|BỆNH VIỆN|THANH TRA|KHO BẠC|BẢO HIỂM|NGÂN HÀNG"
    r"|TÒA ÁN|VIỆN KIỂM SÁT|MẶT TRẬN|LIÊN ĐOÀN|TỈNH ĐOÀN|HỘI|CHÍNH PHỦ|QUỐC HỘI|PHÒNG|CƠ QUAN|TỔ|ĐOÀN)\b"
)


def _last_organisation(lines: list[str]) -> str:
    """The lowest body of a header's issuer block, its wrapped lines joined."""
    orgs: list[list[str]] = []
    for line in lines:
        if not orgs or _ORG_START.match(line.strip(" *-")):
            orgs.append([line])
        else:
            orgs[-1].append(line)
    return " ".join(orgs[-1])


def _title_subject(lines: list[str]) -> str | None:
    """A subject written in capitals under the kind title ("KẾT LUẬN CỦA ĐỒNG CHÍ TRƯỞNG BAN
    CHỈ ĐẠO" / "tại phiên họp thứ ba …"), with the lower-case lines that continue it."""
    parts: list[str] = []
    for line in lines[:4]:
        if _NUMBER.match(line) or _DATE_LINE.match(line) or _is_motto(line) or len(line) > 150:
            break
        if parts and is_upper_line(line) != is_upper_line(parts[-1]) and not is_upper_line(parts[-1]):
            break
        parts.append(official_case(line) if is_upper_line(line) else line)
        if line.endswith((".", ":")):
            break
    return " ".join(" ".join(parts).split()).rstrip(" .") or None


def _read_bullets(lines: list[str], start: int, first: str) -> list[str]:
    """Names listed after "Kính gửi:" / "Nơi nhận:" (same line, or one per bullet line)."""
    out = [first] if first else []
    for line in lines[start + 1 :]:
        if not _BULLET.match(line) or len(line) > 200:
            break
        out.append(_BULLET.sub("", line))
    return [x.strip(" ,;.") for x in out if x.strip(" ,;.")]


# An issuing body's name begins with one of these; an all-capitals header line that does not
# continues the name above it ("BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC," / "CÔNG NGHỆ, … TỈNH").
_UNIT_HEAD = re.compile(
    r"^(?:ban|ủy ban|uỷ ban|ubnd|hđnd|hội đồng|tỉnh ủy|tỉnh uỷ|thành ủy|huyện ủy|đảng ủy|đảng bộ|sở|bộ|"
    r"văn phòng|công an|chính phủ|thủ tướng|cơ quan|tổ|hội|liên|trường|trung tâm|cục|chi cục|tòa|viện)\b",
    re.IGNORECASE,
)
# The body's own naming of the issuer: "Ban Chỉ đạo … (sau đây viết tắt là …) ban hành Kế hoạch …",
# "Ủy ban nhân dân tỉnh ban hành Kế hoạch …" — what a plan whose header was lost still says.
_PROMULGATES = re.compile(
    r"(?:^|[;:.]\s+|,\s+)(?P<who>(?:Ban Chỉ đạo|Ban Thường vụ|Ban Chấp hành|Ủy ban nhân dân|Uỷ ban nhân dân"
    r"|UBND|Hội đồng nhân dân|Thường trực|Tỉnh ủy|Thành ủy|Sở|Văn phòng)\b[^.;:()]{0,220}?)"
    r"\s*(?:\((?:sau đây|gọi tắt)[^)]*\)\s*)?,?\s+(?:ban hành|xây dựng|thông báo)\s+"
    r"(?:Kế hoạch|Chương trình|Quyết định|Hướng dẫn|Quy chế|Kết luận|Thông báo|Đề án)",
)


def _issuing_unit(lines: list[str]) -> str:
    """The last body named in the header's capital lines, its continuation lines joined."""
    units: list[str] = []
    for line in lines:
        text = line.strip(" *")
        if units and not _UNIT_HEAD.match(text):
            units[-1] += " " + text
        else:
            units.append(text)
    return units[-1]


def _issuer_from_body(lines: list[str], place: str | None) -> str | None:
    """The issuer as the opening names it, when the header did not survive conversion."""
    for line in lines[:80]:
        m = _PROMULGATES.search(line)
        if m is None:
            continue
        who = " ".join(m.group("who").split()).rstrip(" ,")
        if place and re.search(r"\b(?:tỉnh|thành phố)$", who) and not who.startswith("Ban Chỉ đạo"):
            who += " " + place  # "Ủy ban nhân dân tỉnh" → "Ủy ban nhân dân tỉnh Nghệ An"
        return who
    return None


def read_header(text: str) -> Header:
    """Every header and signature field that can be read; the others stay None."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    h = Header()
    top = lines[:40]
    # The header ends where the body begins: the first long paragraph or "Kính gửi".
    body_at = next(
        (i for i, x in enumerate(top) if len(x) > 150 or _RECIPIENTS_TO.match(x) or _RECIPIENTS_CC.match(x)),
        len(top),
    )
    issuer_lines: list[str] = []
    for i, line in enumerate(top):
        if h.number is None and (m := _NUMBER.match(line)):
            h.number = normalise_number(m.group("n"), m.group("sep"), m.group("rest"))
            continue
        if h.issued_on is None and (m := _DATE_LINE.match(line)):
            try:  # a draft leaves the day blank ("ngày    tháng 3 năm 2026"): place, no date
                h.issued_on = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except (TypeError, ValueError):
                h.issued_on = None
            h.place = canonical_place(m.group("place"))
            continue
        if h.subject is None and (m := _SUBJECT.match(line)):
            parts = [line.strip()]
            for nxt in top[i + 1 :]:
                if _RECIPIENTS_TO.match(nxt) or _DATE_LINE.match(nxt) or _is_motto(nxt) or _BULLET.match(nxt):
                    break
                if _NUMBER.match(nxt) or is_upper_line(nxt) or len(nxt) > 150 or parts[-1].endswith("."):
                    break
                parts.append(nxt)
            h.subject = " ".join(" ".join(parts).split()).rstrip(" .")
            continue
        if h.title_line is None and is_upper_line(line) and (k := kind_from_title(line)) is not None:
            h.title_line = lines.index(line)
            h.kind = h.kind or k
            if h.subject is None and i + 1 < len(top) and not is_upper_line(top[i + 1]):
                subject = top[i + 1].rstrip(" .")  # "THÔNG BÁO / kết luận của …": a sentence case
                h.subject = subject[:1].upper() + subject[1:]
            elif h.subject is None and i + 1 < len(top) and not _is_motto(top[i + 1]):
                h.subject = _title_subject(top[i + 1 :])
            continue
        if (
            is_upper_line(line)
            and not _is_motto(line)
            and h.number is None
            and h.title_line is None
            and i < body_at
            and line.strip(" *-") != ""
        ):
            issuer_lines.append(line)
    if issuer_lines:
        h.issuer = official_case(_issuing_unit(issuer_lines))
    if h.issuer is None:
        h.issuer = _issuer_from_body(lines, h.place)
    if h.number is not None:
        # "12/2026/QĐ-UBND": the year between number and kind is not part of the kind
        h.kind = kind_from_number(re.sub(r"^(\d+[a-z]?)/\d{4}/", r"\1/", h.number)) or h.kind
        if h.kind not in DIRECTIVE_KINDS:
            h.kind = None
    if h.kind is None and h.subject is not None and h.subject.lower().startswith("v/v"):
        h.kind = "CV"
    for i, line in enumerate(top):
        if m := _RECIPIENTS_TO.match(line):
            h.recipients = _read_bullets(top, i, m.group("rest"))
            break
    _read_signature(lines, h)
    return h


def _read_signature(lines: list[str], h: Header) -> None:
    tail_start = max(0, len(lines) - 40)
    for i in range(len(lines) - 1, tail_start - 1, -1):
        if m := _RECIPIENTS_CC.match(lines[i]):
            h.copies_to = _read_bullets(lines, i, m.group("rest"))
            break
    tail = lines[tail_start:]
    name_at = next((i for i in range(len(tail) - 1, -1, -1) if _is_person_name(tail[i])), None)
    if name_at is None:
        return
    h.signer = tail[name_at]
    titles: list[str] = []
    for line in reversed(tail[:name_at]):
        if not is_upper_line(line) or _RECIPIENTS_CC.match(line):
            break
        titles.insert(0, line)
    marks: list[str] = []
    plain: list[str] = []
    at = 0
    while at < len(titles):
        line = titles[at]
        if _MARK_ALONE.match(line) and at + 1 < len(titles):  # "T/M" on its line, the body on the next
            line = f"{line.strip()} {titles[at + 1]}"
            at += 1
        if m := _AUTHORITY.match(line):
            mark = m.group("a").rstrip(".")
            mark = _AUTHORITY_FORMS.get(mark.replace("/", "").upper(), mark.upper())
            marks.append(f"{mark} {official_case(m.group('rest'))}")
        else:
            plain.append(official_case(line))
        at += 1
    # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": every mark, the signer's own last.
    h.signing_authority = "; ".join(marks) or None
    h.signer_title = ", ".join(plain) or None
