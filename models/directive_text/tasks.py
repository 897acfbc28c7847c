"""Draft tasks out of a letter's body: each instruction with its lead, cooperating agencies,
deadline, recurrence, product and the heading it sits under.

The genre, as Party letters and State plans write it:

* a section heading ("2.1. Về hạ tầng …", "III. NHIỆM VỤ") becomes the task's group; the
  sections that state views or aims ("QUAN ĐIỂM", "MỤC TIÊU") hold no tasks;
* a lead line ("* Sở X chủ trì:", "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo:", a heading
  that names an agency "4. Công an tỉnh") gives its lead to the bullets under it, and a
  deadline line under the bullets ("Hoàn thành trong tháng 5/2026.") gives them its deadline;
* an instruction may name its own lead: "X chủ trì, Y phối hợp …", "X chủ trì, phối hợp với Y
  …", "Giao X …", "Đề nghị X …", "X: …", "X, Y khẩn trương …";
* an instruction that names nobody is addressed to whoever the letter's opening asked
  ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, … đơn vị … các nhiệm vụ sau:"), kept as a group.

What cannot be read is said, never guessed: a task without a readable deadline carries the
note "không xác định được thời hạn", one without a lead "không xác định được cơ quan chủ trì".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from models.agency_names import Catalogue, split_names
from models.deadlines import Deadline, DeadlineKind
from models.directive_text.agencies import Party, party, take_agencies
from models.directive_text.cleanup import SUPERSCRIPT_DIGITS
from models.directive_text.deadline_phrases import STEP as _STEP
from models.directive_text.deadline_phrases import UNSURE, deadline_line, find_deadline, says_periodic
from models.textfold import fold

NO_LEAD = "không xác định được cơ quan chủ trì"
UNKNOWN_AGENCY = "cơ quan chưa có trong danh mục: {}"
PERIOD_UNKNOWN = "có «định kỳ» nhưng không rõ chu kỳ"


@dataclass
class DraftTask:
    content: str
    group: str = ""
    lead: list[Party] = field(default_factory=list)
    cooperating: list[Party] = field(default_factory=list)
    product: str = ""
    deadline_text: str = ""
    deadline: Deadline = field(default_factory=lambda: Deadline("", DeadlineKind.UNKNOWN))
    start: int = 0  # the source words in the cleaned text
    end: int = 0
    notes: list[str] = field(default_factory=list)

    def refresh_notes(self) -> None:
        """The unsure notes, recomputed from the fields (after reading or an edit)."""
        notes = [n for n in self.notes if n == PERIOD_UNKNOWN and self.deadline.kind is DeadlineKind.UNKNOWN]
        if self.deadline.kind is DeadlineKind.UNKNOWN:
            notes.insert(0, UNSURE)
        if not self.lead:
            notes.append(NO_LEAD)
        notes += [UNKNOWN_AGENCY.format(p.written) for p in self.lead + self.cooperating if p.name is None]
        self.notes = notes


_HEADING = re.compile(r"^(?P<num>[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s+(?P<title>.+)$")
_ITEM = re.compile(r"^(?:(?:[-+*•–—·]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)])\s*)+")
_STAR = re.compile(r"^\*\s+")
_NON_TASK_TITLES = (
    "quan diem",
    "muc dich",
    "muc tieu",
    "yeu cau",
    "tinh hinh",
    "ket qua",
    "danh gia",
    "can cu",
    "boi canh",
    "thuc trang",
    "pham vi",
    "doi tuong",
)
_STOP = re.compile(r"^(?:Nơi\s+nhận|T/M|TM\.|K/T|KT\.|T/L|TL\.)", re.IGNORECASE)
# A signer's title standing alone in capitals ("GIÁM ĐỐC", "PHÓ CHỦ TỊCH"): the signature
# block of a letter without "Nơi nhận" — the name under it is no task.
_SIGNER_TITLE = re.compile(
    r"^(?:PHÓ\s+)?(?:GIÁM ĐỐC|CHỦ TỊCH|CHÁNH VĂN PHÒNG(?:\s+\S+)*|TRƯỞNG BAN|BÍ THƯ|TRƯỞNG PHÒNG"
    r"|VIỆN TRƯỞNG|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|TỔNG GIÁM ĐỐC|HIỆU TRƯỞNG|THỦ TRƯỞNG(?:\s+\S+)*)\s*$"
)
_CLOSING = re.compile(
    r"^(?:Trong quá trình (?:thực hiện|triển khai)|Căn cứ (?:các )?nội dung|Trên đây là|Nhận được"
    r"|Kinh phí thực hiện)|\./\.\s*$"
    # "Ban Chỉ đạo tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện."
    r"|\bthông báo (?:để|cho)\s[^.;:]{0,80}\bbiết(?:,?\s*(?:và\s+)?thực hiện)?\s*\.?\s*$",
    re.IGNORECASE,
)
# The letter's closing: its own body asking everyone to carry the letter out ("Ban Thường vụ
# Tỉnh ủy yêu cầu các cấp ủy, cơ quan, đơn vị nghiêm túc triển khai thực hiện; định kỳ báo cáo …").
# Not a task: it restates the whole letter. An opening ends with ":" and is never this.
_CLOSING_ASK = re.compile(
    r"^(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ủy ban nhân dân|UBND|Ban Chỉ đạo|Chủ tịch|Văn phòng)"
    r"[^.:;]{0,60}?\s(?:yêu cầu|đề nghị)\s+(?:các|những|mọi|toàn thể)\b[^:]{0,160}?"
    r"\b(?:nghiêm túc|khẩn trương)\s+(?:triển khai\s+)?(?:thực hiện|quán triệt)\b[^:]*$",
    re.IGNORECASE,
)
# The State plans' way of naming the lead and the cooperating agencies after the task:
# "… Đơn vị tham mưu: Công an tỉnh. Cơ quan phối hợp: Sở Khoa học và Công nghệ …".
_STAFF = re.compile(
    r"(?:^|(?<=[.;])\s*)(?:Đơn vị|Cơ quan)\s+(?:tham mưu|chủ trì)(?:\s+(?:thực hiện|thực hiện và tổng hợp))?"
    r"\s*:\s*(?P<who>[^.;]+)[.;]?",
    re.IGNORECASE,
)
_STAFF_COOP = re.compile(
    r"(?:^|(?<=[.;])\s*)(?:Đơn vị|Cơ quan)\s+phối hợp(?:\s+thực hiện)?\s*:\s*(?P<who>[^.;]+)[.;]?",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\b(?:yêu cầu|đề nghị|giao)\s+(?P<who>.+?)\s+(?:theo chức năng|tập trung|khẩn trương|nghiêm túc|triển khai"  # noqa: E501
    r"|thực hiện|chỉ đạo|lãnh đạo|căn cứ|có trách nhiệm|quan tâm)\b",
    re.IGNORECASE,
)
_ASK_PREFIX = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+", re.IGNORECASE)
_LEAD_WORD = re.compile(r"^[\s,]*(?:\(\s*)?chủ trì(?:\s*\))?", re.IGNORECASE)
_COOP_WORD = re.compile(r"^[\s,;]*(?:và\s+)?phối hợp(?:\s+với)?\s*", re.IGNORECASE)
_COOP_AFTER = re.compile(r"^[\s,;]+(?P<who>.+?)\s+phối hợp\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"^\s*(?:theo|trong phạm vi|căn cứ)\b[^:]{0,90}?(?=\bchủ trì\b)", re.IGNORECASE)
_OWN_COOP = re.compile(r"^(?:chủ trì\s*,?\s*(?:và\s+)?|chủ động\s+)?phối hợp với\s+", re.IGNORECASE)
_ROLE_NEXT = re.compile(r"^[\s,;]*(?:\(\s*)?(?:chủ trì|phối hợp|:)", re.IGNORECASE)
_ASKED_LIST = re.compile(r"^(?P<who>[^.:]{3,300}?)[\s,]+(?=(?:chủ trì|phối hợp)\b)", re.IGNORECASE)
_PURPOSE = re.compile(r"^\s*(?:trong (?:việc|công tác)|về việc|để|nhằm)\b", re.IGNORECASE)
_DIRECTS = re.compile(r"^\s*(?:lãnh đạo|chỉ đạo)\b[^:]{0,80}:\s*$", re.IGNORECASE)
_PRODUCT = re.compile(r"\bsản phẩm(?:\s+đầu ra)?\s*(?:là|:)\s*(?P<p>[^.;]+)", re.IGNORECASE)
_PRODUCT_VERB = re.compile(
    r"^(?:khẩn trương\s+)?(?:xây dựng|ban hành|trình|tham mưu ban hành)\s+"
    r"(?P<p>(?:kế hoạch|đề án|quy chế|chương trình|hướng dẫn|quy định|báo cáo)\b[^,;.]*?)"
    # The document's name ends at the clause's punctuation or where the sentence goes on to
    # what is done with it ("… trình UBND tỉnh", "… hoàn thành trước …"): never at a count of
    # characters, which cut "… tỉnh giai đoạn 2026-2030" to "… tỉnh g".
    r"(?=\s+(?:trình|hoàn thành|trước ngày|gửi|để|nhằm)\b|\s*[,;.]|\s*$)",
    re.IGNORECASE,
)
# A product longer than this is shortened at a word, with "…" saying so.
_PRODUCT_MAX = 160
_AGENCY_START = re.compile(
    r"^(?:Sở|Ban|Văn phòng|Công an|Ủy ban|UBND|Các|Báo(?! cáo)|Đài|Trung tâm|Thanh tra|Bảo hiểm|Ngân hàng|Tòa án"  # noqa: E501
    r"|Viện|Cục|Chi cục|Đảng ủy|Bộ|Trường(?! hợp)|Hội(?! nghị| thảo| thi| chợ| diễn)|Liên đoàn|Tỉnh đoàn|Đoàn|Người đứng đầu|Phòng|Tổ(?! chức)|Đội(?! ngũ)"  # noqa: E501
    r"|Doanh nghiệp|Tập đoàn|Tổng công ty|Công ty|Hợp tác xã|Quỹ|Kho bạc|Cảng vụ|Bưu điện)\b"
)
_AGENCY_AFTER_SEP = re.compile(r"^(?:và\s+)?(?:[Cc]ác\s|" + _AGENCY_START.pattern[1:] + ")")
# The verb an instruction's action starts with: where a list of names written out (names the
# catalogue may not know: "Sở Thông tin và Truyền thông (cũ)", "Văn phòng Sở") must end.
_ACTION = re.compile(
    r"\s(?:triển khai|rà soát|xây dựng|tham mưu|tổ chức|thực hiện|hướng dẫn|nghiên cứu|đề xuất|cập nhật"
    r"|kiểm tra|theo dõi|tổng hợp|báo cáo|hoàn thành|phát triển|đẩy mạnh|tăng cường|ban hành|trình|hoàn thiện"
    r"|đánh giá|bảo đảm|đảm bảo|chuẩn bị|vận hành|quản lý|lựa chọn|đôn đốc|giám sát|phối hợp|chủ trì"
    r"|khẩn trương|tập trung|chỉ đạo|ứng dụng|số hóa|tuyên truyền|phổ biến|cung cấp|kết nối|chia sẻ"
    r"|giải quyết|xử lý|làm rõ|khảo sát|thẩm định|rà soát|hỗ trợ|thúc đẩy|bố trí|huy động|sử dụng)\b",
    re.IGNORECASE,
)
# "Giao các Sở: Tài chính, Nội vụ, Tư pháp phối hợp …": one kind of agency, the names listed.
_KIND_LIST = re.compile(r"^các\s+(?P<kind>sở|bộ|ban|phòng|cục|chi cục)\s*:\s*", re.IGNORECASE)


def _split_names(text: str) -> list[str]:
    """Names written one after another, cut at a "," / ";" / "và" that an agency word follows
    ("Sở Văn hóa, Thể thao và Du lịch" stays one; "…(cũ), các doanh nghiệp …" is two);
    never inside brackets."""
    out: list[str] = []
    depth, at, i = 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        sep = re.match(r"\s*[,;]\s*|\s+và\s+", text[i:]) if depth == 0 else None
        if sep is not None and _AGENCY_AFTER_SEP.match(text[i + sep.end() :]):
            out.append(text[at:i])
            at = i = i + sep.end()
            continue
        i += 1
    out.append(text[at:])
    return [x.strip(" ,;") for x in out if x.strip(" ,;")]


def written_parties(catalogue: Catalogue, text: str) -> list[Party]:
    """Each name of a written-out list, by its catalogue name when the catalogue knows it
    (a bracket after a name, "(cũ)", "(Viettel, VNPT, Mobifone)", is not part of the name)."""
    out: list[Party] = []
    for name in _split_names(text):
        bare = re.sub(r"\s*\([^()]*\)", "", name).strip()
        known = party(catalogue, bare)
        out.append(Party(name, known.name, known.is_group) if known.name else party(catalogue, name))
    return out


def _names_to_verb(catalogue: Catalogue, rest: str, at: int) -> tuple[list[Party], int] | None:
    """The names from ``at`` to the action verb, when the catalogue alone cannot say where
    they end; None when no verb follows soon."""
    verb = _ACTION.search(rest, at)
    if verb is None or verb.start() - at > 200 or verb.start() <= at:
        return None
    names = written_parties(catalogue, rest[at : verb.start()])
    return (names, verb.start()) if names else None


# Where the header ends and the body begins, whatever the paragraphs' lengths: the first
# numbered line (the letter's header never numbers its lines), or an opening sentence that
# hands over to what follows ("… chỉ đạo như sau:", "… ban hành Kế hoạch như sau:").
_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s+\S")
_OPENING = re.compile(
    r"(?:như sau|sau đây|các nhiệm vụ(?:,? giải pháp)?(?: trọng tâm)? sau|cụ thể như sau)\s*:\s*$"
    r"|^(?:Căn cứ|Thực hiện|Ngày \d{1,2}[/.]\d{1,2}[/.]\d{4}|Sau khi)\b.{40,}",
    re.IGNORECASE,
)


# A clause that only states when ("hoàn thành …", "báo cáo trước …", "định kỳ …"): it dates
# the action before it.
_DEADLINE_LINE_START = re.compile(
    r"^(?:định kỳ|hằng|hàng|mỗi|thời gian|thời hạn|xong|chậm nhất)\b", re.IGNORECASE
)


@dataclass
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    return [_Line(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) of a heading line: roman or capitals 0, "1." 1, "2.1." 2; else None."""
    letters = [c for c in line if c.isalpha()]
    if (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(line) < 120
        and not line.startswith("-")
    ):
        return 0, line
    m = _HEADING.match(line)
    if m is None:
        return None
    title = m.group("title").strip()
    if len(title) > 110 or title.endswith((".", ";", ":")) or ". " in title:
        return None
    num = m.group("num")
    level = 0 if re.fullmatch(r"[IVXLC]+", num) else num.count(".") + 1
    return level, line.strip()


