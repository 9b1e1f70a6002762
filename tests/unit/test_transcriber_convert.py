"""The CTranslate2 → openai-whisper converter, on tiny model.bin files written here."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from services.transcriber.convert import (
    ConversionError,
    ensure_openai_checkpoint,
    openai_checkpoint,
    read_alignment_heads,
    read_ct2_model,
)

_DTYPE_IDS = {
    np.dtype(name): dtype_id for dtype_id, name in enumerate(["float32", "int8", "int16", "int32", "float16"])
}
_BFLOAT16_ID = 5


def write_model_bin(
    path: Path,
    variables: dict[str, np.ndarray],
    aliases: dict[str, str] | None = None,
    *,
    spec: str = "WhisperSpec",
    binary_version: int = 6,
    bfloat16: frozenset[str] = frozenset(),
) -> Path:
    """Write ``variables`` in CTranslate2's model.bin layout (little-endian, NUL-terminated names).

    Names in ``bfloat16`` hold raw bfloat16 bit patterns as uint16.
    """

    def string(value: str) -> bytes:
        encoded = value.encode() + b"\0"
        return struct.pack("<H", len(encoded)) + encoded

    out = struct.pack("<I", binary_version) + string(spec) + struct.pack("<I", 3)
    out += struct.pack("<I", len(variables))
    for name, array in variables.items():
        out += string(name) + struct.pack("<B", array.ndim) + struct.pack(f"<{array.ndim}I", *array.shape)
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        dtype_id = _BFLOAT16_ID if name in bfloat16 else _DTYPE_IDS[array.dtype]
        out += struct.pack("<B", dtype_id) + struct.pack("<I", len(data)) + data
    aliases = aliases or {}
    out += struct.pack("<I", len(aliases))
    for alias, target in aliases.items():
        out += string(alias) + string(target)
    path.write_bytes(out)
    return path


def test_reader_returns_tensors_scalars_and_aliases(tmp_path: Path) -> None:
    embeddings = np.arange(12, dtype=np.float16).reshape(4, 3)
    bias = np.array([0.5, -1.25], dtype=np.float32)
    model_bin = write_model_bin(
        tmp_path / "model.bin",
        {
            "decoder/embeddings/weight": embeddings,
            "decoder/num_heads": np.array(6, dtype=np.int16),
            "decoder/activation": np.array(3, dtype=np.int8),
            "encoder/conv1/bias": bias,
        },
        {"decoder/projection/weight": "decoder/embeddings/weight"},
    )

    model = read_ct2_model(model_bin)

    assert (model.binary_version, model.spec, model.revision) == (6, "WhisperSpec", 3)
    assert model.variables["decoder/embeddings/weight"].dtype == np.float16
    np.testing.assert_array_equal(model.variables["decoder/embeddings/weight"], embeddings)
    np.testing.assert_array_equal(model.variables["encoder/conv1/bias"], bias)
    assert model.variables["decoder/num_heads"].shape == ()
    assert int(model.variables["decoder/num_heads"]) == 6
    assert int(model.variables["decoder/activation"]) == 3
    assert model.variables["decoder/projection/weight"] is model.variables["decoder/embeddings/weight"]


def test_reader_widens_bfloat16(tmp_path: Path) -> None:
    values = np.array([1.0, -2.5, 3.140625], dtype=np.float32)
    bfloat16_bits = (values.view(np.uint32) >> 16).astype(np.uint16)
    model_bin = write_model_bin(
        tmp_path / "model.bin", {"encoder/conv1/bias": bfloat16_bits}, bfloat16=frozenset({"encoder/conv1/bias"})
    )

    widened = read_ct2_model(model_bin).variables["encoder/conv1/bias"]

    assert widened.dtype == np.float32
    np.testing.assert_array_equal(widened, values)


def test_reader_refuses_other_binary_versions(tmp_path: Path) -> None:
    model_bin = write_model_bin(tmp_path / "model.bin", {}, binary_version=5)

    with pytest.raises(ConversionError, match="binary version 5"):
        read_ct2_model(model_bin)


def test_reader_refuses_a_truncated_file(tmp_path: Path) -> None:
    model_bin = write_model_bin(tmp_path / "model.bin", {"encoder/conv1/bias": np.ones(8, dtype=np.float32)})
    model_bin.write_bytes(model_bin.read_bytes()[:-10])

    with pytest.raises(ConversionError, match="ends early"):
        read_ct2_model(model_bin)


# --- a whole (tiny) Whisper ---------------------------------------------------------------

DIMS = {
    "n_mels": 4,
    "n_audio_ctx": 6,
    "n_audio_state": 8,
    "n_audio_head": 2,
    "n_audio_layer": 2,
    "n_vocab": 11,
    "n_text_ctx": 5,
    "n_text_state": 8,
    "n_text_head": 2,
    "n_text_layer": 2,
}


def tiny_ct2_whisper(seed: int = 0) -> dict[str, np.ndarray]:
    """A randomly initialised Whisper, in CTranslate2's names and layout (float16, fused QKV)."""
    rng = np.random.default_rng(seed)
    width, ffn = DIMS["n_audio_state"], 4 * DIMS["n_audio_state"]

    def tensor(*shape: int) -> np.ndarray:
        return rng.standard_normal(shape).astype(np.float16)

    def linear(prefix: str, rows: int, cols: int = width) -> dict[str, np.ndarray]:
        return {f"{prefix}/weight": tensor(rows, cols), f"{prefix}/bias": tensor(rows)}

    def norm(prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}/gamma": tensor(width), f"{prefix}/beta": tensor(width)}

    def self_attention(prefix: str) -> dict[str, np.ndarray]:
        fused_qkv = linear(f"{prefix}/linear_0", 3 * width)
        return fused_qkv | linear(f"{prefix}/linear_1", width) | norm(f"{prefix}/layer_norm")

    def cross_attention(prefix: str) -> dict[str, np.ndarray]:
        query, fused_kv = linear(f"{prefix}/linear_0", width), linear(f"{prefix}/linear_1", 2 * width)
        return query | fused_kv | linear(f"{prefix}/linear_2", width) | norm(f"{prefix}/layer_norm")

    def feed_forward(prefix: str) -> dict[str, np.ndarray]:
        up, down = linear(f"{prefix}/linear_0", ffn), linear(f"{prefix}/linear_1", width, ffn)
        return up | down | norm(f"{prefix}/layer_norm")

    variables: dict[str, np.ndarray] = {
        "encoder/num_heads": np.array(DIMS["n_audio_head"], dtype=np.int16),
        "decoder/num_heads": np.array(DIMS["n_text_head"], dtype=np.int16),
        "decoder/activation": np.array(3, dtype=np.int8),
        "encoder/conv1/weight": tensor(width, DIMS["n_mels"], 3),
        "encoder/conv1/bias": tensor(width),
        "encoder/conv2/weight": tensor(width, width, 3),
        "encoder/conv2/bias": tensor(width),
        "encoder/position_encodings/encodings": tensor(DIMS["n_audio_ctx"], width),
        "decoder/embeddings/weight": tensor(DIMS["n_vocab"], width),
        "decoder/position_encodings/encodings": tensor(DIMS["n_text_ctx"], width),
    }
    variables |= norm("encoder/layer_norm") | norm("decoder/layer_norm")
    for i in range(DIMS["n_audio_layer"]):
        variables |= self_attention(f"encoder/layer_{i}/self_attention") | feed_forward(f"encoder/layer_{i}/ffn")
    for i in range(DIMS["n_text_layer"]):
        variables |= self_attention(f"decoder/layer_{i}/self_attention") | feed_forward(f"decoder/layer_{i}/ffn")
        variables |= cross_attention(f"decoder/layer_{i}/attention")
    return variables


