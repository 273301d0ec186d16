"""Load and validate the bodymap dataset: the one place the CSV tables are read.

Health information must never be shown from a dataset that is only partly right, so the loader is strict and all
or nothing: every table is parsed into frozen pydantic records, cross-references and completeness are checked, and
any problem raises one :class:`DatasetError` that lists every problem found, each naming the file, the spreadsheet row
and the column in words a clinician can act on. After loading, the rest of bodymap works with typed records only.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

import pandas as pd
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

DATA_DIR_ENV = "BODYMAP_DATA_DIR"
PACKAGED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

View = Literal["front", "back"]
VIEWS: tuple[View, ...] = ("front", "back")
Audience = Literal["patient", "therapist", "educator"]
AUDIENCES: tuple[Audience, ...] = ("patient", "therapist", "educator")
GENERAL_SCOPE = "general"
# Topics every dataset must cover in general; "region_note" adds what is particular to a region.
GeneralSessionTopic = Literal[
    "what_happens",
    "sensations",
    "twitch_response",
    "duration",
    "soreness",
    "number_of_sessions",
    "aftercare",
]
SessionTopic = Literal[GeneralSessionTopic, "region_note"]
SESSION_TOPICS: tuple[str, ...] = get_args(GeneralSessionTopic)
NOTICE_IDS = (
    "disclaimer",
    "needling_cards",
    "emergency",
    "evidence_overview",
    "trigger_point_debate",
    "blinding",
    "referral_maps",
    "where_it_hurts",
)
# The completeness bar a region must meet before the app lets anyone select it (data/README.md).
MIN_CONDITIONS = 3
MIN_MUSCLES = 4
MIN_REGION_NOTES = 1
MIN_HAZARDS = 2
MIN_RED_FLAGS = 3
MIN_RED_FLAGS_BEFORE = 1
MIN_AFTER_SESSION_FLAGS = 1
MIN_TALKING_POINTS = 3
# Patients arrive having read clinic pages; the claims page must answer more than a handful of them.
MIN_CLAIMS = 12

# Notices that describe bodymap, not clinical facts, so they cite no source.
NOTICES_ABOUT_BODYMAP = ("disclaimer", "needling_cards")

ID_PATTERN = r"^[a-z0-9_]+$"


def _split_ids(value: Any) -> Any:
    """Turn a spreadsheet cell like ``"ref1; ref2"`` into ``("ref1", "ref2")``."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


def _split_items(value: Any) -> Any:
    """Turn a cell like ``"Pleura | Long thoracic nerve"`` into ``("Pleura", "Long thoracic nerve")``."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split("|") if part.strip())
    return value


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


RecordId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
IdList = Annotated[tuple[RecordId, ...], BeforeValidator(_split_ids)]
ItemList = Annotated[tuple[Text, ...], BeforeValidator(_split_items)]
OptionalYear = Annotated[int | None, BeforeValidator(_blank_to_none)]
OptionalId = Annotated[RecordId | None, BeforeValidator(_blank_to_none)]
Coordinate = Annotated[float, BeforeValidator(_blank_to_none)]


class Record(BaseModel):
    """A row of a table: immutable, and no column that the schema does not document."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CitedRecord(Record):
    """A row that states clinical facts, so it must name at least one source."""

    source_ids: IdList

    @model_validator(mode="after")
    def _has_sources(self) -> CitedRecord:
        if not self.source_ids:  # rule: sources_required
            raise ValueError("source_ids: is empty; every clinical statement needs at least one source id")
        return self


class Source(Record):
    id: RecordId
    citation: Text
    year: OptionalYear
    doi_or_url: OptionalText
    study_type: Literal[
        "umbrella_review",
        "systematic_review",
        "rct",
        "trial_registration",
        "observational",
        "animal_study",
        "reliability_study",
        "survey",
        "case_report",
        "case_series",
        "guideline",
        "textbook",
        "educational_resource",
        "health_information",
        "commentary",
    ]
    checked: Literal["V", "V2"]


class Region(Record):
    id: RecordId
    name: Text
    status: Literal["complete", "planned"]
    view: View
    sort_order: int
    plain_summary: OptionalText
    clinical_summary: OptionalText
    source_ids: IdList

    @property
    def is_complete(self) -> bool:
        return self.status == "complete"

    @model_validator(mode="after")
    def _complete_regions_have_text(self) -> Region:
        if self.is_complete:
            for column in ("plain_summary", "clinical_summary", "source_ids"):
                if not getattr(self, column):  # rule: complete_region_text
                    raise ValueError(f"{column}: is empty; a complete region needs it")
        return self


class Zone(Record):
    id: RecordId
    name: Text
    view: View
    region_id: RecordId
    # The ids of the coarser zones this one was cut from, nearest first (a part of a part names both): links and
    # commands that name an old id get all its parts.
    replaces: IdList = ()


