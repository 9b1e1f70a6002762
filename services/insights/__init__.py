"""Insight extraction: timestamped, verbatim-quoted ideas found in a transcript, or a reasoned refusal."""

from services.insights.extractive import extract_insights

__all__ = ["extract_insights"]
