"""The extractive engine: a transcript in, a few grounded, quoted insights out (or a reasoned refusal).

It reads top to bottom. Every sentence is weighed cheaply on words alone (TF-IDF LexRank, and closeness to the
recording's and its topic segment's centre); structure decides which sentences could be claims; only the most
salient of those are embedded (the model is the costly part, so the stage's time stays bounded on an hour of
talk). Embeddings then judge whether the recording has substance at all and how central each claim is, over
everything the speakers said (the ranking's weights are fitted on the eval's dev split, ranking.py); Whisper's
confidence only decides which of those claims may be quoted, since a misheard word is a reason not to quote a
sentence, not evidence that it was small talk; nor is an interviewer's line a claim of the recording
(voices.py). Maximal marginal relevance picks distinct ideas among the claims left; an idea whose own sentence
may not be quoted is stated by the clause of it heard clearly (unquoted: one unsure word costs the sentence its
quotation marks, not the idea its place) or, when it has none, quoted through the sentence its speaker said next
to it; restatements (and what one speaker says back to back) merge into one insight with several quotes,
and each idea is typed. A quote Whisper expects to hold a misheard word is marked as not verbatim: the writers
publish its point unquoted. Each insight's headline is the clause of its quote that states it, for the writers
to name it by; when only a restatement has such a clause, that restatement becomes the main quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
from numpy.typing import NDArray

from services.insights.extractive.claims import ClaimPrototypes, claim_margin, could_be_claim
from services.insights.extractive.digressions import digressions
from services.insights.extractive.embedder import E5Embedder, Embedder
from services.insights.extractive.headlines import HeardQuote, headlines
from services.insights.extractive.kinds import KindPrototypes, insight_kind
from services.insights.extractive.lexical import tfidf_vectors
from services.insights.extractive.passages import Passage, passages, said_right_after
from services.insights.extractive.promotion import PromotionDirection
from services.insights.extractive.quoting import ConfidenceFloor, decoded_reliably, heard_verbatim, quotable
from services.insights.extractive.ranking import candidate_features
from services.insights.extractive.ranking import scores as rank_scores
from services.insights.extractive.refusal import called_off, refusal_reason
from services.insights.extractive.salience import centroid_closeness, lexrank
from services.insights.extractive.segmentation import topic_segments
from services.insights.extractive.steps import StepRun, find_step_runs, opens_next_point
from services.insights.extractive.voices import askers
from services.insights.grammar import Grammar
from services.insights.grounding import ground_insights
from services.insights.keyphrases import key_phrases, phrases_of
from services.insights.numbers import has_measurement
from services.insights.sentences import TimedSentence, clearly_heard_pieces, split_into_sentences
from services.insights.settings import InsightsSettings
from services.insights.vocabulary import doubt_unknown_words
from services.insights.words import PUNCTUATION, content_words
from shared.clauses import OPENS_ON_POINTER, opens_on_but, standalone_clauses
from shared.events import Evidence, Insight, InsightSet, InsightType, Transcript, deterministic_id
from shared.passages import first_sentence, is_lead_in
from shared.positions import rejected_view, states_own_position

ENGINE_NAME = "extractive"
RECORDING_KEYWORDS = 10
# A word Whisper found more likely right than wrong. A key phrase becomes a lead magnet's title and target
# keyword, so each time it counts as said, every word of it must be heard this clearly: a mishearing Whisper
# repeats ("detected story" for "detective story") is otherwise a phrase "said twice" that nobody said.
CLEAR_WORD_PROBABILITY = 0.5
INSIGHT_KEYWORDS = 5
CLAIM_WORDS = (8, 60)
CLAIM_CONTENT_WORDS = 4
# Two candidates this similar say the same thing: the weaker becomes another quote of the stronger.
SAME_IDEA = 0.91
# Speakers develop an idea over consecutive sentences: two candidates one speaker said with at most this many
# of their own sentences between them are one idea, whatever the embeddings say (e5 places a speaker's next
# point about as close as a restatement).
SAME_IDEA_SENTENCES_APART = 1
SUBSTANCE_SENTENCES = 3
# How much more substance a recording that calls its session off needs (the bar, -0.02 by default, rises to 0.014).
# Over the eval's dev split (177 recordings, 6 December 2026) no recording with key ideas called its session off in
# these words and seven without any did; one of them, a sound check that postponed its webinar, stood at -0.007. On
# 7 December, over the 293 recordings then transcribed on one machine (dev, report and that round's batches): 30
# called off with nothing to say, the highest a hydrotherapy meetup whose speaker's train lost signal (+0.0075, and it
# published an article at 0.02), and one kennel owners' panel that moves its next meeting, with key ideas, at +0.021.
# The bar sits halfway between them.
CALLED_OFF_SUBSTANCE = 0.034
# Maximal marginal relevance: how much a candidate's own score counts against its likeness to those kept.
MMR_LAMBDA = 0.7


@dataclass(frozen=True)
class Limits:
    max_insights: int = 5
    embed_candidates: int = 24
    min_claim_margin: float = -0.03
    max_promotion: float = 0.9
    min_recording_substance: float = -0.02
    min_relative_score: float = 0.5
    min_content_words: int = 25
    floor: ConfidenceFloor = field(default_factory=lambda: ConfidenceFloor(-0.6, 0.5, 2.4, 0.2))
    max_expected_misheard_words: float = 1.0

    @classmethod
    def from_settings(cls, settings: InsightsSettings) -> Limits:
        return cls(
            max_insights=settings.max_insights,
            embed_candidates=settings.embed_candidates,
            min_claim_margin=settings.min_claim_margin,
            max_promotion=settings.max_promotion,
            min_recording_substance=settings.min_recording_substance,
            min_relative_score=settings.min_relative_score,
            min_content_words=settings.min_content_words,
            floor=ConfidenceFloor(
                min_avg_logprob=settings.quote_min_avg_logprob,
                max_no_speech_prob=settings.quote_max_no_speech_prob,
                max_compression_ratio=settings.quote_max_compression_ratio,
                min_word_probability=settings.quote_min_word_probability,
            ),
            max_expected_misheard_words=settings.quote_max_expected_misheard_words,
        )


@dataclass(frozen=True)
class _Candidate:
    """Sentences first..last of the transcript, quoted as one passage (a sentence with what continues it,
    or a process)."""

    first: int
    last: int
    text: str
    lexical: float
    publishable: bool  # quotable, and not an asker's line
    run: StepRun | None = None
    # For a process with a sentence between its steps that may not be quoted (an aside with an unsure
    # word): the stretches around it that may, each quoted on its own. Empty: first..last whole.
    quoted: tuple[tuple[int, int], ...] = ()

    def heard_verbatim(self, verbatim: Sequence[bool]) -> bool:
        """Whether every sentence it is quoted by may be printed inside quotation marks."""
        stretches = self.quoted or ((self.first, self.last),)
        return all(all(verbatim[first : last + 1]) for first, last in stretches)

    def quoted_sentences(self, sentences: Sequence[TimedSentence]) -> list[TimedSentence]:
        """The sentences this candidate is quoted by."""
        return [sentence for first, last, _ in self.parts(sentences) for sentence in sentences[first : last + 1]]

    def parts(self, sentences: Sequence[TimedSentence]) -> list[tuple[int, int, str]]:
        """(first, last, verbatim text) of each stretch this candidate is quoted by."""
        if not self.quoted:
            return [(self.first, self.last, self.text)]
        return [(a, b, " ".join(sentence.text for sentence in sentences[a : b + 1])) for a, b in self.quoted]


@dataclass(frozen=True)
class ScoredCandidate:
    """A claim candidate as the ranking sees it: where it was said, its features, and what may be done with it."""

    start: float
    end: float
    features: NDArray[np.float64]
    margin: float
    publishable: bool
    process: bool


@dataclass(frozen=True)
class _Reading:
    """A transcript as the engine reads it: its sentences, their salience on words alone, which may be published
    (quotable, and said by a voice that answers), and which may state their point through a clause heard clearly
    though a word of them may not be quoted (decoded reliably, and said by a voice that answers)."""

    sentences: list[TimedSentence]
    salience: NDArray[np.float64]
    may_publish: list[bool]
    may_state: list[bool]
    # The sentences its speakers mark as off the topic (digressions.py).
    off_topic: set[int]


@dataclass(frozen=True)
class _Found:
    """What the engine found worth publishing, whether the recording has substance at all, and the candidates its
    second opinion kept out as promotion."""

    ideas: list[_Idea]
    substantive: bool
    promotion: list[_Candidate] = field(default_factory=list)


@dataclass
class _Idea:
    candidate: _Candidate
    score: float
    margin: float
    vector: NDArray[np.float32]
    restatements: list[_Candidate] = field(default_factory=list)
    # For an idea that may not be quoted (an unsure word) and has no clause heard clearly, or that may not be
    # quoted word for word (too many doubtful words): the sentence its speaker said right before or after, which
    # may be, quoted in its place. None when there is no such sentence.
    stand_in: _Idea | None = None
    # For an idea its speaker said with a word the engine was unsure of (so it may not be quoted): the clause of
    # it heard clearly that states it alone, headed by a verb, which the writers then print as its only words.
    # "" when none.
    clause: str = ""


class ExtractiveEngine:
    name = ENGINE_NAME

    def __init__(
        self,
        embedder: Embedder,
        limits: Limits | None = None,
        grammar: Grammar | None = None,
        promotion: PromotionDirection | None = None,
    ) -> None:
        self.embedder = embedder
        self.limits = limits or Limits()
        # Read for English transcripts only: another language keeps every repeated phrase and standalone clause.
        self.grammar = grammar
        # The category descriptions are embedded once, when the service starts.
        self.claim_prototypes = ClaimPrototypes.embedded_by(embedder)
        self.kind_prototypes = KindPrototypes.embedded_by(embedder)
        # Fitted in e5's space, so only an engine on e5 has the second opinion (None: the pitch rules alone).
        dimensions = self.claim_prototypes.claims.shape[1]
        if promotion is not None and promotion.weights.shape[0] != dimensions:
            raise ValueError(
                f"the promotion direction was fitted on {promotion.weights.shape[0]}-dimensional embeddings and this "
                f"embedder gives {dimensions}: refit it with `python -m bench.pitch --fit`"
            )
        self.promotion = promotion

    @classmethod
    def from_settings(
        cls, settings: InsightsSettings, grammar: Grammar | None = None, embedder: Embedder | None = None
    ) -> ExtractiveEngine:
        """The engine the service runs; ``grammar`` and ``embedder`` share models already loaded (the LLM engine's
        fallback)."""
        return cls(
            embedder or E5Embedder(threads=settings.embed_threads),
            Limits.from_settings(settings),
            grammar or Grammar.english(),
            PromotionDirection.fitted(),
        )

    def extract(self, transcript: Transcript, *, source_key: str, title: str) -> InsightSet:
        reading = self._read(transcript)
        sentences = reading.sentences
        grammar = self.grammar if transcript.language == "en" else None
        # A phrase said only in a digression ("a birthday cake shaped like a garbage truck") is not what the
        # recording is about.
        keywords = recording_keywords(
            [sentence for at, sentence in enumerate(sentences) if at not in reading.off_topic],
            np.delete(reading.salience, sorted(reading.off_topic)),
            grammar,
        )
        # A sentence that may not be published (a word heard unsurely, an asker's line) is quoted by nothing.
        verbatim = [
            heard and may
            for heard, may in zip(
                heard_verbatim(sentences, self.limits.max_expected_misheard_words), reading.may_publish, strict=True
            )
        ]
        calls_off = called_off(sentences)
        found = self._ideas(reading, verbatim, grammar, calls_off=calls_off is not None)
        ideas, substantive = found.ideas, found.substantive
        reason = refusal_reason(
            sentences,
            len(ideas),
            min_content_words=self.limits.min_content_words,
            substantive=substantive,
            calls_off=calls_off,
        )
        insights: list[Insight] = []
        if reason is None:
            titled = []
            for idea, (main, line) in zip(ideas, self._headlines(ideas, sentences, verbatim, grammar), strict=True):
                if main is not idea.candidate:
                    idea.restatements = [idea.candidate, *(quote for quote in idea.restatements if quote is not main)]
                    idea.candidate = main
                titled.append(line)
            drafted = [
                self._insight(idea, sentences, verbatim, keywords, transcript.recording_id, grammar).model_copy(
                    update={"headline": line}
                )
                for idea, line in zip(ideas, titled, strict=True)
            ]
            insights = ground_insights(drafted, transcript.segments).kept
            insights.sort(key=lambda insight: (insight.start, insight.quote))
        return InsightSet(
            recording_id=transcript.recording_id,
            source_key=source_key,
            title=title,
            keywords=keywords,
            insights=insights,
            refusal_reason=reason,
            promotion_set_aside=[
                Evidence(
                    quote=candidate.text, start=sentences[candidate.first].start, end=sentences[candidate.last].end
                )
                for candidate in found.promotion
            ],
        )

    def _headlines(
        self,
        ideas: Sequence[_Idea],
        sentences: Sequence[TimedSentence],
        verbatim: Sequence[bool],
        grammar: Grammar | None,
    ) -> list[tuple[_Candidate, str]]:
        """Each idea's main quote and headline: its own, or else a restatement's, which then becomes the main quote
        so that a pillar's name and the point printed under it are one sentence ("" when neither has one)."""
        # An idea kept for its clause heard clearly is named by it already.
        quotes = [[] if idea.clause else [idea.candidate, *idea.restatements] for idea in ideas]
        lines = headlines(
            [_heard(quote, sentences, verbatim) for quoted in quotes for quote in quoted],
            self.embedder,
            max_doubt=self.limits.max_expected_misheard_words,
            min_word_probability=self.limits.floor.min_word_probability,
            grammar=grammar,
        )
        chosen = []
        at = 0
        for idea, quoted in zip(ideas, quotes, strict=True):
            main = idea.candidate
            if idea.clause:
                chosen.append((main, idea.clause))
                continue
            # A main quote that may be printed stays the main quote, and so does a process (its steps are the
            # idea). One that may not is named by the first of its restatements that has a clause heard clearly
            # and is as central to the recording (on words alone): a digression said next to an idea is no name.
            may_rename = main.run is None and not main.heard_verbatim(verbatim)
            named = [
                (quote, line)
                for quote, line in zip(quoted, lines[at : at + len(quoted)], strict=True)
                if line and (quote is main or (may_rename and quote.lexical >= main.lexical))
            ]
            at += len(quoted)
            chosen.append(named[0] if named else (main, ""))
        return chosen

    def scored_candidates(self, transcript: Transcript) -> list[ScoredCandidate]:
        """Every claim candidate with its ranking features, for fitting the ranking weights (bench/ranker.py)."""
        reading = self._read(transcript)
        sentences = reading.sentences
        candidates = self._candidates(reading, self.grammar if transcript.language == "en" else None)
        if not candidates:
            return []
        vectors = self.embedder.embed([candidate.text for candidate in candidates])
        margins = claim_margin(vectors, self.claim_prototypes)
        rows = self.features(candidates, vectors, margins, sentences)
        return [
            ScoredCandidate(
                sentences[candidate.first].start,
                sentences[candidate.last].end,
                row,
                float(margin),
                candidate.publishable,
                candidate.run is not None,
            )
            for candidate, row, margin in zip(candidates, rows, margins, strict=True)
        ]

    def _read(self, transcript: Transcript) -> _Reading:
        segments = doubt_unknown_words(transcript.segments, transcript.language)
        sentences = split_into_sentences(segments)
        salience = lexical_salience([sentence.text for sentence in sentences])
        # An asker's lines (host, moderator, audience) frame the talk; the claims are the answers.
        asking = askers(sentences)
        answering = [sentence.speaker not in asking for sentence in sentences]
        quoted = quotable(sentences, segments, self.limits.floor)
        decoded = decoded_reliably(sentences, segments, self.limits.floor)
        may_publish = [can and answer for can, answer in zip(quoted, answering, strict=True)]
        may_state = [can and answer for can, answer in zip(decoded, answering, strict=True)]
        return _Reading(sentences, salience, may_publish, may_state, digressions(sentences))

    def _ideas(
        self, reading: _Reading, verbatim: Sequence[bool], grammar: Grammar | None, *, calls_off: bool = False
    ) -> _Found:
        """The ideas worth publishing, whether the recording has substance at all, and what read as promotion.
        ``calls_off``: the recording calls its session off, so its claims must read as claims more clearly."""
        sentences = reading.sentences
        candidates = self._candidates(reading, grammar)
        if not candidates:
            return _Found([], False)
        vectors = self.embedder.embed([candidate.text for candidate in candidates])
        margins = claim_margin(vectors, self.claim_prototypes)
        # A session called off ("so we postpone") is mostly about itself: what sounds like a claim in it has to sound
        # like one more clearly ("I really don't want to do this half-baked in front of 200 people").
        bar = self.limits.min_recording_substance + (CALLED_OFF_SUBSTANCE if calls_off else 0.0)
        if recording_substance(margins) < bar:
            return _Found([], False)  # even its most claim-like sentences read as small talk: nothing to publish
        # How the features weigh is fitted on the dev split (ranking.py), not set here.
        scores = rank_scores(self.features(candidates, vectors, margins, sentences))
        # Self-promotion the pitch rules missed is no idea, nor anyone's stand-in or restatement.
        promoting = (
            self.promotion.vetoes([candidate.text for candidate in candidates], vectors, self.limits.max_promotion)
            if self.promotion
            else np.zeros(len(candidates), dtype=bool)
        )
        every = [
            _Idea(candidate, float(score), float(margin), vector)
            for candidate, score, margin, vector, promotes in zip(
                candidates, scores, margins, vectors, promoting, strict=True
            )
            if not promotes
        ]
        claims = [
            idea
            for idea in every
            # A process laid out step by step is a method, whatever the category it embeds nearest to.
            if idea.margin >= self.limits.min_claim_margin or idea.candidate.run is not None
        ]
        for idea in claims:
            if not idea.candidate.publishable:
                idea.stand_in = _stand_in(idea, every, sentences)
            elif not idea.candidate.heard_verbatim(verbatim):
                # Its point can be published unquoted, but a neighbour the speaker said clearly enough to
                # quote word for word carries the same idea in their own words.
                heard = [other for other in every if other.candidate.heard_verbatim(verbatim)]
                idea.stand_in = _stand_in(idea, heard, sentences)
        unquotable = [
            idea
            for idea in claims
            if not idea.candidate.publishable and all(reading.may_state[idea.candidate.first : idea.candidate.last + 1])
        ]
        clauses = headlines(
            [_heard(idea.candidate, sentences, verbatim) for idea in unquotable],
            self.embedder,
            max_doubt=self.limits.max_expected_misheard_words,
            min_word_probability=self.limits.floor.min_word_probability,
            grammar=grammar,
        )
        for idea, clause in zip(unquotable, clauses, strict=True):
            idea.clause = clause
        promotion = [candidate for candidate, promotes in zip(candidates, promoting, strict=True) if promotes]
        return _Found(self._select(claims, sentences, verbatim, grammar), True, promotion)

    @staticmethod
    def features(
        candidates: Sequence[_Candidate],
        vectors: NDArray[np.float32],
        margins: NDArray[np.float64],
        sentences: Sequence[TimedSentence],
    ) -> NDArray[np.float64]:
        return candidate_features(
            [candidate.text for candidate in candidates],
            [(candidate.first, candidate.last) for candidate in candidates],
            [candidate.lexical for candidate in candidates],
            [bool(OPENS_ON_POINTER.match(candidate.text)) for candidate in candidates],
            vectors,
            margins,
            sentences,
        )

    def _candidates(self, reading: _Reading, grammar: Grammar | None) -> list[_Candidate]:
        sentences, salience, may_publish = reading.sentences, reading.salience, reading.may_publish
        # A process is one when every step may be published; otherwise its sentences stand alone like any
        # others. An aside between steps that may not be quoted is left out of its quotes, not the process.
        runs = [run for run in find_step_runs(sentences) if all(may_publish[index] for index in run.step_sentences)]
        in_runs = {index for run in runs for index in range(run.first, run.last + 1)}
        singles = [
            candidate
            for passage in passages(sentences, outside=in_runs | reading.off_topic)
            for candidate in [_passage_candidate(passage, sentences, salience, may_publish)]
            if candidate is not None
            and could_be_claim(
                candidate.text,
                min_words=CLAIM_WORDS[0],
                max_words=CLAIM_WORDS[1],
                min_content_words=CLAIM_CONTENT_WORDS,
            )
        ]
        singles.sort(key=lambda candidate: -candidate.lexical)
        if grammar is not None:
            # "The error pages, the tested samples, the whole thing.": a list with no verb names things and says
            # nothing of them. Parsed best first, only until the embedder's share is filled.
            singles = list(islice((c for c in singles if grammar.has_verb(c.text)), self.limits.embed_candidates))
        processes = [
            _Candidate(
                run.first,
                run.last,
                " ".join(sentence.text for sentence in sentences[run.first : run.last + 1]),
                float(salience[run.first : run.last + 1].max()),
                True,
                run,
                _quotable_stretches(run, may_publish),
            )
            for run in runs
        ]
        return [*processes, *singles][: self.limits.embed_candidates]

    def _select(
        self,
        claims: list[_Idea],
        sentences: Sequence[TimedSentence],
        verbatim: Sequence[bool],
        grammar: Grammar | None,
    ) -> list[_Idea]:
        """Maximal marginal relevance: good and unlike what is already kept; near-repeats join as quotes."""
        if not claims:
            return []
        publishable = [idea for idea in claims if idea.candidate.publishable]
        if not publishable:
            return []
        # Relative to the best single claim: a process is kept ahead of the ranking anyway, and its long,
        # central text would otherwise set a bar the recording's other ideas rarely reach.
        singles = [idea.score for idea in publishable if idea.candidate.run is None]
        best = max(singles or [idea.score for idea in publishable])
        # A process the speaker laid out step by step is the most specific thing a recording offers:
        # it is kept ahead of the ranking.
        kept = [idea for idea in publishable if idea.candidate.run is not None][: self.limits.max_insights]
        # So is the common view the speaker names to reject ("Most people believe X. I think that's wrong."), or a
        # stance they say is their own ("So my position is that..."): the position a thought-leadership article
        # argues. The fitted ranking cannot see it (the dev key ideas are seldom that sentence), so the best-ranked
        # such statement is kept ahead of it, once.
        positions = [
            idea
            for idea in publishable
            if idea.candidate.run is None
            and (rejected_view(idea.candidate.text) or states_own_position(first_sentence(idea.candidate.text)))
        ]
        # ... or, when none may be quoted, one whose rejection was heard clearly enough to state by its clause.
        positions = positions or [
            idea for idea in claims if idea.clause and rejected_view(idea.candidate.text) and not idea.candidate.run
        ]
        if positions and len(kept) < self.limits.max_insights:
            kept.append(max(positions, key=lambda idea: idea.score))
        remaining = sorted(
            (
                idea
                for idea in claims
                if idea.candidate.run is None
                and idea.score >= self.limits.min_relative_score * best
                and not any(idea is chosen for chosen in kept)
            ),
            key=lambda idea: -idea.score,
        )
        while remaining and len(kept) < self.limits.max_insights:
            if kept:
                likeness = [max(float(idea.vector @ chosen.vector) for chosen in kept) for idea in remaining]
            else:
                likeness = [0.0] * len(remaining)
            position = int(
                np.argmax(
                    [
                        MMR_LAMBDA * idea.score - (1 - MMR_LAMBDA) * like
                        for idea, like in zip(remaining, likeness, strict=True)
                    ]
                )
            )
            idea = remaining.pop(position)
            stand_in = idea.stand_in
            stand_in_free = stand_in is not None and not any(stand_in is chosen for chosen in kept)
            if not idea.candidate.publishable and (idea.clause or not stand_in_free):
                # Stated by its own clause heard clearly, which says it better than a neighbour (the sentence said
                # next may be an aside): kept when it is an idea of its own, never glued to another as a quote of it.
                if idea.clause and not any(_same_idea(idea, chosen, sentences) for chosen in kept):
                    kept.append(idea)
                continue
            if stand_in is not None and stand_in_free:
                # The idea ranks, but its words may not be quoted (or not word for word) and no clause of it was
                # heard clearly: the same speaker's next or previous sentence carries it instead, once. An idea
                # that may be quoted, only not verbatim, stays itself when there is none.
                remaining = [other for other in remaining if other is not stand_in]
                idea = stand_in
            # The view the speaker names to reject and their answer to it are two insights: the article sets one
            # against the other ("Most companies think the first step is a warehouse." "The first step is ...").
            twin = next(
                (
                    chosen
                    for chosen in kept
                    if _same_idea(idea, chosen, sentences)
                    and not (rejected_view(chosen.candidate.text) and not rejected_view(idea.candidate.text))
                ),
                None,
            )
            if twin is not None:
                # "For a while a central group held the pager. Which sounds kind, you protect the developers." and
                # then "But the people writing the code never felt the pain.": what the speaker grants only to answer
                # it says the opposite of their point. It is no evidence of the idea said beside it, and when it
                # ranked first, the idea said beside it (its answer) takes its place.
                if not _answered_by_but(idea.candidate.last, sentences):
                    if _answered_by_but(twin.candidate.last, sentences):
                        idea.restatements.extend(twin.restatements)
                        kept = [idea if chosen is twin else chosen for chosen in kept]
                    elif _quotes_better(idea.candidate, twin.candidate, verbatim, grammar):
                        # The same idea said twice, once clearly enough to quote word for word: that is its quote.
                        idea.restatements.extend([twin.candidate, *twin.restatements])
                        kept = [idea if chosen is twin else chosen for chosen in kept]
                    else:
                        twin.restatements.append(idea.candidate)
                continue
            kept.append(idea)
        return kept

    def _insight(
        self,
        idea: _Idea,
        sentences: Sequence[TimedSentence],
        verbatim: Sequence[bool],
        keywords: Sequence[str],
        recording_id: str,
        grammar: Grammar | None,
    ) -> Insight:
        candidate = idea.candidate
        first, last = sentences[candidate.first], sentences[candidate.last]
        if candidate.run:
            kind = InsightType.framework
        elif grammar is not None and not has_measurement(candidate.text) and grammar.is_order(candidate.text):
            # "Charge the first customer something, because...": an order tells how things should be done, however
            # near its words sit to a problem's.
            kind = InsightType.point_of_view
        else:
            kind = insight_kind(candidate.text, idea.vector, self.kind_prototypes)
        evidence = [
            Evidence(
                quote=text,
                start=sentences[part_first].start,
                end=sentences[part_last].end,
                speaker=sentences[part_first].speaker,
            )
            for part in [candidate, *idea.restatements]
            for part_first, part_last, text in part.parts(sentences)
        ]
        quoted = " ".join(part.quote for part in evidence)
        main_first, main_last, _ = candidate.parts(sentences)[0]
        return Insight(
            insight_id=deterministic_id(recording_id, kind.value, f"{first.start:.2f}", candidate.text),
            type=kind,
            summary=candidate.text if candidate.run is None else _process_summary(candidate.run),
            quote=evidence[0].quote,
            start=first.start,
            end=last.end,
            steps=list(candidate.run.steps) if candidate.run else [],
            keywords=phrases_of(quoted, keywords, top=INSIGHT_KEYWORDS),
            score=round(min(1.0, max(0.0, idea.score)), 3),
            evidence=evidence,
            speaker=first.speaker,
            specificity=_specificity(candidate.text),
            originality=round(min(1.0, max(0.0, 0.5 + 5 * idea.margin)), 3),
            evidence_strength=_evidence_strength(1 + len(idea.restatements), quoted),
            engine=ENGINE_NAME,
            quote_is_verbatim=all(verbatim[main_first : main_last + 1]),
            words_heard_wrong=_heard_wrong(
                [sentence for part in [candidate, *idea.restatements] for sentence in part.quoted_sentences(sentences)]
            ),
        )


