"""The dataset itself, record by record, and the loader's fail-closed behaviour on broken copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bodymap.data import (
    PACKAGED_DATA_DIR,
    TABLES,
    Dataset,
    DatasetError,
    load_dataset,
)
from bodymap.lookup import muscles_referring_to, region_zones, selectable_regions
from tests.conftest import COMPLETE_REGIONS, REQUIRED_REGIONS, EditCsv, dev_package, read_table, write_table

MAX_PLAIN_GRADE = 8.0
# claims.csv's `claim` is a clinic's claim retold for patients, so it is held to the same reading level.
# The chair script's questions are read out to patients, so they are held to it too.
PLAIN_COLUMNS = (
    "plain_summary",
    "plain_description",
    "plain_text",
    "evidence_plain",
    "text",
    "claim",
    "question",
    "chair_question",
)
# Claims the evidence does not support (clinical brief, section 7), as they would be phrased if repeated.
MARKETING_CLAIMS = (
    r"toxin(?!s \d{4})",  # not the journal Toxins, cited with its year
    r"detox",
    r"flush",
    r"waste products?",
    r"acidic",
    r"eliminates? (your |all )?pain",
    r"cures?\b",
    r"prevents? (re-?)?injur",
    r"injury prevention",
    r"collagen",
    r"twitch (response )?is (essential|needed|required)",
    r"guarantee",
)
# The same claims in Spanish (tests/test_languages.py), and the words that reject one.
MARKETING_CLAIMS_ES = (
    r"toxina",
    r"desintox",
    r"productos? de desecho",
    r"\bácid[oa]s?\b",
    r"elimina[rn]? (el |todo el |su )?dolor",
    r"\bcura[rn]?\b",
    r"previenen? (las )?lesion",
    r"colágeno",
    r"garantiza",
)


def _plain_cells() -> list[tuple[str, str]]:
    cells = []
    for table in TABLES.values():
        frame = read_table(PACKAGED_DATA_DIR, table.file)
        key = frame.columns[0]
        for column in PLAIN_COLUMNS:
            if column in frame.columns and (table.file != "regions.csv" or column == "plain_summary"):
                cells += [
                    (f"{table.file}:{row[key]}:{column}", row[column]) for _, row in frame.iterrows() if row[column]
                ]
    return cells


def _all_text_cells() -> list[tuple[str, str]]:
    cells = []
    for table in TABLES.values():
        if table.file == "sources.csv":
            continue  # citations quote titles, e.g. of the marketing pages the brief examined
        frame = read_table(PACKAGED_DATA_DIR, table.file)
        for column in frame.columns:
            if column.endswith("_es"):
                continue  # Spanish, checked against the Spanish claims (tests/test_languages.py)
            if column.endswith("source_ids"):
                continue  # ids, not text: a source may be named after its journal (Toxins)
            if table.file == "claims.csv" and column in ("id", "claim", "clinical_text"):
                continue  # the claims checked report what clinics say, always beside the verdict (test_safety.py)
            cells += [(f"{table.file}:{index + 2}:{column}", value) for index, value in frame[column].items() if value]
    return cells


def test_shipped_dataset_loads(dataset: Dataset) -> None:
    assert dataset.regions and dataset.zones and dataset.muscles and dataset.referrals


def test_required_regions_are_complete_and_the_body_is_covered(dataset: Dataset) -> None:
    assert set(REQUIRED_REGIONS) <= set(COMPLETE_REGIONS)
    assert len(COMPLETE_REGIONS) >= 12
    assert len(dataset.muscles) >= 40


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_required_region_is_complete(dataset: Dataset, region_id: str) -> None:
    region = dataset.regions[region_id]
    assert region.is_complete
    conditions = [c for c in dataset.conditions.values() if region_id in c.region_ids]
    muscles = muscles_referring_to(dataset, (zone.id for zone in region_zones(dataset, region_id)))
    # The bar as data/README.md states it, written out here rather than read from the loader's own constants.
    assert len(conditions) >= 3
    assert len(muscles) >= 4
    assert len([h for h in dataset.hazards if h.region_id == region_id]) >= 2
    assert len([f for f in dataset.red_flags if f.scope == region_id]) >= 3
    assert len([t for t in dataset.talking_points if t.region_id == region_id]) >= 3
    assert any(s.scope == region_id and s.topic == "region_note" for s in dataset.session_steps)
    assert any(m.essential_zones for m in muscles), "at least one muscle refers here as its essential zone"


def test_every_selectable_region_has_zones_on_the_map(dataset: Dataset) -> None:
    for region in selectable_regions(dataset):
        assert region_zones(dataset, region.id), region.id


def test_zone_granularity_matches_a_clinical_pain_map(dataset: Dataset) -> None:
    views = [zone.view for zone in dataset.zones.values()]
    assert views.count("front") >= 30 and views.count("back") >= 30


def test_every_muscle_has_a_trigger_point_and_an_essential_zone(dataset: Dataset) -> None:
    for muscle_id in dataset.muscles:
        assert any(tp.muscle_id == muscle_id for tp in dataset.trigger_points), muscle_id
        assert any(r.muscle_id == muscle_id and r.kind == "essential" for r in dataset.referrals), muscle_id


# Two X marks closer than this (viewBox units) read as one at tablet size; scripts/place_trigger_points.py keeps new
# points this far apart.
MIN_MARK_SPACING = 9.0


def test_a_muscles_trigger_points_are_drawn_apart(dataset: Dataset) -> None:
    """A muscle's pattern view draws all its trigger points: two at the same spot would show one X for two points."""
    by_muscle: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for point in dataset.trigger_points:
        view = dataset.zones[point.zone_id].view
        by_muscle.setdefault((point.muscle_id, view), []).append((point.x, point.y))
    for (muscle_id, view), marks in by_muscle.items():
        for index, (x, y) in enumerate(marks):
            for other_x, other_y in marks[index + 1 :]:
                distance = ((x - other_x) ** 2 + (y - other_y) ** 2) ** 0.5
                assert distance >= MIN_MARK_SPACING, f"{muscle_id} ({view}): two marks {distance:.1f} apart"


