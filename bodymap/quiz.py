"""Self-test questions for educators and students, generated from the dataset: no question is written by hand.

Four kinds, each answerable from the tables alone:

- ``muscle_for_zone``: which muscle refers pain mainly (essential zone) to this zone? Wrong options are muscles that
  refer no pain there at all.
- ``zones_for_muscle``: tap the essential zones of this muscle on the map. Spillover zones are neither required nor
  marked wrong, because the sources describe them as only sometimes involved.
- ``red_flag``: which of these is a red flag for this region? Wrong options are the region's own conditions, the
  everyday problems needling is used for.
- ``typical_after_session``: which of these is typical after a session? The right option is a soreness row of
  session_steps; wrong options are after-session warnings from red_flags (signs that are not typical and need help).

Pure Python, no Streamlit. The pool is the same for everyone; a seed only orders it, so a class given one seed sees
the same questions in the same order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bodymap.data import GENERAL_SCOPE, Dataset, Muscle, Zone
from bodymap.lookup import region_zones, selectable_regions

QuestionKind = Literal["muscle_for_zone", "zones_for_muscle", "red_flag", "typical_after_session"]
QUESTION_KINDS: tuple[QuestionKind, ...] = ("muscle_for_zone", "zones_for_muscle", "red_flag", "typical_after_session")
WRONG_OPTIONS = 3


@dataclass(frozen=True)
class Option:
    """One answer to choose from; ``id`` is a record id from the dataset."""

    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """A question, its right answer, where the answer comes from, and what to draw on the map for feedback.

    ``options`` is empty when the answer is given by tapping zones on the map (``zones_for_muscle``).
    """

    id: str
    kind: QuestionKind
    prompt: str
    options: tuple[Option, ...]
    answer: frozenset[str]
    source_ids: tuple[str, ...]
    tolerated: frozenset[str] = frozenset()  # may be chosen without being wrong (spillover zones)
    muscle_id: str | None = None  # the muscle whose pattern shows the answer on the map
    zone_ids: tuple[str, ...] = ()  # the zones the question is about
    region_id: str | None = None

    @property
    def on_map(self) -> bool:
        """Whether the answer is given by tapping zones on the body map rather than choosing an option."""
        return not self.options

    def is_correct(self, chosen: Iterable[str]) -> bool:
        """Right when every answer is chosen and nothing else except tolerated items."""
        picked = frozenset(chosen)
        return self.answer <= picked <= self.answer | self.tolerated


def quiz_pool(dataset: Dataset) -> tuple[Question, ...]:
    """Every question the dataset supports, ordered by id (the same pool whatever the seed)."""
    questions = [
        *_muscle_for_zone(dataset),
        *_zones_for_muscle(dataset),
        *_red_flags(dataset),
        *_typical_after_session(dataset),
    ]
    return tuple(sorted(questions, key=lambda question: question.id))


def quiz_order(
    dataset: Dataset, seed: int, region_ids: Sequence[str] = (), length: int | None = None
) -> list[Question]:
    """The pool in an order fixed by the seed: no question repeats until every one has been asked.

    Args:
        dataset: the validated dataset.
        seed: any integer; the same seed gives the same order on every machine, so a class can share one.
        region_ids: ask only about these regions (see :func:`is_about`); all questions when empty.
        length: ask at most this many; all when None.
    """
    questions = [
        question for question in quiz_pool(dataset) if not region_ids or is_about(dataset, question, region_ids)
    ]
    random.Random(seed).shuffle(questions)
    return questions[:length] if length is not None else questions


def is_about(dataset: Dataset, question: Question, region_ids: Sequence[str]) -> bool:
    """Whether a question belongs in a class on these regions: its zone or red flag is there, or, for "tap the
    zones of a muscle", the muscle is there or its essential zones reach there. General questions (what is typical
    after a session) belong to no region."""
    if question.region_id in region_ids:
        return True
    return question.on_map and any(dataset.zones[zone_id].region_id in region_ids for zone_id in question.answer)


def _rng(question_id: str) -> random.Random:
    """A generator seeded by the question's id: its options are the same in every quiz and on every machine."""
    return random.Random(question_id)


def _options(rng: random.Random, right: Sequence[Option], wrong: Sequence[Option]) -> tuple[Option, ...]:
    chosen = [*right, *rng.sample(list(wrong), min(WRONG_OPTIONS, len(wrong)))]
    rng.shuffle(chosen)
    return tuple(chosen)


def _muscle_option(muscle: Muscle) -> Option:
    return Option(muscle.id, f"{muscle.name} ({muscle.plain_name})")


def linked_regions(dataset: Dataset) -> dict[str, set[str]]:
    """Each region with the regions a pattern joins it to: some muscle lies in one, or refers its main (essential)
    pain to it, and refers its main pain to the other (the elbow with the forearm and the shoulder). Spillover zones
    do not count: the soleus's rare jaw pain would make the jaw a neighbour of the calf."""
    spans: dict[str, set[str]] = {}
    for referral in (referral for referral in dataset.referrals if referral.kind == "essential"):
        muscle = dataset.muscles[referral.muscle_id]
        spans.setdefault(muscle.id, {muscle.region_id}).add(dataset.zones[referral.zone_id].region_id)
    linked: dict[str, set[str]] = {region_id: {region_id} for region_id in dataset.regions}
    for regions in spans.values():
        for region_id in regions:
            linked[region_id] |= regions
    return linked


