"""A webinar with a sponsor read in the middle of its talk, for the unit and integration tests."""

from __future__ import annotations

import re

from tests.unit.transcripts import ONBOARDING_WEBINAR

# The read from the issue that started this work, with a number in it (it once became "The numbers").
SPONSOR_READ = [
    "Before we get to the process, a quick word from our sponsor.",
    "This part of the webinar is brought to you by Ledgerly, the accounting platform for growing agencies.",
    "Ledgerly closes the books in one day instead of five,"
    " and sixty percent of their customers came from spreadsheets.",
    "Go to ledgerly dot com slash trial and use the code webinar 20 for 30% of your first year.",
]
RESUMES = "Okay, back to onboarding."
READ_STARTS_AT = 76.0
SECONDS_PER_LINE = 7.0


def sponsored_webinar() -> list[tuple[float, float, str]]:
    """The onboarding webinar with the read (and the speaker's way back) spliced in at 76 s."""
    inserted = [*SPONSOR_READ, RESUMES]
    shift = len(inserted) * SECONDS_PER_LINE
    lines = [line for line in ONBOARDING_WEBINAR if line[0] < READ_STARTS_AT]
    lines += [
        (READ_STARTS_AT + i * SECONDS_PER_LINE, READ_STARTS_AT + (i + 1) * SECONDS_PER_LINE, text)
        for i, text in enumerate(inserted)
    ]
    lines += [(start + shift, end + shift, text) for start, end, text in ONBOARDING_WEBINAR if start >= READ_STARTS_AT]
    return lines


def words_of_the_read_in(text: str, run: int = 4) -> list[str]:
    """Every run of ``run`` words from the sponsor read that appears in ``text`` (case and punctuation ignored)."""
    seen = " ".join(re.findall(r"[\w%']+", text.lower()))
    found = []
    for sentence in SPONSOR_READ:
        words = re.findall(r"[\w%']+", sentence.lower())
        found += [" ".join(words[i : i + run]) for i in range(len(words) - run + 1)]
    return [shingle for shingle in dict.fromkeys(found) if f" {shingle} " in f" {seen} "]