class Muscle(CitedRecord):
    id: RecordId
    name: Text
    plain_name: Text
    region_id: RecordId
    plain_description: Text
    clinical_description: Text


class TriggerPoint(CitedRecord):
    id: RecordId
    muscle_id: RecordId
    label: Text
    zone_id: RecordId
    x: Coordinate
    y: Coordinate


class Referral(CitedRecord):
    muscle_id: RecordId
    zone_id: RecordId
    kind: Literal["essential", "spillover"]


EvidenceLevel = Literal["moderate", "low", "very_low", "none"]
EvidenceDuration = Literal["short_term", "up_to_medium_term", "not_shown"]


class Condition(CitedRecord):
    id: RecordId
    name: Text
    plain_name: Text
    region_ids: IdList
    muscle_ids: IdList
    plain_summary: Text
    clinical_summary: Text
    evidence_level: EvidenceLevel
    evidence_duration: EvidenceDuration
    evidence_plain: Text
    evidence_clinical: Text
    evidence_source_ids: IdList

    @model_validator(mode="after")
    def _has_regions_and_evidence_sources(self) -> Condition:
        if not self.region_ids:  # rule: condition_region
            raise ValueError("region_ids: is empty; a condition belongs to at least one region")
        if not self.evidence_source_ids:  # rule: evidence_sources
            raise ValueError("evidence_source_ids: is empty; the evidence statement needs a source")
        if self.evidence_level == "none" and self.evidence_duration != "not_shown":  # rule: no_trials_no_duration
            raise ValueError(
                f"evidence_duration: {self.evidence_duration!r} claims a duration, but evidence_level 'none' means no "
                "trials were found; use 'not_shown'"
            )
        return self


class SessionStep(CitedRecord):
    id: RecordId
    scope: RecordId
    topic: SessionTopic
    sort_order: int
    plain_text: Text
    clinical_text: Text


class Contraindication(CitedRecord):
    id: RecordId
    kind: Literal["absolute", "relative", "precaution"]
    name: Text
    plain_name: Text
    plain_text: Text
    clinical_text: Text


class BeforeNeedlingQuestion(Record):
    """One line of the therapist's tick-list before needling: a question to ask, or a check of their own.

    It states nothing new: it asks about the contraindications it names, whose rows carry the sources.
    """

    id: RecordId
    sort_order: int
    kind: Literal["ask", "check"]
    question: Text
    contraindication_ids: IdList


ChairSection = Literal["feels_like", "afterwards"]
CHAIR_SECTIONS: tuple[str, ...] = get_args(ChairSection)


class ChairLine(CitedRecord):
    """A line the therapist says at the chair about what needling feels like, or about afterwards."""

    id: RecordId
    section: ChairSection
    sort_order: int
    text: Text


class AdverseEvent(CitedRecord):
    id: RecordId
    severity: Literal["minor", "serious"]
    event: Text
    figure: Text
    plain_text: Text
    clinical_text: Text


class Hazard(CitedRecord):
    id: RecordId
    region_id: RecordId
    name: Text
    plain_text: Text
    clinical_text: Text


Urgency = Literal["emergency", "urgent", "soon"]


class RedFlag(CitedRecord):
    id: RecordId
    scope: RecordId
    timing: Literal["before", "after_session"]
    urgency: Urgency
    name: Text
    plain_name: Text
    chair_question: OptionalText  # a yes/no question for the chair; required for flags checked before needling
    plain_text: Text
    clinical_text: Text

    @model_validator(mode="after")
    def _asked_before_needling(self) -> RedFlag:
        if self.timing == "before" and not self.chair_question:  # rule: chair_question_required
            raise ValueError("chair_question: is empty; a red flag checked before needling needs its yes/no question")
        return self


Verdict = Literal["supported", "partly_supported", "not_supported", "contradicted"]


class Claim(CitedRecord):
    """A claim patients read on clinic pages, never stored (or shown) without the verdict the evidence gives it."""

    id: RecordId
    claim: Text
    verdict: Verdict
    region_ids: IdList
    plain_text: Text
    clinical_text: Text


class TalkingPoint(CitedRecord):
    id: RecordId
    region_id: RecordId
    sort_order: int
    text: Text


# A needling card with no published depth says so in these words, so nobody mistakes a gap for an omission.
NO_PUBLISHED_DEPTH = "No published depth figure was found for this muscle."


class NeedlingCard(CitedRecord):
    """How to needle a muscle safely, for clinicians trained in dry needling; patients get ``plain_text`` only."""

    muscle_id: RecordId
    position: Text
    landmarks: Text
    approach: Text
    depth: Text  # published figures with their study, or NO_PUBLISHED_DEPTH; never an estimate
    structures_at_risk: ItemList
    precautions: ItemList
    plain_text: Text

    @model_validator(mode="after")
    def _lists_are_filled(self) -> NeedlingCard:
        for column in ("structures_at_risk", "precautions"):
            if not getattr(self, column):  # rule: card_lists
                raise ValueError(f"{column}: is empty; a needling card names at least one (items separated by |)")
        return self