def _heard_wrong(quoted: Sequence[TimedSentence]) -> list[str]:
    """The words of the quoted sentences a second opinion found wrong, as the transcript spells them."""
    return sorted(
        {
            sentence.text[start:end].strip(PUNCTUATION)
            for sentence in quoted
            for (start, end), confirmed in zip(sentence.word_spans, sentence.word_confirmations, strict=False)
            if confirmed is False
        }
    )


def _quotable_stretches(run: StepRun, may_publish: Sequence[bool]) -> tuple[tuple[int, int], ...]:
    """The runs of consecutive quotable sentences of the process; empty when all of it may be quoted."""
    if all(may_publish[run.first : run.last + 1]):
        return ()
    stretches: list[tuple[int, int]] = []
    for index in range(run.first, run.last + 1):
        if not may_publish[index]:
            continue
        if stretches and stretches[-1][1] == index - 1:
            stretches[-1] = (stretches[-1][0], index)
        else:
            stretches.append((index, index))
    return tuple(stretches)


def _passage_candidate(
    passage: Passage, sentences: Sequence[TimedSentence], salience: NDArray[np.float64], may_publish: list[bool]
) -> _Candidate | None:
    """The passage as one candidate: as far as it may be quoted when its opening sentence may be (a
    complete sentence quoted without the continuation it lost to an unsure word), else whole and
    unquotable, so that a neighbour can stand in for it. None when a sentence of it is a fragment."""
    indices = range(passage.first, passage.last + 1)
    if not all(sentences[index].is_complete for index in indices):
        return None
    first = passage.first
    if passage.last > first and _unclear_lead_in(sentences[first]):
        first += 1
    quotable_until = first - 1
    while quotable_until < passage.last and may_publish[quotable_until + 1]:
        quotable_until += 1
    last = quotable_until if quotable_until >= first else passage.last
    return _Candidate(
        first,
        last,
        " ".join(sentences[index].text for index in range(first, last + 1)),
        float(salience[first : last + 1].max()),
        quotable_until >= first,
    )


