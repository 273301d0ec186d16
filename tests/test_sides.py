"""Which side an area was chosen on: the keys "where does it hurt?" and its links use."""

from __future__ import annotations

import pytest

from bodymap.data import Dataset
from bodymap.links import parse_view_request, view_query
from bodymap.sides import ZoneChoice, painful_side, parse_choice, toggle, zone_ids


@pytest.mark.parametrize(
    ("key", "choice"),
    [
        ("calf:left", ZoneChoice("calf", "left")),
        ("calf:right", ZoneChoice("calf", "right")),
        ("sacrum", ZoneChoice("sacrum")),
    ],
)
def test_a_choice_is_read_from_its_key_and_written_back(key: str, choice: ZoneChoice) -> None:
    assert parse_choice(key) == choice and choice.key == key


@pytest.mark.parametrize("key", ["calf:", "calf:up", "calf:Left", "calf:left:right"])
def test_a_side_that_is_not_left_or_right_is_refused(key: str) -> None:
    assert parse_choice(key) is None


def test_an_area_is_named_with_its_side(dataset: Dataset) -> None:
    assert ZoneChoice("calf_upper_inner", "left").words(dataset) == "Upper calf, inner side (your left)"
    assert ZoneChoice("sacrum").words(dataset) == "Sacrum"


def test_a_tap_chooses_one_side_and_a_second_tap_takes_it_back() -> None:
    assert toggle([], "calf:left") == ["calf:left"]
    assert toggle(["calf:left"], "calf:right") == ["calf:left", "calf:right"]
    assert toggle(["temple:right", "calf:left"], "calf:left") == ["temple:right"]
    assert toggle(["sacrum"], "sacrum") == []
    assert toggle(["calf:left"], "calf:sideways") == ["calf:left"]


def test_a_tap_on_one_side_of_an_area_chosen_on_both_keeps_the_other_side() -> None:
    assert toggle(["temple:right", "calf"], "calf:left") == ["temple:right", "calf:right"]
    assert toggle(["calf"], "calf:right") == ["calf:left"]


def test_the_lookup_gets_each_zone_once_whatever_the_side() -> None:
    assert zone_ids(["calf:left", "temple", "calf:right", "shin:up"]) == ("calf", "temple")


@pytest.mark.parametrize(
    ("choices", "side"),
    [
        (["calf:left", "temple:left", "sacrum"], "left"),
        (["calf:right"], "right"),
        (["calf:left", "calf:right"], None),
        (["sacrum", "calf"], None),
        ([], None),
    ],
)
def test_a_pattern_is_drawn_on_the_painful_side_only_when_there_is_one(choices: list[str], side: str | None) -> None:
    assert painful_side(choices) == side


def test_a_link_keeps_the_sides_and_reads_them_back(dataset: Dataset) -> None:
    view = parse_view_request({"zones": "Achilles:Left,temple:right,sacrum,achilles:left,shin:up"}, dataset)
    assert view.zone_ids == ("achilles_upper:left", "achilles_lower:left", "temple:right", "sacrum")
    assert view.notices == ("Some areas in the link are not on the map and were left out: shin:up.",)
    query = view_query(None, "patient", "where", view.zone_ids)
    assert query["zones"] == "achilles_upper:left,achilles_lower:left,temple:right,sacrum"
    assert parse_view_request(query, dataset).zone_ids == view.zone_ids
