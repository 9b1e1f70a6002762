"""The writers' chat client against a scripted server on 127.0.0.1: Retry-After, backoff, deadline, validation."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from infra.local.stack import free_port
from shared.drafting import DraftAnswer
from shared.llm import LLMSettings, LLMUnavailableError, ResilientChat, drafting_deadline, parse_retry_after
from shared.settings import RecastSettings
from tests.scripted_chat import Reply, Stall, draft, scripted_chat

MESSAGES = [{"role": "user", "content": "Write."}]


class RecordedSleep:
    """Stands in for asyncio.sleep: records how long the client chose to wait, without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def chat_for(base_url: str, sleep: RecordedSleep | None = None, **options: object) -> ResilientChat:
    settings = LLMSettings(base_url=base_url, retry_base_delay_s=0.25, **options)  # type: ignore[arg-type]
    return ResilientChat(settings, sleep=sleep or RecordedSleep())


async def test_429_with_retry_after_then_500_then_an_answer() -> None:
    sleep = RecordedSleep()
    script = [Reply(status=429, headers={"Retry-After": "7"}), Reply(status=503), draft("The draft.")]
    with scripted_chat(script) as server:
        chat = chat_for(server.base_url, sleep)
        answer = await chat.ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert answer.body == "The draft."
    assert len(server.requests) == 3
    # The server's 7 s first, then the client's own backoff (base x 2 after the second failure).
    assert sleep.waits == [7.0, 0.5]
    assert chat.last_run.transient_failures == ["HTTP 429", "HTTP 503"]


async def test_a_retry_after_longer_than_allowed_falls_back_at_once() -> None:
    sleep = RecordedSleep()
    with scripted_chat([Reply(status=429, headers={"Retry-After": "3600"}), draft("never asked for")]) as server:
        chat = chat_for(server.base_url, sleep)
        with pytest.raises(LLMUnavailableError, match="asked to wait 3600"):
            await chat.ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert len(server.requests) == 1 and sleep.waits == []


async def test_retries_are_bounded() -> None:
    with scripted_chat([Reply(status=500)]) as server:
        chat = chat_for(server.base_url, max_retries=2)
        with pytest.raises(LLMUnavailableError, match="gave up after 3 request"):
            await chat.ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert len(server.requests) == 3


async def test_a_refused_request_is_not_retried() -> None:
    with (
        scripted_chat([Reply(status=400), draft("never asked for")]) as server,
        pytest.raises(LLMUnavailableError, match="refused the request: HTTP 400"),
    ):
        await chat_for(server.base_url).ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert len(server.requests) == 1


async def test_an_unreachable_server_is_transient_and_bounded() -> None:
    chat = chat_for(f"http://127.0.0.1:{free_port()}/v1", max_retries=1)
    with pytest.raises(LLMUnavailableError, match="gave up after 2 request"):
        await chat.ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert chat.last_run.requests == 2


async def test_a_stalled_model_ends_at_the_deadline_without_blocking_the_loop() -> None:
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    try:
        with scripted_chat([Stall(120)]) as server:
            chat = ResilientChat(LLMSettings(base_url=server.base_url, timeout_s=300))
            with pytest.raises(LLMUnavailableError, match=r"deadline of 0\.5 s passed"):
                await chat.ask(MESSAGES, DraftAnswer, deadline_s=0.5)
    finally:
        beating.cancel()
    assert len(server.requests) == 1
    assert ticks > 0, "the event loop was blocked while the model stalled"


async def test_an_invalid_answer_is_retried_with_the_error_shown() -> None:
    with scripted_chat([Reply("this is not JSON"), draft("Valid now.")]) as server:
        chat = chat_for(server.base_url)
        answer = await chat.ask(MESSAGES, DraftAnswer, deadline_s=60)
    assert answer.body == "Valid now." and chat.last_run.invalid_answers == 1
    assert "not valid" in server.requests[1]["messages"][-1]["content"]


async def test_response_formats_for_openai_llama_cpp_and_plain_text() -> None:
    with scripted_chat([draft("A."), draft("B."), Reply("Plain prose.")]) as server:
        await chat_for(server.base_url).ask(MESSAGES, DraftAnswer, deadline_s=60)
        await chat_for(server.base_url, response_format="json_object").ask(MESSAGES, DraftAnswer, deadline_s=60)
        text = await chat_for(server.base_url, response_format="text").ask(MESSAGES, DraftAnswer, deadline_s=60)
    openai_style, llama_style = (request["response_format"] for request in server.requests[:2])
    plain = server.requests[2].get("response_format")
    assert openai_style["type"] == "json_schema" and "body" in openai_style["json_schema"]["schema"]["properties"]
    assert llama_style["type"] == "json_object" and "body" in llama_style["schema"]["properties"]
    assert plain is None and text.body == "Plain prose."


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after({"retry-after": "12"}, now) == 12.0
    assert parse_retry_after({"retry-after": "Tue, 01 Dec 2026 12:00:30 GMT"}, now) == 30.0
    assert parse_retry_after({"retry-after": "Tue, 01 Dec 2026 11:59:00 GMT"}, now) == 0.0
    assert parse_retry_after({"retry-after-ms": "1500", "retry-after": "9"}, now) == 1.5
    assert parse_retry_after({"retry-after": "soon"}, now) is None
    assert parse_retry_after({}, now) is None


def test_the_drafting_deadline_stays_well_inside_the_poll_interval() -> None:
    assert drafting_deadline(RecastSettings(max_poll_interval_ms=10_000), LLMSettings(deadline_s=120)) == 5.0
    assert drafting_deadline(RecastSettings(), LLMSettings(deadline_s=120)) == 120.0
    assert not LLMSettings().enabled
