"""Documents a letter cites, by their number and symbol, normalised.

Two numbering systems meet in these letters: the Party's ``57-NQ/TW`` (number-kind/issuer)
and the State's ``71/NQ-CP`` or ``13/2023/NĐ-CP`` (number[/year]/kind-issuer). A list that
shares one symbol ("Kế hoạch số 63-KH/TU, 64-KH/TU, 65-KH/TU", or shortened "số 63, 64,
65-KH/TU") counts once per number. A symbol misspelled by one letter next to the right
spelling of the same number ("22-TB/CQTTCĐ" beside "22-TB/CQTTBCĐ") is the same document,
kept once under the first spelling, with the variant remembered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

_NUMS = r"(?P<nums>\d{1,6}(?:\s*(?:,|;|và)\s*\d{1,6})*)"
_PARTY = re.compile(
    _NUMS + r"\s*-\s*(?P<kind>[A-ZĐ][A-Za-zĐđ]{0,5})\s*/\s*(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:[A-ZĐa-zđ0-9]*))"
)
_STATE = re.compile(
    _NUMS + r"\s*/\s*(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?(?P<kind>[A-ZĐ][A-Za-zĐđ]{0,6})"
    r"\s*-\s*(?P<issuer>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)"
)
_SPLIT_NUMS = re.compile(r"\s*(?:,|;|và)\s*")
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+\d", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|;|và)\s*")


@dataclass
class Reference:
    number: str  # normalised: "57-NQ/TW", "71/NQ-CP"
    start: int  # first place in the text
    end: int
    variants: list[str] = field(default_factory=list)  # other spellings found in the text
    dated: bool = False  # cited somewhere with its date ("số 15-CV/BCĐ, ngày 01/4/2026")


def _key(number: str) -> tuple[str, str, str]:
    """(number, kind, issuer) of a normalised symbol, for the misspelling rule."""
    if "/" in number.split("-")[0]:  # state form
        head, _, tail = number.partition("/")
        kind, _, issuer = tail.rpartition("/")[2].partition("-")
        return head, kind.upper(), issuer.upper()
    head, _, tail = number.partition("-")
    kind, _, issuer = tail.partition("/")
    return head, kind.upper(), issuer.upper()


def _found(text: str) -> list[tuple[str, int, int, bool]]:
    """(number, start, end, dated) of each mention, in the text's order; a list sharing one
    date ("63-KH/TU, 64-KH/TU, 65-KH/TU ngày 22/4/2026") dates each of its numbers."""
    out: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern, party in ((_PARTY, True), (_STATE, False)):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            before = text[max(0, m.start() - 1) : m.start()]
            if before and (before.isalnum() or before in "/-"):
                continue  # inside a longer token (a date, a URL)
            taken.append((m.start(), m.end()))
            numbers = _SPLIT_NUMS.split(m.group("nums"))
            if party:
                tail = f"-{m.group('kind')}/{m.group('issuer')}"
            else:
                year = f"{m.group('year')}/" if m.group("year") else ""
                tail = f"/{year}{m.group('kind')}-{m.group('issuer')}"
            out.extend((n + tail, m.start(), m.end()) for n in numbers)
    out.sort(key=lambda x: x[1])
    dated = [_DATE_AFTER.match(text, end) is not None for _, _, end in out]
    for i in range(len(out) - 2, -1, -1):
        if dated[i + 1] and not dated[i] and _LIST_GAP.fullmatch(text, out[i][2], out[i + 1][1]):
            dated[i] = True
        elif out[i][1] == out[i + 1][1]:  # "số 63, 64 và 65-KH/TU": one match, one date
            dated[i] = dated[i + 1]
    return [(n, a, b, d) for (n, a, b), d in zip(out, dated, strict=True)]


def find_references(text: str, own_number: str | None = None) -> list[Reference]:
    """Every document cited in ``text``, once each; not the letter's own.

    Order: the documents the letter cites with their date (the instruments it acts on), in
    order of first mention, then those it only names (the standing programme, "Nghị quyết
    số 57-NQ/TW", named on every page), in order of first mention — as 420-CV/TU's expected
    reading lists them."""
    refs: list[Reference] = []
    by_number: dict[str, Reference] = {}
    own = (own_number or "").upper()
    for number, start, end, dated in _found(text):
        if number.upper() == own:
            continue
        known = by_number.get(number.upper())
        if known is not None:
            known.dated = known.dated or dated
            continue
        twin = _misspelled_twin(number, refs)
        if twin is not None:
            if number not in twin.variants:
                twin.variants.append(number)
            by_number[number.upper()] = twin
            continue
        ref = Reference(number, start, end, dated=dated)
        refs.append(ref)
        by_number[number.upper()] = ref
    return sorted(refs, key=lambda r: (not r.dated, r.start))


def _misspelled_twin(number: str, refs: list[Reference]) -> Reference | None:
    head, kind, issuer = _key(number)
    for ref in refs:
        h, k, i = _key(ref.number)
        if h == head and k == kind and len(issuer) >= 4 and Levenshtein.distance(i, issuer) == 1:
            return ref
    return None
