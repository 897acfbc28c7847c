"""The two issuing bodies the secretariat writes for, stored as JSON in the ``setting`` table.

A province has a Ban Chỉ đạo of the UBND (state format, NĐ 30/2020) and one of the Tỉnh ủy
(Party format, HD 36-HD/VPTW); which one signs decides the format of the letter.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy.orm import Session

from app.errors import ValidationError
from models.entities import Setting
from models.vn_dates import LetterFormat

STATE_AUTHORITIES = ("", "TM.", "KT.", "TL.", "TUQ.", "Q.")
PARTY_AUTHORITIES = ("", "T/M", "K/T", "T/L")


@dataclass(frozen=True)
class Issuer:
    """One issuing body as printed in the header and signature blocks of its letters."""

    format: str
    parent: str  # cơ quan chủ quản / cấp trên, printed upper-case and not bold; may be empty
    name: str  # tên cơ quan ban hành, printed upper-case and bold
    short_name: str  # how the body refers to itself in the text ("Ban Chỉ đạo của UBND tỉnh")
    symbol: str  # issuer abbreviation in the number ("BCĐ")
    unit: str  # drafting unit: state công văn symbol and "Lưu: VT, <unit>." ("SKHCN"); Party "Lưu <unit>."
    office: str  # the standing office that receives the agencies' reports
    place: str
    authority: str  # "KT. TRƯỞNG BAN", "T/M BAN THƯỜNG VỤ" or "" when the head signs directly
    title: str  # position line(s) under the authority, several separated by new lines
    signer: str
    term: str = ""  # Party only: the cấp ủy term a number sequence runs over ("2025-2030")

    @property
    def fmt(self) -> LetterFormat:
        return LetterFormat(self.format)

    @property
    def title_lines(self) -> list[str]:
        return [line.strip().upper() for line in self.title.splitlines() if line.strip()]


DEFAULT_STATE = Issuer(
    format=LetterFormat.STATE.value,
    parent="UBND TỈNH HƯNG YÊN",
    name=(
        "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ, "
        "CẢI CÁCH HÀNH CHÍNH VÀ ĐỀ ÁN 06"
    ),
    short_name="Ban Chỉ đạo của Ủy ban nhân dân tỉnh",
    symbol="BCĐ",
    unit="SKHCN",
    office="Sở Khoa học và Công nghệ",
    place="Hưng Yên",
    authority="",
    title="TRƯỞNG BAN CHỈ ĐẠO\nCHỦ TỊCH UBND TỈNH",
    signer="Phạm Quang Ngọc",
)

DEFAULT_PARTY = Issuer(
    format=LetterFormat.PARTY.value,
    parent="TỈNH ỦY HƯNG YÊN",
    name="BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
    short_name="Ban Chỉ đạo tỉnh",
    symbol="BCĐ",
    unit="VPTU",
    office="Văn phòng Tỉnh ủy",
    place="Hưng Yên",
    authority="K/T TRƯỞNG BAN",
    title="PHÓ TRƯỞNG BAN THƯỜNG TRỰC",  # a Party ban chỉ đạo deputy signs K/T with one title
    signer="Trần Quốc Toàn",
    term="2025-2030",
)

DEFAULTS = {LetterFormat.STATE: DEFAULT_STATE, LetterFormat.PARTY: DEFAULT_PARTY}


def setting_key(fmt: LetterFormat) -> str:
    return f"letters.issuer.{fmt.value}"


def load_issuer(s: Session, fmt: LetterFormat) -> Issuer:
    """The stored body, or the Hưng Yên default; unknown or missing keys fall back field by field."""
    default = DEFAULTS[fmt]
    row = s.get(Setting, setting_key(fmt))
    if row is None or not row.value:
        return default
    try:
        raw = json.loads(row.value)
    except ValueError:
        return default
    if not isinstance(raw, dict):
        return default
    known = {f.name for f in fields(Issuer)} - {"format"}
    values = {k: str(v) for k, v in raw.items() if k in known and v is not None}
    return replace(default, **values)


def validate_issuer(issuer: Issuer) -> Issuer:
    """Normalise spacing and refuse what would print a wrong header or number."""
    fmt = LetterFormat(issuer.format)
    clean = replace(
        issuer,
        **{
            f.name: "\n".join(" ".join(line.split()) for line in str(getattr(issuer, f.name)).splitlines())
            for f in fields(Issuer)
        },
    )
    for field_name, label in (
        ("name", "Tên cơ quan ban hành"),
        ("symbol", "Ký hiệu cơ quan"),
        ("place", "Địa danh"),
        ("signer", "Người ký"),
        ("title", "Chức vụ"),
    ):
        if not getattr(clean, field_name).strip():
            raise ValidationError(f"{label} không được để trống.", field_name)
    if not clean.symbol.replace("Đ", "D").isalnum() or not clean.symbol[0].isupper():
        raise ValidationError("Ký hiệu cơ quan chỉ gồm chữ in hoa và số, ví dụ «BCĐ».", "symbol")
    if clean.unit and not clean.unit.replace("Đ", "D").isalnum():
        raise ValidationError("Ký hiệu đơn vị soạn thảo chỉ gồm chữ và số, ví dụ «SKHCN».", "unit")
    prefix = clean.authority.upper().split(" ", 1)[0] if clean.authority else ""
    allowed = STATE_AUTHORITIES if fmt is LetterFormat.STATE else PARTY_AUTHORITIES
    if clean.authority and prefix not in allowed:
        shown = ", ".join(a for a in allowed if a)
        raise ValidationError(
            f"Thẩm quyền ký phải bắt đầu bằng một trong: {shown} (hoặc để trống nếu người đứng đầu ký).",
            "authority",
        )
    return replace(
        clean, authority=clean.authority.upper(), parent=clean.parent.upper(), name=clean.name.upper()
    )


def save_issuer(s: Session, issuer: Issuer) -> Issuer:
    clean = validate_issuer(issuer)
    fmt = LetterFormat(clean.format)
    value = json.dumps(asdict(clean), ensure_ascii=False)
    row = s.get(Setting, setting_key(fmt))
    if row is None:
        s.add(Setting(key=setting_key(fmt), value=value))
    else:
        row.value = value
    return clean
