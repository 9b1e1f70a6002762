"""The transcriber caps glibc's arenas and hands freed memory back after every heavy step."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

from services.transcriber import allocator


def test_arenas_are_capped_on_glibc() -> None:
    assert allocator.limit_arenas() is True


def test_freed_heap_goes_back_to_the_kernel() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    # Blocks below glibc's mmap threshold come from the heap and stay there once freed.
    blocks = [libc.malloc(64 * 1024) for _ in range(256)]
    for block in blocks:
        ctypes.memset(block, 1, 64 * 1024)  # touched, so resident
    for block in blocks:
        libc.free(block)

    assert allocator.release_free_memory() is True


async def test_every_step_is_followed_by_a_release(monkeypatch: pytest.MonkeyPatch) -> None:
    releases: list[str] = []
    monkeypatch.setattr(allocator, "release_free_memory", lambda: releases.append("released"))

    assert await allocator.in_worker(lambda a, b: a + b, 2, b=3) == 5
    assert releases == ["released"]

    def fails() -> None:
        raise RuntimeError("decoding failed")

    with pytest.raises(RuntimeError, match="decoding failed"):
        await allocator.in_worker(fails)
    assert releases == ["released", "released"]  # a failed step freed memory too
