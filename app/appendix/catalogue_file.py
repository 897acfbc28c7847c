"""The agency catalogue workbook (name | aliases | kind) and the default agency groups.

Reading the file needs no database: the appendix parser uses it to match names without one,
and the agency service to load the catalogue into the database.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from models.agency_names import Entry
from models.entities import AgencyKind
from models.textfold import fold

# Groups named in plans; membership by agency kind where it is that simple.
DEFAULT_GROUPS: tuple[tuple[str, str | None], ...] = (
    ("Các sở, ban, ngành", AgencyKind.PROVINCIAL.value),
    ("UBND các xã, phường", AgencyKind.COMMUNE.value),
    ("Các doanh nghiệp viễn thông", AgencyKind.ENTERPRISE.value),
    ("Các cơ quan, đơn vị liên quan", None),
)
# Addressees letters lay tasks on as a whole ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị …"): groups
# too, kept apart so that an appendix's list of the catalogue's groups («appendix parse --json»)
# stays what it was; the directive reader and the database know them all (ALL_GROUPS).
ADDRESSEE_GROUPS: tuple[tuple[str, str | None], ...] = (
    ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", None),
    ("Các sở, ban, ngành, địa phương", None),
    ("Các Tổ công tác của Ban Chỉ đạo", None),
    ("Các cơ quan Đảng", None),
    ("Các tổ chức chính trị - xã hội tỉnh", None),
    ("Các thành viên Ban Chỉ đạo", None),
    ("Các cơ quan tham mưu, giúp việc Tỉnh ủy", None),
)
ALL_GROUPS = DEFAULT_GROUPS + ADDRESSEE_GROUPS
# How letters write the default groups, so a group is matched as written and the officer need not
# resolve it each time ("liên quan" after "các …" is dropped by name_key already). The database
# keeps no aliases for groups; every catalogue built from it gets these.
GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "Các cơ quan, đơn vị liên quan": (
        "Các đơn vị liên quan",
        "Các cơ quan liên quan",
        "Các cơ quan, đơn vị, địa phương liên quan",
        "Các cơ quan, tổ chức, đơn vị liên quan",
    ),
    "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị": (
        "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị, địa phương",
        "Các cấp ủy, cơ quan, đơn vị",
        "Các cấp ủy, tổ chức đảng",
        "Các cấp ủy đảng, cơ quan, đơn vị",
        "Các cấp ủy, chính quyền, cơ quan, đơn vị",
        "Cấp ủy, tổ chức đảng, cơ quan, đơn vị",
    ),
    "Các sở, ban, ngành, địa phương": (
        "Các sở, ngành, địa phương",
        "Các sở, ban, ngành và địa phương",
        "Các sở, ngành và địa phương",
        "Các sở, ban, ngành, địa phương liên quan",
    ),
    "Các Tổ công tác của Ban Chỉ đạo": (
        "Các Tổ công tác",
        "Các Tổ công tác của Ban Chỉ đạo tỉnh",
        "Các Tổ công tác của Ban Chỉ đạo của Ủy ban nhân dân tỉnh",
        "Các Tổ công tác giúp việc Ban Chỉ đạo",
        "Thành viên các Tổ công tác",
    ),
    # A duty laid on the heads of agencies is tracked as the agencies' own.
    "Các sở, ban, ngành": ("Người đứng đầu các sở, ban, ngành", "Thủ trưởng các sở, ban, ngành"),
    "UBND các xã, phường": ("Chủ tịch Ủy ban nhân dân xã, phường", "Chủ tịch UBND các xã, phường"),
    "Các tổ chức chính trị - xã hội tỉnh": ("Các tổ chức chính trị - xã hội", "Các tổ chức CT-XH tỉnh"),
    "Các thành viên Ban Chỉ đạo": ("Thành viên Ban Chỉ đạo", "Các thành viên Ban Chỉ đạo tỉnh"),
    "Các cơ quan tham mưu, giúp việc Tỉnh ủy": ("Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy",),
}


def default_group_entries(groups: tuple[tuple[str, str | None], ...] = ALL_GROUPS) -> list[Entry]:
    """The default groups as catalogue entries, each with the spellings letters use."""
    return [Entry(name, GROUP_ALIASES.get(name, ()), True, kind or "") for name, kind in groups]

KIND_FROM_LABEL = {
    "cap tinh": AgencyKind.PROVINCIAL,
    "so, ban, nganh cap tinh": AgencyKind.PROVINCIAL,
    "co quan dang": AgencyKind.PARTY,
    "cap xa": AgencyKind.COMMUNE,
    "ubnd xa, phuong": AgencyKind.COMMUNE,
    "xa, phuong": AgencyKind.COMMUNE,
    "doanh nghiep": AgencyKind.ENTERPRISE,
    "khac": AgencyKind.OTHER,
}


def read_catalogue(path: Path) -> list[tuple[str, list[str], AgencyKind]]:
    """Rows of a catalogue workbook; any problem is one Vietnamese message naming the place."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {path}.") from None
    except Exception:
        raise UserError(f"Tệp {path.name} không phải là bảng tính Excel (.xlsx) đọc được.") from None
    ws = wb.worksheets[0]
    out: list[tuple[str, list[str], AgencyKind]] = []
    seen_header = False
    for row in ws.iter_rows(values_only=True):
        cells = [str(c).strip() if c is not None else "" for c in row[:3]] + ["", "", ""]
        name, aliases, kind_text = cells[0], cells[1], cells[2]
        if not seen_header:
            if fold(name).startswith("ten"):
                seen_header = True
            continue
        if not name:
            continue
        kind = KIND_FROM_LABEL.get(fold(kind_text), AgencyKind.OTHER if kind_text else AgencyKind.PROVINCIAL)
        if fold(name).startswith(("ubnd xa", "ubnd phuong", "uy ban nhan dan xa", "uy ban nhan dan phuong")):
            kind = AgencyKind.COMMUNE
        if fold(name).startswith(("dang uy", "ban ", "van phong tinh uy", "uy ban kiem tra tinh uy")) and (
            "tinh uy" in fold(name) or fold(name).startswith("dang uy")
        ):
            kind = AgencyKind.PARTY if kind == AgencyKind.PROVINCIAL else kind
        out.append((name, [a.strip() for a in aliases.split(";") if a.strip()], kind))
    wb.close()
    if not seen_header:
        raise UserError(
            f"Tệp {path.name}, trang «{ws.title}»: không thấy dòng tiêu đề (cột A phải là «Tên cơ quan»)."
        )
    return out
