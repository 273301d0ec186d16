"""The questions bodymap answers, asked of a validated dataset: pure functions, no Streamlit.

- which regions can be selected;
- a region's details, worded for one audience;
- "where does it hurt?": which muscles may refer pain to a set of zones, ranked;
- which sources stand behind an item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bodymap.data import (
    ENGLISH,
    GENERAL_SCOPE,
    SESSION_TOPICS,
    VIEWS,
    Audience,
    Claim,
    Condition,
    Dataset,
    Muscle,
    RedFlag,
    Region,
    Source,
    TriggerPoint,
    View,
    Zone,
)
from bodymap.i18n import N_, _
from bodymap.wording import ZONE_KIND_WORDS, flag_title

# Ranking for "where does it hurt?" (README, "Where does it hurt?"). Each chosen zone gives a muscle points:
# - if Travell & Simons' pain guide lists the muscle for that zone: GUIDE_BASE plus one point for each place it stands
#   ahead of the zone's last listed muscle, so within a zone the guide's order holds and every listed muscle outranks
#   every unlisted one;
# - otherwise 2 for an essential zone and 1 for a spillover zone (an essential zone is nearly always involved).
# The points add up over the zones chosen. Ties go to the better pain-guide place, then more essential zones, then the
# name, so the order is stable and explainable.
ESSENTIAL_WEIGHT = 2
SPILLOVER_WEIGHT = 1
GUIDE_BASE = 10

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
# The notices an educator's region page ends with, as caveats for teaching.
CAVEAT_NOTICE_IDS = ("evidence_overview", "trigger_point_debate", "blinding", "referral_maps")
TOPIC_ORDER = {topic: index for index, topic in enumerate((*SESSION_TOPICS, "region_note"))}


class UnknownIdError(LookupError):
    """An id asked for (from a URL or a command line) is not in the dataset."""


@dataclass(frozen=True)
class GuidePlace:
    """Where Travell & Simons' pain guide lists a muscle for one zone, and the points that place is worth."""

    zone: Zone
    rank: int
    points: int


def pain_area(zone: Zone) -> str:
    """The pain guide's area a zone belongs to: the coarsest zone it was cut from, or itself.

    A zone cut into parts repeats its area's list on each part (scripts/split_zones.py); points from the guide count
    once per area and muscle, or choosing the whole calf would count the list three times.
    """
    return zone.replaces[-1] if zone.replaces else zone.id


@dataclass(frozen=True)
class MuscleMatch:
    """A muscle that may refer pain to some of the zones asked about, and why."""

    muscle: Muscle
    essential_zones: tuple[Zone, ...]
    spillover_zones: tuple[Zone, ...]
    guide_places: tuple[GuidePlace, ...] = ()

    @property
    def score(self) -> int:
        """Points over the zones asked about: a pain-guide place where the guide lists the muscle, else its kind."""
        listed = {pain_area(place.zone) for place in self.guide_places}
        kind_points = sum(
            weight
            for zones, weight in ((self.essential_zones, ESSENTIAL_WEIGHT), (self.spillover_zones, SPILLOVER_WEIGHT))
            for zone in zones
            if pain_area(zone) not in listed
        )
        return kind_points + sum(place.points for place in self.guide_places)

    @property
    def best_guide_rank(self) -> int:
        """Its best place in the pain guide over the zones asked about; unlisted muscles sort after every listed one."""
        return min((place.rank for place in self.guide_places), default=10**6)

    @property
    def reason(self) -> str:
        """Why it ranks where it does, in one line: its pain-guide places, then its zones by kind (clinical words)."""
        parts = [
            _("pain guide: {ordinal} for {zone}").format(
                ordinal=_ordinal(place.rank), rank=place.rank, zone=place.zone.name
            )
            for place in self.guide_places
        ]
        zones = self.zones_in_words(plain=False)
        sentence = "; ".join([*parts, zones[:1].lower() + zones[1:]])
        return sentence[:1].upper() + sentence[1:]

    def zones_in_words(self, plain: bool) -> str:
        """The matching zones, each kind under its own label, e.g. "Essential zone: Temple; spillover zone: Eye".

        Essential and spillover zones are never listed under one label: a spillover zone is only sometimes involved.
        """
        words = ZONE_KIND_WORDS["plain" if plain else "clinical"]
        parts = [
            f"{_(words[kind])}: " + ", ".join(zone.name for zone in zones)
            for kind, zones in (("essential", self.essential_zones), ("spillover", self.spillover_zones))
            if zones
        ]
        sentence = "; ".join(parts)
        return sentence[:1].upper() + sentence[1:]