def _unclear_lead_in(sentence: TimedSentence) -> bool:
    """A short opening reply ("I get that a lot.") that carries no point of its own and holds a word heard
    unclearly: the passage is quoted from its point rather than risk words the speaker did not say ("I get a
    lot."). Short sentences are where the doubt a quote may hold weighs most: one doubtful word in four."""
    return is_lead_in(sentence.text) and any(
        probability < CLEAR_WORD_PROBABILITY for probability in sentence.word_probabilities
    )


def _same_idea(idea: _Idea, chosen: _Idea, sentences: Sequence[TimedSentence]) -> bool:
    """Whether ``idea`` restates ``chosen``: it means nearly the same, or its speaker said both in one stretch
    (a process is its steps: what is said around them is not one of them)."""
    if float(idea.vector @ chosen.vector) >= SAME_IDEA:
        return True
    if idea.candidate.run is not None or chosen.candidate.run is not None:
        return False
    if _moves_on(idea.candidate, chosen.candidate, sentences):
        return False
    earlier, later = sorted((idea.candidate, chosen.candidate), key=lambda candidate: candidate.first)
    apart = later.first - earlier.last - 1
    one_voice = len({sentence.speaker for sentence in sentences[earlier.first : later.last + 1]}) == 1
    return 0 <= apart <= SAME_IDEA_SENTENCES_APART and one_voice