@pytest.mark.parametrize(("where", "text"), _plain_cells())
def test_patient_text_reads_at_grade_8_or_lower(where: str, text: str) -> None:
    grade = dev_package("textstat").flesch_kincaid_grade(text)
    assert grade <= MAX_PLAIN_GRADE, f"{where} reads at grade {grade:.1f}: {text}"


NEGATION = re.compile(r"\b(not|no|never|nor|unsupported|claims?)\b|n't\b", re.IGNORECASE)
NEGATION_ES = re.compile(r"\b(no|nunca|ni|ningún|ninguna|ninguno|sin|dicen)\b", re.IGNORECASE)


def _claims(text: str, patterns: tuple[str, ...] = MARKETING_CLAIMS) -> list[str]:
    """Marketing claims made in the text; a sentence that rejects a claim ("It is not a cure.") makes none."""
    negation = NEGATION_ES if patterns is MARKETING_CLAIMS_ES else NEGATION
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [
        pattern
        for sentence in sentences
        if not negation.search(sentence)
        for pattern in patterns
        if re.search(pattern, sentence, flags=re.IGNORECASE)
    ]


def test_marketing_claim_check_catches_claims_and_spares_rebuttals() -> None:
    assert _claims("Needling flushes toxins from the muscle.") == [MARKETING_CLAIMS[0], "flush"]
    assert _claims("Landmarks as in the injection guide (Toxins 2025).") == []
    assert _claims("It cures back pain.") == [r"cures?\b"]
    assert _claims("It is not a cure. Claims that a twitch is essential are not backed by research.") == []
    assert _claims("La punción saca las toxinas.", MARKETING_CLAIMS_ES) == ["toxina"]
    rejected_then_made = "Ningún estudio ha mostrado que saque toxinas. Cura el dolor."
    assert _claims(rejected_then_made, MARKETING_CLAIMS_ES) == [r"\bcura[rn]?\b"]


