"""The offline insight engine: extractive, on sentence embeddings, with no cue lists.

Its parts, in the order the engine uses them: ``words`` (tokens and content words),
``segmentation`` (topic segments from lexical-similarity valleys), ``salience`` (LexRank and
closeness to the recording's and the segment's centre), ``quoting`` (which sentences were
recognised well enough to quote), ``claims`` (claim or chit-chat, by embeddings of category
descriptions and sentence structure), ``kinds`` (insight types), ``keyphrases`` (repeated
multi-word phrases), ``refusal`` (when nothing is worth publishing) and ``engine`` (the whole).
"""

from services.insights.extractive.embedder import E5Embedder, Embedder
from services.insights.extractive.engine import ExtractiveEngine, extract_insights

__all__ = ["E5Embedder", "Embedder", "ExtractiveEngine", "extract_insights"]
