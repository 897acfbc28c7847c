"""Agency names as plans write them: split a cell into names, and match each to the catalogue.

A lead or cooperating cell holds one or several names separated by ";", ",", line breaks
or " và ", but names themselves contain commas and "và" ("Sở Văn hóa, Thể thao và Du
lịch", "UBND các xã, phường"). Splitting on punctuation alone breaks them, so the splitter
tries the longest known name first and only then falls back to the separators. Names are
compared through one key that ignores case, diacritics, spacing and punctuation and expands
the usual abbreviations (UBND, VP, KH&CN …), so "VP UBND tỉnh" and "Văn phòng Ủy ban nhân
dân tỉnh" meet without an alias having been typed for every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from models.textfold import fold

# Multi-word abbreviations first (they contain words the single-word list would expand).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("kh va cn", "khoa hoc va cong nghe"),
    ("kh cn", "khoa hoc va cong nghe"),  # "Sở KH-CN"
    ("kh va dt", "ke hoach va dau tu"),
    ("kh dt", "ke hoach va dau tu"),
    ("gd dt", "giao duc va dao tao"),
    ("tn mt", "tai nguyen va moi truong"),
    ("nn ptnt", "nong nghiep va phat trien nong thon"),
    ("ld tbxh", "lao dong thuong binh va xa hoi"),
    ("ldtb va xh", "lao dong thuong binh va xa hoi"),
    ("tt tt", "thong tin va truyen thong"),
    ("gd va dt", "giao duc va dao tao"),
    ("nn va mt", "nong nghiep va moi truong"),
    ("nn va ptnt", "nong nghiep va phat trien nong thon"),
    ("tn va mt", "tai nguyen va moi truong"),
    ("ld tb va xh", "lao dong thuong binh va xa hoi"),
    ("vh tt va dl", "van hoa the thao va du lich"),
    ("tt va tt", "thong tin va truyen thong"),
    ("gt vt", "giao thong van tai"),
    ("so ct", "so cong thuong"),
    ("ca tinh", "cong an tinh"),
    ("cac so nganh", "cac so ban nganh"),  # "Các sở, ngành" is the usual short form of the group
    ("cac so ban nganh tinh", "cac so ban nganh"),
)
_WORDS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ub": "uy ban",
    "vp": "van phong",
    "khcn": "khoa hoc va cong nghe",
    "khdt": "ke hoach va dau tu",
    "gddt": "giao duc va dao tao",
    "nnmt": "nong nghiep va moi truong",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "ptnt": "phat trien nong thon",  # "Sở Nông nghiệp và PTNT"
    "tnmt": "tai nguyen va moi truong",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "vhttdl": "van hoa the thao va du lich",
    "tttt": "thong tin va truyen thong",
    "gtvt": "giao thong van tai",
    "bql": "ban quan ly",
    "kcn": "khu cong nghiep",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubkt": "uy ban kiem tra",
    "bhxh": "bao hiem xa hoi",
    "nhnn": "ngan hang nha nuoc",
    "pvhcc": "phuc vu hanh chinh cong",
    "dh": "dai hoc",
    "spkt": "su pham ky thuat",
    "vptu": "van phong tinh uy",
    "cn": "chi nhanh",
    "kv": "khu vuc",
    "bch": "ban chi huy",
    "qs": "quan su",
    "bcd": "ban chi dao",
}
_PUNCT = re.compile(r"[^\w\s]+")
_TRAILING_RELATED = re.compile(r"^( cac .*?) (?:co )?lien quan $")
_GLUED_NUMBER = re.compile(r"([a-z])(\d)")


def name_key(text: str) -> str:
    """The comparison key of a name: folded, "&" read as "và", punctuation dropped, abbreviations expanded."""
    t = fold(text).replace("&", " va ")
    t = _PUNCT.sub(" ", t)
    t = _GLUED_NUMBER.sub(r"\1 \2", t)  # "KV12" → "kv 12"
    t = f" {' '.join(t.split())} "
    t = _TRAILING_RELATED.sub(r"\1 ", t)  # "các sở, ngành liên quan" is the group "các sở, ngành"
    for short, full in _PHRASES:
        t = t.replace(f" {short} ", f" {full} ")
    key = " ".join(_WORDS.get(w, w) for w in t.split())
    if key.startswith("so ") and key.endswith(" tinh"):
        key = key[: -len(" tinh")]  # "Sở KH&CN tỉnh": a Sở is always the province's
    return key


def clean_name(text: str) -> str:
    """A name as written, minus list bullets, stray punctuation at the ends and extra spaces."""
    t = unicodedata.normalize("NFC", text)
    t = " ".join(t.split())
    t = re.sub(r"^(?:[-+•*–—·]+|\d{1,2}[.)]|[a-zđ][.)])\s*", "", t)
    return t.strip(" .,;:-–—")


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: tuple[str, ...] = ()
    is_group: bool = False
    kind: str = ""  # the catalogue's agency kind, when it knows one
    # Names this agency had, or agencies merged into it; matched only as a proposal.
    former: tuple[str, ...] = ()


# The 2025 reorganisation of provincial departments (Nghị định 45/2025/NĐ-CP lists the Sở kept
# everywhere; each province's resolution merged the others, e.g. Long An 28/2/2025): old plans
# still name the merged ones. Each maps to its successor, proposed to the user, never applied.
REORGANISED_2025: tuple[tuple[str, str], ...] = (
    ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
    ("Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
    ("Sở Giao thông vận tải", "Sở Xây dựng"),
    # Most of its duties went to Sở Nội vụ (social protection, children and social evils to
    # Sở Y tế, vocational training to Sở Giáo dục và Đào tạo): proposed, for the user to judge.
    ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
)
REORGANISED_NOTE = "tên cũ trước sắp xếp năm 2025"
# District-level government ended on 1/7/2025 (Nghị quyết 203/2025/QH15): "UBND huyện …",
# "UBND các huyện, thị xã, thành phố", "cấp huyện" have no successor of their own.
_DISTRICT = re.compile(r"^(?:uy ban nhan dan|phong|cac phong)\b.*\b(?:huyen|cap huyen|thi xa|quan)\b")
DISTRICT_NOTE = "cấp huyện đã kết thúc hoạt động từ 01/7/2025"
COMMUNE_GROUP_KEYS = ("uy ban nhan dan cac xa phuong", "uy ban nhan dan cac xa phuong dac khu")


@dataclass
class Catalogue:
    """Known agencies and groups; built once per import, then read-only and cheap to query."""

    entries: list[Entry] = field(default_factory=list)
    _by_key: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _former: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _max_words: int = field(default=1, init=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._index(entry)

    @classmethod
    def build(cls, items: Iterable[tuple[str, Iterable[str], bool]]) -> Catalogue:
        return cls([Entry(name, tuple(aliases), is_group) for name, aliases, is_group in items])

    def entry(self, name: str) -> Entry | None:
        """The entry whose name (not alias) is exactly `name`."""
        return next((e for e in self.entries if e.name == name), None)

    def _index(self, entry: Entry) -> None:
        former = list(entry.former)
        key_of_entry = name_key(entry.name)
        former += [old for old, new in REORGANISED_2025 if name_key(new) == key_of_entry]
        for text in former:
            self._former.setdefault(name_key(text), entry)
        for text in (entry.name, *entry.aliases):
            key = name_key(text)
            if key:
                # The first entry to claim a key keeps it: a name beats a later alias.
                self._by_key.setdefault(key, entry)
                self._max_words = max(self._max_words, len(text.split()) + 2)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._index(entry)

    def lookup(self, text: str) -> Entry | None:
        """The entry a name or alias denotes, exactly up to `name_key`."""
        return self._by_key.get(name_key(text))

    def successor(self, text: str) -> tuple[Entry | None, str] | None:
        """(the agency that took over, why) for a former name; (None, why) for a district-level
        body, whose duties went to the communes (their group, when the catalogue has one).
        None for a name that is not a former one. A proposal only: `lookup` never returns it."""
        key = name_key(text)
        entry = self._former.get(key)
        if entry is not None:
            return entry, REORGANISED_NOTE
        if _DISTRICT.search(key):
            group = next((self._by_key[k] for k in COMMUNE_GROUP_KEYS if k in self._by_key), None)
            return group, DISTRICT_NOTE
        return None

    @property
    def keys(self) -> list[str]:
        return list(self._by_key)

    def entry_for_key(self, key: str) -> Entry:
        return self._by_key[key]

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    def is_group(self, name: str) -> bool:
        entry = self.lookup(name)
        return entry is not None and entry.is_group


# ----------------------------------------------------------------------------- splitting

_HARD = re.compile(r"\s*(?:;|\n|\r)\s*")
_SOFT = re.compile(r"(\s*,\s*|\s+và\s+|\s+và$|\s*\+\s*)", re.IGNORECASE)


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0].islower()


def split_names(cell_text: str, catalogue: Catalogue) -> list[str]:
    """The names in a lead/cooperating cell, in order, each cleaned; known names are never cut.

    Line breaks and ";" always separate. Inside one line, "," and " và " separate unless they
    sit inside a known name (longest first), or the next word starts in lowercase ("UBND các
    xã, phường" is one name even when the catalogue does not know it). A " và " between two
    unknown capitalised parts is kept, since "và" inside an unknown name is likelier than two
    unknown agencies.
    """
    text = unicodedata.normalize("NFC", cell_text or "")
    out: list[str] = []
    lines = [x for x in _HARD.split(text) if x.strip()]
    i = 0
    while i < len(lines):
        # A known name may have been broken over two lines by hand.
        if (
            i + 1 < len(lines)
            and catalogue.lookup(lines[i] + " " + lines[i + 1]) is not None
            and catalogue.lookup(lines[i]) is None
        ):
            out.append(clean_name(lines[i] + " " + lines[i + 1]))
            i += 2
            continue
        out.extend(_split_line(lines[i], catalogue))
        i += 1
    seen: set[str] = set()
    unique = []
    for name in out:
        key = name_key(name)
        if name and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


# First words that begin an agency's name; a comma part beginning otherwise ("Thể thao và Du
# lịch", "TM&DL tỉnh") continues the name before it when that name is not a known one.
_HEADS = frozenset(
    {
        "so", "bo", "ban", "uy", "ubnd", "ub", "cong", "ca", "van", "vp", "trung", "cuc", "chi", "vu",
        "truong", "vien", "hoc", "bao", "dai", "tinh", "thanh", "kho", "ngan", "nhnn", "bhxh", "tap",
        "tong", "hoi", "lien", "doan", "mat", "mttq", "ubmttq", "cac", "hiep", "bql", "thue", "hai",
        "bch", "quy", "viettel", "vnpt", "mobifone", "fpt", "evn", "dang", "benh", "phong", "toa",
        "hdnd", "buu", "nganh", "dia", "nha",
    }
)  # fmt: skip
_SHARED_HEAD = re.compile(
    r"^\s*(?:(?:các|cac)\s+)?(Sở|Bộ|Ban|Cục|Vụ|Trường|Viện|Trung tâm|Phòng)\s*:\s*(.+)$|"
    r"^\s*(?:các|cac)\s+(Sở|Bộ|Ban|Cục|Vụ|Trường|Viện|Trung tâm|Phòng)\s+(?=[A-ZĐÀ-Ỹ])(.+)$",
    re.IGNORECASE,
)
_PAREN_LIST = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]*[,;][^()]*|[^()]*\svà\s[^()]*)\)\s*$")
_HIDDEN = {",": "\x00", ";": "\x01", " và ": "\x02"}


def _hide_in_parentheses(line: str) -> str:
    """Separators inside "( … )" belong to the parenthesis, not to the list of names."""
    out, depth = [], 0
    i = 0
    while i < len(line):
        ch = line[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth and line.startswith(" và ", i):
            out.append(_HIDDEN[" và "])
            i += 4
            continue
        out.append(_HIDDEN.get(ch, ch) if depth else ch)
        i += 1
    return "".join(out)


def _restore(text: str) -> str:
    for real, hidden in _HIDDEN.items():
        text = text.replace(hidden, real)
    return text


def _starts_with_head(text: str) -> bool:
    words = fold(text).replace("&", " ").split()
    return bool(words) and words[0] in _HEADS


def _head_of(name: str) -> str:
    """ "Sở" of "Sở Tài chính": the word a shared-head list repeats."""
    match = re.match(r"\s*(Sở|Bộ|Ban|Cục|Vụ|Trường|Viện|Trung tâm|Phòng)\s", name, re.IGNORECASE)
    return match.group(1) if match else ""


def _shared_head(line: str, catalogue: Catalogue) -> list[str] | None:
    """ "Các Sở: Tài chính, Nội vụ, Tư pháp" → three Sở; None when the line is not such a list."""
    match = _SHARED_HEAD.match(line)
    if match is None:
        return None
    head = (match.group(1) or match.group(3)).capitalize()
    rest = match.group(2) or match.group(4)
    parts = _SOFT.split(rest)
    pieces, seps = parts[0::2], [*parts[1::2], ""]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        end = i
        for last in range(len(pieces) - 1, i - 1, -1):  # the longest known "Sở …" first
            if catalogue.lookup(f"{head} {_join(pieces, seps, i, last)}") is not None:
                end = last
                break
        else:
            while end + 1 < len(pieces) and _starts_lower(pieces[end + 1]):
                end += 1
        item = clean_name(_join(pieces, seps, i, end))
        if item:
            out.append(item if fold(item).startswith(fold(head) + " ") else f"{head} {item}")
        i = end + 1
    return out


def _members(name: str) -> list[str]:
    """ "Các doanh nghiệp viễn thông (Viettel, VNPT, Mobifone)" → the three named members;
    a remark in parentheses after one agency ("Công an tỉnh (PC06)") stays with it."""
    match = _PAREN_LIST.match(name)
    if match is None or not fold(match.group("head")).startswith("cac "):
        return [name]
    inner = re.split(r"\s*(?:,|;|\svà\s)\s*", match.group("inner"))
    return [clean_name(x) for x in inner if clean_name(x)]


def _split_line(line: str, catalogue: Catalogue) -> list[str]:
    shared = _shared_head(line, catalogue)
    if shared is not None:
        return shared
    hidden = _hide_in_parentheses(line)
    if hidden != line:
        return [m for name in _split_plain(hidden, catalogue) for m in _members(_restore(name))]
    return _split_plain(line, catalogue)


def _split_plain(line: str, catalogue: Catalogue) -> list[str]:
    parts = _SOFT.split(line)  # [piece, sep, piece, sep, piece …]
    pieces = parts[0::2]
    seps = [*parts[1::2], ""]
    names: list[str] = []
    i = 0
    n = len(pieces)
    while i < n:
        known_end = _longest_known(pieces, seps, i, catalogue)
        if known_end is not None:
            names.append(clean_name(_join(pieces, seps, i, known_end)))
            i = known_end + 1
            continue
        head = _head_of(names[-1]) if names else ""
        if head and not _starts_with_head(pieces[i]) and catalogue.lookup(f"{head} {pieces[i]}"):
            names.append(clean_name(f"{head} {pieces[i]}"))  # "Sở Tài chính, Nội vụ": a Sở too
            i += 1
            continue
        end = i
        while end + 1 < n:
            sep = seps[end].strip().lower()
            following = pieces[end + 1]
            if _longest_known(pieces, seps, end + 1, catalogue) is not None:
                break
            if fold(following).lstrip().startswith("cac "):
                break  # "Bộ X, các bộ, ngành": a group begins
            if _starts_lower(following) or not following.strip():
                end += 1
                continue
            current = _join(pieces, seps, i, end)
            if (
                sep == ","
                and not _starts_with_head(following)
                and catalogue.lookup(current) is None
                and not (head and catalogue.lookup(f"{head} {following}"))
            ):
                end += 1  # "Bộ Văn hóa, Thể thao và Du lịch": the comma is inside the name
                continue
            if sep == "và" and catalogue.lookup(_join(pieces, seps, i, end)) is None:
                end += 1
                continue
            break
        chunk = clean_name(_join(pieces, seps, i, end))
        if chunk:
            names.append(chunk)
        i = end + 1
    return names


def _join(pieces: list[str], seps: list[str], first: int, last: int) -> str:
    return "".join(pieces[k] + (seps[k] if k < last else "") for k in range(first, last + 1))


def _longest_known(pieces: list[str], seps: list[str], first: int, catalogue: Catalogue) -> int | None:
    """The last piece index of the longest known name starting at `first`, if any."""
    limit = min(len(pieces) - 1, first + catalogue._max_words)
    for last in range(limit, first - 1, -1):
        if catalogue.lookup(_join(pieces, seps, first, last)) is not None:
            return last
    return None


# ----------------------------------------------------------------------------- roles in one cell

_LEAD_MARK = re.compile(r"\(?\s*(?:cơ quan |đơn vị )?chủ trì\s*\)?\s*:?", re.IGNORECASE)
_COOP_MARK = re.compile(r"\(?\s*(?:cơ quan |đơn vị )?phối hợp(?:\s+với)?\s*\)?\s*:?", re.IGNORECASE)
_EDGE = " \t\n,;:.-–—+•"


def split_roles(cell_text: str) -> tuple[str, str] | None:
    """(lead, cooperating) text from one cell that writes the roles out, else None.

    A single "Cơ quan thực hiện" column often says who does what in words: "Chủ trì: Sở X;
    Phối hợp: Sở Y, Sở Z", "Sở X chủ trì, phối hợp với Sở Y", "Sở X (chủ trì); Sở Y".
    """
    text = unicodedata.normalize("NFC", cell_text or "")
    lead_mark = _LEAD_MARK.search(text)
    if lead_mark is None:
        return None
    coop_mark = _COOP_MARK.search(text, lead_mark.end())
    before = text[: lead_mark.start()].strip(_EDGE)
    if not before:  # "Chủ trì: Sở X; Phối hợp: Sở Y"
        lead = text[lead_mark.end() : coop_mark.start() if coop_mark else len(text)]
        coop = text[coop_mark.end() :] if coop_mark else ""
    else:  # "Sở X chủ trì, phối hợp với Sở Y" / "Sở X (chủ trì); Sở Y, Sở Z phối hợp"
        lead = before
        rest = text[lead_mark.end() :]
        coop_mark = _COOP_MARK.search(rest)
        coop = rest[: coop_mark.start()] + ";" + rest[coop_mark.end() :] if coop_mark else rest
    return lead.strip(_EDGE), coop.strip(_EDGE)


# ----------------------------------------------------------------------------- matching

CANDIDATE_CUTOFF = 60.0
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")
CANDIDATE_LIMIT = 5


@dataclass(frozen=True)
class Match:
    """The catalogue form of a written name, or None with the closest names to choose from."""

    written: str
    canonical: str | None
    is_group: bool = False
    candidates: tuple[tuple[str, float], ...] = ()
    # A successor proposed for a former name ("Sở Thông tin và Truyền thông" → "Sở Khoa học
    # và Công nghệ"), listed first among the candidates; the user confirms it. `note` says why.
    proposed: str | None = None
    note: str = ""


def match_name(text: str, catalogue: Catalogue) -> Match:
    """Exact name, alias or normalised key first; failing those, rapidfuzz candidates (no guess)."""
    written = clean_name(text)
    entry = catalogue.lookup(written)
    if entry is None:
        # "Sở Tài chính (chủ trì)", "Công an tỉnh (PC06)": the name without its remark.
        bare = _REMARK.sub("", written).strip()
        entry = catalogue.lookup(bare) if bare and bare != written else None
    if entry is not None:
        return Match(written, entry.name, entry.is_group)
    key = name_key(written)
    if not key:
        return Match(written, None)
    former = catalogue.successor(written) or catalogue.successor(_REMARK.sub("", written).strip())
    found = process.extract(
        key,
        catalogue.keys,
        scorer=fuzz.token_sort_ratio,
        limit=CANDIDATE_LIMIT * 2,
        score_cutoff=CANDIDATE_CUTOFF,
    )
    candidates: dict[str, float] = {}
    for cand_key, score, _ in found:
        name = catalogue.entry_for_key(cand_key).name
        candidates[name] = max(candidates.get(name, 0.0), round(float(score), 1))
    ranked = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATE_LIMIT]
    if former is not None:
        heir, note = former
        if heir is None:
            return Match(written, None, False, tuple(ranked), None, note)
        ranked = [(heir.name, 100.0), *((n, sc) for n, sc in ranked if n != heir.name)][:CANDIDATE_LIMIT]
        return Match(written, None, False, tuple(ranked), heir.name, note)
    return Match(written, None, False, tuple(ranked))


def _is_capital_word(word: str) -> bool:
    """``KH&CN``, ``CA``, ``UBND``, ``GD&ĐT``, ``KV12``: two or more capitals, no small letter."""
    letters = [c for c in word if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters)


def abbreviation(name: str, aliases: Iterable[str]) -> str:
    """The alias to show as an agency's short name (``Tên viết tắt``), or "" if none abbreviates.

    The rule: the first alias, in the catalogue's order, that is shorter than the name and has
    a word of two or more capital letters (``Sở KH&CN``, ``CA tỉnh``, ``SNV``, ``BHXH tỉnh``).
    The catalogue writes each agency's usual short form first and its variants after it
    ("Sở KH&CN; Sở KHCN; SKHCN"), so the first one is the form letters use; the shortest would
    often be a squeezed variant (``SKHCN``). An alias that only changes letter case
    ("Công an Tỉnh", "Sở Nội Vụ") or spells words out is not an abbreviation.
    """
    for alias in aliases:
        text = " ".join(alias.split())
        if len(text) < len(name) and any(_is_capital_word(w) for w in text.split()):
            return text
    return ""
