"""Speech-to-text engines behind one small interface, both running offline on one model.

Both start from the same CTranslate2 Whisper model directory: faster-whisper reads it
directly; openai-whisper reads a checkpoint converted from it once and cached.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import ctranslate2
import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from services.transcriber.audio import SAMPLE_RATE
from services.transcriber.features import BlockwiseFeatureExtractor
from services.transcriber.settings import TranscriberSettings
from services.transcriber.words import mend_split_words
from shared.events import TranscriptSegment, TranscriptWord

Audio = npt.NDArray[np.float32]


@dataclass(frozen=True)
class TranscriptionResult:
    """What an engine heard: the language and non-empty segments, in order, inside the audio."""

    language: str
    segments: list[TranscriptSegment]


# A window the guards below reject is decoded again at a higher temperature, which samples. Seeded before every
# transcription, the same audio always gives the same words: a chunk redelivered after a crash, a re-run of the
# eval, a recording uploaded twice. Unseeded, two runs over one 65 s recording differed in four segments of
# fourteen, one of them missing from a run altogether.
FALLBACK_SEED = 0


@dataclass(frozen=True)
class DecodingGuards:
    """Whisper's own defences against inventing text, set the same way for both engines.

    Each 30 s window decodes on its own (no conditioning on the previous text), so one
    hallucination cannot feed the next; a window whose text compresses too well (a loop) or
    decodes with low confidence is retried hotter, and one the model judges silent is dropped.
    """

    compression_ratio_threshold: float = 2.4
    log_prob_threshold: float = -1.0
    no_speech_threshold: float = 0.6
    word_timestamps: bool = False

    @classmethod
    def from_settings(cls, settings: TranscriberSettings) -> DecodingGuards:
        return cls(
            compression_ratio_threshold=settings.compression_ratio_threshold,
            log_prob_threshold=settings.log_prob_threshold,
            no_speech_threshold=settings.no_speech_threshold,
            word_timestamps=settings.word_timestamps,
        )

    def options(self) -> dict[str, Any]:
        return {
            "condition_on_previous_text": False,
            "compression_ratio_threshold": self.compression_ratio_threshold,
            "logprob_threshold": self.log_prob_threshold,
            "no_speech_threshold": self.no_speech_threshold,
            "word_timestamps": self.word_timestamps,
        }


class SpeechToText(Protocol):
    """A loaded speech-to-text model. ``engine`` and ``model`` are recorded in every transcript."""

    engine: str
    model: str
    multilingual: bool

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        """Transcribe 16 kHz mono float32 ``audio``; ``language=None`` lets a multilingual model detect it."""
        ...

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        """The language spoken in the first 30 s of ``audio`` and the model's probability for it."""
        ...


class Span(NamedTuple):
    """One segment as both libraries report it, with Whisper's confidence in the window it came from."""

    start: float
    end: float
    text: str
    words: list[tuple[float, float, str, float]]  # (start, end, word, probability)
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float


class FasterWhisperEngine:
    """Whisper on CTranslate2: int8 on CPU, the faster of the two."""

    engine = "faster-whisper"

    def __init__(
        self,
        model_dir: Path,
        *,
        model_name: str,
        compute_type: str = "int8",
        cpu_threads: int = 2,
        beam_size: int = 1,
        guards: DecodingGuards | None = None,
    ) -> None:
        self._model = WhisperModel(
            str(model_dir), device="cpu", compute_type=compute_type, cpu_threads=cpu_threads, local_files_only=True
        )
        # Same features, a block at a time: the library's own extractor peaks at ~250 MB on a 300 s chunk.
        self._model.feature_extractor = BlockwiseFeatureExtractor(**self._model.feat_kwargs)
        self.model = model_name
        self.multilingual = bool(self._model.model.is_multilingual)
        self._beam_size = beam_size
        self._guards = guards or DecodingGuards()

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        _check_language(self.model, self.multilingual, language)
        ctranslate2.set_random_seed(FALLBACK_SEED)
        options = self._guards.options()
        options["log_prob_threshold"] = options.pop("logprob_threshold")
        # The service runs its own VAD before the engine sees any audio; a second pass here would only cost.
        segments, info = self._model.transcribe(audio, language=language, beam_size=self._beam_size, **options)
        # ``segments`` is lazy: decoding happens while it is iterated.
        spans = [
            Span(
                segment.start,
                segment.end,
                segment.text,
                [(w.start, w.end, w.word, w.probability) for w in segment.words or []],
                segment.avg_logprob,
                segment.no_speech_prob,
                segment.compression_ratio,
            )
            for segment in segments
        ]
        return _result(info.language, spans, audio)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        _check_multilingual(self.model, self.multilingual)
        language, probability, _ = self._model.detect_language(audio)
        return language, float(probability)


