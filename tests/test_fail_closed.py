"""Every fail-closed rule, broken alone: the loader (or the handout) refuses and names the file, row and column.

The rules are tagged ``# rule: <name>`` where bodymap enforces them (bodymap/data.py, bodymap/handout.py). ``RULES``
below breaks each one in a copy of the shipped dataset; ``test_every_rule_has_a_breaking_test`` fails when a tag has
no entry here, so a new rule cannot land without a test that breaks it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bodymap.data import PACKAGED_DATA_DIR, Dataset, DatasetError, Problem, load_dataset
from bodymap.handout import HandoutError, build_handout, build_where_handout
from bodymap.sides import ZoneChoice
from tests.conftest import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
RULE_TAG = re.compile(r"# rule: ([a-z_, ]+)")


def _set(file: str, row_id: str, column: str, value: str, key: str = "id") -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        frame = read_table(folder, file)
        assert (frame[key] == row_id).sum() == 1, f"{file} has no single row {row_id!r}"
        frame.loc[frame[key] == row_id, column] = value
        write_table(folder, file, frame)

    return edit


def _drop(file: str, keep: Callable[[dict[str, str]], bool]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        frame = read_table(folder, file)
        kept = frame[[keep(row) for row in frame.to_dict(orient="records")]]
        assert len(kept) < len(frame), f"the edit removed nothing from {file}"
        write_table(folder, file, kept)

    return edit


def _relabel(file: str, column: str, old: str, new: str) -> Callable[[Path], None]:
    """Every ``old`` in a column becomes ``new``: the rows stay, so what refers to them still resolves."""

    def edit(folder: Path) -> None:
        frame = read_table(folder, file)
        assert (frame[column] == old).any(), f"{file} has no {column} {old!r}"
        frame.loc[frame[column] == old, column] = new
        write_table(folder, file, frame)

    return edit


def _rename_column(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        write_table(folder, file, read_table(folder, file).rename(columns={old: new}))

    return edit


def _drop_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        write_table(folder, file, read_table(folder, file).drop(columns=[column]))

    return edit


def _row(file: str, row_id: str, key: str = "id") -> int:
    """The spreadsheet row of a record in the shipped data (the header is row 1)."""
    frame = read_table(PACKAGED_DATA_DIR, file)
    return int(frame.index[frame[key] == row_id][0]) + 2


def _guide_row(zone_id: str, rank: str) -> int:
    frame = read_table(PACKAGED_DATA_DIR, "pain_guide.csv")
    return int(frame.index[(frame["zone_id"] == zone_id) & (frame["rank"] == rank)][0]) + 2


def _set_guide_muscle(zone_id: str, rank: str, muscle_id: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        frame = read_table(folder, "pain_guide.csv")
        frame.loc[(frame["zone_id"] == zone_id) & (frame["rank"] == rank), "muscle_id"] = muscle_id
        write_table(folder, "pain_guide.csv", frame)

    return edit


@dataclass(frozen=True)
class Broken:
    """One rule broken alone, and the one problem that must be reported: ``file row N, column C: message...``."""

    break_it: Callable[[Path], None]
    file: str
    row: int | None
    column: str | None
    message: str  # a regular expression the problem's message must match from its start


def _unreadable(folder: Path) -> None:
    (folder / "zones.csv").write_bytes(b"id,name\n\xff\xfe broken\n")


def _missing(folder: Path) -> None:
    (folder / "talking_points.csv").unlink()


KNEE = _row("regions.csv", "knee")
RULES: dict[str, Broken] = {
    "file_missing": Broken(_missing, "talking_points.csv", None, None, "the file is missing"),
    "file_unreadable": Broken(_unreadable, "zones.csv", None, None, "cannot be read as UTF-8 CSV"),
    "column_missing": Broken(
        _rename_column("hazards.csv", "clinical_text", "clinical"), "hazards.csv", 1, "clinical_text", "this column is"
    ),
    "column_unknown": Broken(
        _rename_column("hazards.csv", "clinical_text", "clinical"), "hazards.csv", 1, "clinical", "this column is not"
    ),
    "text_required": Broken(
        _set("hazards.csv", "hz_neck_pneumothorax", "plain_text", "  "),
        "hazards.csv",
        _row("hazards.csv", "hz_neck_pneumothorax"),
        "plain_text",
        "is empty; this text is required",
    ),
    "id_format": Broken(
        _set("talking_points.csv", "tp_neck_1", "id", "Neck Point"),
        "talking_points.csv",
        _row("talking_points.csv", "tp_neck_1"),
        "id",
        "'Neck Point' is not a valid id",
    ),
    "value_allowed": Broken(
        _set("red_flags.csv", "rf_neck_arterial", "urgency", "later"),
        "red_flags.csv",
        _row("red_flags.csv", "rf_neck_arterial"),
        "urgency",
        "'later' is not allowed here",
    ),
    "number": Broken(
        _set("talking_points.csv", "tp_neck_1", "sort_order", "first"),
        "talking_points.csv",
        _row("talking_points.csv", "tp_neck_1"),
        "sort_order",
        "'first' is not a number",
    ),
    "sources_required": Broken(
        _set("hazards.csv", "hz_knee_popliteal", "source_ids", ""),
        "hazards.csv",
        _row("hazards.csv", "hz_knee_popliteal"),
        "source_ids",
        "is empty; every clinical statement needs at least one source id",
    ),
    "complete_region_text": Broken(
        _set("regions.csv", "knee", "clinical_summary", ""), "regions.csv", KNEE, "clinical_summary", "is empty; a"
    ),
    "condition_region": Broken(
        _set("conditions.csv", "shin_pain", "region_ids", ""),
        "conditions.csv",
        _row("conditions.csv", "shin_pain"),
        "region_ids",
        "is empty; a condition belongs",
    ),
    "evidence_sources": Broken(
        _set("conditions.csv", "shin_pain", "evidence_source_ids", ""),
        "conditions.csv",
        _row("conditions.csv", "shin_pain"),
        "evidence_source_ids",
        "is empty; the evidence statement",
    ),
    "no_trials_no_duration": Broken(
        _set("conditions.csv", "shin_pain", "evidence_duration", "short_term"),
        "conditions.csv",
        _row("conditions.csv", "shin_pain"),
        "evidence_duration",
        "'short_term' claims a duration",
    ),
    "notice_sources": Broken(
        _set("notices.csv", "blinding", "source_ids", ""),
        "notices.csv",
        _row("notices.csv", "blinding"),
        "source_ids",
        "is empty; only notices about bodymap itself",
    ),
    "unique_key": Broken(
        _set("hazards.csv", "hz_knee_prosthesis", "id", "hz_knee_popliteal"),
        "hazards.csv",
        _row("hazards.csv", "hz_knee_prosthesis"),
        "id",
        "duplicate id 'hz_knee_popliteal'; it is already used in row",
    ),
    "replaced_zone_retired": Broken(
        _set("zones.csv", "outer_knee", "replaces", "temple"),
        "zones.csv",
        _row("zones.csv", "outer_knee"),
        "replaces",
        "'temple' is still a zone; a zone it was cut into cannot replace it",
    ),
    "language_text": Broken(
        _set("red_flags.csv", "rf_neck_meningitis", "plain_text_es", ""),
        "red_flags.csv",
        _row("red_flags.csv", "rf_neck_meningitis"),
        "plain_text_es",
        r"is empty; Español \(es\) is complete in languages.csv",
    ),
    "language_column": Broken(
        _drop_column("hazards.csv", "plain_text_es"),
        "hazards.csv",
        1,
        "plain_text_es",
        r"this column is missing: Español \(es\) is complete",
    ),
    "language_english": Broken(
        _set("languages.csv", "en", "status", "planned", key="code"),
        "languages.csv",
        _row("languages.csv", "en", key="code"),
        "status",
        r"English \(en\) must be complete",
    ),
    "close_up_view": Broken(
        _set("close_ups.csv", "hand_palm", "zone_ids", "heel_of_hand;thumb_web"),
        "close_ups.csv",
        _row("close_ups.csv", "hand_palm"),
        "zone_ids",
        "thumb_web not on the front view this close-up shows",
    ),
    "known_reference": Broken(
        _set("hazards.csv", "hz_knee_popliteal", "region_id", "kneee"),
        "hazards.csv",
        _row("hazards.csv", "hz_knee_popliteal"),
        "region_id",
        r"'kneee' is not a region \(did you mean 'knee'\?\)",
    ),
    # The bug a review planted: a cardiac flag scoped to "sholder" vanished from the shoulder page silently.
    "known_scope": Broken(
        _set("red_flags.csv", "rf_shoulder_cardiac", "scope", "sholder"),
        "red_flags.csv",
        _row("red_flags.csv", "rf_shoulder_cardiac"),
        "scope",
        r"'sholder' is not a region id or 'general' \(did you mean 'shoulder'\?\)",
    ),
    "known_source": Broken(
        _set("hazards.csv", "hz_knee_popliteal", "source_ids", "ref36;ref9999"),
        "hazards.csv",
        _row("hazards.csv", "hz_knee_popliteal"),
        "source_ids",
        "'ref9999' is not a source id in sources.csv",
    ),
    "muscle_trigger_point": Broken(
        _drop("trigger_points.csv", lambda row: row["muscle_id"] != "soleus"),
        "muscles.csv",
        _row("muscles.csv", "soleus"),
        "id",
        "muscle 'soleus' has no trigger point",
    ),
    "muscle_essential_zone": Broken(
        _drop("referrals.csv", lambda row: not (row["muscle_id"] == "supinator" and row["kind"] == "essential")),
        "muscles.csv",
        _row("muscles.csv", "supinator"),
        "id",
        "muscle 'supinator' has no essential referral zone",
    ),
    "region_bar": Broken(
        _drop("talking_points.csv", lambda row: row["region_id"] != "knee"),
        "regions.csv",
        KNEE,
        "status",
        r"region 'knee' is marked complete but has 0 talking points \(at least 3 needed\)",
    ),
    "general_session_topic": Broken(
        _drop("session_steps.csv", lambda row: not (row["scope"] == "general" and row["topic"] == "aftercare")),
        "session_steps.csv",
        None,
        "topic",
        "no general row for topic 'aftercare'",
    ),
    "contraindication_kinds": Broken(
        _relabel("contraindications.csv", "kind", "absolute", "relative"),
        "contraindications.csv",
        None,
        "kind",
        "no absolute contraindication is listed",
    ),
    "serious_adverse_event": Broken(
        _drop("adverse_events.csv", lambda row: row["severity"] != "serious"),
        "adverse_events.csv",
        None,
        "severity",
        "no serious adverse event is listed",
    ),
    "general_flags": Broken(
        _drop("red_flags.csv", lambda row: not (row["scope"] == "general" and row["timing"] == "after_session")),
        "red_flags.csv",
        None,
        "timing",
        "no general after-session warning is listed",
    ),
    "claims_count": Broken(
        _drop("claims.csv", lambda row: row["id"] == "claim_flushes_toxins"),
        "claims.csv",
        None,
        None,
        r"1 clinic claim checked \(at least 12 needed\)",
    ),
    "card_lists": Broken(
        _set("needling.csv", "supinator", "precautions", " | ", key="muscle_id"),
        "needling.csv",
        _row("needling.csv", "supinator", key="muscle_id"),
        "precautions",
        "is empty; a needling card names at least one",
    ),
    "muscle_needling_card": Broken(
        _drop("needling.csv", lambda row: row["muscle_id"] != "soleus"),
        "muscles.csv",
        _row("muscles.csv", "soleus"),
        "id",
        "muscle 'soleus' has no needling card",
    ),
    "pain_guide_referral": Broken(
        _set_guide_muscle("forehead", "1", "soleus"),
        "pain_guide.csv",
        _guide_row("forehead", "1"),
        "muscle_id",
        "muscle 'soleus' is ranked for zone 'forehead' but refers no pain there in referrals.csv",
    ),
    "chair_question_required": Broken(
        _set("red_flags.csv", "rf_knee_septic", "chair_question", " "),
        "red_flags.csv",
        _row("red_flags.csv", "rf_knee_septic"),
        "chair_question",
        "is empty; a red flag checked before needling needs its yes/no question",
    ),
    "contraindication_asked": Broken(
        _set("before_needling.csv", "bn_pregnancy", "contraindication_ids", "ci_diabetes"),
        "contraindications.csv",
        _row("contraindications.csv", "ci_pregnancy"),
        "id",
        "contraindication 'ci_pregnancy' is in no question of before_needling.csv",
    ),
    "chair_section": Broken(
        _drop("chair_lines.csv", lambda row: row["section"] != "afterwards"),
        "chair_lines.csv",
        None,
        "section",
        "no line for section 'afterwards'",
    ),
    "notice_present": Broken(
        _drop("notices.csv", lambda row: row["id"] != "blinding"),
        "notices.csv",
        None,
        "id",
        "notice 'blinding' is missing",
    ),
}

# Rules the loader's tallies apply one by one: each of a region's thresholds, broken alone.
KNEE_ZONES = set(read_table(PACKAGED_DATA_DIR, "zones.csv").query("region_id == 'knee'")["id"])
REGION_BAR = {
    "conditions": lambda row: "knee" not in row["region_ids"].split(";"),
    "red flags": lambda row: row["scope"] != "knee",
    "muscles that refer pain to its zones": lambda row: row["zone_id"] not in KNEE_ZONES,
    "hazards": lambda row: row["region_id"] != "knee",
    "red flags to check before needling": lambda row: not (row["scope"] == "knee" and row["timing"] == "before"),
    "after-session warnings": lambda row: not (row["scope"] == "knee" and row["timing"] == "after_session"),
    "region_note session rows": lambda row: not (row["scope"] == "knee" and row["topic"] == "region_note"),
}
REGION_BAR_FILES = {
    "conditions": "conditions.csv",
    "red flags": "red_flags.csv",
    "muscles that refer pain to its zones": "referrals.csv",
    "hazards": "hazards.csv",
    "red flags to check before needling": "red_flags.csv",
    "after-session warnings": "red_flags.csv",
    "region_note session rows": "session_steps.csv",
}


def _problems(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return caught.value.problems


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_broken_alone_is_named_by_file_row_and_column(data_copy: Path, rule: str) -> None:
    broken = RULES[rule]
    broken.break_it(data_copy)
    problems = _problems(data_copy)
    named = [p for p in problems if (p.file, p.row, p.column) == (broken.file, broken.row, broken.column)]
    assert sum(bool(re.match(broken.message, p.message)) for p in named) == 1, [str(p) for p in problems]  # once


@pytest.mark.parametrize("what", sorted(REGION_BAR))
def test_each_threshold_of_the_region_bar_fails_closed(data_copy: Path, what: str) -> None:
    _drop(REGION_BAR_FILES[what], REGION_BAR[what])(data_copy)
    problems = [str(p) for p in _problems(data_copy)]
    expected = f"regions.csv row {KNEE}, column status: region 'knee' is marked complete but has 0 {what}"
    advice = "needed); add them or set its status to planned"  # what to do about it, as well as what is wrong
    assert any(p.startswith(expected) and p.endswith(advice) for p in problems), problems


# --- the handout's own refusals: a printed sheet with a safety section missing is worse than none ---------------


def _without(dataset: Dataset, keep: Callable[..., bool], table: str) -> Dataset:
    return dataclasses.replace(dataset, **{table: tuple(row for row in getattr(dataset, table) if keep(row))})


HANDOUT_RULES: dict[str, tuple[Callable[[Dataset], Dataset], str]] = {
    "handout_sections: region flags": (
        lambda d: _without(d, lambda f: not (f.scope == "elbow" and f.timing == "before"), "red_flags"),
        "red flags for Elbow",
    ),
    "handout_sections: general flags": (
        lambda d: _without(d, lambda f: not (f.scope == "general" and f.timing == "before"), "red_flags"),
        "general red flags",
    ),
    "handout_sections: general after-session": (
        lambda d: _without(d, lambda f: not (f.scope == "general" and f.timing == "after_session"), "red_flags"),
        "general after-session warnings",
    ),
    "handout_sections: aftercare": (
        lambda d: _without(d, lambda s: s.topic != "aftercare", "session_steps"),
        "aftercare",
    ),
    "handout_sections: session": (
        lambda d: _without(d, lambda s: s.topic == "aftercare", "session_steps"),
        "what a session is like",
    ),
    "handout_own_warnings": (
        lambda d: _without(d, lambda f: f.scope != "elbow", "red_flags"),
        "warnings for Elbow",
    ),
    "handout_summary": (
        lambda d: dataclasses.replace(
            d, regions={**d.regions, "elbow": d.regions["elbow"].model_copy(update={"plain_summary": ""})}
        ),
        "summary",
    ),
}


@pytest.mark.parametrize("rule", sorted(HANDOUT_RULES))
def test_the_handout_refuses_and_names_what_is_missing(dataset: Dataset, rule: str) -> None:
    broken, missing = HANDOUT_RULES[rule]
    with pytest.raises(HandoutError) as caught:
        build_handout(broken(dataset), "elbow")
    listed = str(caught.value).split("the dataset has no ", 1)[1].split(", ")
    assert missing in listed, str(caught.value)


ELBOW_AND_TEMPLE = [ZoneChoice("temple", "right"), ZoneChoice("lateral_epicondyle", "left")]


@pytest.mark.parametrize("rule", sorted(HANDOUT_RULES))
def test_the_where_it_hurts_handout_refuses_on_every_handout_rule_of_a_region_its_areas_are_in(
    dataset: Dataset, rule: str
) -> None:
    broken, missing = HANDOUT_RULES[rule]
    with pytest.raises(HandoutError, match=f"the dataset has no .*{missing}"):
        build_where_handout(broken(dataset), ELBOW_AND_TEMPLE)


def test_the_where_it_hurts_handout_refuses_if_a_region_its_areas_are_in_is_not_covered(dataset: Dataset) -> None:
    """The elbow's red flags are not left out quietly from an answer about the temple and the elbow."""
    regions = {**dataset.regions, "elbow": dataset.regions["elbow"].model_copy(update={"status": "planned"})}
    planned = dataclasses.replace(dataset, regions=regions)
    with pytest.raises(HandoutError, match="no safety information for Elbow"):
        build_where_handout(planned, ELBOW_AND_TEMPLE)
    assert build_where_handout(planned, ELBOW_AND_TEMPLE[:1]).startswith(b"%PDF-")  # the temple alone is covered


