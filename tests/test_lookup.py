"""The domain questions: ranking where it hurts, a region's details per audience, sources."""

from __future__ import annotations

import dataclasses

import pytest

from bodymap import lookup
from bodymap.data import AUDIENCES, PACKAGED_DATA_DIR, Audience, Dataset, Referral
from bodymap.lookup import (
    CONTRAINDICATION_KIND_WORDS,
    UnknownIdError,
    before_needling_questions,
    matrix_by_region,
    muscle_pattern,
    muscles_referring_to,
    referral_matrix,
    region_details,
    region_summary,
    selectable_regions,
    sources_for,
)
from tests.conftest import read_table


def _with_referrals(dataset: Dataset, *rows: tuple[str, str, str]) -> Dataset:
    """The real dataset, but with exactly these (muscle, zone, kind) referrals, for hand-checked rankings."""
    referrals = tuple(Referral(muscle_id=m, zone_id=z, kind=k, source_ids=("ref1",)) for m, z, k in rows)
    return dataclasses.replace(dataset, referrals=referrals)


def test_essential_match_outranks_spillover_match(dataset: Dataset) -> None:
    muscles = sorted(dataset.muscles)[:2]
    data = _with_referrals(dataset, (muscles[0], "temple", "spillover"), (muscles[1], "temple", "essential"))
    ranked = muscles_referring_to(data, ["temple"])
    assert [match.muscle.id for match in ranked] == [muscles[1], muscles[0]]
    assert [match.score for match in ranked] == [2, 1]


def test_more_matched_zones_rank_higher(dataset: Dataset) -> None:
    a, b = sorted(dataset.muscles)[:2]
    data = _with_referrals(
        dataset,
        (a, "temple", "essential"),
        (b, "temple", "essential"),
        (b, "occiput_lower", "spillover"),
    )
    ranked = muscles_referring_to(data, ["temple", "occiput_lower"])
    assert [match.muscle.id for match in ranked] == [b, a]
    assert ranked[0].reason == "Essential zone: Temple; spillover zone: Lower back of the head"


def test_tie_goes_to_more_essential_matches_then_name(dataset: Dataset) -> None:
    a, b, c = sorted(dataset.muscles, key=lambda muscle_id: dataset.muscles[muscle_id].name)[:3]
    data = _with_referrals(
        dataset,
        (c, "temple", "essential"),  # score 2 from one essential match
        (a, "temple", "spillover"),  # score 2 from two spillover matches
        (a, "occiput", "spillover"),
        (b, "vertex", "essential"),  # score 2 from one essential match, and b's name sorts before c's
    )
    ranked = [match.muscle.id for match in muscles_referring_to(data, ["temple", "occiput", "vertex"])]
    assert ranked == [b, c, a]


def test_zones_nobody_refers_to_give_no_muscles(dataset: Dataset) -> None:
    assert muscles_referring_to(_with_referrals(dataset), ["temple"]) == ()


def test_unknown_zone_is_an_error_not_an_empty_answer(dataset: Dataset) -> None:
    with pytest.raises(UnknownIdError, match="heal"):
        muscles_referring_to(dataset, ["heal"])


@pytest.mark.parametrize(
    ("zones", "expected_first"),
    [
        (["lateral_epicondyle"], {"supinator", "extensor_carpi_radialis"}),
        (["heel_underside"], {"soleus"}),  # the pain guide's first choice for heel pain
        (["angle_of_neck"], {"levator_scapulae", "splenius_cervicis"}),
    ],
)
def test_known_clinical_lookups(dataset: Dataset, zones: list[str], expected_first: set[str]) -> None:
    ranked = muscles_referring_to(dataset, zones)
    top_score = ranked[0].score
    top = {match.muscle.id for match in ranked if match.score == top_score}
    assert expected_first <= top