def _capital(text: str) -> str:
    text = text.strip(" ,;:-–")
    return text[:1].upper() + text[1:]


@dataclass
class _Roles:
    lead: list[Party]
    cooperating: list[Party]
    rest: str  # the instruction after the roles ("" for a lead line)
    keep_whole: bool  # the names are the sentence's subject: the content keeps them


def read_roles(catalogue: Catalogue, text: str) -> _Roles | None:
    """Who an instruction names, and what is left of it; None when it names nobody."""
    body = _ASK_PREFIX.sub("", text, count=1)
    asked = body is not text and body != text
    if (kinds := _KIND_LIST.match(body)) is not None and (
        kind_names := _names_to_verb(catalogue, body, kinds.end())
    ) is not None:
        kind = kinds.group("kind")[:1].upper() + kinds.group("kind")[1:].lower()
        names = re.split(r"\s*[,;]\s*|\s+và\s+", body[kinds.end() : kind_names[1]].strip(" ,;"))
        leads = [party(catalogue, f"{kind} {name}") for name in names if name]
        return _Roles(leads, [], body[kind_names[1] :].strip(), False)
    leads, at = take_agencies(catalogue, body)
    more = re.match(r"^\s*[,;]\s*(?:và\s+)?(?P<more>[^:]{3,120}?)\s*:", body[at:]) if leads else None
    if more is not None and _AGENCY_START.match(more.group("more")):
        # "Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình Quảng Ninh: …"
        leads = leads + written_parties(catalogue, more.group("more"))
        at += more.end() - 1
    if not leads:
        written = re.match(r"^(?P<who>[^:]{3,120}?)\s*(?:\(\s*)?chủ trì\b", body)
        colon = re.match(r"^(?P<who>[^:,;]{3,90}?)\s*:\s*", body)
        m = written or colon
        if m is None or not _AGENCY_START.match(m.group("who")):
            return None
        leads, at = [party(catalogue, m.group("who"))], m.end("who")
    if asked and not _ROLE_NEXT.match(body[at:]):
        # "Đề nghị X, Y và Z; T phối hợp với …": the addressees run up to the role word, some of
        # them names the catalogue lacks ("Tòa án nhân dân tỉnh"): split the whole list.
        listed = _ASKED_LIST.match(body)
        if listed is not None and _AGENCY_START.match(_capital(listed.group("who"))):
            names = split_names(listed.group("who"), catalogue)
            if names:
                leads, at = [party(catalogue, n) for n in names], listed.end("who")
    rest = body[at:]
    qualifier = _QUALIFIER.match(rest)
    if qualifier is not None:
        rest = rest[qualifier.end() :]
    coop: list[Party] = []
    keep_whole = False
    if (m := _LEAD_WORD.match(rest)) is not None:
        rest = rest[m.end() :]
        if (c := _COOP_WORD.match(rest)) is not None:  # "chủ trì, phối hợp với Y …"
            coop, end = take_agencies(catalogue, rest, c.end())
            # the catalogue's names stop before a bracket, a comma or an unknown name: read the
            # list written out up to the action verb ("… (cũ), các doanh nghiệp … triển khai")
            unsure = not coop or re.match(r"\s*[(,;]|\s+và\s", rest[end:]) is not None
            if _ACTION.match(rest, end):
                unsure = False
            up_to_verb = _names_to_verb(catalogue, rest, c.end()) if unsure else None
            if up_to_verb:
                coop, end = up_to_verb
            rest = rest[end:] if coop else rest[c.end() :]
        elif (c := _COOP_AFTER.match(rest)) is not None:  # "chủ trì, Y phối hợp …"
            coop, end = take_agencies(catalogue, rest, c.start("who"))
            if coop:
                rest = rest[c.end() :]
                rest = re.sub(r"^\s*với\b", "", rest)
    elif (c := _COOP_WORD.match(rest)) is not None:  # "X phối hợp với Y: …"
        coop, end = take_agencies(catalogue, rest, c.end())
        rest = rest[end:] if coop else rest
        if asked and _PURPOSE.match(rest):  # "Đề nghị X phối hợp với Y trong việc …": all of it
            rest = body
    elif re.match(r"^\s*(?:\(|-\s)", rest) and ":" in rest[:120]:  # "X - Cơ quan thường trực …: …"
        rest = rest[rest.index(":") :]
    elif not rest.strip().startswith(":"):
        keep_whole = not asked
    rest = rest.strip()
    if rest.startswith(":"):
        rest = rest[1:].strip()
    return _Roles(leads, coop, rest, keep_whole)


