"""Files reporter writes besides rendered documents: workbooks, PDFs, the booklet, atomic output batches."""
