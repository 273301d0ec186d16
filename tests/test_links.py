"""Deep links, example by example: what each odd value becomes and the notice it gets (written from the survivors of
mutation testing, docs/mutation.md; the properties are in test_links_properties.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.data import Dataset, load_dataset
from bodymap.links import parse_language, parse_view_request, view_query
from tests.conftest import EditCsv, read_table


@pytest.mark.parametrize(("raw", "seed"), [("42", 42), (" 7 ", 7), ("0", 0), ("999999", 999_999)])
def test_class_codes_up_to_the_maximum_are_kept(dataset: Dataset, raw: str, seed: int) -> None:
    view = parse_view_request({"seed": raw}, dataset)
    assert (view.seed, view.notices) == (seed, ())


@pytest.mark.parametrize("raw", ["1000000", "²", "-3", "4.5", "12a", ""])
def test_a_bad_class_code_gets_a_new_code_and_says_so(dataset: Dataset, raw: str) -> None:
    view = parse_view_request({"seed": raw}, dataset)
    assert view.seed is None
    expected = f"“{raw.strip()}” is not a class code (a whole number up to 999999); a new code was chosen."
    assert view.notices == (expected,)


def test_a_bad_mode_names_the_modes_there_are(dataset: Dataset) -> None:
    view = parse_view_request({"mode": "teach"}, dataset)
    assert view.mode == "explore"
    assert view.notices == ("“teach” is not a mode; showing the explore mode (explore, where, claims, matrix, quiz).",)


def test_unknown_zones_are_listed_and_known_ones_kept(dataset: Dataset) -> None:
    view = parse_view_request({"zones": "achilles_upper,heal,Back-Of_Knee_Inner,nowhere"}, dataset)
    assert view.zone_ids == ("achilles_upper", "back_of_knee_inner")
    assert view.notices == ("Some areas in the link are not on the map and were left out: heal, nowhere.",)


def test_a_muscle_whose_name_is_not_its_id_is_found_by_either(dataset: Dataset) -> None:
    muscle = next(m for m in dataset.muscles.values() if "_".join(m.name.lower().split()) != m.id)
    for raw in (muscle.id, muscle.name):
        assert parse_view_request({"muscle": raw}, dataset).muscle_id == muscle.id


def test_a_saved_link_to_a_zone_since_cut_up_opens_all_its_parts(dataset: Dataset) -> None:
    """The shin was cut into thirds (zones.csv ``replaces``); a link saved before still opens the whole shin, and the
    calf, cut into thirds and then into halves, opens all six parts on the side it named."""
    view = parse_view_request({"zones": "achilles,shin,shin_lower,calf:left"}, dataset)
    calf = tuple(f"calf_{third}_{half}:left" for third in ("upper", "middle", "lower") for half in ("inner", "outer"))
    achilles = ("achilles_upper", "achilles_lower")
    assert (view.zone_ids, view.notices) == ((*achilles, "shin_upper", "shin_middle", "shin_lower", *calf), ())


@pytest.mark.parametrize("raw", ["upper_trapezius", "Upper trapezius", "UPPER-TRAPEZIUS", " upper  trapezius "])
def test_a_muscle_is_found_by_id_or_by_name(dataset: Dataset, raw: str) -> None:
    view = parse_view_request({"muscle": raw}, dataset)
    assert (view.muscle_id, view.notices) == ("upper_trapezius", ())


@pytest.mark.parametrize("raw", ["low_back", "Low back", "low-back", "LOW_BACK", " low _ back "])
def test_a_region_is_found_by_id_or_by_name(dataset: Dataset, raw: str) -> None:
    assert parse_view_request({"region": raw}, dataset).region_id == "low_back"


def test_quoted_values_are_one_short_printable_line(dataset: Dataset) -> None:
    long_value = "x" * 100
    (notice,) = parse_view_request({"region": long_value}, dataset).notices
    assert notice == f"There is no region called “{'x' * 39}…”. Pick one on the body map."
    (notice,) = parse_view_request({"region": "a\nb\tc\x00d"}, dataset).notices
    assert notice == "There is no region called “a b c d”. Pick one on the body map."
    (notice,) = parse_view_request({"region": "y" * 40}, dataset).notices
    assert f"“{'y' * 40}”" in notice  # exactly the limit: shown whole


def test_every_parameter_reports_its_own_notice(dataset: Dataset) -> None:
    view = parse_view_request({"seed": "x", "muscle": "nobody", "zones": "heal", "mode": "m"}, dataset)
    assert len(view.notices) == 4


def test_a_class_link_names_its_regions_by_id_or_name_and_its_length(dataset: Dataset) -> None:
    params = {"mode": "quiz", "seed": "42", "quiz_region": "elbow, Forearm wrist and hand,elbow", "n": "10"}
    request = parse_view_request(params, dataset)
    assert (request.quiz_region_ids, request.quiz_length, request.notices) == (("elbow", "forearm_hand"), 10, ())
    written = view_query(None, "educator", "quiz", seed=42, quiz_region_ids=request.quiz_region_ids, quiz_length=10)
    assert written == {
        "audience": "educator",
        "mode": "quiz",
        "seed": "42",
        "quiz_region": "elbow,forearm_hand",
        "n": "10",
    }
    again = parse_view_request(written, dataset)
    assert (again.quiz_region_ids, again.quiz_length, again.seed) == (("elbow", "forearm_hand"), 10, 42)


@pytest.mark.parametrize("raw", ["0", "501", "-3", "ten", "²", " "])
def test_a_bad_class_length_asks_every_question_and_says_so(dataset: Dataset, raw: str) -> None:
    request = parse_view_request({"mode": "quiz", "n": raw}, dataset)
    assert request.quiz_length is None
    assert request.notices == (f"“{raw.strip()}” is not a number of questions (1 to 500); all are asked.",)


def test_an_unknown_class_region_is_left_out_and_named(dataset: Dataset) -> None:
    request = parse_view_request({"mode": "quiz", "quiz_region": "elbow,elbw"}, dataset)
    assert request.quiz_region_ids == ("elbow",)
    assert request.notices == ("There is no region called “elbw”. Pick one on the body map.",)


def test_up_to_three_muscles_are_drawn_at_once_the_first_with_two_to_compare(dataset: Dataset) -> None:
    request = parse_view_request({"muscle": "supinator, Brachioradialis,supinator,extensor_carpi_radialis"}, dataset)
    assert (request.muscle_id, request.compare_ids, request.notices) == (
        "supinator",
        ("brachioradialis", "extensor_carpi_radialis"),
        (),
    )
    query = view_query(None, "educator", muscle_id="supinator", compare_ids=request.compare_ids)
    assert query["muscle"] == "supinator,brachioradialis,extensor_carpi_radialis"
    assert parse_view_request(query, dataset).compare_ids == request.compare_ids
    four = parse_view_request({"muscle": "supinator,brachioradialis,extensor_carpi_radialis,anconeus"}, dataset)
    assert four.compare_ids == ("brachioradialis", "extensor_carpi_radialis")
    assert four.notices == ("At most 3 muscles are drawn at once; the first 3 are shown.",)
    unknown = parse_view_request({"muscle": "supinator,solus"}, dataset)
    assert (unknown.muscle_id, unknown.compare_ids) == ("supinator", ())
    assert unknown.notices == ("There is no muscle called “solus” in bodymap.",)


@pytest.mark.parametrize(("raw", "present", "notices"), [("1", True, 0), ("0", False, 0), ("yes", False, 1)])
def test_the_presenter_layout_is_asked_for_by_present_1(
    dataset: Dataset, raw: str, present: bool, notices: int
) -> None:
    request = parse_view_request({"present": raw, "audience": "educator"}, dataset)
    assert (request.present, len(request.notices)) == (present, notices)
    assert request.notices == (("“yes” is not a value for present (1 or 0).",) if notices else ())
    assert ("present" in view_query(None, "educator", present=request.present)) == present


@pytest.mark.parametrize("raw", ["1", "500"])
def test_a_class_of_one_to_five_hundred_questions_is_kept(dataset: Dataset, raw: str) -> None:
    request = parse_view_request({"mode": "quiz", "n": raw}, dataset)
    assert (request.quiz_length, request.notices) == (int(raw), ())


def test_a_language_not_offered_is_named_with_those_that_are() -> None:
    assert parse_language({"lang": " FR "}, ("en", "es")) == (
        None,
        "“FR” is not a language bodymap is offered in (en, es); showing English.",
    )
    assert parse_language({"lang": " ES "}, ("en", "es")) == ("es", None)
    assert parse_language({}, ("en", "es")) == (None, None)


def test_a_link_to_a_planned_region_says_in_full_that_it_is_not_covered_yet(
    data_copy: Path, edit_cell: EditCsv
) -> None:
    regions = read_table(data_copy, "regions.csv")
    edit_cell("regions.csv", int(regions.index[regions["id"] == "knee"][0]) + 2, "status", "planned")
    view = parse_view_request({"region": "knee"}, load_dataset(data_copy))
    notice = "Knee is not covered yet. Pick a highlighted region on the body map."
    assert (view.region_id, view.notices) == (None, (notice,))
