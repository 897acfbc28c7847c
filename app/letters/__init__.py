"""Outgoing letters: issuing bodies, the data each letter lists, and the DOCX printer.

``issuers`` keeps the two issuing bodies (state and Party) in the settings table;
``content`` gathers what a letter lists as plain dataclasses (shared by the preview in the
window and the printer); ``docx_render`` fills the Word templates of ``resources/templates``.
"""
