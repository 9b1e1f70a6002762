"""Framework-article writer (thought-leadership rail): a recording's insights in, a guarded article out."""

from __future__ import annotations

import logging
from typing import Annotated

from faststream import Context, ContextRepo

from services.framework_article_writer.guard import PromotionalArticleError
from services.framework_article_writer.plan import NotEnoughInsightsError
from services.framework_article_writer.settings import FrameworkArticleSettings
from services.framework_article_writer.writer import FrameworkArticleWriter
from shared.broker import consumer_options, make_broker, partition_key
from shared.events import (
    FrameworkArticlePublished,
    FrameworkArticleRefused,
    InsightExtracted,
    InsightSet,
    deterministic_id,
)
from shared.service import service_app
from shared.status import Stage, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import FRAMEWORK_ARTICLE_GROUP, FRAMEWORK_ARTICLE_REVIEW, FRAMEWORK_ARTICLES, INSIGHTS_EXTRACTED

settings = FrameworkArticleSettings()
broker = make_broker(settings, client_id="recast-framework-article-writer")
log = logging.getLogger("recast.framework_article_writer")

to_articles = broker.publisher(
    FRAMEWORK_ARTICLES,
    title="content.framework-articles",
    description="A framework article (Markdown in S3) that passed the promotional-tell guard.",
    schema=FrameworkArticlePublished,
)
to_review = broker.publisher(
    FRAMEWORK_ARTICLE_REVIEW,
    title="review.framework-articles",
    description="A recording whose framework article was refused, with the reasons, for a human editor.",
    schema=FrameworkArticleRefused,
)
status = StatusReporter(status_publisher(broker), producer="framework_article_writer")


async def build_writer(context: ContextRepo, store: ObjectStore) -> None:
    context.set_global("writer", FrameworkArticleWriter(settings))


app = service_app("framework_article_writer", broker, settings, setup=build_writer)


def article_key(recording_id: str) -> str:
    return f"content/{recording_id}/framework-article.md"


@broker.subscriber(
    INSIGHTS_EXTRACTED,
    **consumer_options(FRAMEWORK_ARTICLE_GROUP),
    title="insights.extracted/framework-article-writer",
    description="Writes one framework article per recording once its last insight has arrived.",
)
async def on_insight_extracted(
    event: InsightExtracted,
    store: Annotated[ObjectStore, Context("store")],
    writer: Annotated[FrameworkArticleWriter, Context("writer")],
) -> None:
    # A recording's insights arrive in order on one partition; the last one means the set is complete.
    if not event.is_last:
        return
    async with status.track(event.recording_id, Stage.framework_article, event.source_key) as run:
        insight_set: InsightSet = await in_thread(store.get_model, event.insights_uri, InsightSet)
        try:
            article = writer.write(insight_set)
        except (PromotionalArticleError, NotEnoughInsightsError) as refusal:
            reasons = await refuse(event, insight_set, refusal)
            await run.finish(StageState.refused, "; ".join(reasons))
            return
        stored = await in_thread(store.put_text, article_key(event.recording_id), article.markdown)
        published = FrameworkArticlePublished(
            event_id=deterministic_id(event.recording_id, FrameworkArticlePublished.name),
            recording_id=event.recording_id,
            producer="framework_article_writer",
            artifact_uri=str(stored.uri),
            artifact_sha256=stored.sha256,
            title=article.title,
            insight_ids=list(article.insight_ids),
            source_key=event.source_key,
            framework_name=article.framework_name,
            thesis=article.thesis,
        )
        await to_articles.publish(published, key=partition_key(published))
        run.message = str(stored.uri)
    log.info(
        "framework article published",
        extra={"recording_id": event.recording_id, "event_id": published.event_id, "framework": article.framework_name},
    )


async def refuse(event: InsightExtracted, insight_set: InsightSet, refusal: Exception) -> list[str]:
    """Never publish silently: the refusal and its reasons go to the review topic."""
    if isinstance(refusal, PromotionalArticleError):
        reasons = [f"{tell.kind.value}: {tell.reason} ({tell.matched!r})" for tell in refusal.tells]
    else:
        reasons = [str(refusal)]
    refused = FrameworkArticleRefused(
        event_id=deterministic_id(event.recording_id, FrameworkArticleRefused.name),
        recording_id=event.recording_id,
        producer="framework_article_writer",
        reasons=reasons,
        insight_ids=[insight.insight_id for insight in insight_set.insights],
        source_key=event.source_key,
    )
    await to_review.publish(refused, key=partition_key(refused))
    log.warning("framework article refused", extra={"recording_id": event.recording_id, "reasons": reasons})
    return reasons
