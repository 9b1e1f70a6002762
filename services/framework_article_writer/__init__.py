"""Thought-leadership rail: framework articles written from a recording's insights, guarded against pitches."""

from services.framework_article_writer.guard import (
    PromotionalArticleError,
    Repair,
    Tell,
    TellKind,
    find_promotional_tells,
    repair_article,
)
from services.framework_article_writer.plan import NotEnoughInsightsError, UnquotedArticleError
from services.framework_article_writer.settings import FrameworkArticleSettings
from services.framework_article_writer.writer import (
    FrameworkArticle,
    FrameworkArticleWriter,
    MalformedArticleError,
    check_article,
    format_timestamp,
)

__all__ = [
    "FrameworkArticle",
    "FrameworkArticleSettings",
    "FrameworkArticleWriter",
    "MalformedArticleError",
    "NotEnoughInsightsError",
    "PromotionalArticleError",
    "Repair",
    "Tell",
    "TellKind",
    "UnquotedArticleError",
    "check_article",
    "find_promotional_tells",
    "format_timestamp",
    "repair_article",
]