def write_tiny_model_dir(directory: Path, variables: dict[str, np.ndarray] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    write_model_bin(
        directory / "model.bin",
        tiny_ct2_whisper() if variables is None else variables,
        {"decoder/projection/weight": "decoder/embeddings/weight"},
    )
    (directory / "config.json").write_text('{"alignment_heads": [[1, 0], [1, 1]]}')
    return directory


def test_checkpoint_loads_strictly_into_openai_whisper(tmp_path: Path) -> None:
    from whisper.model import ModelDimensions, Whisper

    checkpoint = openai_checkpoint(read_ct2_model(write_tiny_model_dir(tmp_path) / "model.bin"))

    assert checkpoint["dims"] == DIMS
    model = Whisper(ModelDimensions(**DIMS))
    model.load_state_dict(checkpoint["model_state_dict"], strict=True)
    assert all(tensor.dtype == torch.float32 for tensor in model.state_dict().values())


def test_fused_projections_are_split_in_order(tmp_path: Path) -> None:
    ct2 = tiny_ct2_whisper()
    state = openai_checkpoint(read_ct2_model(write_tiny_model_dir(tmp_path, ct2) / "model.bin"))["model_state_dict"]
    assert isinstance(state, dict)
    width = DIMS["n_audio_state"]

    def ours(name: str) -> np.ndarray:
        return np.asarray(state[name].numpy())

    qkv = ct2["encoder/layer_1/self_attention/linear_0/weight"].astype(np.float32)
    np.testing.assert_array_equal(ours("encoder.blocks.1.attn.query.weight"), qkv[:width])
    np.testing.assert_array_equal(ours("encoder.blocks.1.attn.key.weight"), qkv[width : 2 * width])
    np.testing.assert_array_equal(ours("encoder.blocks.1.attn.value.weight"), qkv[2 * width :])
    qkv_bias = ct2["encoder/layer_1/self_attention/linear_0/bias"].astype(np.float32)
    np.testing.assert_array_equal(ours("encoder.blocks.1.attn.value.bias"), qkv_bias[2 * width :])
    assert "encoder.blocks.1.attn.key.bias" not in state

    kv = ct2["decoder/layer_0/attention/linear_1/weight"].astype(np.float32)
    np.testing.assert_array_equal(ours("decoder.blocks.0.cross_attn.key.weight"), kv[:width])
    np.testing.assert_array_equal(ours("decoder.blocks.0.cross_attn.value.weight"), kv[width:])
    np.testing.assert_array_equal(
        ours("decoder.blocks.0.cross_attn.query.weight"),
        ct2["decoder/layer_0/attention/linear_0/weight"].astype(np.float32),
    )
    np.testing.assert_array_equal(
        ours("decoder.blocks.0.mlp.2.weight"), ct2["decoder/layer_0/ffn/linear_1/weight"].astype(np.float32)
    )
    np.testing.assert_array_equal(ours("decoder.ln.weight"), ct2["decoder/layer_norm/gamma"].astype(np.float32))


def test_a_weight_without_a_mapping_is_an_error(tmp_path: Path) -> None:
    ct2 = tiny_ct2_whisper() | {"decoder/layer_0/adapter/weight": np.ones((2, 2), dtype=np.float16)}
    model = read_ct2_model(write_tiny_model_dir(tmp_path, ct2) / "model.bin")

    with pytest.raises(ConversionError, match="adapter"):
        openai_checkpoint(model)


def test_only_whisper_models_convert(tmp_path: Path) -> None:
    model_bin = write_model_bin(tmp_path / "model.bin", {}, spec="TransformerSpec")

    with pytest.raises(ConversionError, match="TransformerSpec"):
        openai_checkpoint(read_ct2_model(model_bin))


def test_alignment_heads_come_from_config_json(tmp_path: Path) -> None:
    assert read_alignment_heads(write_tiny_model_dir(tmp_path)) == [(1, 0), (1, 1)]


def test_checkpoint_is_converted_once_and_cached(tmp_path: Path) -> None:
    model_dir = write_tiny_model_dir(tmp_path / "ct2")
    cache = tmp_path / "cache"

    first = ensure_openai_checkpoint(model_dir, cache)
    written_at = first.stat().st_mtime_ns
    second = ensure_openai_checkpoint(model_dir, cache)

    assert second == first
    assert second.stat().st_mtime_ns == written_at
    assert [path.name for path in cache.iterdir()] == [first.name], "no temporary files left behind"
    checkpoint = torch.load(first, weights_only=True)
    assert checkpoint["dims"] == DIMS


def test_a_different_model_gets_its_own_checkpoint(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = ensure_openai_checkpoint(write_tiny_model_dir(tmp_path / "a", tiny_ct2_whisper(seed=1)), cache)
    second = ensure_openai_checkpoint(write_tiny_model_dir(tmp_path / "b", tiny_ct2_whisper(seed=2)), cache)

    assert first != second
