"""Recast's common package: event schemas, topic names, settings, S3 and broker helpers."""