def _stand_in(idea: _Idea, every: Sequence[_Idea], sentences: Sequence[TimedSentence]) -> _Idea | None:
    """The best-scored quotable single sentence said right before or after the idea by the same speaker.
    Speakers develop an idea over consecutive sentences: on the eval's dev scripts, 22 of 28 sentences
    that carry a key idea have a neighbour by the same speaker carrying the same one."""
    speaker = sentences[idea.candidate.first].speaker
    beside = [
        other
        for other in every
        if other.candidate.publishable
        and other.candidate.run is None
        and other.candidate.first in (idea.candidate.first - 1, idea.candidate.last + 1)
        and sentences[other.candidate.first].speaker == speaker
        # It must state something alone: "And existing customers, always, before the press." answers a question
        # and carries no idea without it.
        and standalone_clauses(other.candidate.text)
        # ... and be the same point: "And last, stop sending on a schedule" said right after the second point of a
        # list is the third, whatever it sits next to.
        and not _moves_on(idea.candidate, other.candidate, sentences)
    ]
    return max(beside, key=lambda other: other.score, default=None)


def _quotes_better(candidate: _Candidate, other: _Candidate, verbatim: Sequence[bool], grammar: Grammar | None) -> bool:
    """Whether the candidate, said beside the other as the same idea, quotes it better: it may be printed word for word
    where the other may be published but not inside quotation marks, and it says something alone ("A churned customer
    will tell you in 10 minutes what your happy customers will never say"; not "And existing customers, always, before
    the press"). An idea stated only by a clause heard clearly keeps that clause."""
    if not candidate.heard_verbatim(verbatim) or not other.publishable or other.heard_verbatim(verbatim):
        return False
    return bool(standalone_clauses(candidate.text)) or (
        grammar is not None and grammar.states(first_sentence(candidate.text), candidate.text)
    )


