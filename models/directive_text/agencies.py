"""Agencies named in running text: "Sở Công Thương, Sở Nông nghiệp và Môi trường khẩn trương …".

The catalogue (models.agency_names) matches a *cell* that holds only names; in a sentence the
names are followed by the verb, so this module walks the sentence from its start and takes
the longest run of words the catalogue knows, then the next name after ", " or " và ", and
stops at the first word that is not a name. It is a thin adapter over ``Catalogue.lookup``
and ``name_key``: the only thing it adds is the usual short spellings of *groups* in letters
("Ủy ban nhân dân xã, phường" for "UBND các xã, phường", "Các sở, ban, ngành tỉnh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.agency_names import Catalogue, Entry

MAX_NAME_WORDS = 16
_WORD = re.compile(r"\S+")
_SEP = re.compile(r"\s*(?:,|;|\bvà\b|\+)\s*")
# Addressees the catalogue cannot know but letters always mean as a group of agencies.
GENERIC_GROUP = re.compile(
    r"(?:các|những)\s+(?:cơ quan|đơn vị|sở|ban|ngành|địa phương|cấp ủy|tổ chức|phòng|doanh nghiệp)"
    r"[\w\s,]{0,40}?(?:liên quan|có liên quan|trực thuộc|tỉnh|cấp xã|cấp tỉnh)\b(?!\s+(?:ủy|uỷ)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Party:
    """An agency or group as written, with its catalogue name when the catalogue knows it."""

    written: str
    name: str | None
    is_group: bool = False

    @property
    def display(self) -> str:
        return self.name or self.written


def _variants(written: str) -> list[str]:
    """Spellings of a group name letters use that the catalogue key does not cover."""
    text = " ".join(written.split()).strip(" ,;:.")
    out = [text]
    low = text.lower()
    for prefix in ("ủy ban nhân dân ", "ubnd "):
        if low.startswith(prefix) and not low.startswith(prefix + "các "):
            out.append(text[: len(prefix)] + "các " + text[len(prefix) :])
    if low.endswith(" tỉnh") and low.startswith("các "):
        out.append(text[: -len(" tỉnh")])
    return out


def lookup(catalogue: Catalogue, written: str) -> Entry | None:
    """The catalogue entry a written name denotes, trying the usual group spellings too."""
    for variant in _variants(written):
        entry = catalogue.lookup(variant)
        if entry is not None:
            return entry
    return None


def party(catalogue: Catalogue, written: str) -> Party:
    text = " ".join(written.split()).strip(" ,;:.-")
    text = text[:1].upper() + text[1:]
    entry = lookup(catalogue, text)
    if entry is not None:
        return Party(text, entry.name, entry.is_group)
    return Party(text, None, bool(GENERIC_GROUP.match(text)) or text.lower().startswith("các "))


def _longest_known(catalogue: Catalogue, text: str, pos: int) -> tuple[Entry, int] | None:
    ends = [m.end() for m in _WORD.finditer(text, pos)][:MAX_NAME_WORDS]
    for end in reversed(ends):
        candidate = text[pos:end].rstrip(",;:.-–")
        if not candidate:
            continue
        entry = lookup(catalogue, candidate)
        if entry is not None:
            return entry, pos + len(candidate)
    return None


def take_agencies(catalogue: Catalogue, text: str, pos: int = 0) -> tuple[list[Party], int]:
    """Names at ``text[pos:]``, as many as follow one another; and where they end."""
    parties: list[Party] = []
    at = pos
    while True:
        while at < len(text) and text[at] == " ":
            at += 1
        known = _longest_known(catalogue, text, at)
        if known is not None:
            entry, end = known
            parties.append(Party(text[at:end], entry.name, entry.is_group))
        else:
            generic = GENERIC_GROUP.match(text, at) if parties or at == pos else None
            if generic is None:
                break
            end = generic.end()
            parties.append(party(catalogue, text[at:end]))
        at = end
        sep = _SEP.match(text, at)
        if sep is None:
            break
        nxt = sep.end()
        if _longest_known(catalogue, text, nxt) is None and GENERIC_GROUP.match(text, nxt) is None:
            break
        at = nxt
    return parties, (at if parties else pos)
