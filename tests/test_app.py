"""The page, driven headlessly with AppTest: every region and audience, deep links, bad links, a broken dataset."""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.data import AUDIENCES, DATA_DIR_ENV, Audience, Dataset
from bodymap.handout import pattern_figure
from bodymap.lookup import muscles_referring_to, referral_matrix, region_details, selectable_regions
from bodymap.panel import DETAILS_ANCHOR, Block, region_panel
from bodymap.quiz import quiz_order
from bodymap.ui.atlas import AREA_LIST_OPEN_KEY
from bodymap.ui.details import PANELS_SENT_KEY
from bodymap.ui.page import AREA_LIST_LABEL, SKIP_LINK_WORDS
from tests.conftest import COMPLETE_REGIONS, EditCsv, read_table
from tests.panels import walk

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 30


def _open(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    _panel_data(app)  # the first run carries the panels: keep them for the checks after later runs
    return app


def _texts(app: AppTest) -> str:
    parts = [element.value for element in (*app.markdown, *app.header, *app.subheader, *app.caption)]
    parts += [element.body for element in (*app.error, *app.warning, *app.info)]
    return "\n".join(str(part) for part in parts).replace("\\", "")


# Every panel the page has been sent in these tests, by version: a session is sent its panels once.
_PANELS_SENT: dict[str, dict[str, object]] = {}


def _panel_data(app: AppTest) -> dict[str, object] | None:
    """What the page's details panel was given in the last run (bodymap/ui/details.py), or None if it is not shown."""
    components = [e for e in app.get("bidi_component") if e.proto.component_name == "bodymap.panel"]
    if not components:
        return None
    (component,) = components
    data: dict[str, object] = json.loads(component.proto.json)
    if data["panels"]:
        _PANELS_SENT[str(data["version"])] = data["panels"]  # type: ignore[assignment]
    return data


def _shown_panel(app: AppTest) -> list[Block]:
    """The blocks of the panel shown: the region's, or the start panel."""
    data = _panel_data(app)
    assert data is not None, "no details panel on the page"
    return _PANELS_SENT[str(data["version"])]["panels"][data["selected"]]  # type: ignore[index,no-any-return]


def _heading(app: AppTest) -> str:
    """The panel's heading: the details panel's own, or the first Streamlit header (a pattern, the lookup...)."""
    if _panel_data(app) is not None:
        return str(_shown_panel(app)[0]["text"])
    return str(app.header[0].value)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_every_region_and_audience_is_sent_its_panel(dataset: Dataset, region_id: str, audience: Audience) -> None:
    """The page draws what bodymap.panel builds (tests/test_panel.py for what that holds), for the region asked for."""
    app = _open(region=region_id, audience=audience)
    data = _panel_data(app)
    assert data is not None and data["selected"] == region_id
    assert _shown_panel(app) == region_panel(region_details(dataset, region_id, audience))
    sent = _PANELS_SENT[str(data["version"])]["panels"]
    assert list(sent) == ["", *(region.id for region in selectable_regions(dataset))]  # type: ignore[arg-type]


def test_the_panels_are_sent_once_per_session_and_again_for_another_audience_or_when_asked(dataset: Dataset) -> None:
    app = _open(region="neck")
    first = _panel_data(app)
    assert first is not None and first["panels"]
    app.pills(key="region_list").set_value("elbow").run()
    again = _panel_data(app)
    assert again is not None and again["panels"] is None and again["selected"] == "elbow"
    assert again["version"] == first["version"]
    app.segmented_control(key="audience").set_value("educator").run()
    educator = _panel_data(app)
    assert educator is not None and educator["panels"] and educator["version"] != first["version"]
    app.session_state[PANELS_SENT_KEY] = None  # what the page's "panels missing" answer does (details.py)
    app.run()
    assert _panel_data(app)["panels"]  # type: ignore[index]


def test_a_clinic_s_emergency_number_is_called_from_the_bar_and_the_panel_s_box(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The panels are built once per process: a clinic's number must reach them as it reaches the bar."""
    monkeypatch.setenv("BODYMAP_EMERGENCY_NUMBER", "112")
    app = _open(region="neck", audience="patient")
    calls = [button for button in app.get("link_button") if button.proto.label == "Call 112"]
    assert len(calls) == 1 and calls[0].proto.url == "tel:112", "the bar's"
    box = [block for block in walk(_shown_panel(app)) if block["kind"] == "call"]
    assert box == [{"kind": "call", "label": "Call 112", "href": "tel:112"}]


def test_disclaimer_is_always_shown(dataset: Dataset) -> None:
    """Its one-line title in the bar on every page, and the full statement in the bar's "About" popover."""
    disclaimer = dataset.notices["disclaimer"]
    for query in ({}, {"region": "neck"}, {"region": "foot", "audience": "educator"}):
        app = _open(**query)
        # First on the page after the keyboard's skip link (hidden until focused), which leads to the panel heading.
        skip, bar = app.markdown[0].value, app.markdown[1].value
        assert skip == f"[{SKIP_LINK_WORDS}](#{DETAILS_ANCHOR})"
        assert f"**{disclaimer.title}**" in bar
        assert disclaimer.plain_text in _texts(app)
        assert _shown_panel(app)[0]["anchor"] == DETAILS_ANCHOR, "the skip link's target is the panel's heading"


def test_default_view_is_the_overview_for_patients() -> None:
    app = _open()
    assert _heading(app) == "Start here"
    assert app.segmented_control(key="audience").value == "patient"
    assert dict(app.query_params) == {"audience": "patient"}


def test_choosing_a_region_updates_the_page_and_the_url(dataset: Dataset) -> None:
    app = _open()
    app.pills(key="region_list").set_value("elbow").run()
    assert not app.exception
    assert _heading(app) == dataset.regions["elbow"].name
    assert app.query_params["region"] == "elbow"
    app.segmented_control(key="audience").set_value("educator").run()
    assert app.query_params["audience"] == "educator"
    assert _heading(app) == dataset.regions["elbow"].name


def test_the_region_list_shows_the_region_and_keeps_it_when_its_pill_is_tapped_again(dataset: Dataset) -> None:
    """The list only changes the region when a region is chosen in it: a tap on the chosen one, or a rerun that still
    carries the list's old value from before a tap on the map, leaves the region as it is."""
    app = _open(region="neck")
    assert app.pills(key="region_list").value == "neck"
    app.pills(key="region_list").set_value(None).run()
    assert _heading(app) == dataset.regions["neck"].name and app.query_params["region"] == "neck"
    assert app.pills(key="region_list").value == "neck", "drawn as the region again"


def test_region_list_offers_every_selectable_region(dataset: Dataset) -> None:
    app = _open()
    options = app.pills(key="region_list").options
    assert len(options) == len(selectable_regions(dataset))


@pytest.mark.parametrize(
    ("query", "expected_notice"),
    [
        ({"region": "nowhere"}, "There is no region called “nowhere”"),
        ({"region": "<script>alert(1)</script>"}, "There is no region called “<script>alert(1)</script>”"),
        ({"audience": "surgeon"}, "“surgeon” is not a view"),
        ({"region": "neck", "audience": ""}, "“” is not a view"),
    ],
)
def test_bad_deep_links_give_a_notice_and_the_default_view(query: dict[str, str], expected_notice: str) -> None:
    app = _open(**query)
    assert any(expected_notice in info.body.replace("\\", "") for info in app.info)
    assert app.segmented_control(key="audience").value == "patient"


def test_link_to_a_planned_region_says_it_is_not_covered_yet(
    data_copy: Path, edit_cell: EditCsv, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = read_table(data_copy, "regions.csv")
    row = int(regions.index[regions["id"] == "knee"][0]) + 2
    edit_cell("regions.csv", row, "status", "planned")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    app = _open(region="knee")
    assert any("Knee is not covered yet" in info.body.replace("\\", "") for info in app.info)
    assert _heading(app) == "Start here"


def test_region_names_and_odd_spellings_open_the_region(dataset: Dataset) -> None:
    app = _open(region="Low-Back", audience="EDUCATOR")
    assert _heading(app) == dataset.regions["low_back"].name
    assert app.segmented_control(key="audience").value == "educator"


def test_broken_dataset_shows_problems_and_nothing_else(
    data_copy: Path, edit_cell: EditCsv, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_cell("red_flags.csv", 2, "plain_text", "")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["region"] = "neck"
    app.run()
    assert not app.exception
    assert "failed validation" in app.error[0].body
    assert "red_flags.csv row 2, column plain_text" in _texts(app)
    assert not app.header and not app.subheader and _panel_data(app) is None


# --- the referred pain atlas: "where does it hurt?" and a muscle's pattern -------------------------------------------


def test_where_it_hurts_link_lists_ranked_muscles(dataset: Dataset) -> None:
    app = _open(mode="where", zones="lateral_epicondyle,back_of_hand_lower_thumb_side")
    assert app.header[0].value == "Where does it hurt?"
    text = _texts(app)
    assert dataset.notices["where_it_hurts"].plain_text in text
    ranked = muscles_referring_to(dataset, ["lateral_epicondyle", "back_of_hand_lower_thumb_side"])
    rank = next(n for n, match in enumerate(ranked, start=1) if match.muscle.id == "extensor_carpi_radialis")
    assert f"{rank}. Extensor carpi radialis" in text  # the page shows the lookup's order (tested in test_lookup)
    assert app.query_params["zones"] == "lateral_epicondyle,back_of_hand_lower_thumb_side"


def test_where_it_hurts_opens_a_pattern_and_closes_it(dataset: Dataset) -> None:
    app = _open(mode="where", zones="heel_underside")
    app.button(key="open_soleus").click().run()
    assert not app.exception
    assert app.header[0].value == "Soleus"
    assert app.query_params["muscle"] == "soleus"
    assert "Main referral zones (solid):" in _texts(app)
    app.button(key="close_pattern").click().run()
    assert app.header[0].value == "Where does it hurt?"
    assert "muscle" not in app.query_params


@pytest.mark.parametrize(
    ("zones", "drawn_on"), [("heel_underside:left,achilles_lower:left", "left"), ("calf:left,calf:right", "right")]
)
def test_a_pattern_opened_from_where_it_hurts_is_drawn_on_the_painful_side(zones: str, drawn_on: str) -> None:
    app = _open(mode="where", zones=zones)
    if drawn_on == "left":
        chosen = "**You chose:** Underside of the heel (your left), Achilles tendon, just above the heel (your left)"
        assert chosen in _texts(app)
    app.button(key="open_soleus").click().run()
    assert not app.exception
    (switch,) = [control for control in app.get("button_group") if control.label == "Draw it on"]
    assert switch.value == drawn_on
    assert app.session_state["pattern_side"] == drawn_on


def test_clearing_the_chosen_areas(dataset: Dataset) -> None:
    app = _open(mode="where", zones="temple,occiput")
    app.button(key="clear_zones").click().run()
    assert "zones" not in app.query_params
    assert "Choose every area that hurts" in _texts(app)


@pytest.mark.parametrize("muscle_id", ["upper_trapezius", "soleus", "scalenes"])
def test_muscle_deep_link_shows_its_pattern_in_words(dataset: Dataset, muscle_id: str) -> None:
    app = _open(muscle=muscle_id)
    muscle = dataset.muscles[muscle_id]
    assert app.header[0].value == muscle.name
    essential = [r.zone_id for r in dataset.referrals if r.muscle_id == muscle_id and r.kind == "essential"]
    text = _texts(app)
    assert all(dataset.zones[zone_id].name in text for zone_id in essential)


def test_bad_atlas_links_give_notices() -> None:
    app = _open(mode="sideways", zones="heal,temple", muscle="bicep_curls")
    notices = " ".join(info.body.replace("\\", "") for info in app.info)
    assert "“sideways” is not a mode" in notices
    assert "left out: heal" in notices
    assert "There is no muscle called “bicep_curls”" in notices


def test_muscle_search_opens_the_pattern(dataset: Dataset) -> None:
    app = _open(region="neck")
    assert not any(box.key == "muscle_search" for box in app.selectbox), "built only while its popover is open"
    app.session_state["muscle_search_open"] = True  # what opening the "Find a muscle" popover does
    app.run()
    app.selectbox(key="muscle_search").select("levator_scapulae").run()
    assert not app.exception
    assert app.header[0].value == dataset.muscles["levator_scapulae"].name
    assert app.session_state["muscle_search_open"] is False, "the search closes so the drawn pattern is in view"


def _table(app: AppTest) -> ET.Element:
    (html,) = [element.proto.body for element in app.get("html") if element.proto.body.startswith('<div class="matrix')]
    return ET.fromstring(html)


def _cells(table: ET.Element) -> list[list[str]]:
    return [["".join(cell.itertext()) for cell in row] for row in table.iter("tr")]


def test_the_referral_matrix_of_a_region_is_a_table_of_its_zones_and_muscles(dataset: Dataset) -> None:
    app = _open(mode="matrix", region="elbow", audience="educator")
    assert app.header[0].value == "Referral matrix" and app.query_params["mode"] == "matrix"
    header, *rows = _cells(_table(app))
    matrix = referral_matrix(dataset, "elbow")
    assert header == ["Muscle", *(zone.name for zone in matrix.zones)]  # one region: named above, not per column
    kinds = {(r.muscle_id, r.zone_id): r.kind for r in dataset.referrals}
    letters = {"essential": "E", "spillover": "S"}
    expected = [[m.name, *(letters.get(kinds.get((m.id, z.id), ""), "") for z in matrix.zones)] for m in matrix.muscles]
    assert rows == expected
    app.toggle(key="matrix_whole_patterns").set_value(True).run()
    wider = _cells(_table(app))[0]
    outside = {zone.name for zone in dataset.zones.values() if zone.region_id != "elbow"}
    assert len(wider) > len(header) and any(name.endswith(tuple(outside)) for name in wider[len(header) :])
    assert wider[1] == "Elbow" + matrix.zones[0].name  # several regions: each named where its zones begin


def test_the_whole_body_matrix_sums_each_region_and_opens_one(dataset: Dataset) -> None:
    app = _open(mode="matrix", audience="educator")
    header, *rows = _cells(_table(app))
    assert header[0] == "Muscle" and set(header[1:]) == {region.name for region in selectable_regions(dataset)}
    supinator = next(row for row in rows if row[0] == dataset.muscles["supinator"].name)
    elbow_zones = {zone.id for zone in dataset.zones.values() if zone.region_id == "elbow"}
    referred = [r for r in dataset.referrals if r.muscle_id == "supinator" and r.zone_id in elbow_zones]
    essential = sum(r.kind == "essential" for r in referred)
    spillover = sum(r.kind == "spillover" for r in referred)
    words = " ".join(
        part for part in (f"{essential} E" if essential else "", f"{spillover} S" if spillover else "") if part
    )
    assert supinator[header.index("Elbow")] == words
    assert [row[0] for row in rows] == sorted((row[0] for row in rows), key=str.casefold)
    app.pills(key="matrix_open_region").set_value("elbow").run()
    elbow = [zone.name for zone in referral_matrix(dataset, "elbow").zones]
    assert app.session_state["region"] == "elbow" and _cells(_table(app))[0][1:] == elbow


def test_a_link_with_three_muscles_draws_the_first_and_compares_two_and_the_choice_is_kept(dataset: Dataset) -> None:
    app = _open(muscle="supinator,extensor_carpi_radialis,brachioradialis", audience="educator")
    assert app.header[0].value == "Supinator"
    compare = app.multiselect(key="compare_supinator")
    assert compare.value == ["extensor_carpi_radialis", "brachioradialis"]
    assert app.query_params["muscle"] == "supinator,extensor_carpi_radialis,brachioradialis"
    assert any(caption.value.startswith("On the map: Supinator solid and hatched;") for caption in app.caption)
    app.toggle(key="small_multiples").set_value(True).run()
    drawn = ("supinator", "extensor_carpi_radialis", "brachioradialis")
    views = [len(pattern_figure(dataset, muscle_id).frames) for muscle_id in drawn]
    figures = [html for html in app.get("html") if html.proto.body.startswith('<img class="small-multiple"')]
    assert len(figures) == sum(views)  # one small figure per muscle: a close-up of each view it is on
    compare.set_value(["anconeus"]).run()
    assert app.session_state["compare"] == ["anconeus"] and app.query_params["muscle"] == "supinator,anconeus"
    app.button(key="close_pattern").click().run()
    assert app.session_state["compare"] == [] and "muscle" not in app.query_params


def test_the_presenter_view_is_for_educators_and_kept_in_the_link() -> None:
    app = _open(region="elbow", audience="educator")
    assert app.toggle(key="present").value is False and "present" not in app.query_params
    app.toggle(key="present").set_value(True).run()
    assert app.query_params["present"] == "1"
    assert _open(region="elbow", audience="educator", present="1").toggle(key="present").value is True
    patient = _open(region="elbow", audience="patient", present="1")
    assert (
        not [toggle for toggle in patient.toggle if toggle.key == "present"] and "present" not in patient.query_params
    )


# --- take-home and teaching ------------------------------------------------------------------------------------------


def test_self_test_mode_is_seeded_from_the_link(dataset: Dataset) -> None:
    app = _open(mode="quiz", audience="educator", seed="42")
    assert app.header[0].value == "Self-test"
    assert app.number_input(key="quiz_seed_input").value == 42
    assert app.query_params["seed"] == "42"
    app.number_input(key="quiz_seed_input").set_value(43).run()
    assert app.query_params["seed"] == "43"


def _popover_labels(app: AppTest) -> list[str]:
    return [block.proto.popover.label for block in app.get("popover")]


def test_self_test_hides_the_muscle_search() -> None:
    assert "Find a muscle" in _popover_labels(_open(region="neck", audience="educator"))
    assert "Find a muscle" not in _popover_labels(_open(mode="quiz", audience="educator", seed="42"))


def test_a_class_link_opens_its_regions_and_length_and_the_class_qr_carries_them(dataset: Dataset) -> None:
    app = _open(mode="quiz", audience="educator", seed="42", quiz_region="elbow", n="10")
    first = quiz_order(dataset, 42, ["elbow"], 10)[0]
    assert "Question 1 of 10" in _texts(app) and first.prompt in _texts(app)
    assert (app.query_params["quiz_region"], app.query_params["n"]) == ("elbow", "10")  # written back as it was
    assert not app.code, "closed, the class QR code builds nothing"
    app.session_state["quiz_class_qr"] = True  # what opening the popover does
    app.run()
    links = [code.value for code in app.code]
    assert any(link.endswith("?audience=educator&mode=quiz&seed=42&quiz_region=elbow&n=10") for link in links), links


def test_self_test_is_offered_to_educators_only() -> None:
    app = _open(mode="quiz", audience="patient")
    assert app.pills(key="mode").value == "explore"
    assert app.pills(key="mode").options == ["Explore", "Where it hurts", "Claims checked"]


def test_share_popover_offers_the_patient_link_and_handout(dataset: Dataset) -> None:
    app = _open(region="foot", audience="therapist")
    assert not app.code, "closed, the popover builds nothing"
    app.session_state["share_open"] = True  # what opening the popover does
    app.run()
    texts = [code.value for code in app.code]
    assert any(text.endswith("?region=foot&audience=patient") for text in texts)
    (download,) = [button for button in app.get("download_button")]
    assert download.proto.label == "Download the patient handout (PDF)"


@pytest.mark.parametrize(
    ("query", "offered"),
    [
        ({"mode": "where", "zones": "temple:right,lateral_epicondyle:left"}, True),
        ({"mode": "where"}, False),  # no area chosen yet, and no region: nothing to print
    ],
)
def test_where_it_hurts_offers_a_handout_of_its_answer(query: dict[str, str], offered: bool) -> None:
    app = _open(audience="therapist", **query)
    app.session_state["share_open"] = True
    app.run()
    downloads = [button.proto.label for button in app.get("download_button")]
    assert downloads == (["Download the patient handout (PDF)"] if offered else [])
    captions = [caption.value for caption in app.caption]
    assert ("Choose a region, a muscle or the areas that hurt to print a handout for them." in captions) != offered
    link = "?audience=patient&mode=where&zones=temple:right,lateral_epicondyle:left"  # the areas kept
    assert any(code.value.endswith(link) for code in app.code) == offered


# --- safety wherever pain is looked up, and the clinic claims checked ----------------------------------------------


def test_where_it_hurts_shows_the_warning_signs_above_the_muscles(dataset: Dataset) -> None:
    app = _open(mode="where", zones="temple,eye_area")
    subheaders = [element.value for element in app.subheader]
    assert subheaders.index("Check these warning signs first") < subheaders.index(
        "Muscles worth examining, most likely first"
    )
    labels = [expander.label.replace("\\", "") for expander in app.expander]
    gca = next(f for f in dataset.red_flags if f.scope == "head_jaw" and "giant cell" in f.name.casefold())
    assert any(label.endswith(gca.plain_name) for label in labels), labels


def test_where_it_hurts_without_areas_shows_no_warning_list() -> None:
    app = _open(mode="where")
    assert "Check these warning signs first" not in [element.value for element in app.subheader]


VERDICTS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "not_supported": "Not supported",
    "contradicted": "Contradicted by the evidence",
}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_claims_page_gives_every_claim_its_verdict(dataset: Dataset, audience: Audience) -> None:
    app = _open(mode="claims", audience=audience)
    assert app.header[0].value == "What you may have read"
    text = _texts(app)
    for claim in dataset.claims:
        assert f"**{VERDICTS[claim.verdict]}:** *{claim.claim}*" in text, claim.id
        assert (claim.clinical_text if audience == "educator" else claim.plain_text) in text


def test_tapping_the_chosen_mode_again_keeps_it() -> None:
    app = _open(mode="where", zones="calf")
    app.pills(key="mode").set_value(None).run()
    assert app.pills(key="mode").value == "where"
    assert app.header[0].value == "Where does it hurt?"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_pattern_shows_the_needling_card_to_clinicians_and_a_plain_sentence_to_patients(
    dataset: Dataset, audience: Audience
) -> None:
    app = _open(muscle="scalenes", audience=audience)
    card = dataset.needling_cards["scalenes"]
    text = _texts(app)
    if audience == "patient":
        assert card.plain_text in text
        assert card.depth not in text and "Needling card" not in text
    else:
        assert "Needling card" in text
        assert dataset.notices["needling_cards"].clinical_text in text  # for clinicians trained in dry needling
        assert card.depth in text and all(item in text for item in card.structures_at_risk)


@pytest.mark.parametrize(("setting", "call"), [("112", ("Call 112", "tel:112")), ("", None)])
def test_when_to_get_help_now_calls_the_clinics_emergency_number(
    monkeypatch: pytest.MonkeyPatch, setting: str, call: tuple[str, str] | None
) -> None:
    """A number is offered only when the clinic set one; otherwise the bar says to call the local number."""
    monkeypatch.setenv("BODYMAP_EMERGENCY_NUMBER", setting)
    app = _open()
    buttons = [(button.proto.label, button.proto.url) for button in app.get("link_button")]
    assert buttons == ([call] if call else [])
    assert ("**Call your local emergency number.**" in _texts(app)) is (call is None)


def test_each_pattern_button_in_where_it_hurts_names_its_muscle() -> None:
    """A screen reader lists buttons by name: seven "Show its pattern on the map" could not be told apart (the
    details panel's: tests/test_panel.py)."""
    app = _open(mode="where", zones="calf")
    labels = [button.label for button in app.button if button.label.startswith("Show on the map: ")]
    assert len(labels) >= 4 and len(labels) == len(set(labels))


def test_where_it_hurts_offers_every_area_in_a_list_that_shares_the_map_s_choice(dataset: Dataset) -> None:
    """For a keyboard, a screen reader or an area too small to tap: the list and the map show and change one choice."""
    app = _open(mode="where", zones="lateral_epicondyle:left")
    assert not [widget for widget in app.multiselect if widget.label == AREA_LIST_LABEL], "folded until opened"
    app.session_state[AREA_LIST_OPEN_KEY] = True  # what opening the fold does
    app.run()
    (area_list,) = [widget for widget in app.multiselect if widget.label == AREA_LIST_LABEL]
    assert area_list.value == ["lateral_epicondyle:left"]
    # Every zone is offered: a paired zone on each side, a midline zone once.
    offered = set(area_list.options)
    assert "Sacrum" in offered and "Upper calf, inner side (your left)" in offered
    assert "Upper calf, inner side (your right)" in offered and "Sacrum (your left)" not in offered
    assert len(offered) > len(dataset.zones)
    area_list.select("calf_upper_inner:right").run()
    assert app.session_state["zones"] == ["lateral_epicondyle:left", "calf_upper_inner:right"]
    assert "Upper calf, inner side (your right)" in _texts(app)
    assert app.query_params["zones"] == "lateral_epicondyle:left,calf_upper_inner:right"
    expected = muscles_referring_to(dataset, ["lateral_epicondyle", "calf_upper_inner"])[0].muscle.name
    assert f"**1. {expected}**" in _texts(app)


def test_the_server_skips_streamlits_full_garbage_collection_after_each_run() -> None:
    """72% of the server's CPU under a class's load went to it (docs/benchmarks.md); and nothing is sent anywhere."""
    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert config["browser"]["gatherUsageStats"] is False
