"""Transcriber service: turns an ingested recording into a timestamped transcript."""