def opening_addressee(catalogue: Catalogue, text: str) -> list[Party]:
    """Whom the letter's opening asks to carry out what follows ("… yêu cầu X tập trung …")."""
    asks = list(_ASKS.finditer(text))
    if not asks:
        return []
    who = asks[-1].group("who")
    parties, end = take_agencies(catalogue, who)
    if parties and end >= len(who.rstrip(" ,")) - 1:
        return parties
    return [party(catalogue, who)]


def _own_deadline_parts(content: str, reference: date | None) -> list[str]:
    """An instruction cut where a second action with its own deadline begins: "tổng hợp báo
    cáo … vào thứ Hai hằng tuần; tham mưu tổ chức Hội nghị … trong tháng 12/2026" is two
    tasks (a weekly one and a December one), not one that loses December. A clause that only
    dates the action before it ("…; hoàn thành trước ngày 30/6/2026") never cuts."""
    parts = [content]
    for m in re.finditer(r";\s+", content):
        head, tail = content[: m.start()], content[m.end() :]
        if head.count("(") != head.count(")") or _STEP.match(tail) or _DEADLINE_LINE_START.match(tail):
            continue
        before = parts[-1][: len(parts[-1]) - len(content) + m.start()]
        if find_deadline(before, reference) is not None and find_deadline(tail, reference) is not None:
            parts[-1] = before.rstrip(" ;") + "."
            parts.append(tail)
    return [_capital(p) for p in parts] if len(parts) > 1 else parts


