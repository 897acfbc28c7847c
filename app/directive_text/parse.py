"""Read a directive file into a draft, with the agency catalogue shipped with the program
(the window passes the database's catalogue instead). Touches no database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.directive_text.files import read_text
from models.agency_names import Catalogue
from models.directive_text.reader import DirectiveDraft, read_directive


def reader_catalogue() -> Catalogue:
    """The shipped catalogue with every default group, the addressees letters name as a whole
    ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", "Các Tổ công tác …") included."""
    from app.appendix.catalogue_file import ADDRESSEE_GROUPS, default_group_entries
    from app.appendix.parse import default_catalogue

    catalogue = default_catalogue()
    for entry in default_group_entries(ADDRESSEE_GROUPS):
        catalogue.add(entry)
    return catalogue


def parse_file(path: Path, catalogue: Catalogue | None = None, today: date | None = None) -> DirectiveDraft:
    return read_directive(read_text(path), catalogue or reader_catalogue(), today)