def test_lateral_elbow_and_back_of_hand_rank_the_forearm_extensors(dataset: Dataset) -> None:
    ranked = muscles_referring_to(dataset, ["lateral_epicondyle", "back_of_hand"])
    top_three = [match.muscle.id for match in ranked[:3]]
    assert "extensor_carpi_radialis" in top_three
    # The whole ranking, recomputed from the referrals table itself: essential 2, spillover 1, then essentials, name.
    referrals = read_table(PACKAGED_DATA_DIR, "referrals.csv")
    # The back of the hand was cut into quarters: its old id stands for all four.
    asked = ["lateral_epicondyle", *dataset.zone_ids_for("back_of_hand")]
    assert len(asked) == 5
    chosen = referrals[referrals["zone_id"].isin(asked)]
    names = {muscle.id: muscle.name for muscle in dataset.muscles.values()}
    expected = sorted(
        set(chosen["muscle_id"]),
        key=lambda muscle_id: (
            -sum(2 if kind == "essential" else 1 for kind in chosen[chosen["muscle_id"] == muscle_id]["kind"]),
            -sum(kind == "essential" for kind in chosen[chosen["muscle_id"] == muscle_id]["kind"]),
            names[muscle_id],
        ),
    )
    assert [match.muscle.id for match in ranked] == expected


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("region_id", ["neck", "shoulder", "low_back", "elbow", "foot"])
def test_region_details_are_whole_and_cited(dataset: Dataset, region_id: str, audience: Audience) -> None:
    details = region_details(dataset, region_id, audience)
    assert details.conditions and details.muscles and details.red_flags and details.hazards
    assert details.session and details.contraindications and details.adverse_events and details.after_session
    cited = {source.id for source in details.sources}
    for group in (details.red_flags, details.hazards, details.session, details.talking_points):
        for item in group:
            assert item.source_ids and set(item.source_ids) <= cited
    ids = [source.id for source in details.sources]
    assert len(ids) == len(set(ids)), "a source is numbered twice"
    # Numbered in the order first cited: the summary's first source is [1].
    assert details.source_number(dataset.regions[region_id].source_ids[0]) == 1


def test_audiences_get_their_own_wording(dataset: Dataset) -> None:
    patient = region_details(dataset, "neck", "patient")
    educator = region_details(dataset, "neck", "educator")
    assert patient.summary.text == dataset.regions["neck"].plain_summary
    assert educator.summary.text == dataset.regions["neck"].clinical_summary
    assert patient.hazards[0].text != educator.hazards[0].text


def test_red_flags_put_the_regions_own_first_then_emergencies_first(dataset: Dataset) -> None:
    order = {"emergency": 0, "urgent": 1, "soon": 2}
    for region in selectable_regions(dataset):
        flags = region_details(dataset, region.id, "patient").red_flags
        keys = [(flag.general, order[flag.kind]) for flag in flags]
        assert keys == sorted(keys)
        assert not flags[0].general and flags[-1].general


def test_planned_and_unknown_regions_are_refused(dataset: Dataset) -> None:
    knee = dataset.regions["knee"].model_copy(update={"status": "planned"})
    with_planned_knee = dataclasses.replace(dataset, regions={**dataset.regions, "knee": knee})
    for region_id in ("knee", "nowhere", ""):
        with pytest.raises(UnknownIdError):
            region_details(with_planned_knee, region_id, "patient")


def test_sources_for_keeps_citation_order_without_duplicates(dataset: Dataset) -> None:
    ids = list(dataset.sources)[:3]
    assert [s.id for s in sources_for(dataset, [ids[2], ids[0], ids[2]])] == [ids[2], ids[0]]


def test_referral_matrix_matches_the_referrals(dataset: Dataset) -> None:
    matrix = referral_matrix(dataset, "elbow")
    assert {zone.region_id for zone in matrix.zones} == {"elbow"}
    assert len(matrix.cells) == len(matrix.muscles) and all(len(row) == len(matrix.zones) for row in matrix.cells)
    kinds = {(r.muscle_id, r.zone_id): r.kind for r in dataset.referrals}
    for muscle, row in zip(matrix.muscles, matrix.cells, strict=True):
        for zone, cell in zip(matrix.zones, row, strict=True):
            expected = {"essential": 2, "spillover": 1}.get(kinds.get((muscle.id, zone.id), ""), 0)
            assert cell == expected
        assert any(row), f"{muscle.id} is listed but refers to none of the zones"


