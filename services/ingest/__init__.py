"""Ingest: notices uploads under ``incoming/``, validates them and records each recording once."""
