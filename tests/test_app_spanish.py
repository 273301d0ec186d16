"""The pages in Spanish (``?lang=es``), driven with AppTest: every region for patients and at the chair, with no English
on them but names and citations; the teaching views say they are in English; links keep the language.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.data import Dataset
from bodymap.i18n import _, speaking
from bodymap.lookup import region_details
from bodymap.ui.details import CHAIR_STEP_KEY, CHAIR_STEPS
from bodymap.ui.page import LANGUAGE_KEY
from tests.conftest import COMPLETE_REGIONS
from tests.test_app import _open
from tests.test_languages import ENGLISH_WORDS

SPANISH = "es"


def _choose(app: AppTest, key: str, choice: str) -> None:
    """Tap a choice of a switch: AppTest finds it by the label shown, which is the Spanish of the choice's key."""
    with speaking(SPANISH):
        app.segmented_control(key=key).set_value(_(choice)).run()


def _everything_shown(app: AppTest) -> list[str]:
    """Every text on the page and every control's label, as a reader or a screen reader meets them."""
    texts = [element.value for element in (*app.markdown, *app.header, *app.subheader, *app.caption, *app.title)]
    texts += [element.body for element in (*app.error, *app.warning, *app.info)]
    texts += [element.label for element in (*app.button, *app.expander, *app.checkbox, *app.toggle)]
    texts += [element.label for element in (*app.get("button_group"), *app.multiselect, *app.selectbox)]
    return [str(text).replace("\\", "") for text in texts]


# Shown the same in both languages: the product's name and the language switch's names.
SAME_IN_BOTH = {"bodymap", "English", "Español", ""}


def _english_on(app: AppTest, english_page: AppTest | None = None) -> list[str]:
    """What is in English: a text with English words, or one the English page shows word for word (a label a
    translation missed); but the numbered lists of sources, whose citations keep the language they were published in.
    """
    english = set(_everything_shown(english_page)) - SAME_IN_BOTH if english_page else set()
    return [
        text
        for text in _everything_shown(app)
        if (ENGLISH_WORDS.search(text) or text in english) and not text.startswith("1. ")
    ]


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_a_patients_region_page_is_all_spanish(dataset: Dataset, region_id: str) -> None:
    app = _open(region=region_id, audience="patient", lang=SPANISH)
    spanish = dataset.in_language(SPANISH)
    assert app.header[0].value.replace("\\", "") == spanish.regions[region_id].name
    assert _english_on(app, _open(region=region_id, audience="patient")) == []
    text = "\n".join(_everything_shown(app))
    details = region_details(spanish, region_id, "patient")
    assert all(sign.symptom in text for sign in details.help_signs)  # every warning sign, in Spanish
    assert details.summary.text in text


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_each_step_of_the_chair_script_is_all_spanish(dataset: Dataset, region_id: str) -> None:
    app = _open(region=region_id, audience="therapist", lang=SPANISH)
    english = _open(region=region_id, audience="therapist")
    for step in CHAIR_STEPS:
        _choose(app, CHAIR_STEP_KEY, step)
        english.segmented_control(key=CHAIR_STEP_KEY).set_value(step).run()
        assert not app.exception
        assert _english_on(app, english) == [], step
    questions = region_details(dataset.in_language(SPANISH), region_id, "therapist").red_flag_questions
    _choose(app, CHAIR_STEP_KEY, "Red flags")
    labels = [box.label for box in app.checkbox]
    assert [question.question for question in questions] == [label.replace("\\", "") for label in labels]


def test_the_start_page_where_it_hurts_and_the_claims_are_all_spanish() -> None:
    for query in ({}, {"mode": "where", "zones": "temple:right,lateral_epicondyle:left"}, {"mode": "claims"}):
        app = _open(lang=SPANISH, **query)
        assert _english_on(app, _open(**query)) == [], query


def test_a_muscles_pattern_is_spanish_and_keeps_the_clinical_card_for_english(dataset: Dataset) -> None:
    for audience in ("patient", "therapist"):
        app = _open(muscle="supinator", audience=audience, lang=SPANISH)
        assert app.header[0].value == dataset.in_language(SPANISH).muscles["supinator"].name
        assert _english_on(app, _open(muscle="supinator", audience=audience)) == [], audience


def test_the_teaching_views_say_they_are_in_english() -> None:
    for query in ({"region": "elbow", "audience": "educator"}, {"mode": "quiz", "audience": "educator"}):
        app = _open(lang=SPANISH, **query)
        assert any("inglés" in notice.body for notice in app.info), query


def test_the_language_stays_in_the_link_and_english_is_one_tap_away(dataset: Dataset) -> None:
    app = _open(region="neck", lang=SPANISH)
    assert app.query_params["lang"] in (SPANISH, [SPANISH])
    app.session_state[LANGUAGE_KEY] = "en"
    app.run()
    assert app.header[0].value == dataset.regions["neck"].name
    assert "lang" not in app.query_params


def test_a_language_not_offered_gives_a_notice_and_english(dataset: Dataset) -> None:
    app = _open(region="neck", lang="klingon")
    assert app.header[0].value == dataset.regions["neck"].name
    assert any("klingon" in notice.body for notice in app.info)
