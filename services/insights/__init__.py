"""Insight extraction: timestamped, verbatim-quoted ideas found in a transcript."""

from services.insights.engine import MAX_INSIGHTS, extract_insights

__all__ = ["MAX_INSIGHTS", "extract_insights"]