def _product(content: str) -> str:
    m = _PRODUCT.search(content) or _PRODUCT_VERB.match(content)
    if not m:
        return ""
    product = m.group("p").strip()
    if len(product) > _PRODUCT_MAX:
        product = product[:_PRODUCT_MAX].rsplit(" ", 1)[0].rstrip(" ,-") + "…"
    return _capital(product)


class _Reader:
    def __init__(self, catalogue: Catalogue, reference: date | None) -> None:
        self.catalogue = catalogue
        self.reference = reference
        self.tasks: list[DraftTask] = []
        self.group = ""
        self.headings: list[tuple[int, str]] = []  # the open headings, outermost first
        self.default: list[Party] = []
        self.block_lead: list[Party] = []
        self.block_coop: list[Party] = []
        self.block_level: int | None = None  # heading level that set the block lead
        self.block_tasks: list[DraftTask] = []
        self.off_level: int | None = None  # inside a non-task section opened at this level

    def heading(self, level: int, title: str, line: _Line) -> None:
        if self.off_level is not None and level <= self.off_level:
            self.off_level = None
        bare = _HEADING.sub(r"\g<title>", title).strip()
        if any(fold(bare).startswith(w) for w in _NON_TASK_TITLES):
            self.off_level = level if self.off_level is None else self.off_level
        self.headings = [h for h in self.headings if h[0] < level] + [(level, title)]
        self.group = title
        self.end_block()
        parties, _ = take_agencies(self.catalogue, bare)
        if not parties and _AGENCY_START.match(bare) and not fold(bare).startswith("ve "):
            parties = [party(self.catalogue, re.split(r"\s+[-–]\s+", bare)[0])]
        if parties:
            self.block_lead, self.block_level = parties, level

    def numbered_paragraph(self, level: int) -> None:
        """A numbered paragraph ("10. Đề nghị …") closes the headings of its level and below: its
        task belongs to the heading above them, not to the numbered heading before it."""
        if any(h[0] >= level for h in self.headings):
            self.headings = [h for h in self.headings if h[0] < level]
            self.group = self.headings[-1][1] if self.headings else ""
            self.end_block()

    def named(self, who: str) -> list[Party]:
        """The agencies a "Đơn vị tham mưu: …" clause names, known or not (then as written)."""
        who = who.strip()
        parties, end = take_agencies(self.catalogue, who)
        if parties and end >= len(who.rstrip(" ,")) - 1:
            return parties
        known = re.split(r"\s+và\s+các\s+(?:đơn vị|cơ quan)\s+(?:có\s+)?liên quan\b", who)[0]
        parties, end = take_agencies(self.catalogue, known)
        if parties and end >= len(known.rstrip(" ,")) - 1:
            return parties
        return [party(self.catalogue, who)]

    def end_block(self) -> None:
        self.block_lead, self.block_coop, self.block_tasks, self.block_level = [], [], [], None

    def add(self, content: str, line: _Line, roles: _Roles | None) -> DraftTask:
        lead = roles.lead if roles else (self.block_lead or self.default)
        coop = roles.cooperating if roles else self.block_coop
        if roles is None and (m := _OWN_COOP.match(content)) is not None:  # "Chủ trì, phối hợp với Y …"
            coop = take_agencies(self.catalogue, content, m.end())[0] or coop
        if roles is not None and not roles.keep_whole:
            content = _capital(roles.rest)
        if roles is None and (staff := _STAFF.search(content)) is not None:
            lead = self.named(staff.group("who"))
            content = (content[: staff.start()] + content[staff.end() :]).strip()
            if (c := _STAFF_COOP.search(content)) is not None:
                coop = self.named(c.group("who"))
                content = (content[: c.start()] + content[c.end() :]).strip()
        *earlier, content = _own_deadline_parts(content, self.reference)
        for part in earlier:  # "tổng hợp … vào thứ Hai hằng tuần; tham mưu … trong tháng 12/2026"
            self._task(part, line, lead, coop)
        return self._task(content, line, lead, coop)

    def _task(self, content: str, line: _Line, lead: list[Party], coop: list[Party]) -> DraftTask:
        task = DraftTask(content=_capital(content), group=self.group, lead=list(lead), cooperating=list(coop))
        task.start, task.end = line.start, line.end
        found = find_deadline(content, self.reference)
        if found is not None:
            task.deadline_text, task.deadline = found.text, found.deadline
        elif says_periodic(content):
            task.notes.append(PERIOD_UNKNOWN)
        task.product = _product(task.content)
        self.tasks.append(task)
        self.block_tasks.append(task)
        return task

    def block_deadline(self, text: str) -> bool:
        found = deadline_line(text, self.reference)
        if found is None:
            return False
        for task in self.block_tasks:
            if task.deadline.kind is DeadlineKind.UNKNOWN:
                task.deadline_text, task.deadline = found.text, found.deadline
        return True

    def item(self, line: _Line) -> None:
        raw = line.text.strip()
        is_star = _STAR.match(raw) is not None
        bulleted = _ITEM.match(raw) is not None
        content = _ITEM.sub("", raw).strip()
        if not content:
            return
        if self.block_deadline(content):
            return
        roles = read_roles(self.catalogue, content)
        directs = roles is not None and _DIRECTS.match(roles.rest + (":" if content.endswith(":") else ""))
        if roles is not None and (
            not roles.rest or directs or (roles.rest.endswith(":") and len(roles.rest) < 80)
        ):
            # a lead line: the bullets below are its tasks
            self.block_lead, self.block_coop, self.block_tasks = roles.lead, roles.cooperating, []
            self.block_level = None
            return
        if content.endswith(":") and len(content) < 200 and roles is None:
            # "* Các cơ quan tham mưu, giúp việc Tỉnh ủy:" — an addressee the catalogue lacks
            who = re.split(r"\s+(?:chỉ đạo|thực hiện|triển khai)\b", content[:-1])[0]
            self.block_lead, self.block_coop, self.block_tasks = [party(self.catalogue, who)], [], []
            self.block_level = None
            return
        if not bulleted and self.block_level is None and roles is None:
            self.end_block()  # a plain paragraph closes the bullets of a lead line
        elif is_star and roles is None:
            self.end_block()
        task = self.add(content, line, roles)
        if is_star and roles is not None:
            self.block_lead, self.block_coop, self.block_tasks = roles.lead, roles.cooperating, [task]