class OpenAIWhisperEngine:
    """The reference PyTorch Whisper, fp32 on CPU, loaded from the converted checkpoint."""

    engine = "openai-whisper"

    def __init__(
        self,
        model_dir: Path,
        *,
        model_name: str,
        checkpoint_dir: Path,
        cpu_threads: int = 2,
        beam_size: int = 1,
        guards: DecodingGuards | None = None,
    ) -> None:
        # Imported here: torch takes seconds to import and most deployments run faster-whisper.
        import torch
        import whisper

        from services.transcriber.convert import ensure_openai_checkpoint, read_alignment_heads

        checkpoint = ensure_openai_checkpoint(model_dir, checkpoint_dir)
        # torch's thread count is process-wide; this engine is the only torch user in the service.
        torch.set_num_threads(cpu_threads)
        self._model: Any = whisper.load_model(str(checkpoint), device="cpu")
        # A checkpoint loaded from a path comes without alignment heads; word timestamps need them.
        heads = read_alignment_heads(model_dir)
        if heads:
            self._model.set_alignment_heads(_alignment_heads_dump(heads, self._model.dims))
        self.model = model_name
        self.multilingual = bool(self._model.is_multilingual)
        self._beam_size = beam_size
        self._guards = guards or DecodingGuards()

    def transcribe(self, audio: Audio, language: str | None) -> TranscriptionResult:
        import torch

        _check_language(self.model, self.multilingual, language)
        torch.manual_seed(FALLBACK_SEED)
        options: dict[str, Any] = {"beam_size": self._beam_size} if self._beam_size > 1 else {}
        result = self._model.transcribe(
            audio, language=language, fp16=False, verbose=None, **options, **self._guards.options()
        )
        spans = [
            Span(
                segment["start"],
                segment["end"],
                segment["text"],
                [(w["start"], w["end"], w["word"], w["probability"]) for w in segment.get("words", [])],
                segment["avg_logprob"],
                segment["no_speech_prob"],
                segment["compression_ratio"],
            )
            for segment in result["segments"]
        ]
        return _result(result["language"], spans, audio)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        import torch
        import whisper

        _check_multilingual(self.model, self.multilingual)
        mel = whisper.log_mel_spectrogram(torch.from_numpy(whisper.pad_or_trim(audio)), n_mels=self._model.dims.n_mels)
        _, probabilities = self._model.detect_language(mel)
        language = max(probabilities, key=probabilities.get)
        return language, float(probabilities[language])


def load_engine(settings: TranscriberSettings) -> SpeechToText:
    """Load the engine ``settings`` ask for. Slow (model load): call once at start-up."""
    guards = DecodingGuards.from_settings(settings)
    if settings.engine == "faster-whisper":
        return FasterWhisperEngine(
            settings.ct2_model_dir,
            model_name=settings.model_name,
            compute_type=settings.compute_type,
            cpu_threads=settings.cpu_threads,
            beam_size=settings.beam_size,
            guards=guards,
        )
    return OpenAIWhisperEngine(
        settings.ct2_model_dir,
        model_name=settings.model_name,
        checkpoint_dir=settings.checkpoint_dir,
        cpu_threads=settings.cpu_threads,
        beam_size=settings.beam_size,
        guards=guards,
    )


def warm_up_engine(engine: SpeechToText, language: str | None) -> None:
    """Transcribe a second of silence once, so the first chunk a fresh replica takes does not
    also pay for the engine's first-call set-up (~0.25 s more on a 3-minute chunk, measured)."""
    engine.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), language)


def _check_language(model_name: str, multilingual: bool, language: str | None) -> None:
    # Both libraries would transcribe in English anyway and label it as asked; refuse instead.
    if not multilingual and language not in (None, "en"):
        raise ValueError(f"model {model_name!r} is English-only and cannot transcribe language {language!r}")


def _check_multilingual(model_name: str, multilingual: bool) -> None:
    if not multilingual:
        raise ValueError(f"model {model_name!r} is English-only: it cannot detect a language")


def _result(language: str, spans: Iterable[Span], audio: Audio) -> TranscriptionResult:
    # Whisper's timestamps come in 20 ms steps and can overshoot the last sample; keep them
    # inside the audio so downstream quotes always point at real audio.
    duration = len(audio) / SAMPLE_RATE

    def clamp(start: float, end: float) -> tuple[float, float]:
        clamped_start = round(min(max(float(start), 0.0), duration), 3)
        return clamped_start, round(min(max(float(end), clamped_start), duration), 3)

    segments = []
    for span in spans:
        if not (text := span.text.strip()):
            continue
        timed_words = [
            TranscriptWord(start=ws, end=we, word=word, probability=_unit(probability))
            for ws, we, word, probability in ((*clamp(s, e), w, p) for s, e, w, p in span.words)
        ]
        segment_start, segment_end = clamp(span.start, span.end)
        segments.append(
            TranscriptSegment(
                start=segment_start,
                end=segment_end,
                text=text,
                words=timed_words,
                avg_logprob=round(float(span.avg_logprob), 4),
                no_speech_prob=round(_unit(span.no_speech_prob), 4),
                compression_ratio=round(max(float(span.compression_ratio), 0.0), 4),
            )
        )
    return TranscriptionResult(language=language, segments=mend_split_words(segments))


def _unit(probability: float) -> float:
    return min(max(float(probability), 0.0), 1.0)


def _alignment_heads_dump(heads: list[tuple[int, int]], dims: Any) -> bytes:
    """Encode (layer, head) pairs the way ``Whisper.set_alignment_heads`` expects them."""
    mask = np.zeros((dims.n_text_layer, dims.n_text_head), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))