def test_a_region_s_matrix_with_whole_patterns_adds_every_other_zone_its_muscles_refer_to(dataset: Dataset) -> None:
    own, whole = referral_matrix(dataset, "elbow"), referral_matrix(dataset, "elbow", whole_patterns=True)
    assert whole.muscles == own.muscles and whole.zones[: len(own.zones)] == own.zones
    listed = {muscle.id for muscle in own.muscles}
    referred = {r.zone_id for r in dataset.referrals if r.muscle_id in listed}
    assert {zone.id for zone in whole.zones} == referred
    assert all(zone.region_id != "elbow" for zone in whole.zones[len(own.zones) :])
    kinds = {(r.muscle_id, r.zone_id): r.kind for r in dataset.referrals}
    for muscle, row in zip(whole.muscles, whole.cells, strict=True):
        assert row == tuple(
            {"essential": 2, "spillover": 1}.get(kinds.get((muscle.id, z.id), ""), 0) for z in whole.zones
        )


def test_the_whole_body_matrix_summed_by_region_counts_each_kind(dataset: Dataset) -> None:
    matrix = referral_matrix(dataset)
    regions, rows = matrix_by_region(matrix)
    assert list(regions) == list(dict.fromkeys(zone.region_id for zone in dataset.zones.values()))
    for muscle, counts in zip(matrix.muscles, rows, strict=True):
        for region_id, count in zip(regions, counts, strict=True):
            mine = [
                r
                for r in dataset.referrals
                if r.muscle_id == muscle.id and dataset.zones[r.zone_id].region_id == region_id
            ]
            assert (count.essential, count.spillover) == (
                sum(r.kind == "essential" for r in mine),
                sum(r.kind == "spillover" for r in mine),
            ), (muscle.id, region_id)


def test_whole_body_matrix_has_every_muscle(dataset: Dataset) -> None:
    matrix = referral_matrix(dataset)
    assert {muscle.id for muscle in matrix.muscles} == set(dataset.muscles)


def test_every_matrix_column_has_a_muscle_that_refers_there(dataset: Dataset) -> None:
    for region_id in ("elbow", "neck", None):
        matrix = referral_matrix(dataset, region_id)
        for column, zone in enumerate(matrix.zones):
            assert any(row[column] for row in matrix.cells), zone.id


def test_a_pattern_lists_exactly_the_conditions_that_name_the_muscle(dataset: Dataset) -> None:
    conditions = read_table(PACKAGED_DATA_DIR, "conditions.csv")
    expected = {row["id"] for _, row in conditions.iterrows() if "supinator" in row["muscle_ids"].split(";")}
    assert expected and {c.id for c in muscle_pattern(dataset, "supinator").conditions} == expected
    with pytest.raises(UnknownIdError, match="unknown muscle id: 'supinatr'"):
        muscle_pattern(dataset, "supinatr")


def test_region_summary_lists_the_regions_own_content(dataset: Dataset) -> None:
    summary = region_summary(dataset, dataset.regions["knee"])
    assert set(summary["conditions"]) == {c.name for c in dataset.conditions.values() if "knee" in c.region_ids}
    assert set(summary["hazards"]) == {h.name for h in dataset.hazards if h.region_id == "knee"}
    assert set(summary["red_flags"]) == {f.name for f in dataset.red_flags if f.scope == "knee"}


def test_a_region_summary_in_another_language_names_conditions_and_flags_plainly(dataset: Dataset) -> None:
    """The clinical names are English only: a Spanish summary uses the plain (translated) ones."""
    spanish = dataset.in_language("es")
    summary = region_summary(spanish, spanish.regions["knee"])
    conditions = [c for c in spanish.conditions.values() if "knee" in c.region_ids]
    flags = [f for f in spanish.red_flags if f.scope == "knee"]
    assert summary["conditions"] == [c.plain_name for c in conditions] != [c.name for c in conditions]
    assert summary["red_flags"] == [f.plain_name for f in flags] != [f.name for f in flags]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_red_flags_of_where_it_hurts_give_therapists_both_titles_in_english_only(
    dataset: Dataset, language: str
) -> None:
    """In English a therapist reads "plain (clinical)"; on a translated page the plain title alone (lookup.py,
    ``flag_entry``), as in the region's own details."""
    translated = dataset.in_language(language)
    entries = lookup.red_flags_for_zones(translated, ["calf_upper_inner", "temple"], "therapist")
    by_title = {flag.plain_name: flag for flag in translated.red_flags}
    titles = [entry.title for entry in entries]
    if language == "en":
        expected = [f"{flag.plain_name} ({flag.name})" for flag in by_title.values()]
        assert titles and set(titles) <= set(expected)
    else:
        assert titles and set(titles) <= set(by_title)
    region_titles = {entry.title for entry in region_details(translated, "calf_ankle", "therapist").red_flags}
    assert region_titles & set(titles)


