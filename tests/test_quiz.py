"""Self-test questions: every answer is recomputed here from the tables, the order is seeded, the panel works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.data import GENERAL_SCOPE, PACKAGED_DATA_DIR, Dataset, load_dataset
from bodymap.quiz import QUESTION_KINDS, Question, answer_text, linked_regions, quiz_order, quiz_pool

POOL = quiz_pool(load_dataset(PACKAGED_DATA_DIR))
TIMEOUT = 30


def _by_kind(kind: str) -> list[Question]:
    return [question for question in POOL if question.kind == kind]


def test_the_pool_has_every_kind_and_unique_ids() -> None:
    assert {question.kind for question in POOL} == set(QUESTION_KINDS)
    assert len({question.id for question in POOL}) == len(POOL)


@pytest.mark.parametrize("question", POOL, ids=lambda question: question.id)
def test_every_question_is_answerable_and_cited(dataset: Dataset, question: Question) -> None:
    _check_answerable_and_cited(dataset, question)


def _check_answerable_and_cited(dataset: Dataset, question: Question) -> None:
    assert question.prompt and question.source_ids
    assert all(source_id in dataset.sources for source_id in question.source_ids)
    if question.on_map:
        assert question.answer and question.answer <= set(dataset.zones)
        assert not question.answer & question.tolerated
    else:
        option_ids = [option.id for option in question.options]
        assert len(option_ids) == len(set(option_ids)) == 4
        assert len(question.answer) == 1 and question.answer <= set(option_ids)
        assert all(option.text for option in question.options)
    assert answer_text(dataset, question)


@pytest.mark.parametrize("question", _by_kind("muscle_for_zone"), ids=lambda question: question.id)
def test_muscle_for_zone_answers(dataset: Dataset, question: Question) -> None:
    _check_muscle_for_zone(dataset, question)


def _check_muscle_for_zone(dataset: Dataset, question: Question) -> None:
    (zone_id,) = question.zone_ids
    kinds = {r.muscle_id: r.kind for r in dataset.referrals if r.zone_id == zone_id}
    (right,) = question.answer
    assert kinds[right] == "essential"
    assert question.muscle_id == right
    for option in question.options:
        if option.id != right:
            assert option.id in dataset.muscles and option.id not in kinds, "a wrong option must not refer there"
    referral = next(r for r in dataset.referrals if r.zone_id == zone_id and r.muscle_id == right)
    assert question.source_ids == referral.source_ids
    zone = dataset.zones[zone_id]
    assert question.region_id == zone.region_id and question.prompt.endswith(f": {zone.name}?")
    # Plausible distractors: muscles of the zone's own region whenever it has three that refer no pain there, else of
    # the regions a muscle's main pattern joins to it (recomputed here from the essential referral rows).
    nearby = [m for m in dataset.muscles.values() if m.region_id == zone.region_id and m.id not in kinds]
    joined = {zone.region_id}
    for muscle in dataset.muscles.values():
        essential = [r for r in dataset.referrals if r.muscle_id == muscle.id and r.kind == "essential"]
        spanned = {muscle.region_id} | {dataset.zones[r.zone_id].region_id for r in essential}
        if zone.region_id in spanned:
            joined |= spanned
    linked = [m for m in dataset.muscles.values() if m.region_id in joined and m.id not in kinds]
    wrong = {dataset.muscles[option.id].region_id for option in question.options if option.id != right}
    if len(nearby) >= 3:
        assert wrong == {zone.region_id}
    elif len(linked) >= 3:
        assert wrong <= joined, (zone.name, wrong, joined)


@pytest.mark.parametrize("question", _by_kind("zones_for_muscle"), ids=lambda question: question.id)
def test_zones_for_muscle_answers(dataset: Dataset, question: Question) -> None:
    _check_zones_for_muscle(dataset, question)


def _check_zones_for_muscle(dataset: Dataset, question: Question) -> None:
    muscle_id = question.id.split(":", 1)[1]
    essential = {r.zone_id for r in dataset.referrals if r.muscle_id == muscle_id and r.kind == "essential"}
    spillover = {r.zone_id for r in dataset.referrals if r.muscle_id == muscle_id and r.kind == "spillover"}
    assert question.answer == essential and question.tolerated == spillover
    assert question.muscle_id == muscle_id
    assert question.zone_ids == tuple(sorted(essential)) and question.region_id == dataset.muscles[muscle_id].region_id
    cited = {source for r in dataset.referrals if r.muscle_id == muscle_id for source in r.source_ids}
    assert set(question.source_ids) == cited and len(question.source_ids) == len(cited)
    assert dataset.muscles[muscle_id].name in question.prompt
    assert question.prompt.endswith("Spillover zones are not needed.")
    assert question.is_correct(essential)
    assert question.is_correct(essential | spillover)
    assert not question.is_correct(set(list(essential)[1:]) | spillover)
    unrelated = next(zone_id for zone_id in dataset.zones if zone_id not in essential | spillover)
    assert not question.is_correct(essential | {unrelated})


@pytest.mark.parametrize("question", _by_kind("red_flag"), ids=lambda question: question.id)
def test_red_flag_answers(dataset: Dataset, question: Question) -> None:
    _check_red_flag(dataset, question)


def _check_red_flag(dataset: Dataset, question: Question) -> None:
    flags = {flag.id: flag for flag in dataset.red_flags}
    (right,) = question.answer
    assert flags[right].scope == question.region_id
    assert flags[right].timing == "before", "an after-needling flag would give itself away among conditions"
    assert question.source_ids == flags[right].source_ids
    region = dataset.regions[flags[right].scope]
    assert set(question.zone_ids) == {zone.id for zone in dataset.zones.values() if zone.region_id == region.id}
    assert question.prompt == f"Which of these is a red flag for the {region.name.lower()} region?"
    for option in question.options:
        if option.id != right:
            assert option.id not in flags
            assert question.region_id in dataset.conditions[option.id].region_ids
        else:
            assert option.text == flags[right].name


@pytest.mark.parametrize("question", _by_kind("typical_after_session"), ids=lambda question: question.id)
def test_typical_after_session_answers(dataset: Dataset, question: Question) -> None:
    _check_typical_after_session(dataset, question)


def _check_typical_after_session(dataset: Dataset, question: Question) -> None:
    steps = {step.id: step for step in dataset.session_steps}
    warnings = {flag.id: flag for flag in dataset.red_flags if flag.timing == "after_session"}
    (right,) = question.answer
    assert steps[right].topic == "soreness" and steps[right].scope == GENERAL_SCOPE
    assert question.source_ids == steps[right].source_ids
    assert question.prompt == "Which of these is typical after a dry needling session, and not a warning sign?"
    general_warnings = {
        flag.id for flag in dataset.red_flags if flag.timing == "after_session" and flag.scope == GENERAL_SCOPE
    }
    assert {option.id for option in question.options} - {right} <= general_warnings
    for option in question.options:
        if option.id == right:
            assert option.text == steps[right].plain_text
        else:
            assert option.text == warnings[option.id].plain_text


def test_the_pool_built_now_matches_the_dataset_question_by_question(dataset: Dataset) -> None:
    """The checks above, on a pool built inside the test: the parametrized tests take their questions from a pool made
    at import, which mutation testing cannot trace back to the question builders."""
    checks = {
        "muscle_for_zone": _check_muscle_for_zone,
        "zones_for_muscle": _check_zones_for_muscle,
        "red_flag": _check_red_flag,
        "typical_after_session": _check_typical_after_session,
    }
    pool = quiz_pool(dataset)
    assert [question.id for question in pool] == [question.id for question in POOL]
    for question in pool:
        _check_answerable_and_cited(dataset, question)
        checks[question.kind](dataset, question)
        assert question.id.startswith(f"{question.kind}:")


def test_each_zone_with_an_essential_referral_and_each_muscle_is_asked_about(dataset: Dataset) -> None:
    essential_zones = {r.zone_id for r in dataset.referrals if r.kind == "essential"}
    assert {q.zone_ids[0] for q in _by_kind("muscle_for_zone")} == essential_zones
    assert {q.muscle_id for q in _by_kind("zones_for_muscle")} == set(dataset.muscles)


def test_a_seed_gives_the_same_order_every_time(dataset: Dataset) -> None:
    first = [question.id for question in quiz_order(dataset, 2024)]
    assert first == [question.id for question in quiz_order(load_dataset(PACKAGED_DATA_DIR), 2024)]
    assert first != [question.id for question in quiz_order(dataset, 2025)]


def test_no_question_repeats_until_the_pool_is_used_up(dataset: Dataset) -> None:
    order = [question.id for question in quiz_order(dataset, 7)]
    assert len(order) == len(set(order)) == len(POOL)


def test_options_do_not_depend_on_the_seed(dataset: Dataset) -> None:
    one = {question.id: question for question in quiz_order(dataset, 1)}
    assert all(one[question.id] == question for question in quiz_order(dataset, 99))


def _quiz_page(seed: int) -> None:
    import streamlit as st

    from bodymap.data import load_dataset
    from bodymap.ui.quiz_ui import quiz_ui

    st.session_state.setdefault("shown", [])

    def show(muscle_id: str | None) -> None:
        st.session_state["shown"] = [*st.session_state.get("shown", []), muscle_id]

    quiz_ui(load_dataset(), seed, show, chosen_zones=st.session_state.get("zones", []))


def _seed_where_first(dataset: Dataset, on_map: bool) -> tuple[int, Question]:
    firsts = ((seed, quiz_order(dataset, seed)[0]) for seed in range(100))
    return next((seed, question) for seed, question in firsts if question.on_map == on_map)


def test_quiz_ui_answers_a_choice_question_and_moves_on(dataset: Dataset) -> None:
    seed, question = _seed_where_first(dataset, on_map=False)
    app = AppTest.from_function(_quiz_page, args=(seed,), default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    assert app.number_input(key="quiz_seed_input").value == seed
    assert "Score: 0 of 0" in app.caption[0].value
    (right,) = question.answer
    app.radio(key=f"quiz_choice_{question.id}").set_value(right).run()
    app.button(key="quiz_check").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Correct."
    assert "Score: 1 of 1" in app.caption[0].value
    texts = " ".join(element.value for element in app.markdown).replace("\\", "")
    assert dataset.sources[question.source_ids[0]].citation[:40] in texts
    assert app.session_state["shown"] == ([question.muscle_id] if question.muscle_id else [])
    app.button(key="quiz_next").click().run()
    assert "Question 2 of" in app.caption[0].value
    assert app.session_state["shown"][-1] is None


def test_quiz_ui_takes_the_zones_tapped_on_the_map(dataset: Dataset) -> None:
    seed, question = _seed_where_first(dataset, on_map=True)
    app = AppTest.from_function(_quiz_page, args=(seed,), default_timeout=TIMEOUT)
    app.session_state["zones"] = sorted(question.answer)  # what the page's map tap callback writes
    app.run()
    assert not app.exception, app.exception
    app.button(key="quiz_check").click().run()
    assert app.success[0].value == "Correct."
    assert app.session_state["shown"] == [question.muscle_id]


def test_quiz_ui_marks_a_wrong_answer_and_changing_the_class_code_restarts(dataset: Dataset) -> None:
    seed, question = _seed_where_first(dataset, on_map=False)
    app = AppTest.from_function(_quiz_page, args=(seed,), default_timeout=TIMEOUT).run()
    wrong = next(option.id for option in question.options if option.id not in question.answer)
    app.radio(key=f"quiz_choice_{question.id}").set_value(wrong).run()
    app.button(key="quiz_check").click().run()
    assert app.error[0].value == "Not quite."
    assert "Score: 0 of 1" in app.caption[0].value
    app.number_input(key="quiz_seed_input").set_value(seed + 1).run()
    assert not app.exception, app.exception
    assert "Question 1 of" in app.caption[0].value and "Score: 0 of 0" in app.caption[0].value


ORDER_IN_A_FRESH_PROCESS = """
import json, sys
from bodymap.data import load_dataset
from bodymap.quiz import quiz_order
questions = quiz_order(load_dataset(), 42)[:12]
print(json.dumps([[q.id, [option.id for option in q.options]] for q in questions]))
"""


@pytest.mark.parametrize("hash_seed", ["0", "1", "12345"])
def test_a_class_code_gives_the_same_questions_in_another_process(dataset: Dataset, hash_seed: str) -> None:
    """The order and the options must not depend on the process (Python's string hash is salted per process)."""
    here = [[q.id, [option.id for option in q.options]] for q in quiz_order(dataset, 42)[:12]]
    run = subprocess.run(
        [sys.executable, "-c", ORDER_IN_A_FRESH_PROCESS],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )
    assert json.loads(run.stdout) == here


def test_the_feedback_names_the_right_answer_in_words(dataset: Dataset) -> None:
    """Written from the dataset's rows for these muscles and this red flag, not from the code."""
    pool = {question.id: question for question in quiz_pool(dataset)}
    assert answer_text(dataset, pool["zones_for_muscle:supinator"]) == (
        "Essential: Outer elbow (lateral epicondyle), Web of the thumb. "
        "Spillover (not needed, not wrong): Lower back of forearm, Middle back of forearm, Upper back of forearm, "
        "Front of the elbow."
    )
    no_spillover = next(q for q in pool.values() if q.on_map and not q.tolerated and len(q.answer) == 1)
    (zone_id,) = no_spillover.answer
    assert answer_text(dataset, no_spillover) == f"Essential: {dataset.zones[zone_id].name}."
    assert answer_text(dataset, pool["red_flag:rf_calf_achilles"]) == "Possible Achilles tendon rupture"


# --- a class on chosen regions, of a chosen length ------------------------------------------------------------------


def _about_the_elbow(dataset: Dataset, question: Question) -> bool:
    """Recomputed from the rows: the zone asked about, the red flag's region, or a muscle whose essential zones or
    own region are the elbow's."""
    if question.kind == "muscle_for_zone":
        return dataset.zones[question.zone_ids[0]].region_id == "elbow"
    if question.kind == "red_flag":
        (flag_id,) = question.answer
        return next(flag for flag in dataset.red_flags if flag.id == flag_id).scope == "elbow"
    if question.kind == "zones_for_muscle":
        assert question.muscle_id
        essential = {
            r.zone_id for r in dataset.referrals if r.muscle_id == question.muscle_id and r.kind == "essential"
        }
        in_region = dataset.muscles[question.muscle_id].region_id == "elbow"
        return in_region or any(dataset.zones[zone_id].region_id == "elbow" for zone_id in essential)
    return False  # what is typical after a session belongs to no region


def test_a_class_on_the_elbow_is_asked_every_elbow_question_and_nothing_else(dataset: Dataset) -> None:
    asked = quiz_order(dataset, 42, ["elbow"])
    assert {question.id for question in asked} == {q.id for q in POOL if _about_the_elbow(dataset, q)}
    assert len(asked) >= 10 and {question.kind for question in asked} >= {"muscle_for_zone", "red_flag"}


def test_a_class_of_ten_is_the_first_ten_of_its_order_the_same_every_time(dataset: Dataset) -> None:
    ten = [question.id for question in quiz_order(dataset, 42, ["elbow"], 10)]
    assert len(ten) == len(set(ten)) == 10
    assert ten == [question.id for question in quiz_order(dataset, 42, ["elbow"])][:10]
    assert ten == [question.id for question in quiz_order(load_dataset(PACKAGED_DATA_DIR), 42, ["elbow"], 10)]
    assert ten != [question.id for question in quiz_order(dataset, 43, ["elbow"], 10)]
    both = quiz_order(dataset, 42, ["elbow", "forearm_hand"])
    assert len(both) > len(quiz_order(dataset, 42, ["elbow"])) and quiz_order(dataset, 42, ["elbow"], 500) == (
        quiz_order(dataset, 42, ["elbow"])
    )


CLASS_IN_A_FRESH_PROCESS = """
import json
from bodymap.data import load_dataset
from bodymap.quiz import quiz_order
print(json.dumps([q.id for q in quiz_order(load_dataset(), 42, ["elbow"], 10)]))
"""


def test_an_elbow_class_gets_the_same_ten_questions_in_another_process(dataset: Dataset) -> None:
    run = subprocess.run(
        [sys.executable, "-c", CLASS_IN_A_FRESH_PROCESS],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONHASHSEED": "7"},
    )
    assert json.loads(run.stdout) == [question.id for question in quiz_order(dataset, 42, ["elbow"], 10)]


def test_quiz_ui_asks_a_class_about_its_regions_and_a_change_starts_again(dataset: Dataset) -> None:
    app = AppTest.from_function(_quiz_page, args=(42,), default_timeout=TIMEOUT)
    app.session_state["quiz_regions"], app.session_state["quiz_length"] = ["elbow"], 10  # what a link sets
    app.run()
    assert not app.exception, app.exception
    first = quiz_order(dataset, 42, ["elbow"], 10)[0]
    assert "Question 1 of 10" in app.caption[0].value
    assert any(element.value.replace("\\", "") == f"**{first.prompt}**" for element in app.markdown)
    assert app.multiselect(key="quiz_regions_input").value == ["elbow"]
    app.segmented_control(key="quiz_length_input").set_value("5").run()
    assert "Question 1 of 5" in app.caption[0].value
    app.multiselect(key="quiz_regions_input").set_value([]).run()
    assert "Question 1 of 5" in app.caption[0].value and app.session_state["quiz_regions"] == []
    app.segmented_control(key="quiz_length_input").set_value("All").run()
    assert f"Question 1 of {len(POOL)}" in app.caption[0].value


def test_the_end_reviews_each_missed_question_with_its_answer_and_pattern(dataset: Dataset) -> None:
    seed = next(s for s in range(200) if (q := quiz_order(dataset, s, (), 2))[0].kind == q[1].kind == "muscle_for_zone")
    first, second = quiz_order(dataset, seed, (), 2)
    app = AppTest.from_function(_quiz_page, args=(seed,), default_timeout=TIMEOUT)
    app.session_state["quiz_length"] = 2
    app.run()
    wrong = next(option.id for option in first.options if option.id not in first.answer)
    app.radio(key=f"quiz_choice_{first.id}").set_value(wrong).run()
    app.button(key="quiz_check").click().run()
    app.button(key="quiz_next").click().run()
    (right,) = second.answer
    app.radio(key=f"quiz_choice_{second.id}").set_value(right).run()
    app.button(key="quiz_check").click().run()
    app.button(key="quiz_next").click().run()
    assert not app.exception, app.exception
    assert [element.value for element in app.subheader] == ["To look at again: 1 missed"]
    texts = [element.value.replace("\\", "") for element in app.markdown]
    assert f"**1. {first.prompt}**" in texts and f"**The answer:** {answer_text(dataset, first)}" in texts
    assert f"**1. {second.prompt}**" not in texts  # answered right: not reviewed
    app.button(key=f"quiz_review_{first.id}").click().run()
    assert app.session_state["shown"][-1] == first.muscle_id
    app.button(key="quiz_restart").click().run()
    assert "Question 1 of 2" in app.caption[0].value and not app.subheader


def test_a_wrong_muscle_is_named_beside_the_right_one_and_drawn_beside_it(dataset: Dataset) -> None:
    seed = next(s for s in range(200) if quiz_order(dataset, s)[0].kind == "muscle_for_zone")
    question = quiz_order(dataset, seed)[0]
    app = AppTest.from_function(_quiz_page, args=(seed,), default_timeout=TIMEOUT).run()
    wrong = next(option.id for option in question.options if option.id not in question.answer)
    app.radio(key=f"quiz_choice_{question.id}").set_value(wrong).run()
    app.button(key="quiz_check").click().run()
    assert question.muscle_id
    right_name, wrong_name = dataset.muscles[question.muscle_id].name, dataset.muscles[wrong].name
    expected = f"The map shows the pattern of {right_name}; beside it, outlined in blue, your answer: {wrong_name}."
    assert expected in [caption.value.replace("\\", "") for caption in app.caption]


def test_the_regions_a_muscle_s_main_pattern_joins_recomputed_for_every_region(dataset: Dataset) -> None:
    """Built in the test's body (mutmut links the builders to it): each region with every region that some muscle
    lies in or refers its main pain to, together with this one."""
    linked = linked_regions(dataset)
    for region_id in dataset.regions:
        expected = {region_id}
        for muscle in dataset.muscles.values():
            main = {
                dataset.zones[r.zone_id].region_id
                for r in dataset.referrals
                if r.muscle_id == muscle.id and r.kind == "essential"
            }
            spanned = {muscle.region_id} | main if main else set()
            if region_id in spanned:
                expected |= spanned
        assert linked[region_id] == expected, region_id


def test_every_muscle_question_built_now_has_its_distractors_from_near_the_zone(dataset: Dataset) -> None:
    for question in quiz_pool(dataset):
        if question.kind == "muscle_for_zone":
            _check_muscle_for_zone(dataset, question)