@dataclass(frozen=True)
class MusclePattern:
    """A muscle's trigger points and referral zones: what the map draws for it."""

    muscle: Muscle
    trigger_points: tuple[TriggerPoint, ...]
    essential_zones: tuple[Zone, ...]
    spillover_zones: tuple[Zone, ...]
    conditions: tuple[Condition, ...]

    @property
    def views(self) -> tuple[View, ...]:
        """The map views the pattern appears on, front first."""
        zones = (*self.essential_zones, *self.spillover_zones)
        used = {zone.view for zone in zones}
        return tuple(view for view in VIEWS if view in used)


@dataclass(frozen=True)
class Entry:
    """One item of a region's details, already worded for the audience."""

    title: str
    text: str
    source_ids: tuple[str, ...]
    kind: str = ""
    general: bool = False  # applies to every region, not only this one


@dataclass(frozen=True)
class ConditionEntry:
    condition: Condition
    title: str
    text: str
    evidence: str
    muscles: tuple[Muscle, ...]


@dataclass(frozen=True)
class ClaimEntry:
    """A clinic claim with the verdict the evidence gives it, worded for the audience: never one without the other."""

    claim: Claim
    text: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class ChairQuestion:
    """A yes/no question the therapist asks before needling, and what a yes means."""

    id: str
    question: str
    kind: str  # "ask" or "check" for the contraindication questions; the urgency for a red flag
    if_yes: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class HelpSign:
    """A sign to get help for, as a patient scans it: the symptom first, the diagnosis after it in small type."""

    symptom: str
    diagnosis: str
    text: str
    urgency: str
    after_needling: bool
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class RegionDetails:
    """Everything shown for one region to one audience, in the order of the dataset's priorities."""

    region: Region
    audience: Audience
    summary: Entry
    talking_points: tuple[Entry, ...]
    conditions: tuple[ConditionEntry, ...]
    muscles: tuple[MuscleMatch, ...]
    session: tuple[Entry, ...]
    red_flags: tuple[Entry, ...]
    after_session: tuple[Entry, ...]
    hazards: tuple[Entry, ...]
    contraindications: tuple[Entry, ...]
    adverse_events: tuple[Entry, ...]
    claims: tuple[ClaimEntry, ...]
    caveats: tuple[Entry, ...]  # the teaching caveats, for educators only
    sources: tuple[Source, ...]
    # The therapist's chair script: the questions before needling (the blood-thinner question first, as the dataset
    # orders them), the region's red flags as questions, and the few lines said about the feel and afterwards.
    before_needling: tuple[ChairQuestion, ...]
    red_flag_questions: tuple[ChairQuestion, ...]
    feels_like: tuple[Entry, ...]
    afterwards: tuple[Entry, ...]
    warning_signs: tuple[str, ...]  # the after-session flags' plain titles, said in one breath at the chair
    # Every red flag of the region and the general ones, before and after needling, most urgent first: the patient
    # page's "when to get help" in its three tiers.
    help_signs: tuple[HelpSign, ...]

    def source_number(self, source_id: str) -> int:
        """The 1-based number of a source in this region's numbered source list."""
        return next(index for index, source in enumerate(self.sources, start=1) if source.id == source_id)


def selectable_regions(dataset: Dataset) -> tuple[Region, ...]:
    """Regions whose content is complete, in display order; planned regions cannot be selected."""
    return tuple(region for region in dataset.regions.values() if region.is_complete)


