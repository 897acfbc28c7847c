"""Excel exports formatted to print: the task list, indicators, the status workbook, the scoreboard.

No Qt here: the window and `python -m app export …` call the same `ExportService`. Each export
is a small module that turns rows into `sheet.Column`s and values; `sheet.SheetWriter` does the
formatting (title, repeated header, borders, landscape A4 fit to width, frozen panes, real
dates, footer with the as-of date and who exported, autofilter, text never read as a formula).
"""
