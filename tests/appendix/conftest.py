"""Fixtures for the appendix tests: the shipped catalogue and a parse helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from app.appendix.parse import AppendixParse, default_catalogue, parse_appendix
from models.agency_names import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture
def parse(catalogue: Catalogue) -> Callable[[Path], AppendixParse]:
    def run(path: Path) -> AppendixParse:
        return parse_appendix(path, catalogue, reference_date=None)

    return run


REFERENCE = date(2026, 4, 10)
