"""Where a chunk event goes: its recording's chunks spread evenly over the partitions.

Chunks are the transcriber's unit of work, and a replica works on the partitions it owns.
Hashing each chunk's key would pile some chunks on one partition while another stays idle,
so one replica would still be transcribing after the others ran dry. Instead chunk ``n``
goes ``n`` partitions after its recording's own partition (the one its other events hash
to): a recording's chunks fill every partition in turn, and recordings that are spread over
the partitions have their chunks spread the same way.
"""

from __future__ import annotations

from aiokafka.partitioner import DefaultPartitioner

_SEPARATOR = b"/"


def chunk_key(recording_id: str, index: int) -> bytes:
    return recording_id.encode() + _SEPARATOR + str(index).encode()


def spread_chunks(key: bytes | None, all_partitions: list[int], available: list[int]) -> int:
    """A producer partitioner: chunk keys (:func:`chunk_key`) round-robin from the recording's
    partition; every other key (a recording id, a dead letter's key) hashes as usual."""
    recording_id, separator, index = (key or b"").rpartition(_SEPARATOR)
    if not separator or not index.isdigit():
        return DefaultPartitioner()(key, all_partitions, available)
    home = all_partitions.index(DefaultPartitioner()(recording_id, all_partitions, available))
    return all_partitions[(home + int(index)) % len(all_partitions)]
