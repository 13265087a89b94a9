"""Document contexts: what each document type's template sees, built from records."""