class CloseUp(Record):
    """A part of the body too small for its zones to be tapped in its region's zoom: a closer zoom of its own zones.

    Layout, not a clinical statement: it names where the figure can be framed, so it needs no source.
    """

    id: RecordId
    name: Text
    view: View
    zone_ids: IdList


class PainGuideEntry(CitedRecord):
    """A muscle's place in Travell & Simons' pain guide for one pain area: 1 is the muscle the guide lists first."""

    zone_id: RecordId
    muscle_id: RecordId
    rank: Annotated[int, Field(ge=1)]

    @property
    def key(self) -> str:
        return f"{self.zone_id}/{self.rank}"


class Notice(Record):
    id: Literal[NOTICE_IDS]  # type: ignore[valid-type]
    title: Text
    plain_text: Text
    clinical_text: Text
    source_ids: IdList

    @model_validator(mode="after")
    def _cited_unless_disclaimer(self) -> Notice:
        if self.id not in NOTICES_ABOUT_BODYMAP and not self.source_ids:  # rule: notice_sources
            raise ValueError("source_ids: is empty; only notices about bodymap itself may have no source")
        return self


ENGLISH = "en"  # the language every row is written in first, and the one every other language translates


class Language(Record):
    """A language the dataset's patient texts are written in. ``complete``: every translated text is there (the loader
    checks it, and the app may offer it); ``planned``: being written, never offered."""

    code: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2}$")]
    name: Text
    status: Literal["complete", "planned"]


