"""'Where does it hurt?' ranked like Travell & Simons' pain guide, and the reference around it: 100+ muscles, a
needling card each, every zone reached."""

from __future__ import annotations

import json

import pytest

from bodymap.__main__ import main
from bodymap.data import NO_PUBLISHED_DEPTH, PACKAGED_DATA_DIR, Dataset
from bodymap.lookup import muscles_referring_to
from tests.conftest import read_table

GUIDE = read_table(PACKAGED_DATA_DIR, "pain_guide.csv")
GUIDE_ZONES = sorted(set(GUIDE["zone_id"]))


@pytest.mark.parametrize("zone_id", GUIDE_ZONES)
def test_one_area_lists_the_guides_muscles_first_in_its_order(dataset: Dataset, zone_id: str) -> None:
    listed = GUIDE[GUIDE["zone_id"] == zone_id].assign(rank=lambda f: f["rank"].astype(int)).sort_values("rank")
    expected = list(listed["muscle_id"])
    ranked = [match.muscle.id for match in muscles_referring_to(dataset, [zone_id])]
    assert ranked[: len(expected)] == expected


# Written from the guide's lists as the sources give them (data/pain_guide.csv cites each).
@pytest.mark.parametrize(
    ("zones", "first"),
    [
        (["forehead"], "sternocleidomastoid"),
        (["front_upper_arm"], "scalenes"),
        (["top_of_foot"], "extensor_digitorum_brevis"),
        (["outer_ankle"], "fibularis_longus"),
        (["heel_underside"], "soleus"),
        (["front_ankle"], "tibialis_anterior"),
        (["achilles"], "soleus"),
        (["calf"], "soleus"),
        (["lumbar_paraspinal"], "gluteus_medius"),
        (["shin"], "tibialis_anterior"),
        # Several areas: the muscle the guide lists for both outranks those listed for one.
        (["outer_ankle", "outer_lower_leg"], "fibularis_longus"),
        (["front_upper_arm", "back_upper_arm"], "scalenes"),
        (["calf", "achilles"], "soleus"),
        (["shin", "front_ankle"], "tibialis_anterior"),
    ],
)
def test_the_guides_first_choice_comes_first(dataset: Dataset, zones: list[str], first: str) -> None:
    assert muscles_referring_to(dataset, zones)[0].muscle.id == first


def test_a_listed_spillover_muscle_outranks_an_unlisted_essential_one(dataset: Dataset) -> None:
    ranked = muscles_referring_to(dataset, ["front_upper_arm"])
    listed = set(GUIDE[GUIDE["zone_id"] == "front_upper_arm"]["muscle_id"])
    positions = [match.muscle.id in listed for match in ranked]
    assert positions == sorted(positions, reverse=True), "an unlisted muscle came before a listed one"


def test_the_reason_says_why(dataset: Dataset) -> None:
    first = muscles_referring_to(dataset, ["forehead"])[0]
    assert first.reason.startswith("Pain guide: 1st for Forehead; essential zone: Forehead")
    unlisted = next(m for m in muscles_referring_to(dataset, ["forehead"]) if not m.guide_places)
    assert unlisted.reason == unlisted.zones_in_words(plain=False)


def test_zones_without_a_guide_keep_the_essential_and_spillover_order(dataset: Dataset) -> None:
    ranked = muscles_referring_to(dataset, ["lateral_epicondyle"])
    assert not any(match.guide_places for match in ranked)
    assert [match.score for match in ranked] == sorted((match.score for match in ranked), reverse=True)


# --- the reference: coverage and a needling card for every muscle ------------------------------------------------


def test_the_reference_has_travell_and_simons_scale(dataset: Dataset) -> None:
    assert len(dataset.muscles) >= 100
    assert len(dataset.trigger_points) >= 160
    assert set(dataset.needling_cards) == set(dataset.muscles)


def test_every_zone_is_reached_by_some_muscle(dataset: Dataset) -> None:
    reached = {referral.zone_id for referral in dataset.referrals}
    assert set(dataset.zones) - reached == set()


@pytest.mark.parametrize("muscle_id", sorted(read_table(PACKAGED_DATA_DIR, "muscles.csv")["id"]))
def test_each_card_gives_a_depth_from_a_study_or_says_none_is_published(dataset: Dataset, muscle_id: str) -> None:
    card = dataset.needling_cards[muscle_id]
    if card.depth != NO_PUBLISHED_DEPTH:
        # A figure names its study: an author or a journal and a year, or says no depth was published.
        assert any(char.isdigit() for char in card.depth), card.depth
        assert "(" in card.depth or "No published" in card.depth or "No skin" in card.depth, card.depth
    assert card.structures_at_risk and card.precautions and card.source_ids


def test_muscle_command_prints_the_card_as_json(capsys: pytest.CaptureFixture[str], dataset: Dataset) -> None:
    assert main(["muscle", "supinator", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary["needling"]) == {
        "position",
        "landmarks",
        "approach",
        "depth",
        "structures_at_risk",
        "precautions",
        "plain_text",
        "source_ids",
    }
    assert summary["needling"]["structures_at_risk"] == list(dataset.needling_cards["supinator"].structures_at_risk)
    assert "lateral_epicondyle" in summary["essential_zones"]


def test_unknown_muscle_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["muscle", "supinatr"]) == 2
    assert "unknown muscle id" in capsys.readouterr().err


def test_where_it_hurts_json_gives_each_rank_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where-it-hurts", "forehead", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["muscles"][0]
    assert first["reason"].startswith("Pain guide: 1st for Forehead")
    assert first["pain_guide"] == [{"zone_id": "forehead", "rank": 1}]