def _muscle_for_zone(dataset: Dataset) -> list[Question]:
    linked = linked_regions(dataset)
    referring: dict[str, set[str]] = {}
    for referral in dataset.referrals:
        referring.setdefault(referral.zone_id, set()).add(referral.muscle_id)
    questions = []
    for zone in dataset.zones.values():
        essential = sorted(r.muscle_id for r in dataset.referrals if r.zone_id == zone.id and r.kind == "essential")
        if not essential:
            continue
        question_id = f"muscle_for_zone:{zone.id}"
        rng = _rng(question_id)
        muscle = dataset.muscles[rng.choice(essential)]
        others = [m for m in dataset.muscles.values() if m.id not in referring[zone.id]]
        # Plausible wrong options: muscles of the zone's own region, else of the regions linked with it, so no
        # option can be ruled out by where in the body it is.
        nearby = [m for m in others if m.region_id == zone.region_id]
        if len(nearby) < WRONG_OPTIONS:
            nearby = [m for m in others if m.region_id in linked[zone.region_id]]
        wrong = nearby if len(nearby) >= WRONG_OPTIONS else others
        referral = next(r for r in dataset.referrals if r.zone_id == zone.id and r.muscle_id == muscle.id)
        questions.append(
            Question(
                id=question_id,
                kind="muscle_for_zone",
                prompt=f"Which muscle's trigger points refer pain mainly (essential zone) to: {zone.name}?",
                options=_options(rng, [_muscle_option(muscle)], [_muscle_option(m) for m in wrong]),
                answer=frozenset({muscle.id}),
                source_ids=referral.source_ids,
                muscle_id=muscle.id,
                zone_ids=(zone.id,),
                region_id=zone.region_id,
            )
        )
    return questions


def _zones_for_muscle(dataset: Dataset) -> list[Question]:
    questions = []
    for muscle in dataset.muscles.values():
        referrals = [referral for referral in dataset.referrals if referral.muscle_id == muscle.id]
        essential = frozenset(r.zone_id for r in referrals if r.kind == "essential")
        spillover = frozenset(r.zone_id for r in referrals if r.kind == "spillover")
        questions.append(
            Question(
                id=f"zones_for_muscle:{muscle.id}",
                kind="zones_for_muscle",
                prompt=(
                    f"Choose on the body map every essential referral zone of {muscle.name} ({muscle.plain_name}). "
                    "Spillover zones are not needed."
                ),
                options=(),
                answer=essential,
                tolerated=spillover,
                source_ids=tuple(dict.fromkeys(source for r in referrals for source in r.source_ids)),
                muscle_id=muscle.id,
                zone_ids=tuple(sorted(essential)),
                region_id=muscle.region_id,
            )
        )
    return questions


def _red_flags(dataset: Dataset) -> list[Question]:
    questions = []
    for region in selectable_regions(dataset):
        conditions = [
            Option(condition.id, condition.name)
            for condition in dataset.conditions.values()
            if region.id in condition.region_ids
        ]
        for flag in dataset.red_flags:
            # Before needling only: an after-needling flag among the region's conditions would give itself away.
            if flag.scope != region.id or flag.timing != "before":
                continue
            question_id = f"red_flag:{flag.id}"
            questions.append(
                Question(
                    id=question_id,
                    kind="red_flag",
                    prompt=f"Which of these is a red flag for the {region.name.lower()} region?",
                    options=_options(_rng(question_id), [Option(flag.id, flag.name)], conditions),
                    answer=frozenset({flag.id}),
                    source_ids=flag.source_ids,
                    zone_ids=tuple(zone.id for zone in region_zones(dataset, region.id)),
                    region_id=region.id,
                )
            )
    return questions


def _typical_after_session(dataset: Dataset) -> list[Question]:
    warnings = [
        Option(flag.id, flag.plain_text)
        for flag in dataset.red_flags
        if flag.timing == "after_session" and flag.scope == GENERAL_SCOPE
    ]
    questions = []
    for step in dataset.session_steps:
        if step.topic != "soreness" or step.scope != GENERAL_SCOPE:
            continue
        question_id = f"typical_after_session:{step.id}"
        questions.append(
            Question(
                id=question_id,
                kind="typical_after_session",
                prompt="Which of these is typical after a dry needling session, and not a warning sign?",
                options=_options(_rng(question_id), [Option(step.id, step.plain_text)], warnings),
                answer=frozenset({step.id}),
                source_ids=step.source_ids,
            )
        )
    return questions


def answer_text(dataset: Dataset, question: Question) -> str:
    """The right answer in words, for feedback: the option's text, or the zones' names for a map question."""
    if not question.on_map:
        return "; ".join(option.text for option in question.options if option.id in question.answer)
    essential = _zone_names(dataset.zones[zone_id] for zone_id in sorted(question.answer))
    if not question.tolerated:
        return f"Essential: {essential}."
    spillover = _zone_names(dataset.zones[zone_id] for zone_id in sorted(question.tolerated))
    return f"Essential: {essential}. Spillover (not needed, not wrong): {spillover}."


def _zone_names(zones: Iterable[Zone]) -> str:
    return ", ".join(zone.name for zone in zones)
