"""A question asks rather than states, whether or not the speech-to-text engine punctuated it as one.

Whisper often ends a spoken question with a full stop ("And how did you sell that to your boss.").
English marks a question in its word order as well: an auxiliary verb before its subject, after an
optional question word ("how did you", "are you concerned", "do we"). Both word classes are closed,
so this is grammar, not a recording's wording.
"""

from __future__ import annotations

import re

_INVERTED = re.compile(
    r"^(?:(?:and|so|but|okay|ok|well|now|then)\b,?\s+)*"
    r"(?:(?:how|what|why|when|where|who|which)\s+)?"
    r"(?:do|does|did|is|are|was|were|can|could|would|will|should|shall|has|have|had|don't|doesn't|didn't|"
    r"isn't|aren't|wasn't|weren't|can't|won't|wouldn't|shouldn't|haven't|hasn't)\s+"
    r"(?:you|we|they|he|she|it|i|there|your|our|their|his|her|its|the|this|that|these|those|"
    r"anyone|anybody|a|an|one|any|every|most|all)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """Punctuated as a question, or worded as one (an auxiliary before its subject at the start)."""
    return text.rstrip().endswith("?") or bool(_INVERTED.match(text.strip()))
