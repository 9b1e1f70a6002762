"""A chat client for the writers that a busy or slow model cannot break.

Any OpenAI-compatible Chat Completions server (OpenAI, vLLM, llama.cpp's server). Transient
failures (HTTP 429, 5xx, timeouts, refused connections) are retried a bounded number of
times, waiting what the server's ``Retry-After`` asks (seconds or an HTTP date) or else an
exponential backoff; answers that do not validate are retried with the validation error
shown to the model. The whole exchange runs on the event loop without blocking it (so
the consumer keeps heartbeating) and under one deadline kept below the consumer's
``max_poll_interval_ms``. Whatever goes wrong ends in :class:`LLMUnavailableError`, which
the writers answer with their extractive draft: a model never dead-letters a recording.

Each rail builds its own :class:`LLMSettings` subclass with its own ``RECAST_<RAIL>_LLM_``
prefix, so the rails share no setting.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal, TypeVar

import openai
from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings

from shared.settings import RecastSettings

log = logging.getLogger("recast.llm")

AnswerT = TypeVar("AnswerT", bound=BaseModel)
Sleep = Callable[[float], Awaitable[None]]

# The LLM step may use this share of max_poll_interval_ms; the rest is for reading the insights,
# rendering and storing the artifact, and publishing, which all happen in the same handler call.
SHARE_OF_POLL_INTERVAL = 0.5


class LLMSettings(BaseSettings):
    """One rail's model. Subclasses set ``env_prefix`` (``RECAST_LEAD_MAGNET_LLM_`` ...)."""

    base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1; unset turns drafting off."
    )
    model: str = Field(default="gpt-4o-mini", min_length=1, description="Model name the server knows.")
    api_key: SecretStr = Field(default=SecretStr("not-needed"), description="API key; local servers accept any.")
    response_format: Literal["json_schema", "json_object", "text"] = Field(
        default="json_schema",
        description="json_schema (OpenAI, vLLM), json_object with the schema attached (llama.cpp's server), "
        "or text (no structured output; the whole answer is the draft).",
    )
    timeout_s: float = Field(default=60, gt=0, description="Longest one request may take.")
    deadline_s: float = Field(
        default=120, gt=0, description="Longest the whole drafting step may take (capped by the poll interval)."
    )
    max_retries: int = Field(default=4, ge=0, le=20, description="Retries of transient failures (429, 5xx, timeouts).")
    max_invalid_answers: int = Field(
        default=2, ge=1, le=10, description="Requests per draft while the answer does not validate."
    )
    retry_base_delay_s: float = Field(default=1.0, gt=0, description="First backoff when no Retry-After is given.")
    retry_max_delay_s: float = Field(
        default=30.0, gt=0, description="Longest single wait; a longer Retry-After means falling back at once."
    )
    max_tokens: int = Field(default=2048, ge=64, description="Most tokens the model may answer with.")
    temperature: float = Field(default=0.3, ge=0, le=2, description="Sampling temperature.")

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


def drafting_deadline(service: RecastSettings, llm: LLMSettings) -> float:
    """Seconds the LLM step may take: the rail's own deadline, never more than half the poll interval."""
    return min(llm.deadline_s, service.max_poll_interval_ms / 1000 * SHARE_OF_POLL_INTERVAL)


class LLMUnavailableError(Exception):
    """No usable answer within the deadline; the message says why, for the artifact's notes and the log."""


