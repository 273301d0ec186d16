"""The line under the map: it says what the map shows and what a tap does there, for sight and for screen readers."""

from __future__ import annotations

from bodymap.data import Dataset
from bodymap.ui.body_map import ANSWER_CAPTION, INERT_CAPTION, _caption


def test_where_it_hurts_asks_for_the_areas_that_hurt(dataset: Dataset) -> None:
    assert _caption(dataset, "zones", None, (), None) == "Choose every area that hurts."
    assert _caption(dataset, "zones", None, ("calf:left",), None).startswith("1 area chosen.")


def test_a_self_test_question_on_the_map_asks_for_its_answer_not_for_pain(dataset: Dataset) -> None:
    empty = _caption(dataset, "zones", None, (), None, answering=True)
    chosen = _caption(dataset, "zones", None, ("calf:left", "calf:right"), None, answering=True)
    assert empty == ANSWER_CAPTION and "hurts" not in empty
    assert chosen == f"2 areas chosen. {ANSWER_CAPTION}"


def test_an_inert_map_and_a_region_say_what_they_are(dataset: Dataset) -> None:
    assert _caption(dataset, "inert", None, (), None) == INERT_CAPTION
    assert _caption(dataset, "regions", "elbow", (), None) == "Showing: Elbow. Choose another region to change."
    assert _caption(dataset, "regions", None, (), None) == "Choose a region."
