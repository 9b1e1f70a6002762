"""Who asks and who answers: the interviewer's lines are not the recording's claims.

In an interview, a panel or a debate, one voice asks (a host, a moderator, someone in the audience)
and the others argue. The asker's sentences still carry topic words, so salience alone ranks their
introductions and set-up lines ("my guest runs marketing at...") among the claims. The tell is
structural, not a word list: an asker's share of questions is far above the recording's own. A host
also frames the recording without asking in so many words ("I want to start with phishing tests, because I know
you two disagree"), and is told apart by where they speak: a recording of several voices opens and closes on its
host, who talks less than the guest the recording is about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from services.insights.sentences import TimedSentence
from shared.questions import is_question

# An asker asks at least this many times more often than the recording as a whole.
ASKING_RATIO = 2.0
# A voice with no more lines than this passes through (a question from the audience, a caller).
MAX_LINES_OF_A_PASSING_VOICE = 2
# ... and an asker asks in at least one line of four: a debater's odd rhetorical question is no interview.
MIN_ASKING_SHARE = 0.25
# A host says under this share of the recording's words; a co-host says more.
HOST_SHARE = 1 / 3


def askers(sentences: Sequence[TimedSentence]) -> set[str]:
    """Speakers whose share of questions is at least twice that of the recording's talkers, and at least one line
    in four, and the host; none when the transcript has fewer than two speakers (a monologue, or diarization that
    heard one voice)."""
    said: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for sentence in sentences:
        if sentence.speaker:
            said[sentence.speaker] += 1
            asked[sentence.speaker] += is_question(sentence.text)
    if len(said) < 2:
        return set()
    return _questioners(said, asked) | _host(sentences)


def _host(sentences: Sequence[TimedSentence]) -> set[str]:
    """The voice that opens and closes the recording, when it says less than another voice and under a third of
    the recording: two co-hosts who share the talk both argue, whoever opens the show."""
    voices = [(sentence.speaker, len(sentence.text.split())) for sentence in sentences if sentence.speaker]
    words: Counter[str] = Counter()
    for voice, count in voices:
        words[voice] += count
    first, last = voices[0][0], voices[-1][0]
    says_little = words[first] < max(words.values()) and words[first] < HOST_SHARE * sum(words.values())
    return {first} if first == last and says_little else set()


def _questioners(said: Counter[str], asked: Counter[str]) -> set[str]:
    if not sum(asked.values()):
        return set()
    # The recording's own rate is its talkers': a voice heard in a line or two (someone in the audience asking
    # one question) would lift it above the host's, who asks a few questions among many lines.
    talkers = [speaker for speaker in said if said[speaker] > MAX_LINES_OF_A_PASSING_VOICE] or list(said)
    overall = sum(asked[speaker] for speaker in talkers) / sum(said[speaker] for speaker in talkers)
    bar = max(ASKING_RATIO * overall, MIN_ASKING_SHARE)
    return {speaker for speaker in said if asked[speaker] / said[speaker] >= bar}