WHERE_RULES = ("handout_where_regions",)  # tested just above


def test_every_rule_has_a_breaking_test() -> None:
    """A rule tagged in the code without a test here, or a test here for a rule no longer tagged, fails."""
    tagged = set()
    for module in ("data.py", "handout.py"):
        for names in RULE_TAG.findall((ROOT / "bodymap" / module).read_text(encoding="utf-8")):
            tagged |= {name.strip() for name in names.split(",")}
    tested = set(RULES) | {"region_bar"} | {rule.split(":")[0] for rule in HANDOUT_RULES} | set(WHERE_RULES)
    assert tagged == tested


# --- the error itself: what a clinician reads (written from mutation survivors, docs/mutation.md) -----------------


def test_the_error_names_the_folder_and_counts_the_problems(data_copy: Path) -> None:
    RULES["text_required"].break_it(data_copy)
    with pytest.raises(DatasetError) as caught:
        load_dataset(data_copy)
    message = str(caught.value)
    assert caught.value.data_dir == data_copy
    assert message.startswith(f"The dataset in {data_copy} failed validation (1 problem):\n  - hazards.csv row ")
    RULES["number"].break_it(data_copy)
    with pytest.raises(DatasetError) as caught:
        load_dataset(data_copy)
    assert "failed validation (2 problems):\n  - " in str(caught.value)
    assert str(caught.value).count("\n  - ") == 2


