"""Structured logs: one JSON object a line, always with the recording they concern."""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}

# The ids of the message being handled (set by shared.metrics.MessageContextMiddleware), so every
# line written while handling it carries them, FastStream's own "Received"/"Processed" included.
message_context: ContextVar[dict[str, str]] = ContextVar("recast_message_context", default={})  # noqa: B039


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "recording_id": getattr(record, "recording_id", None) or message_context.get().get("recording_id"),
            "event_id": getattr(record, "event_id", None) or message_context.get().get("event_id"),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and k not in entry})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(service: str, level: str = "INFO") -> logging.Logger:
    """Route every logger (FastStream's and aiokafka's too) through the JSON formatter."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("aiokafka", "botocore", "urllib3", "numba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return logging.getLogger(f"recast.{service}")