def read_tasks(text: str, catalogue: Catalogue, reference: date | None = None) -> list[DraftTask]:
    """The draft tasks of a cleaned letter, in the order the letter gives them."""
    lines = _lines(text)
    reader = _Reader(catalogue, reference)
    started = False
    seen_body = False
    for i, line in enumerate(lines):
        raw = line.text.strip()
        if seen_body and (_STOP.match(raw) or _SIGNER_TITLE.match(raw)):
            break
        if raw[:1] in SUPERSCRIPT_DIGITS:
            continue  # a footnote
        head = _heading(raw)
        if not seen_body:
            if _NUMBERED.match(raw):
                # "I. MỤC ĐÍCH, YÊU CẦU", "1. Giao Sở …": a short plan may have no opening
                # paragraph at all; its first numbered line is the body.
                seen_body = started = True
            elif len(raw) > 150 or _OPENING.search(raw):
                seen_body = True
                if raw.endswith(":"):
                    reader.default = opening_addressee(catalogue, raw)
                    started = True
                continue
            else:
                continue
        if not started:
            if head is not None or _ITEM.match(raw) or raw.endswith(":"):
                started = True
                if head is None and raw.endswith(":") and not _ITEM.match(raw):
                    reader.default = opening_addressee(catalogue, raw)
                    continue
            elif i + 1 < len(lines) and len(raw) > 150:
                continue  # another paragraph of the opening ("Căn cứ …")
        if head is not None:
            reader.heading(head[0], head[1], line)
            continue
        if reader.off_level is not None or _CLOSING.search(raw) or _CLOSING.search(_ITEM.sub("", raw)):
            continue
        if not _ITEM.match(raw) and _CLOSING_ASK.match(raw):
            continue
        if (numbered := _HEADING.match(raw)) is not None and not re.fullmatch(r"[IVXLC]+", numbered["num"]):
            reader.numbered_paragraph(numbered["num"].count(".") + 1)
        reader.item(line)
    for task in reader.tasks:
        task.refresh_notes()
    return reader.tasks
