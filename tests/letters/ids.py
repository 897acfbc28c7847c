"""Names typed by a person, resolved to ids once, the way the command line does it."""

from __future__ import annotations

from app.context import AppContext
from app.letters.assign import directive_id
from app.letters.remind import recipient_id


def agency(ctx: AppContext, name: str) -> int:
    """The agency a reminder to ``name`` (name or abbreviation) goes to."""
    return recipient_id(ctx.agencies.resolve_or_fail(name), name)


def directive(ctx: AppContext, number: str) -> int:
    """The directive numbered ``number`` (spacing and case as typed)."""
    return directive_id(ctx.directives.find_by_number(number), number)
