"""What two cores give Whisper on this machine, with no broker, S3 or pipeline around it.

One process pinned to the first core transcribes a recording ``--passes`` times; then two
such processes, one per core, do the same at once. The ratio ``2 x alone / side by side`` is
the most any two-replica deployment can reach here: on a virtual machine two busy vCPUs can
each run slower than one alone (shared physical core, memory bandwidth, the host's other
guests), and no change to Recast can win that back. ``bench.replicas`` prints it beside the
replicas' own ratio, measured in the same run.

    python -m bench.core_scaling --audio .run/bench/replicas-3min-1.wav --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from infra.local.stack import REPO_ROOT

READY = "ready"


@dataclass(frozen=True)
class CoreScaling:
    alone_s: float  # one process, the other core idle
    side_by_side_s: float  # mean of two processes running at once

    @property
    def ratio(self) -> float:
        return 2 * self.alone_s / self.side_by_side_s


def worker(core: int, audio_path: Path, passes: int) -> None:
    """Load the engine as the transcriber does (one thread, warmed up), say ready, wait for the
    go line on stdin, then print the seconds ``passes`` transcriptions took."""
    os.sched_setaffinity(0, {core})
    os.environ["RECAST_CPU_THREADS"] = "1"
    from services.transcriber.audio import read_wav
    from services.transcriber.engines import load_engine, warm_up_engine
    from services.transcriber.settings import TranscriberSettings

    settings = TranscriberSettings()
    engine = load_engine(settings)
    warm_up_engine(engine, settings.whisper_language)
    audio = read_wav(audio_path.read_bytes())
    print(READY, flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    for _ in range(passes):
        engine.transcribe(audio, settings.whisper_language)
    print(f"{time.perf_counter() - started:.4f}", flush=True)


def timed_together(cores: list[int], audio_path: Path, passes: int) -> list[float]:
    """Start one worker per core, release them at the same moment, return each one's seconds."""
    command = [sys.executable, "-m", "bench.core_scaling", "--audio", str(audio_path), "--passes", str(passes)]
    workers = [
        subprocess.Popen(
            [*command, "--worker", str(core)], cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for core in cores
    ]
    try:
        for process in workers:
            assert process.stdin is not None and process.stdout is not None
            if (line := process.stdout.readline().strip()) != READY:
                raise RuntimeError(f"whisper worker did not start: {line!r}")
        for process in workers:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        seconds = []
        for process in workers:
            assert process.stdout is not None
            seconds.append(float(process.stdout.readline()))
        return seconds
    finally:
        for process in workers:
            process.wait(timeout=60)


def measure(audio_path: Path, passes: int = 2) -> CoreScaling:
    """One process alone, then two side by side, on the first two cores this process may use."""
    cores = sorted(os.sched_getaffinity(0))[:2]
    if len(cores) < 2:
        raise RuntimeError("core scaling needs two cores")
    [alone] = timed_together(cores[:1], audio_path, passes)
    side_by_side = statistics.mean(timed_together(cores, audio_path, passes))
    return CoreScaling(alone, side_by_side)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", type=Path, required=True, help="16 kHz mono WAV to transcribe")
    parser.add_argument("--passes", type=int, default=2, help="transcriptions per process and measurement")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", type=int, metavar="CORE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        worker(args.worker, args.audio, args.passes)
        return 0
    for attempt in range(args.repeat):
        scaling = measure(args.audio, args.passes)
        print(
            f"whisper alone {scaling.alone_s:.2f} s, two side by side {scaling.side_by_side_s:.2f} s each: "
            f"{scaling.ratio:.2f}x ({attempt + 1} of {args.repeat})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