def region_zones(dataset: Dataset, region_id: str) -> tuple[Zone, ...]:
    return tuple(zone for zone in dataset.zones.values() if zone.region_id == region_id)


def muscles_referring_to(dataset: Dataset, zone_ids: Iterable[str]) -> tuple[MuscleMatch, ...]:
    """Rank the muscles whose trigger points may refer pain to any of these zones.

    Args:
        dataset: the validated dataset.
        zone_ids: the zones where it hurts; duplicates are ignored.

    Returns:
        Matches, best first: by points (a pain-guide place, else essential 2 and spillover 1, per zone; see
        GUIDE_BASE), then the better pain-guide place, then more essential matches, then name.

    Raises:
        UnknownIdError: if a zone id is not in the dataset.
    """
    wanted = _known_zones(dataset, zone_ids)
    last_rank: dict[str, int] = {}
    for entry in dataset.pain_guide:
        last_rank[entry.zone_id] = max(last_rank.get(entry.zone_id, 0), entry.rank)
    places: dict[str, list[GuidePlace]] = {}
    counted: set[tuple[str, str]] = set()
    for entry in sorted(dataset.pain_guide, key=lambda entry: entry.rank):
        zone = dataset.zones[entry.zone_id]
        area = (entry.muscle_id, pain_area(zone))
        if entry.zone_id in wanted and area not in counted:
            counted.add(area)
            points = GUIDE_BASE + last_rank[entry.zone_id] - entry.rank
            places.setdefault(entry.muscle_id, []).append(GuidePlace(zone, entry.rank, points))
    essential: dict[str, list[Zone]] = {}
    spillover: dict[str, list[Zone]] = {}
    for referral in dataset.referrals:
        if referral.zone_id in wanted:
            bucket = essential if referral.kind == "essential" else spillover
            bucket.setdefault(referral.muscle_id, []).append(dataset.zones[referral.zone_id])
    matches = [
        MuscleMatch(
            muscle=dataset.muscles[muscle_id],
            essential_zones=tuple(essential.get(muscle_id, ())),
            spillover_zones=tuple(spillover.get(muscle_id, ())),
            guide_places=tuple(places.get(muscle_id, ())),
        )
        for muscle_id in dict.fromkeys([*essential, *spillover])
    ]
    return tuple(sorted(matches, key=lambda m: (-m.score, m.best_guide_rank, -len(m.essential_zones), m.muscle.name)))


def muscle_pattern(dataset: Dataset, muscle_id: str) -> MusclePattern:
    """A muscle's trigger points, essential and spillover zones, and the conditions it is linked with.

    Raises:
        UnknownIdError: if the muscle is not in the dataset.
    """
    muscle = dataset.muscles.get(muscle_id)
    if muscle is None:
        raise UnknownIdError(f"unknown muscle id: {muscle_id!r}")
    referrals = [referral for referral in dataset.referrals if referral.muscle_id == muscle_id]
    return MusclePattern(
        muscle=muscle,
        trigger_points=tuple(point for point in dataset.trigger_points if point.muscle_id == muscle_id),
        essential_zones=tuple(dataset.zones[r.zone_id] for r in referrals if r.kind == "essential"),
        spillover_zones=tuple(dataset.zones[r.zone_id] for r in referrals if r.kind == "spillover"),
        conditions=tuple(c for c in dataset.conditions.values() if muscle_id in c.muscle_ids),
    )


@dataclass(frozen=True)
class ReferralMatrix:
    """Muscles by zones: 2 where the zone is essential for the muscle, 1 where it is spillover, 0 where neither."""

    muscles: tuple[Muscle, ...]
    zones: tuple[Zone, ...]
    cells: tuple[tuple[int, ...], ...]  # one row per muscle, one column per zone


