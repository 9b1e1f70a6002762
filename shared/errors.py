"""Which failures another attempt may cure: one rule for the broker's retries, the stage status and the CLI.

Transient: a dependency was down or slow (S3 5xx and throttling, connection errors, timeouts, broker
hiccups). Permanent: the message or the object itself is bad, and retrying cannot help.
"""

from __future__ import annotations

import json

from pydantic import ValidationError


class TransientError(Exception):
    """Raise from a handler for a failure that a later attempt may not meet (a dependency is down)."""


class PermanentError(Exception):
    """Raise from a handler for a message that can never succeed; it goes to the dead-letter topic at once."""


TRANSIENT_S3_CODES = {
    "InternalError",
    "ServiceUnavailable",
    "SlowDown",
    "Throttling",
    "ThrottlingException",
    "RequestTimeout",
    "RequestTimeTooSkewed",
}


PERMANENT_KAFKA_ERRORS = {
    "MessageSizeTooLargeError",
    "RecordListTooLargeError",
    "InvalidTopicError",
    "TopicAuthorizationFailedError",
    "GroupAuthorizationFailedError",
    "ClusterAuthorizationFailedError",
    "SaslAuthenticationFailedError",
    "UnsupportedVersionError",
    "IllegalArgumentError",
}


def is_transient(error: BaseException) -> bool:
    """Whether another attempt may succeed: the dependency was down, not the message bad."""
    from aiokafka.errors import KafkaError
    from botocore.exceptions import ClientError, ConnectionError, HTTPClientError

    if isinstance(error, TransientError):
        return True
    if isinstance(error, PermanentError | ValidationError | json.JSONDecodeError | UnicodeDecodeError):
        return False
    if isinstance(error, ClientError):
        response = error.response or {}
        status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        return status >= 500 or response.get("Error", {}).get("Code") in TRANSIENT_S3_CODES
    if isinstance(error, ConnectionError | HTTPClientError):  # botocore's: refused, reset, timed out
        return True
    if isinstance(error, KafkaError):
        # A broker that restarts answers with all sorts of errors (even UnknownError) for a while;
        # only errors no retry can fix are permanent.
        return type(error).__name__ not in PERMANENT_KAFKA_ERRORS
    return isinstance(error, OSError | TimeoutError) and not isinstance(error, FileNotFoundError)