def _moves_on(one: _Candidate, other: _Candidate, sentences: Sequence[TimedSentence]) -> bool:
    """Whether the speaker announces the next point of a list ("Second, ...", "And last, ...") after the earlier of two
    candidates and by the start of the later one: then they are two points, however close together they were said
    ("Last one, and this one's short." said between them on its own counts as much as opening the later one)."""
    earlier, later = sorted((one, other), key=lambda candidate: candidate.first)
    return any(opens_next_point(sentence.text) for sentence in sentences[earlier.last + 1 : later.first + 1])


def _heard(candidate: _Candidate, sentences: Sequence[TimedSentence], verbatim: Sequence[bool]) -> HeardQuote:
    """The candidate's main quote with the probability of each word of the sentences it quotes, and its last
    sentence when the speaker's next one answers it with "but" ("Which sounds kind, you protect the developers.
    But the people writing the code never felt the pain."): granted, to be answered. And whether the quote is printed
    at all: a quote heard too unclearly to print word for word is named by its headline alone."""
    first, last, text = candidate.parts(sentences)[0]
    probabilities = tuple(p for sentence in sentences[first : last + 1] for p in sentence.probabilities_by_word)
    return HeardQuote(
        text,
        probabilities,
        granted=sentences[last].text if _answered_by_but(last, sentences) else "",
        printed_alone=not all(verbatim[first : last + 1]),
    )


