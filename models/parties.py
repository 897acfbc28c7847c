"""Who takes part in a task: an agency's kind and an assignment's role.

Plain enums, free of the ORM, so views can type their values without importing
models.entities (the import contracts forbid that). Their labels live in views/labels.py.
"""

from __future__ import annotations

from enum import StrEnum


class AgencyKind(StrEnum):
    PROVINCIAL = "provincial"
    PARTY = "party"
    COMMUNE = "commune"
    ENTERPRISE = "enterprise"
    OTHER = "other"


class Role(StrEnum):
    LEAD = "lead"
    COOPERATING = "coop"