# What a patient reads, and what a therapist says or asks at the chair, in every language offered: each column has a
# column ``<column>_<code>`` beside it in its table (``plain_text_es``), so a clinic corrects it in a spreadsheet.
# Clinical and educator texts are English only.
TRANSLATED_COLUMNS: dict[str, tuple[str, ...]] = {
    "regions": ("name", "plain_summary"),
    "zones": ("name",),
    "close_ups": ("name",),
    "conditions": ("plain_name", "plain_summary", "evidence_plain"),
    "muscles": ("name", "plain_name", "plain_description"),
    "needling_cards": ("plain_text",),
    "trigger_points": ("label",),
    "red_flags": ("plain_name", "chair_question", "plain_text"),
    "contraindications": ("plain_name", "plain_text"),
    "adverse_events": ("event", "plain_text"),
    "hazards": ("name", "plain_text"),
    "session_steps": ("plain_text",),
    "notices": ("title", "plain_text"),
    "claims": ("claim", "plain_text"),
    "talking_points": ("text",),
    "before_needling": ("question",),
    "chair_lines": ("text",),
}
# One language's texts: (table, row key, column) -> text.
Translations = dict[tuple[str, str, str], str]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset, located as precisely as possible."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """The dataset failed validation; nothing from it may be shown."""

    def __init__(self, data_dir: Path, problems: Sequence[Problem]):
        self.data_dir = data_dir
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"The dataset in {data_dir} failed validation ({count} {noun}):\n{lines}")


@dataclass(frozen=True)
class Dataset:
    """Every table of a validated dataset, with lookups by id."""

    data_dir: Path
    sources: dict[str, Source]
    regions: dict[str, Region]
    zones: dict[str, Zone]
    muscles: dict[str, Muscle]
    trigger_points: tuple[TriggerPoint, ...]
    referrals: tuple[Referral, ...]
    conditions: dict[str, Condition]
    session_steps: tuple[SessionStep, ...]
    contraindications: tuple[Contraindication, ...]
    before_needling: tuple[BeforeNeedlingQuestion, ...]  # in sort order
    chair_lines: tuple[ChairLine, ...]  # in section and sort order
    adverse_events: tuple[AdverseEvent, ...]
    hazards: tuple[Hazard, ...]
    red_flags: tuple[RedFlag, ...]
    talking_points: tuple[TalkingPoint, ...]
    notices: dict[str, Notice]
    claims: tuple[Claim, ...]
    needling_cards: dict[str, NeedlingCard]
    pain_guide: tuple[PainGuideEntry, ...]
    close_ups: dict[str, CloseUp]
    languages: dict[str, Language] = field(default_factory=dict)
    translations: dict[str, Translations] = field(default_factory=dict, repr=False)  # by language code
    language: str = ENGLISH  # the language of this copy's translated texts
    _in_languages: dict[str, Dataset] = field(default_factory=dict, repr=False, compare=False)

    def in_language(self, code: str) -> Dataset:
        """This dataset with every translated text in language ``code`` (clinical texts stay English).

        Only a ``complete`` language, which the loader has checked has every text: a page is never half translated.

        Raises:
            ValueError: ``code`` is not a complete language of this dataset.
        """
        if code == self.language:
            return self
        language = self.languages.get(code)
        if language is None or language.status != "complete":
            raise ValueError(f"{code!r} is not a complete language of this dataset (data/languages.csv)")
        if self.language != ENGLISH:  # every language is translated from the English rows, never from another
            return self._in_languages[ENGLISH].in_language(code)
        if code not in self._in_languages:
            self._in_languages[code] = _translated(self, code)
        return self._in_languages[code]

    def zone_ids_for(self, zone_id: str) -> tuple[str, ...]:
        """The zones an id stands for: itself, or the parts of a zone that was cut up (``replaces``); () if unknown.

        A zone cut into finer ones keeps working in saved links, handouts and commands that name it.
        """
        if zone_id in self.zones:
            return (zone_id,)
        return tuple(zone.id for zone in self.zones.values() if zone_id in zone.replaces)


R = TypeVar("R", bound=Record)
WithId = TypeVar("WithId", Source, Region, Zone, Muscle, Condition, Notice, CloseUp)


@dataclass(frozen=True)
class Table:
    """How one CSV file maps to a record type."""

    file: str
    model: type[Record]
    key: tuple[str, ...] = ("id",)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields)


TABLES: dict[str, Table] = {
    "languages": Table("languages.csv", Language, key=("code",)),
    "sources": Table("sources.csv", Source),
    "regions": Table("regions.csv", Region),
    "zones": Table("zones.csv", Zone),
    "muscles": Table("muscles.csv", Muscle),
    "trigger_points": Table("trigger_points.csv", TriggerPoint),
    "referrals": Table("referrals.csv", Referral, key=("muscle_id", "zone_id")),
    "conditions": Table("conditions.csv", Condition),
    "session_steps": Table("session_steps.csv", SessionStep),
    "contraindications": Table("contraindications.csv", Contraindication),
    "before_needling": Table("before_needling.csv", BeforeNeedlingQuestion),
    "chair_lines": Table("chair_lines.csv", ChairLine),
    "adverse_events": Table("adverse_events.csv", AdverseEvent),
    "hazards": Table("hazards.csv", Hazard),
    "red_flags": Table("red_flags.csv", RedFlag),
    "talking_points": Table("talking_points.csv", TalkingPoint),
    "notices": Table("notices.csv", Notice),
    "claims": Table("claims.csv", Claim),
    "needling_cards": Table("needling.csv", NeedlingCard, key=("muscle_id",)),
    "pain_guide": Table("pain_guide.csv", PainGuideEntry, key=("zone_id", "rank")),
    "close_ups": Table("close_ups.csv", CloseUp),
}

# Columns that name records of another table: (table, column) -> table the ids must exist in.
REFERENCES: dict[tuple[str, str], str] = {
    ("zones", "region_id"): "regions",
    ("muscles", "region_id"): "regions",
    ("trigger_points", "muscle_id"): "muscles",
    ("trigger_points", "zone_id"): "zones",
    ("referrals", "muscle_id"): "muscles",
    ("referrals", "zone_id"): "zones",
    ("conditions", "region_ids"): "regions",
    ("conditions", "muscle_ids"): "muscles",
    ("hazards", "region_id"): "regions",
    ("talking_points", "region_id"): "regions",
    ("claims", "region_ids"): "regions",
    ("needling_cards", "muscle_id"): "muscles",
    ("pain_guide", "zone_id"): "zones",
    ("pain_guide", "muscle_id"): "muscles",
    ("before_needling", "contraindication_ids"): "contraindications",
    ("close_ups", "zone_ids"): "zones",
}
# Columns that hold either "general" or a region id.
SCOPE_COLUMNS: tuple[tuple[str, str], ...] = (("session_steps", "scope"), ("red_flags", "scope"))
SOURCE_COLUMNS = ("source_ids", "evidence_source_ids")


def default_data_dir() -> Path:
    """The dataset to use: ``$BODYMAP_DATA_DIR`` if set (a clinic's own copy), else the one shipped with bodymap."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured) if configured else PACKAGED_DATA_DIR


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read, validate and index every table.

    Args:
        data_dir: folder holding the CSV tables; defaults to :func:`default_data_dir`.

    Returns:
        The validated dataset.

    Raises:
        DatasetError: listing every problem found, if anything is wrong.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[Problem] = []
    rows: dict[str, list[tuple[int, Record]]] = {}
    ids: dict[str, set[str]] = {}
    cells: dict[str, dict[int, dict[str, str]]] = {}  # table -> row -> translated column -> text
    headers: dict[str, list[str]] = {}
    rows["languages"], ids["languages"], _, headers["languages"] = _read_table(folder, TABLES["languages"], problems)
    languages = [record for _, record in rows["languages"] if isinstance(record, Language)]
    others = [language.code for language in languages if language.code != ENGLISH]
    for name, table in TABLES.items():
        if name != "languages":
            translated = tuple(f"{column}_{code}" for column in TRANSLATED_COLUMNS.get(name, ()) for code in others)
            rows[name], ids[name], cells[name], headers[name] = _read_table(folder, table, problems, translated)
    _check_languages(rows["languages"], problems)
    _check_translations(rows, cells, headers, languages, problems)
    _check_unique_keys(rows, problems)
    _check_references(rows, ids, problems)
    _check_replaced_zone_ids(rows["zones"], problems)
    _check_close_up_views(rows["zones"], rows["close_ups"], problems)
    if problems:
        raise DatasetError(folder, problems)
    dataset = _build(folder, rows, _translations(rows, cells, others))
    # Counting content is only meaningful once every row is readable and every reference resolves.
    row_of = {
        name: {getattr(record, "id", ""): row for row, record in rows[name]}
        for name in ("regions", "muscles", "contraindications")
    }
    row_of["pain_guide"] = {record.key: row for row, record in rows["pain_guide"] if isinstance(record, PainGuideEntry)}
    gaps = _completeness_problems(dataset, row_of)
    if gaps:
        raise DatasetError(folder, gaps)
    return dataset


def _read_table(
    folder: Path, table: Table, problems: list[Problem], translated: Sequence[str] = ()
) -> tuple[list[tuple[int, Record]], set[str], dict[int, dict[str, str]], list[str]]:
    """Parse one CSV into records, adding a problem for the file, each bad header and each bad cell.

    Args:
        translated: the translation columns this table may have (``plain_text_es``); read beside the records.

    Returns:
        The rows that parsed, with their spreadsheet row numbers; every id in the id column (parsed or not), so a row
        with a typo elsewhere does not also make every reference to it look broken; each row's translated texts; and
        the header.
    """
    path = folder / table.file
    if not path.is_file():  # rule: file_missing
        problems.append(Problem(table.file, "the file is missing"))
        return [], set(), {}, []
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:  # rule: file_unreadable
        problems.append(Problem(table.file, f"cannot be read as UTF-8 CSV ({error})"))
        return [], set(), {}, []
    header = [str(column).strip() for column in frame.columns]
    missing = [column for column in table.columns if column not in header]
    unknown = [column for column in header if column not in table.columns and column not in translated]
    for column in missing:  # rule: column_missing
        problems.append(Problem(table.file, "this column is missing from the header row", row=1, column=column))
    for column in unknown:  # rule: column_unknown
        problems.append(Problem(table.file, "this column is not part of the schema (data/README.md)", 1, column))
    if missing or unknown:
        return [], set(), {}, header
    frame.columns = header
    ids = {value.strip() for value in frame["id"]} if "id" in header else set()
    records: list[tuple[int, Record]] = []
    texts: dict[int, dict[str, str]] = {}
    present = [column for column in translated if column in header]
    for index, raw in enumerate(frame.to_dict(orient="records")):
        row_number = index + 2  # spreadsheet numbering: header is row 1
        texts[row_number] = {column: str(raw.pop(column)).strip() for column in present}
        try:
            records.append((row_number, table.model.model_validate(raw)))
        except ValidationError as error:
            problems.extend(_describe(table.file, row_number, raw, error))
    return records, ids, texts, header


def _check_languages(languages: list[tuple[int, Record]], problems: list[Problem]) -> None:
    """English is the language every row is written in: it must be there, and complete."""
    english = [(row, record) for row, record in languages if isinstance(record, Language) and record.code == ENGLISH]
    if not english:  # rule: language_english
        problems.append(Problem(TABLES["languages"].file, "English (en) must be listed, as complete", column="code"))
    elif english[0][1].status != "complete":  # rule: language_english
        problems.append(Problem(TABLES["languages"].file, "English (en) must be complete", english[0][0], "status"))


def _check_translations(
    rows: dict[str, list[tuple[int, Record]]],
    cells: dict[str, dict[int, dict[str, str]]],
    headers: dict[str, list[str]],
    languages: Sequence[Language],
    problems: list[Problem],
) -> None:
    """A complete language has every translated text that its English row has: a page is never half translated."""
    for language in languages:
        if language.code == ENGLISH or language.status != "complete":
            continue
        for name, columns in TRANSLATED_COLUMNS.items():
            file = TABLES[name].file
            for column in columns:
                wanted = f"{column}_{language.code}"
                if headers.get(name) and wanted not in headers[name]:  # rule: language_column
                    missing = f"this column is missing: {language.name} ({language.code}) is complete in languages.csv"
                    problems.append(Problem(file, missing, 1, wanted))
                    continue
                for row, record in rows[name]:
                    if getattr(record, column) and not cells[name].get(row, {}).get(wanted):  # rule: language_text
                        problems.append(
                            Problem(
                                file,
                                f"is empty; {language.name} ({language.code}) is complete in languages.csv, so every "
                                "text a patient reads needs it (or set the language to planned)",
                                row,
                                wanted,
                            )
                        )


def _translations(
    rows: dict[str, list[tuple[int, Record]]], cells: dict[str, dict[int, dict[str, str]]], codes: Sequence[str]
) -> dict[str, Translations]:
    """Each language's texts, keyed by table, row key and English column."""
    translations: dict[str, Translations] = {code: {} for code in codes}
    for name, columns in TRANSLATED_COLUMNS.items():
        for row, record in rows[name]:
            key = _row_key(name, record)
            for code in codes:
                for column in columns:
                    text = cells[name].get(row, {}).get(f"{column}_{code}")
                    if text:
                        translations[code][(name, key, column)] = text
    return translations


def _row_key(name: str, record: Record) -> str:
    return "/".join(str(getattr(record, column)) for column in TABLES[name].key)


def _translated(dataset: Dataset, code: str) -> Dataset:
    """A copy of the English ``dataset`` with language ``code``'s texts in place of the English ones."""
    texts = dataset.translations.get(code, {})

    def translate(name: str, record: R) -> R:
        update = {
            column: texts[(name, key, column)]
            for key in [_row_key(name, record)]
            for column in TRANSLATED_COLUMNS[name]
            if (name, key, column) in texts
        }
        return record.model_copy(update=update) if update else record

    tables: dict[str, Any] = {}
    for name in TRANSLATED_COLUMNS:
        table = getattr(dataset, name)
        if isinstance(table, dict):
            tables[name] = {key: translate(name, record) for key, record in table.items()}
        else:
            tables[name] = tuple(translate(name, record) for record in table)
    return replace(dataset, language=code, _in_languages={ENGLISH: dataset}, **tables)


def _describe(file: str, row: int, raw: dict[str, str], error: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into sentences a clinician editing a spreadsheet can act on."""
    described = []
    for detail in error.errors():
        # Every cell arrives as a string (the header check has run), so only the kinds below occur; a row-level
        # check (model_validator) has no location and writes its own "column: message".
        column = str(detail["loc"][0]) if detail["loc"] else None
        value = raw[column] if column else ""
        kind = detail["type"]
        if kind == "string_too_short":  # rule: text_required
            message = "is empty; this text is required"
        elif kind == "string_pattern_mismatch":  # rule: id_format
            message = f"{value!r} is not a valid id (use lower-case letters, digits and _; separate ids with ;)"
        elif kind == "literal_error":  # rule: value_allowed
            message = f"{value!r} is not allowed here; use one of {detail['ctx']['expected']}"
        elif kind in {"int_parsing", "float_parsing"}:  # rule: number
            message = f"{value!r} is not a number" if value.strip() else "is empty; a number is required"
        elif kind == "value_error":
            column, _, message = str(detail["ctx"]["error"]).partition(": ")
        else:
            message = detail["msg"]
        described.append(Problem(file, message, row=row, column=column))
    return described


def _check_unique_keys(rows: dict[str, list[tuple[int, Record]]], problems: list[Problem]) -> None:
    for name, table in TABLES.items():
        first_row: dict[tuple[str, ...], int] = {}
        for row_number, record in rows[name]:
            key = tuple(str(getattr(record, column)) for column in table.key)
            if key in first_row:  # rule: unique_key
                what = " and ".join(f"{column} {value!r}" for column, value in zip(table.key, key, strict=True))
                message = f"duplicate {what}; it is already used in row {first_row[key]}"
                problems.append(Problem(table.file, message, row=row_number, column=table.key[-1]))
            else:
                first_row[key] = row_number


def _ids_in(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _check_references(
    rows: dict[str, list[tuple[int, Record]]], ids: dict[str, set[str]], problems: list[Problem]
) -> None:
    """Every id a row names must exist in the table it points to (unless that table could not be read at all)."""
    known = {name: ids[name] for name in ("sources", "regions", "zones", "muscles", "contraindications")}
    checks: list[tuple[str, str, set[str], str]] = [
        (table, column, known[target], target.rstrip("s")) for (table, column), target in REFERENCES.items()
    ]
    scopes = known["regions"] | {GENERAL_SCOPE}
    checks += [(table, column, scopes, "region id or 'general'") for table, column in SCOPE_COLUMNS]
    for name, table in TABLES.items():
        for column in SOURCE_COLUMNS:
            if column in table.columns:
                checks.append((name, column, known["sources"], "source id in sources.csv"))
    for name, column, allowed, noun in checks:
        if not allowed:
            continue  # the target table is missing or unreadable; that problem is already listed
        for row_number, record in rows[name]:
            for value in _ids_in(getattr(record, column)):
                if value not in allowed:  # rule: known_reference, known_scope, known_source
                    message = f"{value!r} is not a {noun}{_suggestion(value, allowed)}"
                    problems.append(Problem(TABLES[name].file, message, row=row_number, column=column))


def _check_close_up_views(
    zones: list[tuple[int, Record]], close_ups: list[tuple[int, Record]], problems: list[Problem]
) -> None:
    """A close-up frames one view: a zone drawn on the other view could not be shown in it."""
    views = {record.id: record.view for _, record in zones if isinstance(record, Zone)}
    for row_number, record in close_ups:
        if not isinstance(record, CloseUp):
            continue
        elsewhere = [zone_id for zone_id in record.zone_ids if views.get(zone_id, record.view) != record.view]
        if elsewhere:  # rule: close_up_view
            message = f"{', '.join(elsewhere)} not on the {record.view} view this close-up shows"
            problems.append(Problem("close_ups.csv", message, row=row_number, column="zone_ids"))


def _check_replaced_zone_ids(zones: list[tuple[int, Record]], problems: list[Problem]) -> None:
    """An id a zone replaces must no longer be a zone of its own, or a link naming it would mean two things."""
    current = {record.id for _, record in zones if isinstance(record, Zone)}
    for row_number, record in zones:
        if not isinstance(record, Zone):
            continue
        for replaced in record.replaces:
            if replaced in current:  # rule: replaced_zone_retired
                message = f"{replaced!r} is still a zone; a zone it was cut into cannot replace it"
                problems.append(Problem("zones.csv", message, row=row_number, column="replaces"))


def _suggestion(value: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(allowed), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _completeness_problems(dataset: Dataset, row_of: dict[str, dict[str, int]]) -> list[Problem]:
    """Fail closed: a complete region, each muscle, and the general safety and session content, must be whole.

    Args:
        dataset: the dataset, every row of which parsed and every reference of which resolved.
        row_of: for each table, the spreadsheet row of each id, so a gap names the row to fix.
    """
    problems: list[Problem] = []
    muscles_with_tp = {point.muscle_id for point in dataset.trigger_points}
    muscles_with_essential = {ref.muscle_id for ref in dataset.referrals if ref.kind == "essential"}
    for muscle_id in dataset.muscles:
        row = row_of["muscles"][muscle_id]
        if muscle_id not in muscles_with_tp:  # rule: muscle_trigger_point
            message = f"muscle {muscle_id!r} has no trigger point in trigger_points.csv"
            problems.append(Problem("muscles.csv", message, row=row, column="id"))
        if muscle_id not in muscles_with_essential:  # rule: muscle_essential_zone
            message = f"muscle {muscle_id!r} has no essential referral zone in referrals.csv"
            problems.append(Problem("muscles.csv", message, row=row, column="id"))
        if muscle_id not in dataset.needling_cards:  # rule: muscle_needling_card
            message = f"muscle {muscle_id!r} has no needling card in needling.csv"
            problems.append(Problem("muscles.csv", message, row=row, column="id"))
    referred = {(ref.muscle_id, ref.zone_id) for ref in dataset.referrals}
    for entry in dataset.pain_guide:
        if (entry.muscle_id, entry.zone_id) not in referred:  # rule: pain_guide_referral
            message = (
                f"muscle {entry.muscle_id!r} is ranked for zone {entry.zone_id!r} but refers no pain there in "
                "referrals.csv"
            )
            problems.append(Problem("pain_guide.csv", message, row=row_of["pain_guide"][entry.key], column="muscle_id"))

    for region in dataset.regions.values():
        if region.is_complete:
            problems += _region_gaps(dataset, region, row_of["regions"][region.id])

    general_topics: Counter[str] = Counter(step.topic for step in dataset.session_steps if step.scope == GENERAL_SCOPE)
    for topic in SESSION_TOPICS:
        if not general_topics[topic]:  # rule: general_session_topic
            problems.append(Problem("session_steps.csv", f"no general row for topic {topic!r}", column="topic"))
    kinds = {item.kind for item in dataset.contraindications}
    for kind in ("absolute", "relative"):
        if kind not in kinds:  # rule: contraindication_kinds
            problems.append(Problem("contraindications.csv", f"no {kind} contraindication is listed", column="kind"))
    asked = {item_id for question in dataset.before_needling for item_id in question.contraindication_ids}
    for item in dataset.contraindications:
        if item.id not in asked:  # rule: contraindication_asked
            message = f"contraindication {item.id!r} is in no question of before_needling.csv, so no therapist asks it"
            row = row_of["contraindications"][item.id]
            problems.append(Problem("contraindications.csv", message, row=row, column="id"))
    sections = {line.section for line in dataset.chair_lines}
    for section in CHAIR_SECTIONS:
        if section not in sections:  # rule: chair_section
            problems.append(Problem("chair_lines.csv", f"no line for section {section!r}", column="section"))
    if not any(event.severity == "serious" for event in dataset.adverse_events):  # rule: serious_adverse_event
        problems.append(Problem("adverse_events.csv", "no serious adverse event is listed", column="severity"))
    for timing, what in (("before", "red flag to check before needling"), ("after_session", "after-session warning")):
        if not any(
            flag.scope == GENERAL_SCOPE and flag.timing == timing for flag in dataset.red_flags
        ):  # rule: general_flags
            problems.append(Problem("red_flags.csv", f"no general {what} is listed", column="timing"))
    if len(dataset.claims) < MIN_CLAIMS:  # rule: claims_count
        count = len(dataset.claims)
        message = f"{count} clinic claim{'' if count == 1 else 's'} checked (at least {MIN_CLAIMS} needed)"
        problems.append(Problem("claims.csv", message))
    for notice_id in NOTICE_IDS:
        if notice_id not in dataset.notices:  # rule: notice_present
            problems.append(Problem("notices.csv", f"notice {notice_id!r} is missing", column="id"))
    return problems


def _region_gaps(dataset: Dataset, region: Region, row_number: int) -> list[Problem]:
    """What a region marked complete lacks against the completeness bar (data/README.md)."""
    zones = {zone.id for zone in dataset.zones.values() if zone.region_id == region.id}
    tallies = {
        ("conditions", MIN_CONDITIONS): sum(region.id in c.region_ids for c in dataset.conditions.values()),
        ("muscles that refer pain to its zones", MIN_MUSCLES): len(
            {ref.muscle_id for ref in dataset.referrals if ref.zone_id in zones}
        ),
        ("region_note session rows", MIN_REGION_NOTES): sum(
            s.scope == region.id and s.topic == "region_note" for s in dataset.session_steps
        ),
        ("hazards", MIN_HAZARDS): sum(h.region_id == region.id for h in dataset.hazards),
        ("red flags", MIN_RED_FLAGS): sum(f.scope == region.id for f in dataset.red_flags),
        ("red flags to check before needling", MIN_RED_FLAGS_BEFORE): sum(
            f.scope == region.id and f.timing == "before" for f in dataset.red_flags
        ),
        ("after-session warnings", MIN_AFTER_SESSION_FLAGS): sum(
            f.scope == region.id and f.timing == "after_session" for f in dataset.red_flags
        ),
        ("talking points", MIN_TALKING_POINTS): sum(t.region_id == region.id for t in dataset.talking_points),
    }
    return [
        Problem(
            "regions.csv",
            f"region {region.id!r} is marked complete but has {found} {what} (at least {minimum} needed); "
            "add them or set its status to planned",
            row=row_number,
            column="status",
        )
        for (what, minimum), found in tallies.items()
        if found < minimum  # rule: region_bar
    ]


def _chair_line_order(line: ChairLine) -> tuple[int, int]:
    return CHAIR_SECTIONS.index(line.section), line.sort_order


def _build(folder: Path, rows: dict[str, list[tuple[int, Record]]], translations: dict[str, Translations]) -> Dataset:
    def records(name: str, model: type[R]) -> tuple[R, ...]:
        return tuple(record for _, record in rows[name] if isinstance(record, model))

    def by_id(name: str, model: type[WithId]) -> dict[str, WithId]:
        return {record.id: record for record in records(name, model)}

    regions = sorted(records("regions", Region), key=lambda region: (region.sort_order, region.name))
    return Dataset(
        data_dir=folder,
        sources=by_id("sources", Source),
        regions={region.id: region for region in regions},
        zones=by_id("zones", Zone),
        muscles=by_id("muscles", Muscle),
        trigger_points=records("trigger_points", TriggerPoint),
        referrals=records("referrals", Referral),
        conditions=by_id("conditions", Condition),
        session_steps=records("session_steps", SessionStep),
        contraindications=records("contraindications", Contraindication),
        before_needling=tuple(sorted(records("before_needling", BeforeNeedlingQuestion), key=lambda q: q.sort_order)),
        chair_lines=tuple(sorted(records("chair_lines", ChairLine), key=_chair_line_order)),
        adverse_events=records("adverse_events", AdverseEvent),
        hazards=records("hazards", Hazard),
        red_flags=records("red_flags", RedFlag),
        talking_points=records("talking_points", TalkingPoint),
        notices=by_id("notices", Notice),
        claims=records("claims", Claim),
        needling_cards={card.muscle_id: card for card in records("needling_cards", NeedlingCard)},
        pain_guide=records("pain_guide", PainGuideEntry),
        close_ups=by_id("close_ups", CloseUp),
        languages={record.code: record for record in records("languages", Language)},
        translations=translations,
    )
