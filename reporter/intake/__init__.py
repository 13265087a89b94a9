"""Excel in and out for units: the form layout, the form builder and the readers of filled workbooks."""