@pytest.mark.parametrize(
    ("file", "row_id", "column", "value", "message"),
    [
        ("talking_points.csv", "tp_neck_1", "sort_order", " ", "is empty; a number is required"),
        ("talking_points.csv", "tp_neck_1", "sort_order", "1.5", "'1.5' is not a number"),
        ("trigger_points.csv", "supinator_tp1", "x", "left", "'left' is not a number"),
        ("red_flags.csv", "rf_neck_arterial", "timing", "", "'' is not allowed here; use one of 'before' or"),
    ],
)
def test_each_kind_of_bad_cell_reads_plainly(
    data_copy: Path, file: str, row_id: str, column: str, value: str, message: str
) -> None:
    _set(file, row_id, column, value)(data_copy)
    problems = _problems(data_copy)
    assert any(
        p.row == _row(file, row_id) and p.column == column and p.message.startswith(message) for p in problems
    ), [str(p) for p in problems]


def test_a_row_level_check_names_its_own_column(data_copy: Path) -> None:
    _set("conditions.csv", "wry_neck", "region_ids", "")(data_copy)
    problems = [p for p in _problems(data_copy) if p.file == "conditions.csv"]
    assert [(p.column, p.message) for p in problems] == [
        ("region_ids", "is empty; a condition belongs to at least one region")
    ]