def test_no_unsupported_marketing_claims() -> None:
    found = [f"{where}: {claim!r}" for where, text in _all_text_cells() for claim in _claims(text)]
    assert not found


def test_data_readme_documents_every_table_and_column() -> None:
    readme = (PACKAGED_DATA_DIR / "README.md").read_text(encoding="utf-8")
    for table in TABLES.values():
        section = readme.split(f"### `{table.file}`", 1)
        assert len(section) == 2, f"{table.file} has no section in data/README.md"
        body = section[1].split("\n### ", 1)[0]
        for column in table.columns:
            assert f"`{column}`" in body, f"{table.file} column {column} is not documented"


# --- fail closed: each kind of broken dataset gives one clear error naming file, row and column ---------------------


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def test_missing_column_is_named(data_copy: Path) -> None:
    frame = read_table(data_copy, "zones.csv").drop(columns=["view"])
    write_table(data_copy, "zones.csv", frame)
    assert _problems(data_copy) == ["zones.csv row 1, column view: this column is missing from the header row"]


def test_duplicate_id_is_named(data_copy: Path) -> None:
    frame = read_table(data_copy, "muscles.csv")
    write_table(data_copy, "muscles.csv", frame.iloc[[*range(len(frame)), 0]])
    duplicate_row = len(frame) + 2
    first_id = frame.loc[0, "id"]
    expected = f"muscles.csv row {duplicate_row}, column id: duplicate id {first_id!r}; it is already used in row 2"
    assert expected in _problems(data_copy)


def test_unknown_reference_suggests_the_nearest_id(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("referrals.csv", 3, "zone_id", "lateral_epicondile")
    problems = _problems(data_copy)
    assert problems == [
        "referrals.csv row 3, column zone_id: 'lateral_epicondile' is not a zone (did you mean 'lateral_epicondyle'?)"
    ]


def test_empty_required_text_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("muscles.csv", 4, "plain_description", "   ")
    assert _problems(data_copy) == ["muscles.csv row 4, column plain_description: is empty; this text is required"]


def test_unknown_source_id_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("hazards.csv", 2, "source_ids", "ref999")
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("hazards.csv row 2, column source_ids: 'ref999' is not a source id in sources.csv")


def test_missing_source_ids_are_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("red_flags.csv", 2, "source_ids", "")
    assert _problems(data_copy) == [
        "red_flags.csv row 2, column source_ids: is empty; every clinical statement needs at least one source id"
    ]


def test_zone_without_a_view_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("zones.csv", 5, "view", "")
    (problem,) = _problems(data_copy)
    assert problem.startswith("zones.csv row 5, column view: '' is not allowed here; use one of 'front' or 'back'")


def test_incomplete_region_fails_closed(data_copy: Path) -> None:
    frame = read_table(data_copy, "hazards.csv")
    write_table(data_copy, "hazards.csv", frame[frame["region_id"] != "neck"])
    (problem,) = _problems(data_copy)
    assert problem.startswith("regions.csv row 3, column status: region 'neck' is marked complete but has 0 hazards")


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "red_flags.csv").unlink()
    assert _problems(data_copy) == ["red_flags.csv: the file is missing"]


def test_every_problem_is_listed_not_only_the_first(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("zones.csv", 5, "view", "side")
    edit_cell("muscles.csv", 3, "name", "")
    edit_cell("conditions.csv", 2, "evidence_level", "strong")
    problems = _problems(data_copy)
    assert [problem.split(":")[0] for problem in problems] == [
        "zones.csv row 5, column view",
        "muscles.csv row 3, column name",
        "conditions.csv row 2, column evidence_level",
    ]
