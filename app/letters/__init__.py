"""Outgoing letters, one job per module; ``app.letters.service.LetterService`` is the facade.

- ``issuers``: the two issuing bodies (state and Party), kept in the settings table.
- ``numbering``: the next number of a sequence of the register; ``register``: recording a
  letter with the tasks and agencies it concerns, and reading the register back.
- ``content``: what a letter lists, as plain dataclasses shared by the window's preview and
  the printer.
- ``remind``, ``assign``, ``report``: what each kind of letter says (a ``Draft``).
- ``tables``: the five data tables; ``docx_xml``, ``layout``, ``render``: WordprocessingML,
  the per-format page values and filling the templates of ``resources/templates``.
- ``issue``: number, record and print a draft in the caller's transaction.
"""
