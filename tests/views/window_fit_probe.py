"""Every top-level window of the program, and a probe that shows them on a laptop-sized screen.

``WINDOWS`` builds each window and dialog class with the demo database (the tests check that it
names every dialog class in views/). Run as a module, the probe opens the main window and then
each dialog on the screen the Qt platform gives it (the test starts it on a 1366×768 offscreen
screen, the taskbar taking 40 px), and writes what it saw as JSON: a frame rectangle and the
minimum sizes per window.

    python -m tests.views.window_fit_probe DB KH125.xlsx OUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, QSettings, QTimer
from PySide6.QtWidgets import QWidget

from app.context import AppContext

TODAY = date(2026, 11, 24)
#: What a 1366×768 laptop leaves once a 40-px taskbar is counted.
LAPTOP_AVAILABLE = QRect(0, 0, 1366, 728)

Factory = Callable[[AppContext, QWidget | None, Path], QWidget]


def _first_task_with_reports(ctx: AppContext) -> int:
    from app.dto import TaskFilter

    rows = ctx.tasks.page(TaskFilter(), 0, 200)
    for row in rows:
        if ctx.reports.list_for_task(row.id):
            return row.id
    return rows[0].id


def _task_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.task_dialog import TaskDialog

    return TaskDialog(ctx, task_id=_first_task_with_reports(ctx), parent=parent)


def _report_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.report_dialog import ReportDialog

    return ReportDialog(ctx, _first_task_with_reports(ctx), parent=parent)


def _directive_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.directive_dialog import DirectiveDialog

    return DirectiveDialog(ctx, ctx.directives.list_directives(with_counts=False)[0].id, parent=parent)


def _directive_read_dialog(ctx: AppContext, parent: QWidget | None, appendix: Path) -> QWidget:
    from views.directive_read_dialog import DirectiveReadDialog

    seed = appendix.parents[2] / "seeds" / "cv-420-TU-2026.txt"  # ../shared/seeds beside fixtures/
    return DirectiveReadDialog(ctx, ctx.directive_reading.read_file(seed), seed, parent=parent)


def _paste_text_dialog(_ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.directive_read_dialog import PasteTextDialog

    return PasteTextDialog(parent)


def _agency_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.agency_dialog import AgencyDialog

    return AgencyDialog(ctx, ctx.agencies.list_agencies(with_counts=False)[0].id, parent=parent)


def _indicator_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.indicator_dialog import IndicatorDialog

    return IndicatorDialog(ctx, ctx.indicators.list_indicators()[0].id, parent=parent)


def _indicator_value_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.indicator_value_dialog import IndicatorValueDialog

    return IndicatorValueDialog(ctx, ctx.indicators.list_indicators()[0], parent=parent)


def _letter_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.letter_dialog import LetterDialog

    return LetterDialog(ctx, parent)


def _letter_register(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.letter_register_dialog import LetterRegisterDialog

    return LetterRegisterDialog(ctx, parent)


def _issuer_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.issuer_settings_dialog import IssuerSettingsDialog

    return IssuerSettingsDialog(ctx, parent)


def _import_dialog(ctx: AppContext, parent: QWidget | None, appendix: Path) -> QWidget:
    from views.import_dialog import ImportDialog

    return ImportDialog(ctx, appendix, parent)


def _help_dialog(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.help_dialog import HelpDialog

    return HelpDialog(ctx.db_path, parent)


def _agency_profile(ctx: AppContext, parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.agency_profile_dialog import AgencyProfileDialog

    return AgencyProfileDialog(ctx, ctx.agencies.list_agencies(with_counts=False)[0].id, parent=parent)


def _main_window(ctx: AppContext, _parent: QWidget | None, _appendix: Path) -> QWidget:
    from views.main_window import MainWindow

    return MainWindow(ctx, settings=QSettings())


#: class name → how to build it with the demo database
WINDOWS: dict[str, Factory] = {
    "MainWindow": _main_window,
    "TaskDialog": _task_dialog,
    "ReportDialog": _report_dialog,
    "DirectiveDialog": _directive_dialog,
    "DirectiveReadDialog": _directive_read_dialog,
    "PasteTextDialog": _paste_text_dialog,
    "AgencyDialog": _agency_dialog,
    "AgencyProfileDialog": _agency_profile,
    "IndicatorDialog": _indicator_dialog,
    "IndicatorValueDialog": _indicator_value_dialog,
    "LetterDialog": _letter_dialog,
    "LetterRegisterDialog": _letter_register,
    "IssuerSettingsDialog": _issuer_dialog,
    "ImportDialog": _import_dialog,
    "HelpDialog": _help_dialog,
}


def _pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _record(widget: QWidget) -> dict[str, list[int]]:
    f, hint, minimum = widget.frameGeometry(), widget.minimumSizeHint(), widget.minimumSize()
    return {
        "frame": [f.x(), f.y(), f.width(), f.height()],
        "minimum_hint": [hint.width(), hint.height()],
        "minimum": [minimum.width(), minimum.height()],
    }


def probe(db: Path, appendix: Path, out: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from views import background, geometry_memory
    from views.launch import make_application

    app = make_application()
    # the offscreen screen has no taskbar: take 40 px off its bottom, as Windows would
    geometry_memory.available_geometry = lambda _widget=None: QRect(LAPTOP_AVAILABLE)
    ctx = AppContext(db, today=lambda: TODAY).open()
    seen: dict[str, object] = {"screen": app.primaryScreen().geometry().getRect()}
    try:
        main = WINDOWS["MainWindow"](ctx, None, appendix)
        main.show()
        _pump(300)
        seen["MainWindow"] = _record(main)
        for name, factory in WINDOWS.items():
            if name == "MainWindow":
                continue
            dialog = factory(ctx, main, appendix)
            dialog.show()
            job = getattr(dialog, "job", None)
            for _ in range(100):  # the import dialog parses in the background
                if job is None or job.settled:
                    break
                _pump(100)
            _pump(200)
            seen[name] = _record(dialog)
            dialog.close()
            dialog.deleteLater()
            _pump(50)
        main.close()
        background.wait_all()
    finally:
        ctx.close()
    out.write_text(json.dumps(seen), encoding="utf-8")


if __name__ == "__main__":
    probe(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
