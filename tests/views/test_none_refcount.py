"""Regression: some PySide6 builds leak a reference to None whenever Qt hands back an empty value.

On an affected build the refcount of None drops by one per call until the interpreter aborts;
our models and settings calls are written so they never depend on that, and this test makes
the 20,000 calls that would reveal the bug in the installed build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QStandardItemModel

from app.context import AppContext
from app.dto import TaskFilter
from views.task_table_model import TaskTableModel

CALLS = 20_000


def test_empty_values_from_qt_do_not_leak_none(demo_ctx: AppContext, tmp_path: Path) -> None:
    model = TaskTableModel(demo_ctx)
    model.set_filter(TaskFilter())
    index = model.index(0, 0)
    assert index.isValid()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    standard = QStandardItemModel(2, 2)
    unset_role = Qt.ItemDataRole.UserRole + 99

    before = sys.getrefcount(None)
    for _ in range(CALLS // 4):
        assert index.data(unset_role) is None
        assert model.index(0, 1).data(unset_role) is None
        assert settings.value("missing/key") is None
        assert standard.headerData(0, Qt.Orientation.Horizontal, unset_role) is None
    after = sys.getrefcount(None)
    assert before - after < CALLS, f"None lost {before - after} references"
    assert QModelIndex().data() is None
