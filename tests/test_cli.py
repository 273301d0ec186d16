"""The command line: exit codes and output, on the shipped data and on broken copies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.__main__ import main
from bodymap.data import DATA_DIR_ENV, Dataset
from tests.conftest import EditCsv

ROOT = Path(__file__).resolve().parent.parent


def test_validate_passes_on_shipped_data_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bodymap", "validate"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert "valid" in result.stdout


def test_validate_lists_every_problem_and_exits_1(
    data_copy: Path, edit_cell: EditCsv, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_cell("zones.csv", 2, "region_id", "heed_jaw")
    edit_cell("sources.csv", 3, "study_type", "blog")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "failed validation (2 problems)" in err
    assert "zones.csv row 2, column region_id: 'heed_jaw' is not a region (did you mean 'head_jaw'?)" in err
    assert "sources.csv row 3, column study_type: 'blog' is not allowed here" in err


def test_data_dir_comes_from_the_environment(
    data_copy: Path, edit_cell: EditCsv, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_cell("zones.csv", 2, "name", "")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert main(["zones", "--json"]) == 1
    assert "zones.csv row 2, column name" in capsys.readouterr().err


def test_summary_json_lists_each_selectable_region(dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {item["id"] for item in summary} >= {"neck", "shoulder", "low_back", "elbow", "foot"}
    for item in summary:
        assert set(item) == {"id", "name", "conditions", "muscles", "hazards", "red_flags"}
        assert all(isinstance(name, str) and name for key in list(item)[2:] for name in item[key])
    neck = next(item for item in summary if item["id"] == "neck")
    assert "Upper trapezius" in neck["muscles"]


def test_zones_json_has_every_zone(dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zones", "--json"]) == 0
    zones = json.loads(capsys.readouterr().out)
    assert len(zones) == len(dataset.zones)
    assert {"id": "heel_underside", "name": "Underside of the heel", "view": "back", "region": "foot"} in zones


def test_where_it_hurts_json_ranks_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where-it-hurts", "lateral_epicondyle", "back_of_hand_lower_thumb_side", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    ranked = answer["muscles"]
    assert answer["red_flags"] and {flag["urgency"] for flag in answer["red_flags"]} <= {"emergency", "urgent", "soon"}
    scores = [item["score"] for item in ranked]
    assert scores == sorted(scores, reverse=True)
    first = ranked[0]
    assert set(first) == {"muscle_id", "muscle", "score", "reason", "pain_guide", "matches"}
    kinds = {match["kind"] for match in first["matches"]}
    assert kinds <= {"essential", "spillover"}
    expected = sum(2 if match["kind"] == "essential" else 1 for match in first["matches"])
    assert first["score"] == expected
    assert {match["zone_id"] for match in first["matches"]} <= {"lateral_epicondyle", "back_of_hand_lower_thumb_side"}


def test_where_it_hurts_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where-it-hurts", "heel_underside"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Warning signs")
    first_muscle = next(line for line in lines if line.startswith(" 1. "))
    assert "Underside of the heel" in first_muscle
    assert lines.index(first_muscle) > 1 and lines[1].startswith("  - ")


def test_where_it_hurts_unknown_zone_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where-it-hurts", "heal"]) == 2
    assert "unknown zone id(s): 'heal'" in capsys.readouterr().err


def test_summary_and_muscle_in_spanish_give_the_spanish_names_and_texts(
    dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    spanish = dataset.in_language("es")
    assert main(["--lang", "es", "summary", "--json"]) == 0
    neck = next(item for item in json.loads(capsys.readouterr().out) if item["id"] == "neck")
    assert neck["name"] == spanish.regions["neck"].name != dataset.regions["neck"].name
    assert spanish.muscles["upper_trapezius"].name in neck["muscles"]
    flags = [flag.plain_name for flag in spanish.red_flags if flag.scope == "neck"]
    assert neck["red_flags"] == flags  # plain titles: the clinical ones are English only
    assert main(["--lang", "es", "muscle", "supinator", "--json"]) == 0
    supinator = json.loads(capsys.readouterr().out)
    assert supinator["plain_name"] == spanish.muscles["supinator"].plain_name
    assert supinator["needling"] == {
        "plain_text": spanish.needling_cards["supinator"].plain_text,
        "source_ids": list(spanish.needling_cards["supinator"].source_ids),
    }
    assert [point["label"] for point in supinator["trigger_points"]] == [
        point.label for point in spanish.trigger_points if point.muscle_id == "supinator"
    ]


def test_a_language_the_dataset_lacks_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "summary"]) == 2
    assert "'fr' is not offered (offered: en, es)" in capsys.readouterr().err
