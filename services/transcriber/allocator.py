"""Keep glibc's allocator from holding on to memory the transcriber has freed.

Each chunk allocates and frees a few hundred MB (audio, features, the decoder's buffers, the
speaker encoder's batches) from worker threads. glibc gives threads arenas of their own (up to
eight per core) and keeps what is freed in each for reuse, so RSS settles at the sum of every
arena's high-water mark, not at what is in use: measured in ``bench.memory``, docs/benchmarks.md.
Two arenas are plenty (the work is serialised by the GIL and each native library keeps its own
thread pool), and trimming after each step hands the freed pages back before the next one.
Elsewhere than glibc both are no-ops.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache
from typing import Any, ParamSpec, TypeVar

# mallopt parameter number, from glibc's malloc.h.
_M_ARENA_MAX = -8
MAX_ARENAS = 2

P = ParamSpec("P")
T = TypeVar("T")


@cache
def _libc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    libc = ctypes.CDLL(name)
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_arenas(max_arenas: int = MAX_ARENAS) -> bool:
    """Cap glibc's malloc arenas; call at start-up, before worker threads allocate. True if applied."""
    libc = _libc()
    return libc is not None and bool(libc.mallopt(_M_ARENA_MAX, max_arenas))


def release_free_memory() -> bool:
    """Give pages that malloc holds free back to the kernel. True if some were released."""
    libc = _libc()
    return libc is not None and bool(libc.malloc_trim(0))


async def in_worker(step: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run one of the transcriber's heavy steps in a worker thread, then hand back the memory it
    freed, so the next step starts from the baseline rather than from this one's peak."""
    try:
        return await asyncio.to_thread(step, *args, **kwargs)
    finally:
        release_free_memory()