def test_the_chair_script_in_another_language_names_contraindications_and_flags_plainly(dataset: Dataset) -> None:
    """What a yes means, in Spanish: the plain names only (the clinical ones are English only); in English the
    clinical name follows the plain one."""
    for language in ("en", "es"):
        translated = dataset.in_language(language)
        details = region_details(translated, "neck", "therapist")
        for question in details.red_flag_questions:
            flag = next(f for f in translated.red_flags if f.id == question.id)
            assert (f"({flag.name})" in question.if_yes) == (language == "en"), question.if_yes
        by_id = {item.id: item for item in translated.contraindications}
        for question, before in zip(details.before_needling, translated.before_needling, strict=True):
            for item in (by_id[item_id] for item_id in before.contraindication_ids):
                assert (item.name if language == "en" else item.plain_name) in question.if_yes, question.id
                if item.name != item.plain_name:
                    assert (item.name in question.if_yes) == (language == "en"), question.id
        for sign in details.help_signs:
            names = {f.name for f in translated.red_flags if f.plain_name == sign.symptom}
            assert (sign.diagnosis in names) if language == "en" else sign.diagnosis == "", sign.symptom


def test_conditions_are_worded_for_each_audience(dataset: Dataset) -> None:
    condition = next(c for c in dataset.conditions.values() if "knee" in c.region_ids)
    by_audience = {
        a: next(e for e in region_details(dataset, "knee", a).conditions if e.condition == condition) for a in AUDIENCES
    }
    assert by_audience["patient"].title == condition.plain_name
    assert (
        by_audience["therapist"].title == by_audience["educator"].title == f"{condition.plain_name} ({condition.name})"
    )
    assert by_audience["patient"].text == by_audience["therapist"].text == condition.plain_summary
    assert by_audience["educator"].text == condition.clinical_summary
    assert by_audience["patient"].evidence == condition.evidence_plain
    assert by_audience["educator"].evidence == condition.evidence_clinical


def test_a_regions_own_session_note_follows_the_general_rows_of_its_topic(dataset: Dataset) -> None:
    details = region_details(dataset, "shoulder", "patient")
    own = {s.plain_text for s in dataset.session_steps if s.scope == "shoulder"}
    notes = [entry for entry in details.session if entry.kind == "region_note"]
    assert notes and all(entry.text in own for entry in notes)
    for topic in {entry.kind for entry in details.session}:
        rows = [entry.text in own for entry in details.session if entry.kind == topic]
        assert rows == sorted(rows), f"{topic}: a region row came before a general one"
    assert details.summary.title == "Shoulder and upper arm" and details.sources


def test_a_regions_own_row_in_a_topic_it_shares_comes_after_the_general_rows_however_it_is_numbered(
    dataset: Dataset,
) -> None:
    general = [step for step in dataset.session_steps if step.scope == "general" and step.topic == "aftercare"]
    own = general[0].model_copy(
        update={"id": "shoulder_aftercare", "scope": "shoulder", "sort_order": 0, "plain_text": "Own aftercare."}
    )
    data = dataclasses.replace(dataset, session_steps=(own, *dataset.session_steps))
    session = region_details(data, "shoulder", "patient").session
    aftercare = [entry.text for entry in session if entry.kind == "aftercare"]
    assert aftercare == [step.plain_text for step in general] + ["Own aftercare."]
    assert all(entry.title == entry.kind for entry in session), "a step is titled by its topic"


def test_only_entries_that_have_a_kind_carry_one(dataset: Dataset) -> None:
    details = region_details(dataset, "neck", "therapist")
    assert details.hazards and details.feels_like and details.afterwards
    assert {entry.kind for entry in (details.summary, *details.hazards)} == {""}
    assert {entry.kind for entry in details.contraindications} == {"absolute", "relative", "precaution"}
    assert {entry.title for entry in (*details.feels_like, *details.afterwards)} == {""}, "chair lines are said bare"


def test_each_help_sign_says_whether_it_comes_after_needling_and_what_to_do_in_plain_words(dataset: Dataset) -> None:
    details = region_details(dataset, "chest", "patient")
    flags = {(flag.name, flag.plain_name): flag for flag in dataset.red_flags if flag.scope in {"chest", "general"}}
    signs = [(sign, flags[sign.diagnosis, sign.symptom]) for sign in details.help_signs]
    assert {sign.after_needling for sign, _ in signs} == {True, False}
    for sign, flag in signs:
        assert sign.after_needling == (flag.timing == "after_session"), sign.symptom
        assert (sign.text, sign.urgency, sign.source_ids) == (flag.plain_text, flag.urgency, flag.source_ids)