def test_no_general_red_flag_before_needling_is_named(data_copy: Path) -> None:
    drop = _drop("red_flags.csv", lambda row: not (row["scope"] == "general" and row["timing"] == "before"))
    drop(data_copy)
    assert [str(p) for p in _problems(data_copy) if p.file == "red_flags.csv"] == [
        "red_flags.csv, column timing: no general red flag to check before needling is listed"
    ]


def test_a_loaded_dataset_remembers_its_folder(data_copy: Path) -> None:
    assert load_dataset(data_copy).data_dir == data_copy


def test_exactly_the_minimum_of_claims_loads(data_copy: Path) -> None:
    claims = read_table(data_copy, "claims.csv")
    write_table(data_copy, "claims.csv", claims.head(12))
    assert len(load_dataset(data_copy).claims) == 12


def test_an_id_with_no_near_match_gets_no_guess(data_copy: Path) -> None:
    _set("hazards.csv", "hz_knee_popliteal", "region_id", "qqqq")(data_copy)
    problems = [p for p in _problems(data_copy) if p.column == "region_id"]
    assert [p.message for p in problems] == ["'qqqq' is not a region"]


def test_an_unreadable_table_does_not_hide_other_broken_references(data_copy: Path) -> None:
    _unreadable(data_copy)  # zones.csv: references to zones cannot be checked
    _set("hazards.csv", "hz_knee_popliteal", "source_ids", "ref9999")(data_copy)
    messages = [str(p) for p in _problems(data_copy)]
    assert any("'ref9999' is not a source id in sources.csv" in m for m in messages), messages
