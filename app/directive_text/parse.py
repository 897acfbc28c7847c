"""Read a directive file into a draft, with the agency catalogue shipped with the program
(the window passes the database's catalogue instead). Touches no database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.directive_text.files import read_text
from models.agency_names import Catalogue
from models.directive_text.reader import DirectiveDraft, read_directive


def parse_file(path: Path, catalogue: Catalogue | None = None, today: date | None = None) -> DirectiveDraft:
    if catalogue is None:
        from app.appendix.parse import default_catalogue

        catalogue = default_catalogue()
    return read_directive(read_text(path), catalogue, today)