def test_a_zone_no_muscle_refers_to_is_left_out_of_the_matrix(dataset: Dataset) -> None:
    data = _with_referrals(dataset, ("supinator", "lateral_epicondyle", "essential"))
    matrix = referral_matrix(data, "elbow")
    assert [zone.id for zone in matrix.zones] == ["lateral_epicondyle"]
    assert [muscle.id for muscle in matrix.muscles] == ["supinator"] and matrix.cells == ((2,),)


def test_several_zones_of_one_kind_are_listed_with_commas(dataset: Dataset) -> None:
    data = _with_referrals(
        dataset,
        ("temporalis", "temple", "essential"),
        ("temporalis", "occiput_lower", "essential"),
        ("temporalis", "vertex", "spillover"),
    )
    (match,) = muscles_referring_to(data, ["temple", "occiput_lower", "vertex"])
    assert (
        match.zones_in_words(plain=False)
        == "Essential zone: Temple, Lower back of the head; spillover zone: Top of the head"
    )
    assert (
        match.zones_in_words(plain=True)
        == "Main area: Temple, Lower back of the head; sometimes spreads to: Top of the head"
    )


def test_pain_guide_places_are_written_as_ordinals() -> None:
    expected = [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "10th",
        "11th",
        "12th",
        "13th",
        "20th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
        "112th",
    ]
    assert [lookup._ordinal(int(words.rstrip("stndrh"))) for words in expected] == expected


def test_a_muscle_summary_is_the_dataset_rows_as_plain_data(dataset: Dataset) -> None:
    """What ``python -m bodymap muscle ID --json`` prints, checked against the CSV tables, not the lookup."""
    muscle_id = "infraspinatus"
    muscles = read_table(PACKAGED_DATA_DIR, "muscles.csv").set_index("id")
    referrals = read_table(PACKAGED_DATA_DIR, "referrals.csv")
    zones = read_table(PACKAGED_DATA_DIR, "zones.csv").set_index("id")
    points = read_table(PACKAGED_DATA_DIR, "trigger_points.csv")
    card = read_table(PACKAGED_DATA_DIR, "needling.csv").set_index("muscle_id").loc[muscle_id]
    own = referrals[referrals["muscle_id"] == muscle_id]
    by_kind = {kind: list(own[own["kind"] == kind]["zone_id"]) for kind in ("essential", "spillover")}  # file order
    summary = lookup.muscle_summary(dataset, muscle_id)
    row = muscles.loc[muscle_id]
    assert (summary["id"], summary["name"], summary["plain_name"], summary["region"]) == (
        muscle_id,
        row["name"],
        row["plain_name"],
        row["region_id"],
    )
    assert summary["essential_zones"] == by_kind["essential"] and summary["spillover_zones"] == by_kind["spillover"]
    referred = [zones.loc[zone_id, "region_id"] for zone_id in by_kind["essential"] + by_kind["spillover"]]
    assert summary["regions_referred_to"] == list(dict.fromkeys(referred)) and len(set(referred)) > 1
    own_points = points[points["muscle_id"] == muscle_id]
    assert summary["trigger_points"] == [
        {"id": p["id"], "label": p["label"], "zone_id": p["zone_id"]} for _, p in own_points.iterrows()
    ]
    assert summary["source_ids"] == row["source_ids"].split(";")
    needling = summary["needling"]
    assert isinstance(needling, dict) and "muscle_id" not in needling
    assert needling["depth"] == card["depth"] and list(needling["source_ids"]) == card["source_ids"].split(";")
    assert summary["conditions"] == [c.id for c in muscle_pattern(dataset, muscle_id).conditions]
    with pytest.raises(UnknownIdError):
        lookup.muscle_summary(dataset, "infraspinatis")


