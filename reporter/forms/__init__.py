"""Excel in and out: the master workbook, personalised forms, and reading filled ones back.

The only package of reporter that imports openpyxl.
"""
