"""The yardstick for start-up: a bare PySide6 window showing a 200-row table, nothing else.

python -m benchmarks.bare_window     (prints "painted" and exits on its first paint)
"""

from __future__ import annotations

from benchmarks.first_paint import application


def main() -> None:
    app = application()
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    model = QStandardItemModel(200, 9)
    for r in range(200):
        for c in range(9):
            model.setItem(r, c, QStandardItem(f"Ô {r + 1}.{c + 1}"))
    window = QMainWindow()
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1200, 800)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
