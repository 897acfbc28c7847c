"""Appendix import, one job per module: parse → preview (matched, diffed, editable) → commit.

- ``preview_types``: the preview and result values the window and the CLI show;
- ``catalogue``: the names the database knows, that appendix names are matched against;
- ``existing``: what the target directive already holds, as plain snapshots;
- ``diff``: pure pairing and classification of preview rows against those snapshots;
- ``cell_edits``: the officer's corrections to preview cells;
- ``resolution``: matched names → agency and group ids inside the commit;
- ``commit``: writing a preview in the caller's transaction;
- ``service``: ``ImportService``, the facade that opens sessions and runs the steps.

Nothing here is imported by this package itself, so ``import app.services.importing.diff``
costs only what ``diff`` needs.
"""