def referral_matrix(dataset: Dataset, region_id: str | None = None, whole_patterns: bool = False) -> ReferralMatrix:
    """The referral patterns as a grid, for one region's zones (or every zone), with the muscles that refer there.

    Muscles are ordered as :func:`muscles_referring_to` ranks them for those zones; zones keep the dataset's order.
    With ``whole_patterns``, each muscle's zones outside the region are shown too, after the region's own.
    """
    asked = tuple(region_zones(dataset, region_id)) if region_id else tuple(dataset.zones.values())
    muscles = tuple(match.muscle for match in muscles_referring_to(dataset, (zone.id for zone in asked)))
    outside = tuple(zone for zone in dataset.zones.values() if zone not in asked) if whole_patterns else ()
    zones = asked + outside
    weight = {
        (referral.muscle_id, referral.zone_id): ESSENTIAL_WEIGHT if referral.kind == "essential" else SPILLOVER_WEIGHT
        for referral in dataset.referrals
    }
    used = [zone for zone in zones if any((muscle.id, zone.id) in weight for muscle in muscles)]
    cells = tuple(tuple(weight.get((muscle.id, zone.id), 0) for zone in used) for muscle in muscles)
    return ReferralMatrix(muscles, tuple(used), cells)


@dataclass(frozen=True)
class RegionCounts:
    """How many of a region's zones a muscle refers to: essential and spillover."""

    essential: int
    spillover: int


def matrix_by_region(matrix: ReferralMatrix) -> tuple[tuple[str, ...], tuple[tuple[RegionCounts, ...], ...]]:
    """The whole-body grid summed by region, for a summary that fits a screen: the regions with any referral, in the
    dataset's order, and for each muscle its counts per region."""
    regions = tuple(dict.fromkeys(zone.region_id for zone in matrix.zones))
    rows = []
    for row in matrix.cells:
        counts = []
        for region_id in regions:
            cells = [cell for zone, cell in zip(matrix.zones, row, strict=True) if zone.region_id == region_id]
            counts.append(RegionCounts(cells.count(ESSENTIAL_WEIGHT), cells.count(SPILLOVER_WEIGHT)))
        rows.append(tuple(counts))
    return regions, tuple(rows)


def sources_for(dataset: Dataset, source_ids: Iterable[str]) -> tuple[Source, ...]:
    """The sources behind an item, in the order cited."""
    return tuple(dataset.sources[source_id] for source_id in dict.fromkeys(source_ids))


def flag_entry(flag: RedFlag, audience: Audience, clinical_names: bool) -> Entry:
    """A red flag worded for the audience: patients get its plain title, therapists both titles, educators the
    clinical one; the urgency is the entry's kind. Without ``clinical_names`` (a translated page: the clinical
    titles are English only) therapists get the plain title alone."""
    therapist = f"{flag.plain_name} ({flag.name})" if clinical_names else flag.plain_name
    title = {"patient": flag.plain_name, "therapist": therapist, "educator": flag.name}
    text = flag.clinical_text if audience == "educator" else flag.plain_text
    return Entry(title[audience], text, flag.source_ids, flag.urgency, flag.scope == GENERAL_SCOPE)


def _most_urgent_first(flags: Iterable[RedFlag], scopes: Sequence[str]) -> list[RedFlag]:
    """Most urgent first; at equal urgency a region's own flags (in the order of ``scopes``) before general ones."""
    rank = {scope: index for index, scope in enumerate(scopes)}
    return sorted(flags, key=lambda flag: (URGENCY_ORDER[flag.urgency], rank.get(flag.scope, len(rank))))


def red_flags_for_zones(dataset: Dataset, zone_ids: Iterable[str], audience: Audience) -> tuple[Entry, ...]:
    """The warning signs to show wherever pain is looked up: every "see a doctor instead" flag of the regions the
    zones belong to, and the general ones, most urgent first, each title once.

    Raises:
        UnknownIdError: if a zone id is not in the dataset.
    """
    zones = _known_zones(dataset, zone_ids)
    regions = [
        region_id
        for region_id in dict.fromkeys(dataset.zones[zone_id].region_id for zone_id in zones)
        if dataset.regions[region_id].is_complete
    ]
    if not regions:
        return ()
    scopes = [*regions, GENERAL_SCOPE]
    flags = [flag for flag in dataset.red_flags if flag.timing == "before" and flag.scope in scopes]
    entries: dict[str, Entry] = {}
    for flag in _most_urgent_first(flags, scopes):
        entry = flag_entry(flag, audience, _clinical_names(dataset))
        entries.setdefault(entry.title.casefold(), entry)
    return tuple(entries.values())