def test_a_cut_up_zone_s_old_id_stands_for_all_its_parts(dataset: Dataset) -> None:
    """The shin was cut into thirds (zones.csv ``replaces``): its old id asks about all three."""
    parts = ("shin_upper", "shin_middle", "shin_lower")
    assert dataset.zone_ids_for("shin") == parts and {dataset.zones[part].replaces for part in parts} == {("shin",)}
    # The calf was cut into thirds, then each third into inner and outer halves: both old ids still work.
    assert dataset.zone_ids_for("calf_upper") == ("calf_upper_inner", "calf_upper_outer")
    assert len(dataset.zone_ids_for("calf")) == 6 and dataset.zones["calf_lower_outer"].replaces == (
        "calf_lower",
        "calf",
    )
    assert dataset.zone_ids_for("shin_lower") == ("shin_lower",) and dataset.zone_ids_for("shinn") == ()
    by_old_id = [(m.muscle.id, m.score) for m in muscles_referring_to(dataset, ["shin"])]
    assert by_old_id == [(m.muscle.id, m.score) for m in muscles_referring_to(dataset, parts)]
    assert lookup.red_flags_for_zones(dataset, ["shin"], "patient") == lookup.red_flags_for_zones(
        dataset, ["shin_upper"], "patient"
    )
    with pytest.raises(UnknownIdError, match=r"unknown zone id\(s\): 'shinn', 'calff'$"):
        muscles_referring_to(dataset, ["shinn", "shin", "calff", "shinn"])


def test_the_guide_counts_once_for_an_area_cut_into_parts(dataset: Dataset) -> None:
    """Gluteus minimus is listed for all three parts of the calf, soleus (the guide's first) for the middle only:
    choosing the whole calf must not count gluteus minimus's place three times."""
    ranked = muscles_referring_to(dataset, ["calf"])
    assert ranked[0].muscle.id == "soleus"
    minimus = next(match for match in ranked if match.muscle.id == "gluteus_minimus")
    assert [(place.rank, lookup.pain_area(place.zone)) for place in minimus.guide_places] == [(2, "calf")]
    alone = next(
        match for match in muscles_referring_to(dataset, ["calf_upper"]) if match.muscle.id == "gluteus_minimus"
    )
    assert minimus.score == alone.score  # the other two parts add nothing: the guide's place already counts


# --- written from the re-measured survivors of region_details and _most_urgent_first (docs/mutation.md) ----------


def test_a_regions_details_hold_only_its_own_talking_points_and_hazards(dataset: Dataset) -> None:
    talking = read_table(PACKAGED_DATA_DIR, "talking_points.csv")
    hazards = read_table(PACKAGED_DATA_DIR, "hazards.csv")
    details = region_details(dataset, "neck", "therapist")
    own_points = talking[talking["region_id"] == "neck"].sort_values("sort_order", key=lambda order: order.astype(int))
    assert [entry.text for entry in details.talking_points] == list(own_points["text"])
    own_hazards = hazards[hazards["region_id"] == "neck"]
    assert sorted(entry.title for entry in details.hazards) == sorted(own_hazards["name"])


def test_safety_entries_carry_their_kind(dataset: Dataset) -> None:
    details = region_details(dataset, "neck", "patient")
    contraindications = read_table(PACKAGED_DATA_DIR, "contraindications.csv")
    events = read_table(PACKAGED_DATA_DIR, "adverse_events.csv")
    kind_of = dict(zip(contraindications["plain_text"], contraindications["kind"], strict=True))
    assert [entry.kind for entry in details.contraindications] == [kind_of[e.text] for e in details.contraindications]
    assert len(details.contraindications) == len(contraindications)
    severity_of = dict(zip(events["plain_text"], events["severity"], strict=True))
    assert [entry.kind for entry in details.adverse_events] == [severity_of[e.text] for e in details.adverse_events]
    assert {entry.kind for entry in details.session} <= {*read_table(PACKAGED_DATA_DIR, "session_steps.csv")["topic"]}
    assert all(entry.kind for entry in details.session) and all(entry.title == "" for entry in details.talking_points)


def test_a_regions_claims_are_worded_for_its_audience(dataset: Dataset) -> None:
    for audience in AUDIENCES:
        assert region_details(dataset, "low_back", audience).claims == lookup.claims_checked(
            dataset, audience, "low_back"
        )
    patient = region_details(dataset, "low_back", "patient").claims
    educator = region_details(dataset, "low_back", "educator").claims
    assert patient and [entry.text for entry in patient] != [entry.text for entry in educator]


