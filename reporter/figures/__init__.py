"""Figures from records: aggregation with provenance, inspection scoring, task progress."""