@dataclass
class ChatRun:
    """What one exchange did: for logs and tests."""

    requests: int = 0
    transient_failures: list[str] = field(default_factory=list)
    invalid_answers: int = 0


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds a server asked us to wait: ``retry-after-ms``, ``Retry-After`` in seconds, or an HTTP date."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _transient(error: Exception) -> bool:
    if isinstance(error, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(error, openai.APIStatusError):
        return error.status_code == 429 or error.status_code >= 500
    return isinstance(error, TimeoutError | OSError)


def _inlined_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The answer's schema with references inlined and bounds left out: llama.cpp compiles it to a grammar,
    and $refs or length bounds there crashed its server (see services/insights/llm.py)."""
    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    dropped = {"$defs", "title", "description", "default", "minLength", "maxLength", "minItems", "maxItems"}

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items() if key not in dropped}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    result: dict[str, Any] = inline(schema)
    return result


def response_format(kind: str, answer: type[BaseModel]) -> dict[str, Any] | None:
    if kind == "text":
        return None
    schema = _inlined_schema(answer)
    if kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "draft", "schema": schema, "strict": False}}
    # llama.cpp's server rejects json_schema but honours a schema attached to json_object.
    return {"type": "json_object", "schema": schema}


class ResilientChat:
    """Ask one rail's model for an answer of a given shape; raise ``LLMUnavailableError`` rather than fail."""

    def __init__(
        self,
        settings: LLMSettings,
        client: openai.AsyncOpenAI | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.client = client or openai.AsyncOpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key.get_secret_value(),
            timeout=settings.timeout_s,
            max_retries=0,  # retried here, where Retry-After and the deadline are both known
        )
        self._sleep = sleep
        self.last_run = ChatRun()

    async def ask(
        self, messages: list[dict[str, str]], answer: type[AnswerT], *, deadline_s: float, text_field: str = "body"
    ) -> AnswerT:
        """The model's validated answer. In ``text`` mode the whole reply fills ``text_field``."""
        run = ChatRun()
        self.last_run = run
        ends_at = time.monotonic() + deadline_s
        try:
            async with asyncio.timeout(deadline_s):
                return await self._exchange(list(messages), answer, run, ends_at, text_field)
        except TimeoutError:
            raise LLMUnavailableError(
                f"deadline of {deadline_s:.1f} s passed after {run.requests} request(s)"
            ) from None

    async def _exchange(
        self,
        messages: list[dict[str, str]],
        answer: type[AnswerT],
        run: ChatRun,
        ends_at: float,
        text_field: str,
    ) -> AnswerT:
        settings = self.settings
        problem = ""
        for _ in range(settings.max_invalid_answers):
            content = await self._complete(messages, answer, run, ends_at)
            try:
                if settings.response_format == "text":
                    return answer.model_validate({text_field: content})
                return answer.model_validate_json(_json_part(content))
            except ValidationError as invalid:
                run.invalid_answers += 1
                problem = _short_error(invalid)
            messages = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                {"role": "user", "content": f"That was not valid: {problem}. Answer again with JSON only."},
            ]
        raise LLMUnavailableError(f"no valid answer after {settings.max_invalid_answers} request(s): {problem}")

    async def _complete(
        self, messages: list[dict[str, str]], answer: type[BaseModel], run: ChatRun, ends_at: float
    ) -> str:
        settings = self.settings
        options: dict[str, Any] = {"temperature": settings.temperature, "max_tokens": settings.max_tokens}
        fmt = response_format(settings.response_format, answer)
        if fmt is not None:
            options["response_format"] = fmt
        # Typed as Any: the SDK's overloads do not know llama.cpp's json_object-with-schema extension.
        create: Any = self.client.chat.completions.create
        for attempt in range(settings.max_retries + 1):
            remaining = ends_at - time.monotonic()
            run.requests += 1
            try:
                completion = await create(
                    model=settings.model,
                    messages=messages,
                    timeout=max(0.1, min(settings.timeout_s, remaining)),
                    **options,
                )
                return str(completion.choices[0].message.content or "")
            except Exception as error:
                if not _transient(error):
                    raise LLMUnavailableError(f"the model refused the request: {_describe(error)}") from error
                run.transient_failures.append(_describe(error))
                if attempt == settings.max_retries:
                    raise LLMUnavailableError(f"gave up after {attempt + 1} request(s): {_describe(error)}") from error
                delay = self._delay(error, attempt + 1)
                # Asked to wait longer than we may: give up now rather than come back early or too late.
                if delay > settings.retry_max_delay_s or delay >= ends_at - time.monotonic():
                    raise LLMUnavailableError(
                        f"the model asked to wait {delay:.1f} s, longer than the deadline or "
                        f"RETRY_MAX_DELAY_S allows: {_describe(error)}"
                    ) from error
                log.info("transient model failure; retrying in %.1f s", delay, extra={"error": _describe(error)})
                await self._sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _delay(self, error: Exception, failures: int) -> float:
        """What the server asked for, else base, 2 base, 4 base, ... capped."""
        settings = self.settings
        if isinstance(error, openai.APIStatusError):
            asked = parse_retry_after(error.response.headers)
            if asked is not None:
                return asked
        return float(min(settings.retry_max_delay_s, settings.retry_base_delay_s * 2 ** (failures - 1)))


def _describe(error: Exception) -> str:
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, openai.APITimeoutError):
        return "request timed out"
    return type(error).__name__


def _json_part(content: str) -> str:
    """Small models wrap JSON in prose or code fences; take the outermost object."""
    begin, end = content.find("{"), content.rfind("}")
    return content[begin : end + 1] if 0 <= begin < end else content


def _short_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where or 'document'}: {first.get('msg', 'invalid')}"
