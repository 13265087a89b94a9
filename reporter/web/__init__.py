"""The intake server: each unit submits its workbook through its own link, checked by the same
code as ``reporter check``, and the office follows who has reported on a board.

``create_app`` builds the Flask application for one workspace; ``storage`` keeps links and
submitted versions (SQLite in the workspace, or PostgreSQL through ``DATABASE_URL``).
"""
