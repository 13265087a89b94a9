"""Learning a workspace from an existing report: the figures in its text, their written forms,
names and codes for them, and the configuration that reproduces the report (``reporter learn``).

Pure text work: the .docx is read and rewritten by ``render.learnt_template``, the review sheet
by ``publish``/``intake``; this package only decides what the text says.
"""
