"""Safety content: the fail-closed rules for red flags and evidence labels, the warnings shown wherever pain is looked
up, and the clinic claims checked against the evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.data import GENERAL_SCOPE, Dataset, DatasetError, load_dataset
from bodymap.lookup import (
    URGENCY_ORDER,
    UnknownIdError,
    claims_checked,
    flag_entry,
    muscles_referring_to,
    red_flags_for_zones,
    region_details,
)
from bodymap.wording import evidence_label, plain_evidence_label
from tests.conftest import COMPLETE_REGIONS, EditCsv, read_table, write_table


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def _row_of(folder: Path, file: str, row_id: str) -> int:
    """The spreadsheet row (header is row 1) of the record with this id."""
    frame = read_table(folder, file)
    return int(frame.index[frame["id"] == row_id][0]) + 2


# --- fail closed: red flags before and after a session, per region and in general ------------------------------------


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_every_region_has_its_own_before_and_after_session_flags(dataset: Dataset, region_id: str) -> None:
    own = [flag for flag in dataset.red_flags if flag.scope == region_id]
    assert any(flag.timing == "before" for flag in own), f"{region_id}: no red flag to check before needling"
    assert any(flag.timing == "after_session" for flag in own), f"{region_id}: no after-session warning"


@pytest.mark.parametrize(("timing", "what"), [("after_session", "after-session warnings"), ("before", "before")])
def test_a_region_missing_a_timing_of_red_flag_is_not_offered(data_copy: Path, timing: str, what: str) -> None:
    flags = read_table(data_copy, "red_flags.csv")
    write_table(data_copy, "red_flags.csv", flags[~((flags["scope"] == "knee") & (flags["timing"] == timing))])
    row = _row_of(data_copy, "regions.csv", "knee")
    problems = _problems(data_copy)
    assert any(
        problem.startswith(f"regions.csv row {row}, column status: region 'knee'") and what in problem
        for problem in problems
    ), problems


@pytest.mark.parametrize(
    ("timing", "what"), [("before", "red flag to check before"), ("after_session", "after-session")]
)
def test_general_red_flags_of_each_timing_are_required(data_copy: Path, timing: str, what: str) -> None:
    flags = read_table(data_copy, "red_flags.csv")
    kept = flags[~((flags["scope"] == GENERAL_SCOPE) & (flags["timing"] == timing))]
    write_table(data_copy, "red_flags.csv", kept)
    assert any(p.startswith("red_flags.csv, column timing: no general") and what in p for p in _problems(data_copy))


def test_a_red_flag_without_a_plain_title_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("red_flags.csv", 3, "plain_name", "  ")
    assert "red_flags.csv row 3, column plain_name: is empty; this text is required" in _problems(data_copy)


def test_no_trials_cannot_claim_a_duration(data_copy: Path, edit_cell: EditCsv) -> None:
    frame = read_table(data_copy, "conditions.csv")
    row = int(frame.index[frame["evidence_level"] == "none"][0]) + 2
    edit_cell("conditions.csv", row, "evidence_duration", "short_term")
    problems = _problems(data_copy)
    assert any(p.startswith(f"conditions.csv row {row}, column evidence_duration: 'short_term'") for p in problems)


@pytest.mark.parametrize(
    ("level", "duration", "label"),
    [
        ("none", "not_shown", "no trials found"),
        ("low", "short_term", "low certainty; short-term benefit only"),
        ("very_low", "not_shown", "very low certainty; no clear benefit shown"),
    ],
)
def test_evidence_labels_follow_the_data(level: str, duration: str, label: str) -> None:
    assert evidence_label(level, duration) == label


def test_shipped_evidence_never_says_no_trials_beside_a_duration(dataset: Dataset) -> None:
    for condition in dataset.conditions.values():
        label = evidence_label(condition.evidence_level, condition.evidence_duration)
        assert ";" not in label if condition.evidence_level == "none" else ";" in label, condition.id


# --- urgencies that must agree with what each sign means -------------------------------------------------------------


def test_emergency_flags_tell_patients_to_get_emergency_help_first(dataset: Dataset) -> None:
    for flag in dataset.red_flags:
        first_sentence = flag.plain_text.split(". ")[0].casefold()
        if flag.urgency == "emergency":
            assert "emergency" in flag.plain_text.casefold(), flag.id
            assert "before any needling" not in first_sentence, flag.id


def test_the_same_sign_has_the_same_urgency_in_every_region(dataset: Dataset) -> None:
    by_name: dict[str, set[str]] = {}
    for flag in dataset.red_flags:
        by_name.setdefault(flag.name.casefold(), set()).add(flag.urgency)
    assert {name: urgencies for name, urgencies in by_name.items() if len(urgencies) > 1} == {}


# --- the warning signs shown in "where does it hurt?" ----------------------------------------------------------------


def test_temple_and_eye_pain_shows_giant_cell_arteritis(dataset: Dataset) -> None:
    titles = [entry.title for entry in red_flags_for_zones(dataset, ["temple", "eye_area"], "patient")]
    gca = next(flag for flag in dataset.red_flags if flag.scope == "head_jaw" and "giant cell" in flag.name.casefold())
    assert gca.plain_name in titles


def test_buttock_thigh_and_calf_pain_shows_cauda_equina_once(dataset: Dataset) -> None:
    zones = ["buttock_lower_inner", "back_of_thigh_middle_inner", "calf_upper_outer"]
    assert {dataset.zones[zone].region_id for zone in zones} == {"hip_buttock", "thigh", "calf_ankle"}
    entries = red_flags_for_zones(dataset, zones, "educator")
    cauda = [entry for entry in entries if "cauda equina" in entry.title.casefold()]
    assert len(cauda) == 1
    titles = [entry.title.casefold() for entry in entries]
    assert len(titles) == len(set(titles))


def test_lookup_warnings_cover_every_chosen_region_and_the_general_flags(dataset: Dataset) -> None:
    zones = ["lateral_epicondyle", "heel_underside"]
    entries = red_flags_for_zones(dataset, zones, "educator")
    titles = {entry.title for entry in entries}
    for flag in dataset.red_flags:
        if flag.timing == "before" and flag.scope in ("elbow", "foot", GENERAL_SCOPE):
            assert flag.name in titles, flag.id
    assert not any(flag.name in titles for flag in dataset.red_flags if flag.timing == "after_session")
    ranks = [URGENCY_ORDER[entry.kind] for entry in entries]
    assert ranks == sorted(ranks)
    assert any(entry.general for entry in entries) and any(not entry.general for entry in entries)


def test_no_zones_no_warnings_and_unknown_zones_are_errors(dataset: Dataset) -> None:
    assert red_flags_for_zones(dataset, [], "patient") == ()
    with pytest.raises(UnknownIdError, match=r"unknown zone id\(s\): 'heal'"):
        red_flags_for_zones(dataset, ["heal"], "patient")


def test_flags_are_worded_for_each_audience(dataset: Dataset) -> None:
    flag = dataset.red_flags[0]
    assert flag_entry(flag, "patient", clinical_names=True).title == flag.plain_name
    assert flag_entry(flag, "patient", clinical_names=True).text == flag.plain_text
    assert flag_entry(flag, "therapist", clinical_names=True).title == f"{flag.plain_name} ({flag.name})"
    assert flag_entry(flag, "therapist", clinical_names=False).title == flag.plain_name
    assert flag_entry(flag, "educator", clinical_names=True).title == flag.name
    assert flag_entry(flag, "educator", clinical_names=True).text == flag.clinical_text


# --- patterns are labelled as the data has them ----------------------------------------------------------------------


def test_spillover_zones_are_never_labelled_essential(dataset: Dataset) -> None:
    head_jaw = [zone.id for zone in dataset.zones.values() if zone.region_id == "head_jaw"]
    trapezius = next(m for m in muscles_referring_to(dataset, head_jaw) if m.muscle.id == "upper_trapezius")
    kinds = {r.zone_id: r.kind for r in dataset.referrals if r.muscle_id == "upper_trapezius"}
    assert kinds["temple"] == "spillover"
    clinical = trapezius.zones_in_words(plain=False)
    essential_part, _, spillover_part = clinical.partition("; spillover zone: ")
    assert "Temple" in spillover_part and "Temple" not in essential_part
    assert trapezius.zones_in_words(plain=True).startswith("Main area: ")
    assert "sometimes spreads to: " in trapezius.zones_in_words(plain=True)


# --- educators' caveats are cited like everything else on the page ---------------------------------------------------


def test_teaching_caveats_are_numbered_with_the_page_sources(dataset: Dataset) -> None:
    details = region_details(dataset, "neck", "educator")
    assert [caveat.title for caveat in details.caveats] == [
        dataset.notices[notice_id].title
        for notice_id in ("evidence_overview", "trigger_point_debate", "blinding", "referral_maps")
    ]
    cited = {source.id for source in details.sources}
    assert all(set(caveat.source_ids) <= cited for caveat in details.caveats)
    assert region_details(dataset, "neck", "patient").caveats == ()


# --- clinic claims: each with its verdict, reachable per region ------------------------------------------------------


def test_claims_cover_what_patients_read(dataset: Dataset) -> None:
    assert len(dataset.claims) >= 12
    assert {claim.verdict for claim in dataset.claims} >= {"not_supported", "partly_supported"}
    assert any(claim.region_ids for claim in dataset.claims), "no claim is linked to a region"


def test_a_region_lists_only_its_claims(dataset: Dataset) -> None:
    region_id = next(region for claim in dataset.claims for region in claim.region_ids)
    entries = claims_checked(dataset, "patient", region_id)
    assert entries and all(region_id in entry.claim.region_ids for entry in entries)
    assert region_details(dataset, region_id, "patient").claims == entries
    assert [entry.text for entry in claims_checked(dataset, "educator")] == [c.clinical_text for c in dataset.claims]


def test_a_claim_with_an_unknown_verdict_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("claims.csv", 2, "verdict", "proven")
    assert any(p.startswith("claims.csv row 2, column verdict: 'proven' is not allowed") for p in _problems(data_copy))


def test_a_claim_about_an_unknown_region_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("claims.csv", 2, "region_ids", "sholder")
    problems = _problems(data_copy)
    assert "claims.csv row 2, column region_ids: 'sholder' is not a region (did you mean 'shoulder'?)" in problems


def test_too_few_claims_fail_closed(data_copy: Path) -> None:
    write_table(data_copy, "claims.csv", read_table(data_copy, "claims.csv").head(11))
    assert "claims.csv: 11 clinic claims checked (at least 12 needed)" in _problems(data_copy)


def test_a_claim_without_sources_is_named(data_copy: Path, edit_cell: EditCsv) -> None:
    edit_cell("claims.csv", 3, "source_ids", "")
    assert any(p.startswith("claims.csv row 3, column source_ids: is empty") for p in _problems(data_copy))


# --- the safety rows a clinical review found missing (issue 11): each must stay in the dataset --------------------

# (region, words that must appear in one of its hazards' name or clinical text)
REQUIRED_HAZARDS = [
    ("thigh", "femoral"),
    ("hip_buttock", "femoral"),
    ("low_back", "femoral"),
    ("low_back", "kidney"),
    ("low_back", "12th rib"),
    ("neck", "brachial plexus"),
    ("neck", "subclavian artery"),
    ("neck", "vertebral artery"),
    ("neck", "carotid"),
    ("chest", "implant"),
    ("chest", "pacemaker"),
    ("forearm_hand", "flexor digitorum superficialis"),
    ("forearm_hand", "flexor carpi ulnaris"),
    ("shoulder", "spinoglenoid"),
    ("shoulder", "axilla"),
    ("hip_buttock", "inferior gluteal"),
    ("hip_buttock", "sciatic"),
    ("foot", "tarsal tunnel"),
    ("head_jaw", "superficial temporal artery"),
]


@pytest.mark.parametrize(("region_id", "words"), REQUIRED_HAZARDS)
def test_needling_hazards_name_the_structures_at_risk(dataset: Dataset, region_id: str, words: str) -> None:
    texts = [f"{h.name} {h.clinical_text}".casefold() for h in dataset.hazards if h.region_id == region_id]
    assert any(words in text for text in texts), f"no {region_id} hazard mentions {words!r}"


# (scope, timing, urgency, words in the flag's name or clinical text)
REQUIRED_RED_FLAGS = [
    ("shoulder", "before", "emergency", "ectopic"),
    ("shoulder", "before", "emergency", "septic"),
    ("hip_buttock", "before", "emergency", "septic"),
    ("knee", "before", "emergency", "septic"),
    ("shoulder", "before", "urgent", "motor or sensory loss"),
    ("elbow", "before", "urgent", "nerve"),
    ("forearm_hand", "before", "urgent", "nerve"),
    ("neck", "before", "emergency", "meningitis"),
    ("head_jaw", "before", "emergency", "meningitis"),
    ("neck", "before", "emergency", "dissection"),
    ("general", "after_session", "emergency", "sepsis"),
    ("neck", "before", "urgent", "myelopathy"),
    ("neck", "after_session", "emergency", "vertebrobasilar"),
    ("low_back", "before", "emergency", "aneurysm"),
    ("upper_back", "before", "emergency", "aortic dissection"),
    ("low_back", "before", "urgent", "kidney"),
    ("calf_ankle", "before", "emergency", "compartment"),
    ("calf_ankle", "after_session", "emergency", "compartment"),
    ("forearm_hand", "before", "emergency", "compartment"),
    ("forearm_hand", "after_session", "emergency", "compartment"),
    ("calf_ankle", "before", "emergency", "ischaemia"),
    ("calf_ankle", "before", "soon", "claudication"),
    ("foot", "before", "urgent", "diabetes"),
    ("foot", "before", "soon", "gout"),
]


@pytest.mark.parametrize(("scope", "timing", "urgency", "words"), REQUIRED_RED_FLAGS)
def test_red_flags_are_there_with_the_right_urgency(
    dataset: Dataset, scope: str, timing: str, urgency: str, words: str
) -> None:
    found = [
        flag
        for flag in dataset.red_flags
        if flag.scope == scope and flag.timing == timing and words in f"{flag.name} {flag.clinical_text}".casefold()
    ]
    assert found, f"no {timing} red flag for {scope} mentions {words!r}"
    assert urgency in {flag.urgency for flag in found}, [(flag.id, flag.urgency) for flag in found]


@pytest.mark.parametrize("words", ["emphysema", "lymph node", "radiotherapy", "implant", "valve", "neuropathy"])
def test_contraindications_cover_the_missing_precautions(dataset: Dataset, words: str) -> None:
    assert any(words in f"{c.name} {c.clinical_text}".casefold() for c in dataset.contraindications), words


def test_whiplash_reports_its_sham_controlled_trial(dataset: Dataset) -> None:
    whiplash = dataset.conditions["whiplash_associated_disorders"]
    assert whiplash.evidence_level != "none"
    assert "ext_sterling2015" in whiplash.evidence_source_ids
    assert "not clinically worthwhile" in whiplash.evidence_clinical


def test_a_few_case_reports_are_not_called_many(dataset: Dataset) -> None:
    texts = [h.plain_text for h in dataset.hazards] + [r.plain_summary for r in dataset.regions.values()]
    texts += [event.plain_text for event in dataset.adverse_events]
    assert not [text for text in texts if "many reports" in text.casefold() or "many reported" in text.casefold()]


def test_hemiplegia_reports_say_which_needling_preceded_them(dataset: Dataset) -> None:
    rows = [event.clinical_text for event in dataset.adverse_events if "ref41" in event.source_ids]
    rows += [hazard.clinical_text for hazard in dataset.hazards if "ref41" in hazard.source_ids]
    assert rows and all("intramuscular stimulation" in text.casefold() for text in rows)


@pytest.mark.parametrize(
    ("level", "duration", "label"),
    [
        ("none", "not_shown", "not tested in trials yet"),
        ("very_low", "short_term", "studies: a little help for a short time (very unsure)"),
        ("low", "not_shown", "studies: no clear help shown (not very sure)"),
        ("moderate", "short_term", "studies: a little help for a short time (fairly sure)"),
        ("low", "up_to_medium_term", "studies: some help for up to a few months (not very sure)"),
    ],
)
def test_patients_read_the_evidence_in_everyday_words(level: str, duration: str, label: str) -> None:
    assert plain_evidence_label(level, duration) == label