def test_at_equal_urgency_a_regions_own_flags_come_before_the_general_ones(dataset: Dataset) -> None:
    emergencies = [flag for flag in dataset.red_flags if flag.urgency == "emergency"]
    general = next(flag for flag in emergencies if flag.scope == "general")
    neck = next(flag for flag in emergencies if flag.scope == "neck")
    shoulder = next(flag for flag in emergencies if flag.scope == "shoulder")
    ordered = lookup._most_urgent_first([general, shoulder, neck], ["neck", "shoulder"])
    assert ordered == [neck, shoulder, general]


# --- the therapist's chair script ------------------------------------------------------------------------------


def test_each_question_before_needling_says_which_contraindications_a_yes_points_to(dataset: Dataset) -> None:
    questions = before_needling_questions(dataset)
    assert [question.id for question in questions] == [row.id for row in dataset.before_needling]
    assert questions[0].id == "bn_blood_thinners", "the blood-thinner question comes first"
    by_id = {item.id: item for item in dataset.contraindications}
    for question, row in zip(questions, dataset.before_needling, strict=True):
        covered = [by_id[item_id] for item_id in row.contraindication_ids]
        assert question.question == row.question and question.kind == row.kind
        assert question.if_yes == "; ".join(
            f"{CONTRAINDICATION_KIND_WORDS[item.kind]}: {item.name}" for item in covered
        )
        assert question.source_ids == tuple(dict.fromkeys(s for item in covered for s in item.source_ids))
    pregnancy = next(question for question in questions if question.id == "bn_pregnancy")
    assert pregnancy.if_yes == "Relative contraindication: Pregnancy"
    assert pregnancy.source_ids == ("ref67", "ref31")


def test_the_region_s_red_flags_are_asked_in_the_order_shown_and_a_yes_says_how_urgently_to_refer(
    dataset: Dataset,
) -> None:
    details = region_details(dataset, "knee", "therapist")
    flags = {flag.id: flag for flag in dataset.red_flags}
    asked = [flags[question.id] for question in details.red_flag_questions]
    assert [flag.plain_name for flag in asked] == [entry.title.split(" (")[0] for entry in details.red_flags]
    assert {flag.scope for flag in asked} == {"knee", "general"} and {flag.timing for flag in asked} == {"before"}
    septic = next(question for question in details.red_flag_questions if question.id == "rf_knee_septic")
    flag = flags["rf_knee_septic"]
    assert septic.question == flag.chair_question and septic.kind == "emergency"
    assert septic.if_yes == f"Emergency: {flag.plain_name} ({flag.name}). {flag.plain_text}"
    assert septic.source_ids == flag.source_ids


def test_the_chair_lines_and_warning_signs_come_from_the_data_and_their_sources_are_numbered(dataset: Dataset) -> None:
    details = region_details(dataset, "chest", "therapist")
    lines = {line.id: line for line in dataset.chair_lines}
    assert [entry.text for entry in details.feels_like] == [
        line.text for line in lines.values() if line.section == "feels_like"
    ]
    assert [entry.text for entry in details.afterwards] == [
        line.text for line in lines.values() if line.section == "afterwards"
    ]
    after = [f for f in dataset.red_flags if f.timing == "after_session" and f.scope in {"chest", "general"}]
    assert sorted(details.warning_signs) == sorted(flag.plain_name for flag in after)
    assert details.warning_signs[0] == next(f.plain_name for f in after if f.scope == "chest"), "its own signs first"
    numbered = {source.id for source in details.sources}
    elsewhere = next(source_id for source_id in dataset.sources if source_id not in numbered)
    line = dataset.chair_lines[0].model_copy(update={"source_ids": (elsewhere,)})
    cited_only_at_the_chair = region_details(dataclasses.replace(dataset, chair_lines=(line,)), "chest", "therapist")
    assert elsewhere in {source.id for source in cited_only_at_the_chair.sources}


def test_patients_read_contraindications_by_their_plain_titles_and_clinicians_by_the_clinical(dataset: Dataset) -> None:
    by_audience = {audience: region_details(dataset, "neck", audience).contraindications for audience in AUDIENCES}
    blood = next(item for item in dataset.contraindications if item.id == "ci_anticoagulants")
    assert blood.plain_name in [entry.title for entry in by_audience["patient"]]
    for audience in ("therapist", "educator"):
        assert blood.name in [entry.title for entry in by_audience[audience]]
        assert blood.plain_name not in [entry.title for entry in by_audience[audience]]