def claims_checked(dataset: Dataset, audience: Audience, region_id: str | None = None) -> tuple[ClaimEntry, ...]:
    """The clinic claims checked against the evidence: all of them, or those about one region."""
    return tuple(
        ClaimEntry(claim, claim.plain_text if audience != "educator" else claim.clinical_text, claim.source_ids)
        for claim in dataset.claims
        if region_id is None or region_id in claim.region_ids
    )


def region_details(dataset: Dataset, region_id: str, audience: Audience) -> RegionDetails:
    """Gather a complete region's details, worded for patients (plain) or therapists and educators (clinical).

    Therapists explain at the chair, so they get the plain wording with the clinical names alongside; educators get
    the clinical wording.

    Raises:
        UnknownIdError: if the region does not exist or is not complete (never show partial content).
    """
    region = dataset.regions.get(region_id)
    if region is None or not region.is_complete:
        raise UnknownIdError(f"{region_id!r} is not a selectable region")
    plain = audience != "educator"
    clinical_names = _clinical_names(dataset)

    def entry(title: str, plain_text: str, clinical_text: str, source_ids: tuple[str, ...], kind: str = "") -> Entry:
        return Entry(title, plain_text if plain else clinical_text, source_ids, kind)

    in_scope = (GENERAL_SCOPE, region.id)
    steps = sorted(
        (step for step in dataset.session_steps if step.scope in in_scope),
        key=lambda step: (TOPIC_ORDER[step.topic], step.scope != GENERAL_SCOPE, step.sort_order),
    )
    # The region's own flags first, then the general ones; most urgent first within each.
    flags = [
        *_most_urgent_first((flag for flag in dataset.red_flags if flag.scope == region.id), [region.id]),
        *_most_urgent_first((flag for flag in dataset.red_flags if flag.scope == GENERAL_SCOPE), [GENERAL_SCOPE]),
    ]
    conditions = tuple(
        ConditionEntry(
            condition=condition,
            title=(
                f"{condition.plain_name} ({condition.name})"
                if audience != "patient" and clinical_names
                else condition.plain_name
            ),
            text=condition.plain_summary if plain else condition.clinical_summary,
            evidence=condition.evidence_plain if plain else condition.evidence_clinical,
            muscles=tuple(dataset.muscles[muscle_id] for muscle_id in condition.muscle_ids),
        )
        for condition in dataset.conditions.values()
        if region.id in condition.region_ids
    )
    caveats = tuple(
        Entry(notice.title, notice.clinical_text, notice.source_ids)
        for notice in (dataset.notices[notice_id] for notice_id in CAVEAT_NOTICE_IDS)
        if audience == "educator"
    )
    details = RegionDetails(
        region=region,
        audience=audience,
        summary=entry(region.name, region.plain_summary, region.clinical_summary, region.source_ids),
        talking_points=tuple(
            Entry("", point.text, point.source_ids)
            for point in sorted(dataset.talking_points, key=lambda point: point.sort_order)
            if point.region_id == region.id
        ),
        conditions=conditions,
        muscles=muscles_referring_to(dataset, (zone.id for zone in region_zones(dataset, region.id))),
        session=tuple(
            entry(step.topic, step.plain_text, step.clinical_text, step.source_ids, step.topic) for step in steps
        ),
        red_flags=tuple(flag_entry(flag, audience, clinical_names) for flag in flags if flag.timing == "before"),
        after_session=tuple(
            flag_entry(flag, audience, clinical_names) for flag in flags if flag.timing == "after_session"
        ),
        hazards=tuple(
            entry(hazard.name, hazard.plain_text, hazard.clinical_text, hazard.source_ids)
            for hazard in dataset.hazards
            if hazard.region_id == region.id
        ),
        contraindications=tuple(
            entry(
                item.plain_name if audience == "patient" or not clinical_names else item.name,
                item.plain_text,
                item.clinical_text,
                item.source_ids,
                item.kind,
            )
            for item in sorted(dataset.contraindications, key=lambda item: item.kind)
        ),
        adverse_events=tuple(
            entry(event.event, event.plain_text, event.clinical_text, event.source_ids, event.severity)
            for event in dataset.adverse_events
        ),
        claims=claims_checked(dataset, audience, region.id),
        caveats=caveats,
        sources=(),
        before_needling=before_needling_questions(dataset),
        red_flag_questions=tuple(_flag_question(flag, clinical_names) for flag in flags if flag.timing == "before"),
        feels_like=_chair_lines(dataset, "feels_like"),
        afterwards=_chair_lines(dataset, "afterwards"),
        warning_signs=tuple(flag.plain_name for flag in flags if flag.timing == "after_session"),
        help_signs=_help_signs(flags, clinical_names),
    )
    return _with_numbered_sources(dataset, details)


