"""Chunk events spread evenly over the partitions, starting at their recording's own partition."""

from __future__ import annotations

from collections import Counter

from aiokafka.partitioner import DefaultPartitioner

from services.transcriber.chunk_partitions import chunk_key, spread_chunks

PARTITIONS = [0, 1, 2, 3]


def test_a_recordings_chunks_fill_every_partition_in_turn() -> None:
    home = DefaultPartitioner()(b"rec-1", PARTITIONS, PARTITIONS)

    placed = [spread_chunks(chunk_key("rec-1", index), PARTITIONS, PARTITIONS) for index in range(12)]

    assert placed[0] == home  # the first chunk stays with the recording's other events
    assert placed == [(home + index) % 4 for index in range(12)]
    assert Counter(placed) == dict.fromkeys(PARTITIONS, 3)


def test_hashing_every_chunk_key_would_leave_partitions_uneven() -> None:
    # Why the partitioner exists: the same 12 chunks hashed as plain keys do not split 3/3/3/3.
    hashed = Counter(DefaultPartitioner()(chunk_key("rec-1", index), PARTITIONS, PARTITIONS) for index in range(12))

    assert hashed != Counter(dict.fromkeys(PARTITIONS, 3))


def test_other_keys_hash_as_the_default_partitioner_does() -> None:
    for key in (b"rec-1", b"incoming/podcasts/talk.mp3", b"rec-1/not-a-number"):
        assert spread_chunks(key, PARTITIONS, PARTITIONS) == DefaultPartitioner()(key, PARTITIONS, PARTITIONS)
    assert spread_chunks(None, PARTITIONS, [2]) == 2  # unkeyed: any available partition


def test_partition_ids_need_not_start_at_zero() -> None:
    placed = {spread_chunks(chunk_key("rec-2", index), [5, 6], [5, 6]) for index in range(4)}

    assert placed == {5, 6}
