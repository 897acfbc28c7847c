"""Every member of the enums views show has its label (and every status its colour).

Views look labels up by member, with no fallback: a member added to an enum without a label
would raise in the window, so it fails here first.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

import pytest

from models.deadlines import DeadlineKind
from models.directive_kinds import DIRECTIVE_KINDS
from models.parties import AgencyKind, Role
from models.six_clear import Clarity
from models.status import Status
from views import labels
from views.status_colors import status_background, status_colors, status_foreground


@pytest.mark.parametrize(
    ("members", "label"),
    [
        (Status, labels.status_label),
        (Role, labels.role_label),
        (AgencyKind, labels.agency_kind_label),
        (DeadlineKind, labels.deadline_kind_label),
        (Clarity, lambda c: labels.CLARITY_LABELS[c]),
    ],
    ids=["Status", "Role", "AgencyKind", "DeadlineKind", "Clarity"],
)
def test_every_member_has_a_label(members: type[StrEnum], label: Callable[[Any], str]) -> None:
    texts = {m: label(m) for m in members}
    assert all(isinstance(t, str) and t.strip() for t in texts.values()), texts
    assert len(set(texts.values())) == len(texts), f"two members share a label: {texts}"


def test_every_status_has_a_colour_pair() -> None:
    for st in Status:
        bg, fg = status_colors(st)
        assert status_background(st).isValid() and status_background(st).name() == bg
        assert status_foreground(st).isValid() and status_foreground(st).name() == fg
        assert bg != fg


def test_status_filter_offers_every_status_once() -> None:
    assert sorted(labels.STATUS_ORDER) == sorted(Status)
    assert len(set(labels.STATUS_ORDER)) == len(Status)


def test_labels_are_the_words_the_window_showed() -> None:
    """Typing the API changed no text a user sees."""
    assert labels.status_label(Status.OVERDUE) == "quá hạn"
    assert all(labels.status_label(st) == st.value for st in Status)
    assert labels.role_label(Role.LEAD) == "Chủ trì" and labels.role_label(Role.COOPERATING) == "Phối hợp"
    assert labels.agency_kind_label(AgencyKind.COMMUNE) == "UBND xã, phường"
    assert labels.deadline_kind_label(DeadlineKind.RECURRING) == "định kỳ"
    assert labels.missing_text((Clarity.NGUOI, Clarity.SAN_PHAM)) == "Thiếu: rõ người, rõ sản phẩm"
    assert labels.missing_text(()) == ""


def test_directive_kind_labels_cover_the_catalogue() -> None:
    assert all(labels.directive_kind_label(code) == name for code, name in DIRECTIVE_KINDS.items())
    assert labels.directive_kind_label("XYZ") == "XYZ"  # a stored code outside the catalogue