def _help_signs(flags: Sequence[RedFlag], clinical_names: bool) -> tuple[HelpSign, ...]:
    """The flags most urgent first, each symptom once: a region's flag and a general one can share a plain title.

    Without ``clinical_names`` (a translated page) a sign names no diagnosis: the clinical titles are English only.
    """
    signs: dict[str, HelpSign] = {}
    for flag in sorted(flags, key=lambda flag: URGENCY_ORDER[flag.urgency]):
        if flag.plain_name not in signs:
            after = flag.timing == "after_session"
            diagnosis = flag.name if clinical_names else ""
            signs[flag.plain_name] = HelpSign(
                flag.plain_name, diagnosis, flag.plain_text, flag.urgency, after, flag.source_ids
            )
    return tuple(signs.values())


CONTRAINDICATION_KIND_WORDS = {
    "absolute": N_("Do not needle"),
    "relative": N_("Relative contraindication"),
    "precaution": N_("Precaution"),
}


def _clinical_names(dataset: Dataset) -> bool:
    """The clinical titles (red flags, conditions, contraindications) are English only: shown in English alone."""
    return dataset.language == ENGLISH


def before_needling_questions(dataset: Dataset) -> tuple[ChairQuestion, ...]:
    """The tick-list before needling: each question with the contraindications a yes points to, and their sources."""
    by_id = {item.id: item for item in dataset.contraindications}
    questions = []
    for question in dataset.before_needling:
        covered = [by_id[item_id] for item_id in question.contraindication_ids]
        named = (lambda item: item.name) if _clinical_names(dataset) else (lambda item: item.plain_name)
        if_yes = "; ".join(f"{_(CONTRAINDICATION_KIND_WORDS[item.kind])}: {named(item)}" for item in covered)
        sources = tuple(dict.fromkeys(source_id for item in covered for source_id in item.source_ids))
        questions.append(ChairQuestion(question.id, question.question, question.kind, if_yes, sources))
    return tuple(questions)


def _flag_question(flag: RedFlag, clinical_names: bool) -> ChairQuestion:
    """A red flag as the chair asks it; a yes means refer instead, in the words the patient hears."""
    title = flag_title(flag.urgency, flag.plain_name)
    if_yes = f"{title} ({flag.name}). {flag.plain_text}" if clinical_names else f"{title}. {flag.plain_text}"
    return ChairQuestion(flag.id, flag.chair_question, flag.urgency, if_yes, flag.source_ids)


def _chair_lines(dataset: Dataset, section: str) -> tuple[Entry, ...]:
    return tuple(Entry("", line.text, line.source_ids) for line in dataset.chair_lines if line.section == section)


