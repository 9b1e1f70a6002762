"""Framework-article writer (thought-leadership rail): a recording's insights in, a guarded article out."""

from __future__ import annotations

import logging
import time
from typing import Annotated

from faststream import Context, ContextRepo

from services.framework_article_writer import metrics
from services.framework_article_writer.drafting import FrameworkArticleDrafter
from services.framework_article_writer.guard import PromotionalArticleError
from services.framework_article_writer.plan import NotEnoughInsightsError, UnquotedArticleError
from services.framework_article_writer.settings import FrameworkArticleSettings
from services.framework_article_writer.writer import FrameworkArticleWriter, MalformedArticleError
from shared.broker import consumer_options, make_broker, partition_key
from shared.drafting import transcript_uri_for
from shared.events import (
    FrameworkArticlePublished,
    FrameworkArticleRefused,
    InsightExtracted,
    InsightSet,
    RailReplayRequested,
    deterministic_id,
    time_to_write,
)
from shared.llm import ResilientChat, drafting_deadline
from shared.service import service_app
from shared.status import Stage, StageState, StatusReporter, status_publisher
from shared.storage import ObjectStore, in_thread
from shared.topics import (
    FRAMEWORK_ARTICLE_GROUP,
    FRAMEWORK_ARTICLE_REVIEW,
    FRAMEWORK_ARTICLES,
    INSIGHTS_EXTRACTED,
    REPLAY_FRAMEWORK_ARTICLES,
)

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
    llm = settings.framework_article_llm
    chat = ResilientChat(llm) if llm.enabled else None
    context.set_global("drafter", FrameworkArticleDrafter(settings, chat, drafting_deadline(settings, llm)))


app = service_app("framework_article_writer", broker, settings, setup=build_writer)


def article_key(recording_id: str) -> str:
    return f"content/{recording_id}/framework-article.md"


# One consumer for both topics: a second subscriber would be a second group member and another rebalance.
@broker.subscriber(
    INSIGHTS_EXTRACTED,
    REPLAY_FRAMEWORK_ARTICLES,
    **consumer_options(FRAMEWORK_ARTICLE_GROUP, settings),
    title="insights.extracted+replay.framework-articles/framework-article-writer",
    description="Writes one framework article per recording once its last insight has arrived, "
    "and again on request from the stored insights (recast replay --rail framework-articles).",
)
async def on_insight_or_replay(
    event: InsightExtracted | RailReplayRequested,
    store: Annotated[ObjectStore, Context("store")],
    writer: Annotated[FrameworkArticleWriter, Context("writer")],
    drafter: Annotated[FrameworkArticleDrafter, Context("drafter")],
) -> None:
    if not time_to_write(event, "framework-articles"):
        return
    if isinstance(event, RailReplayRequested):
        metrics.REPLAYS.inc()
    transcript_uri = event.transcript_uri if isinstance(event, InsightExtracted) else None
    await write_and_publish(
        event.recording_id, event.insights_uri, event.source_key, store, writer, drafter, transcript_uri
    )


async def write_and_publish(
    recording_id: str,
    insights_uri: str,
    source_key: str,
    store: ObjectStore,
    writer: FrameworkArticleWriter,
    drafter: FrameworkArticleDrafter,
    transcript_uri: str | None,
) -> None:
    async with status.track(recording_id, Stage.framework_article, source_key) as run:
        insight_set: InsightSet = await in_thread(store.get_model, insights_uri, InsightSet)
        began = time.perf_counter()
        try:
            article = writer.write(insight_set)
        except (PromotionalArticleError, NotEnoughInsightsError, MalformedArticleError) as refusal:
            reasons = await refuse(recording_id, source_key, insight_set, refusal)
            await run.finish(StageState.refused, "; ".join(reasons))
            return
        # The user's model may redraft the prose; verification and the guard decide, and it never fails the recording.
        article, drafted = await drafter.redraft(
            article, insight_set, store, transcript_uri_for(store, recording_id, transcript_uri)
        )
        metrics.WRITE_SECONDS.observe(time.perf_counter() - began)
        stored = await in_thread(store.put_text, article_key(recording_id), article.markdown)
        published = FrameworkArticlePublished(
            # Content-derived: the same article replayed or redelivered keeps its id; a changed one gets a new id.
            event_id=deterministic_id(recording_id, FrameworkArticlePublished.name, stored.sha256),
            recording_id=recording_id,
            producer="framework_article_writer",
            artifact_uri=str(stored.uri),
            artifact_sha256=stored.sha256,
            title=article.title,
            insight_ids=list(article.insight_ids),
            source_key=source_key,
            framework_name=article.framework_name,
            thesis=article.thesis,
            writer=drafted.writer,
            writer_notes=drafted.notes,
        )
        await to_articles.publish(published, key=partition_key(published))
        metrics.PUBLISHED.inc()
        run.message = str(stored.uri)
    log.info(
        "framework article published",
        extra={
            "recording_id": recording_id,
            "event_id": published.event_id,
            "framework": article.framework_name,
            "writer": published.writer,
        },
    )


async def refuse(recording_id: str, source_key: str, insight_set: InsightSet, refusal: Exception) -> list[str]:
    """Never publish silently: the refusal and its reasons go to the review topic."""
    if isinstance(refusal, PromotionalArticleError):
        reasons = [f"{tell.kind.value}: {tell.reason} ({tell.matched!r})" for tell in refusal.tells]
        metrics.REFUSED.labels(reason="promotional").inc()
    elif isinstance(refusal, MalformedArticleError):
        reasons = list(refusal.problems)
        metrics.REFUSED.labels(reason="malformed").inc()
    else:
        reasons = [str(refusal)]
        unquoted = isinstance(refusal, UnquotedArticleError)
        metrics.REFUSED.labels(reason="nothing_quotable" if unquoted else "not_enough_insights").inc()
    refused = FrameworkArticleRefused.of(
        insight_set, reasons, source_key=source_key, producer="framework_article_writer"
    )
    await to_review.publish(refused, key=partition_key(refused))
    log.warning("framework article refused", extra={"recording_id": recording_id, "reasons": reasons})
    return reasons
