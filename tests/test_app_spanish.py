"""The pages in Spanish (``?lang=es``), driven with AppTest: every region for patients and at the chair, with no English
on them but names and citations; the teaching views say they are in English; links keep the language.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.data import PACKAGED_DATA_DIR, Dataset, load_dataset
from bodymap.i18n import _, speaking
from bodymap.lookup import region_details
from bodymap.ui.page import LANGUAGE_KEY
from tests.conftest import COMPLETE_REGIONS
from tests.panels import texts as panel_texts
from tests.test_app import _PANELS_SENT, _heading, _open, _panel_data
from tests.test_languages import ENGLISH_WORDS

SPANISH = "es"


def _choose(app: AppTest, key: str, choice: str) -> None:
    """Tap a choice of a switch: AppTest finds it by the label shown, which is the Spanish of the choice's key."""
    with speaking(SPANISH):
        app.segmented_control(key=key).set_value(_(choice)).run()


def _everything_shown(app: AppTest) -> list[str]:
    """Every text on the page and every control's label, as a reader or a screen reader meets them."""
    found = [element.value for element in (*app.markdown, *app.header, *app.subheader, *app.caption, *app.title)]
    found += [element.body for element in (*app.error, *app.warning, *app.info)]
    found += [element.label for element in (*app.button, *app.expander, *app.checkbox, *app.toggle)]
    found += [element.label for element in (*app.get("button_group"), *app.multiselect, *app.selectbox)]
    return [str(text).replace("\\", "") for text in found] + _panel_texts(app)


def _panel_texts(app: AppTest) -> list[str]:
    """Every text of the details panel, its folds and all four chair steps included; not its sources' citations."""
    data = _panel_data(app)
    if data is None:
        return []
    return panel_texts(_PANELS_SENT[str(data["version"])]["panels"][data["selected"]])  # type: ignore[index]


# Shown the same in both languages: the product's name, the language switch's names, and the muscles whose Spanish
# name is their Latin one (Iliopsoas), as the translated dataset gives them.
_SHIPPED = load_dataset(PACKAGED_DATA_DIR)
SAME_IN_BOTH = {"bodymap", "English", "Español", ""} | {
    muscle.name
    for muscle in _SHIPPED.in_language(SPANISH).muscles.values()
    if muscle.name in {english.name for english in _SHIPPED.muscles.values()}
}


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
    assert _heading(app) == spanish.regions[region_id].name
    assert _english_on(app, _open(region=region_id, audience="patient")) == []
    text = "\n".join(_everything_shown(app))
    details = region_details(spanish, region_id, "patient")
    assert all(sign.symptom in text for sign in details.help_signs)  # every warning sign, in Spanish
    assert details.summary.text in text


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_each_step_of_the_chair_script_is_all_spanish(dataset: Dataset, region_id: str) -> None:
    app = _open(region=region_id, audience="therapist", lang=SPANISH)
    assert _english_on(app, _open(region=region_id, audience="therapist")) == []  # every step and fold, in full
    questions = region_details(dataset.in_language(SPANISH), region_id, "therapist").red_flag_questions
    shown = _panel_texts(app)
    asked = [question.question for question in questions]
    assert shown[shown.index(asked[0]) :][: 2 * len(asked) : 2] == asked, "each red flag question, then its meaning"


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
    assert _heading(app) == dataset.regions["neck"].name
    assert "lang" not in app.query_params


def test_a_language_not_offered_gives_a_notice_and_english(dataset: Dataset) -> None:
    app = _open(region="neck", lang="klingon")
    assert _heading(app) == dataset.regions["neck"].name
    assert any("klingon" in notice.body for notice in app.info)
