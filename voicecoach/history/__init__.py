"""Fluency over weeks: trend statements and exports, over what storage/queries.py aggregates."""