def _answered_by_but(index: int, sentences: Sequence[TimedSentence]) -> bool:
    """Whether the speaker's next sentence, said right after this one, opens on "but"."""
    following = sentences[index + 1] if index + 1 < len(sentences) else None
    return following is not None and said_right_after(following, sentences[index]) and opens_on_but(following.text)


def lexical_salience(texts: Sequence[str]) -> NDArray[np.float64]:
    """0..1 per sentence: LexRank on TF-IDF, and closeness to the recording's and the topic's centre."""
    if not texts:
        return np.zeros(0)
    vectors = tfidf_vectors([content_words(text) for text in texts])
    topics = topic_segments(vectors)
    rank = lexrank(vectors)
    return 0.5 * rank + 0.25 * centroid_closeness(vectors) + 0.25 * centroid_closeness(vectors, topics)


def recording_keywords(
    sentences: Sequence[TimedSentence], salience: NDArray[np.float64], grammar: Grammar | None = None
) -> list[str]:
    """The recording's key phrases, counted only where every word of them was heard clearly."""
    pieces = [
        (piece, float(weight))
        for sentence, weight in zip(sentences, salience, strict=True)
        for piece in clearly_heard_pieces(sentence, CLEAR_WORD_PROBABILITY)
    ]
    return key_phrases(
        [piece for piece, _ in pieces], [weight for _, weight in pieces], top=RECORDING_KEYWORDS, grammar=grammar
    )