def _with_numbered_sources(dataset: Dataset, details: RegionDetails) -> RegionDetails:
    """Number the sources in the order they are first cited, so "[3]" means the same thing everywhere on the page."""
    cited: list[str] = list(details.summary.source_ids)
    for group in (details.red_flags, details.after_session, details.talking_points):
        cited += [source_id for item in group for source_id in item.source_ids]
    for condition_entry in details.conditions:
        cited += [*condition_entry.condition.source_ids, *condition_entry.condition.evidence_source_ids]
    cited += [source_id for match in details.muscles for source_id in match.muscle.source_ids]
    for group in (details.session, details.hazards, details.contraindications, details.adverse_events):
        cited += [source_id for item in group for source_id in item.source_ids]
    cited += [source_id for claim in details.claims for source_id in claim.source_ids]
    cited += [source_id for caveat in details.caveats for source_id in caveat.source_ids]
    for chair in (details.before_needling, details.feels_like, details.afterwards):
        cited += [source_id for item in chair for source_id in item.source_ids]
    return RegionDetails(**{**details.__dict__, "sources": sources_for(dataset, cited)})


def region_summary(dataset: Dataset, region: Region) -> dict[str, object]:
    """A region's headline content as plain data (for ``python -m bodymap summary --json``); in another language than
    English, the plain names (the clinical ones are English only)."""
    clinical = _clinical_names(dataset)
    return {
        "id": region.id,
        "name": region.name,
        "conditions": [
            c.name if clinical else c.plain_name for c in dataset.conditions.values() if region.id in c.region_ids
        ],
        "muscles": [
            match.muscle.name
            for match in muscles_referring_to(dataset, (zone.id for zone in region_zones(dataset, region.id)))
        ],
        "hazards": [hazard.name for hazard in dataset.hazards if hazard.region_id == region.id],
        "red_flags": [
            flag.name if clinical else flag.plain_name for flag in dataset.red_flags if flag.scope == region.id
        ],
    }


def muscle_summary(dataset: Dataset, muscle_id: str) -> dict[str, object]:
    """A muscle as plain data, with its needling card (for ``python -m bodymap muscle ID --json``).

    Raises:
        UnknownIdError: if the muscle is not in the dataset.
    """
    pattern = muscle_pattern(dataset, muscle_id)
    muscle, card = pattern.muscle, dataset.needling_cards[muscle_id]
    zones = (*pattern.essential_zones, *pattern.spillover_zones)
    return {
        "id": muscle.id,
        "name": muscle.name,
        "plain_name": muscle.plain_name,
        "region": muscle.region_id,
        "regions_referred_to": list(dict.fromkeys(zone.region_id for zone in zones)),
        "trigger_points": [{"id": p.id, "label": p.label, "zone_id": p.zone_id} for p in pattern.trigger_points],
        "essential_zones": [zone.id for zone in pattern.essential_zones],
        "spillover_zones": [zone.id for zone in pattern.spillover_zones],
        "conditions": [condition.id for condition in pattern.conditions],
        "source_ids": list(muscle.source_ids),
        # The card's clinical fields are English only: in another language, its plain sentence alone.
        "needling": (
            card.model_dump(exclude={"muscle_id"})
            if _clinical_names(dataset)
            else {"plain_text": card.plain_text, "source_ids": list(card.source_ids)}
        ),
    }


def _known_zones(dataset: Dataset, zone_ids: Iterable[str]) -> dict[str, None]:
    """The zones asked about, in order and each once; the id of a zone that was cut up stands for all its parts."""
    wanted: dict[str, None] = {}
    unknown = []
    for zone_id in zone_ids:
        found = dataset.zone_ids_for(zone_id)
        wanted.update(dict.fromkeys(found))
        if not found:
            unknown.append(zone_id)
    if unknown:
        raise UnknownIdError(f"unknown zone id(s): {', '.join(repr(item) for item in dict.fromkeys(unknown))}")
    return wanted


def _ordinal(number: int) -> str:
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
