"""The command line's `--map "HEADER=role"` and `--sheet "NAME=kind"`, read into `ColumnChoices`.

Roles are named as in the JSON ("content", "lead", …) or by their Vietnamese label
("Chủ trì", "Sản phẩm"); "ignore" (or "bỏ qua") leaves a column out. Every mistake is one
Vietnamese message listing what would have been accepted.
"""

from __future__ import annotations

from app.appendix.headers import ROLE_LABELS, ColumnChoices, Role, SheetKind, header_key
from app.appendix.parse import AppendixParse
from app.errors import UserError
from models.textfold import fold

IGNORE_WORDS = ("ignore", "bo qua", "khong dung")
# Roles a user may give a column (the two the importer resolves by itself are left out).
CHOOSABLE = tuple(r for r in Role if r not in (Role.AGENCIES, Role.YEAR))
KIND_WORDS = {
    "tasks": SheetKind.TASKS,
    "nhiem vu": SheetKind.TASKS,
    "indicators": SheetKind.INDICATORS,
    "chi tieu": SheetKind.INDICATORS,
    "other": SheetKind.OTHER,
    "khac": SheetKind.OTHER,
    "bo qua": SheetKind.OTHER,
}


def _role(word: str) -> Role | None:
    key = " ".join(fold(word).split())
    if key in IGNORE_WORDS:
        return None
    for role in CHOOSABLE:
        if key in (role.value, header_key(ROLE_LABELS[role])):
            return role
    known = ", ".join(f"{r.value} ({ROLE_LABELS[r]})" for r in CHOOSABLE)
    raise UserError(f"Không có vai trò cột «{word}». Dùng một trong: {known}, hoặc ignore (bỏ qua cột).")


def _split(spec: str, flag: str) -> tuple[str, str]:
    left, sep, right = spec.rpartition("=")
    if not sep or not left.strip() or not right.strip():
        raise UserError(
            f'{flag} cần dạng "TIÊU ĐỀ=vai trò", ví dụ {flag} "Kết quả=target"; nhận được «{spec}».'
        )
    return left.strip(), right.strip()


def read_choices(maps: list[str], sheets: list[str]) -> ColumnChoices:
    roles: dict[str, Role | None] = {}
    for spec in maps:
        header, word = _split(spec, "--map")
        roles[header_key(header)] = _role(word)
    kinds: dict[str, SheetKind] = {}
    for spec in sheets:
        name, word = _split(spec, "--sheet")
        kind = KIND_WORDS.get(" ".join(fold(word).split()))
        if kind is None:
            raise UserError(
                f"Không có loại bảng «{word}». Dùng tasks (nhiệm vụ), indicators (chỉ tiêu) hoặc other."
            )
        kinds[name] = kind
    return ColumnChoices(roles, kinds)


def check_choices(parsed: AppendixParse, maps: list[str], sheets: list[str]) -> None:
    """Every header named by --map is a column of some sheet; every --sheet names a sheet."""
    keys = {
        k for info in parsed.sheets if info.header is not None for ks in info.header.keys.values() for k in ks
    }
    for spec in maps:
        header = _split(spec, "--map")[0]
        if header_key(header) not in keys:
            known = sorted(
                {t for info in parsed.sheets if info.header is not None for t in info.header.texts.values()}
            )
            listed = ", ".join(f"«{t}»" for t in known) or "(không có)"
            raise UserError(
                f"Tệp «{parsed.path.name}» không có cột tiêu đề «{header}». Các cột có: {listed}."
            )
    names = {info.name for info in parsed.sheets}
    for spec in sheets:
        name = _split(spec, "--sheet")[0]
        if name not in names:
            listed = ", ".join(f"«{n}»" for n in sorted(names))
            raise UserError(f"Tệp «{parsed.path.name}» không có trang «{name}». Các trang: {listed}.")