def recording_substance(margins: NDArray[np.float64]) -> float:
    """Mean claim margin of the recording's three most claim-like sentences: one stray remark that
    sounds like a claim does not make a sound check worth publishing."""
    if margins.size == 0:
        return -1.0
    return float(np.sort(margins)[::-1][:SUBSTANCE_SENTENCES].mean())


def _process_summary(run: StepRun) -> str:
    return ", then ".join(step[:1].lower() + step[1:] if index else step for index, step in enumerate(run.steps)) + "."


def _evidence_strength(quotes: int, quoted: str) -> float:
    """Said more than once, or backed by a measured figure."""
    return round(min(1.0, 0.4 + 0.3 * (quotes - 1) + (0.3 if has_measurement(quoted) else 0.0)), 3)


def _specificity(text: str) -> float:
    """Measured figures and named things (capitalised words inside a sentence), 0..1."""
    words = text.split()
    named = sum(1 for word in words[1:] if word[:1].isupper() and word not in {"I", "I'm", "I've", "I'd", "I'll"})
    return round(min(1.0, (0.5 if has_measurement(text) else 0.0) + 0.25 * min(2, named)), 3)


def extract_insights(
    transcript: Transcript, *, source_key: str, title: str, embedder: Embedder | None = None
) -> InsightSet:
    """One-off extraction with default limits (tests, tools); the service builds its engine once instead."""
    if embedder:
        engine = ExtractiveEngine(embedder)
    else:
        engine = ExtractiveEngine(
            E5Embedder(threads=InsightsSettings().embed_threads), promotion=PromotionDirection.fitted()
        )
    return engine.extract(transcript, source_key=source_key, title=title)
