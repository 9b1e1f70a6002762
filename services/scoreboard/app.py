"""Scoreboards, one per rail: engagement webhooks in (signed, validated, published to the rail's own topic),
and two consumer groups, each tallying only its own rail's artifacts in its own S3 prefix."""

from __future__ import annotations

import logging
import time
from typing import Annotated

from faststream import Context, ContextRepo

from services.scoreboard import metrics
from services.scoreboard.intake import Engaged, Rejected, accept
from services.scoreboard.ledger import Ledger
from services.scoreboard.receiver import WebhookReceiver
from services.scoreboard.records import record_for
from services.scoreboard.settings import ScoreboardSettings, WebhookSettings
from shared.broker import consumer_options, make_broker
from shared.events import (
    FrameworkArticleEngaged,
    FrameworkArticlePublished,
    InsightSet,
    LeadMagnetEngaged,
    LeadMagnetPublished,
)
from shared.keys import insights_key
from shared.scoreboards import Rail
from shared.service import service_app
from shared.storage import ObjectStore, in_thread
from shared.topics import (
    ENGAGEMENT_FRAMEWORK_ARTICLES,
    ENGAGEMENT_LEAD_MAGNETS,
    FRAMEWORK_ARTICLE_SCOREBOARD_GROUP,
    FRAMEWORK_ARTICLES,
    LEAD_MAGNET_SCOREBOARD_GROUP,
    LEAD_MAGNETS,
)

settings = ScoreboardSettings()
broker = make_broker(settings, client_id="recast-scoreboard")
log = logging.getLogger("recast.scoreboard")

to_lead_magnet_engagement = broker.publisher(
    ENGAGEMENT_LEAD_MAGNETS,
    title="engagement.lead-magnets",
    description="A reader engaged with a lead magnet (view, download, form_fill, conversion); keyed by artifact URI.",
    schema=LeadMagnetEngaged,
)
to_framework_article_engagement = broker.publisher(
    ENGAGEMENT_FRAMEWORK_ARTICLES,
    title="engagement.framework-articles",
    description="A framework article was viewed, shared, mentioned, cited or earned an invitation; "
    "keyed by artifact URI.",
    schema=FrameworkArticleEngaged,
)


async def read_webhook_settings(context: ContextRepo, store: ObjectStore) -> None:
    # Built at start-up, so a missing or short secret stops the service before it accepts anything.
    context.set_global("webhook_settings", WebhookSettings())


app = service_app("scoreboard", broker, settings, setup=read_webhook_settings)


@app.after_startup
async def start_receiver(context: ContextRepo) -> None:
    webhook_settings: WebhookSettings = context.get("webhook_settings")
    store: ObjectStore = context.get("store")
    secret = webhook_settings.webhook_secret.get_secret_value().encode()

    async def handle(rail: Rail, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, object]]:
        try:
            event = await in_thread(
                accept,
                rail,
                headers,
                body,
                secret=secret,
                now=time.time(),
                max_skew_s=webhook_settings.webhook_max_skew_s,
                resolve=Ledger(store, rail).resolve,
            )
        except Rejected as rejected:
            metrics.WEBHOOKS.labels(str(rail), str(rejected.status)).inc()
            refusal = {"rail": str(rail), "status": rejected.status, "reason": rejected.reason}
            log.warning("webhook rejected", extra=refusal)
            return rejected.status, {"error": rejected.reason}
        await publish_engagement(event)
        metrics.WEBHOOKS.labels(str(rail), "202").inc()
        return 202, {"event_id": event.event_id, "rail": str(rail), "kind": str(event.kind)}

    receiver = WebhookReceiver(
        handle, webhook_settings.webhook_host, webhook_settings.webhook_port, webhook_settings.webhook_max_body_bytes
    )
    port = await receiver.start()
    context.set_global("receiver", receiver)
    log.info("webhook receiver listening", extra={"host": webhook_settings.webhook_host, "webhook_port": port})


@app.on_shutdown
async def stop_receiver(context: ContextRepo) -> None:
    receiver: WebhookReceiver | None = context.get("receiver")
    if receiver is not None:
        await receiver.stop()


async def publish_engagement(event: Engaged) -> None:
    # Keyed by artifact: one artifact's engagements meet one consumer, in order, on each rail.
    publisher = to_lead_magnet_engagement if isinstance(event, LeadMagnetEngaged) else to_framework_article_engagement
    await publisher.publish(event, key=event.artifact_uri.encode())
    # The gating fields stay out of this line on purpose: they are a lead's personal data.
    log.info(
        "engagement accepted",
        extra={
            "recording_id": event.recording_id,
            "event_id": event.event_id,
            "rail": event.rail,
            "kind": str(event.kind),
            "artifact_uri": event.artifact_uri,
            "source": event.source,
        },
    )


@broker.subscriber(
    LEAD_MAGNETS,
    ENGAGEMENT_LEAD_MAGNETS,
    **consumer_options(LEAD_MAGNET_SCOREBOARD_GROUP, settings),
    title="content.lead-magnets+engagement.lead-magnets/lead-magnet-scoreboard",
    description="The lead-magnet scoreboard: learns each published lead magnet, then counts its views, "
    "downloads, leads and conversions once each.",
)
async def on_lead_magnet_activity(
    event: LeadMagnetPublished | LeadMagnetEngaged, store: Annotated[ObjectStore, Context("store")]
) -> None:
    ledger = Ledger(store, Rail.lead_magnets)
    if isinstance(event, LeadMagnetPublished):
        await register(ledger, event, store)
    elif await in_thread(ledger.count, event.artifact_uri, event.event_id, event.kind.value):
        metrics.LEAD_MAGNET_ENGAGEMENT.labels(event.kind.value).inc()
    else:
        metrics.LEAD_MAGNET_DUPLICATES.inc()


@broker.subscriber(
    FRAMEWORK_ARTICLES,
    ENGAGEMENT_FRAMEWORK_ARTICLES,
    **consumer_options(FRAMEWORK_ARTICLE_SCOREBOARD_GROUP, settings),
    title="content.framework-articles+engagement.framework-articles/framework-article-scoreboard",
    description="The framework-article scoreboard: learns each published article, then counts its citations, "
    "mentions, invitations, shares and views once each.",
)
async def on_framework_article_activity(
    event: FrameworkArticlePublished | FrameworkArticleEngaged, store: Annotated[ObjectStore, Context("store")]
) -> None:
    ledger = Ledger(store, Rail.framework_articles)
    if isinstance(event, FrameworkArticlePublished):
        await register(ledger, event, store)
    elif await in_thread(ledger.count, event.artifact_uri, event.event_id, event.kind.value):
        metrics.FRAMEWORK_ARTICLE_ENGAGEMENT.labels(event.kind.value).inc()
    else:
        metrics.FRAMEWORK_ARTICLE_DUPLICATES.inc()


async def register(ledger: Ledger, event: LeadMagnetPublished | FrameworkArticlePublished, store: ObjectStore) -> None:
    insights = store.uri(insights_key(event.recording_id))
    insight_set = await in_thread(read_insights, store, str(insights))
    record = record_for(event, insight_set)
    await in_thread(ledger.register, record)
    log.info(
        "artifact on the scoreboard",
        extra={"recording_id": event.recording_id, "rail": str(ledger.rail), "artifact_uri": event.artifact_uri},
    )


def read_insights(store: ObjectStore, uri: str) -> InsightSet | None:
    from botocore.exceptions import ClientError

    try:
        return store.get_model(uri, InsightSet)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
            return None
        raise
