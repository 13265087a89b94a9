"""Chinese number, date and ordinal formatting for government documents.

Follows GB/T 15835-2011 (use of numbers in publications) and common practice in
official documents (GB/T 9704-2012 heading numerals, 发文字号). Every function is
total: it either returns correct text or raises a clear ``FormatError`` (a ``ValueError``
and ``TypeError``); none guesses. Values may be ``int``, ``decimal.Decimal`` or ``float`` (a float is read
through ``str`` so ``0.1`` stays ``0.1``).

Standard library only, so it can be used as a set of Jinja filters anywhere;
``TEMPLATE_FILTERS`` names them as templates call them. The functions live in modules by
kind (``counts``, ``percentages``, ``changes``, ``numerals``, ``dates``, ``clauses``, ``titles``; accepted values and
``FormatError`` in ``values``) and are all importable from ``reporter.cnfmt`` itself.
"""

from reporter.cnfmt.changes import point_change
from reporter.cnfmt.clauses import join_items
from reporter.cnfmt.counts import about, approx, exact, wan, yi
from reporter.cnfmt.dates import cn_date, cn_month, doc_number
from reporter.cnfmt.filters import TEMPLATE_FILTERS, template_call, template_filter
from reporter.cnfmt.numerals import cn_number, cn_round, heading, ordinal
from reporter.cnfmt.percentages import percent, points, versus_target
from reporter.cnfmt.titles import break_title, title_lines
from reporter.cnfmt.values import FormatError, to_decimal
from reporter.cnfmt.widths import text_width

__all__ = [
    "TEMPLATE_FILTERS",
    "FormatError",
    "about",
    "approx",
    "break_title",
    "cn_date",
    "cn_month",
    "cn_number",
    "cn_round",
    "doc_number",
    "exact",
    "heading",
    "join_items",
    "ordinal",
    "template_call",
    "template_filter",
    "percent",
    "point_change",
    "points",
    "text_width",
    "title_lines",
    "to_decimal",
    "versus_target",
    "wan",
    "yi",
]
