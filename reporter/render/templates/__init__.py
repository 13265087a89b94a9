"""The shipped .docx templates, generated from code so their styles are reviewable: one module per
document family over the shared block builder."""
