"""The details panels as data (bodymap.panel): what each audience reads about each region, in which order, folded or
not, and that every text is plain text. The page draws these blocks unchanged (tests/browser for the drawing)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bodymap.data import AUDIENCES, PACKAGED_DATA_DIR, Audience, Dataset, load_dataset
from bodymap.i18n import speaking
from bodymap.lookup import region_details, selectable_regions
from bodymap.panel import (
    ACTIONS,
    DETAILS_ANCHOR,
    HELP_NOW_TITLE,
    PATIENT_SECTIONS,
    RUN_STYLES,
    PanelSet,
    all_panels,
    lead,
    region_panel,
    source_line,
    start_panel,
)
from bodymap.wording import evidence_label, plain_evidence_label
from tests.conftest import COMPLETE_REGIONS, built_once
from tests.panels import all_text, chair_steps, folds, headings, joined, shown, texts, walk

PANEL_JS = Path(__file__).resolve().parents[1] / "bodymap" / "ui" / "static" / "panel.js"


@built_once
def _shipped() -> Dataset:
    return load_dataset(PACKAGED_DATA_DIR)


@built_once
def _panel_set(audience: Audience) -> PanelSet:
    """An audience's panels of the shipped dataset, built once for the tests that read the whole set."""
    return all_panels(_shipped(), audience)


def _panel(dataset: Dataset, region_id: str, audience: Audience) -> list[dict[str, object]]:
    return region_panel(region_details(dataset, region_id, audience))


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_every_region_and_audience_has_its_content(dataset: Dataset, region_id: str, audience: Audience) -> None:
    blocks = _panel(dataset, region_id, audience)
    details = region_details(dataset, region_id, audience)
    assert blocks[0] == {"kind": "heading", "level": 2, "text": dataset.regions[region_id].name, "anchor": "details"}
    on_screen = all_text(shown(blocks))
    if audience == "therapist":  # the chair script, one step at a time; the rest folded below it
        assert all(point.text in on_screen for point in details.talking_points)
        assert all(line.text in on_screen for line in details.feels_like)
        steps = chair_steps(blocks)
        asked = {key: [q["text"].removeprefix("Ask yourself: ") for q in steps[key]["questions"]] for key in steps}  # type: ignore[attr-defined]
        assert asked["Ask first"] == [question.question for question in details.before_needling]
        assert asked["Red flags"] == [question.question for question in details.red_flag_questions]
        assert asked["Explain"] == asked["Afterwards"] == []
        afterwards = all_text(steps["Afterwards"]["blocks"])  # type: ignore[arg-type]
        assert all(line.text in afterwards for line in details.afterwards)
        assert all(sign in afterwards for sign in details.warning_signs)
        return
    if audience == "patient":
        assert details.summary.text in on_screen
        assert all(entry.title in on_screen and entry.text in on_screen for entry in details.conditions)
        assert all(sign.symptom in on_screen and sign.diagnosis in on_screen for sign in details.help_signs)
        assert not [block for block in walk(blocks) if any(r["style"] == "cite" for r in block.get("runs", ()))]  # type: ignore[attr-defined]
        return
    assert details.summary.text in on_screen
    assert all(entry.title in on_screen for entry in details.conditions)
    assert all(flag.title in on_screen for flag in details.red_flags)
    assert all(match.muscle.name in on_screen for match in details.muscles)
    assert dataset.notices["trigger_point_debate"].clinical_text in on_screen


def test_the_therapist_s_reference_is_folded_under_the_chair_script_and_whole_in_its_folds(dataset: Dataset) -> None:
    blocks = _panel(dataset, "shoulder", "therapist")
    details = region_details(dataset, "shoulder", "therapist")
    folded = (
        *(condition.title for condition in details.conditions),
        *(match.muscle.name for match in details.muscles),
        *(entry.text for entry in (*details.hazards, *details.contraindications, *details.session)),
        *(claim.text for claim in details.claims),
    )
    on_screen, everything = all_text(shown(blocks)), all_text(blocks)
    assert not any(item in on_screen for item in folded), "the reference is folded"
    assert all(item in everything for item in folded)
    assert all(flag.title in everything for flag in (*details.red_flags, *details.after_session))
    assert not any(fold["open"] for key, fold in folds(blocks).items() if not key.startswith("sources"))


def test_a_yes_at_the_chair_says_what_it_means_and_the_blood_thinner_question_comes_first(dataset: Dataset) -> None:
    steps = chair_steps(_panel(dataset, "low_back", "therapist"))
    assert list(steps) == ["Explain", "Ask first", "Red flags", "Afterwards"], "in the order of a visit"
    first = steps["Ask first"]["questions"][0]  # type: ignore[index]
    assert first["text"] == "Do you take blood thinners, or bruise or bleed easily?"
    assert first["tone"] == "info" and joined(first["meaning"]).startswith("Precaution: Blood-thinning medicines")
    cauda_equina = next(flag for flag in dataset.red_flags if flag.id == "rf_low_back_cauda_equina")
    (refer,) = [q for q in steps["Red flags"]["questions"] if q["id"] == "rf_low_back_cauda_equina"]  # type: ignore[attr-defined]
    assert refer["tone"] == "error", "an emergency is drawn as one"
    meaning = f"Emergency: {cauda_equina.plain_name} ({cauda_equina.name}). {cauda_equina.plain_text}"
    assert joined(refer["meaning"]).startswith(meaning)
    assert steps["Ask first"]["label_with_yes"] == "Ask first ({count} yes)"


def test_the_patient_page_opens_calmly_then_the_signs_to_get_help_for_then_the_way_through(dataset: Dataset) -> None:
    blocks = _panel(dataset, "low_back", "patient")
    details = region_details(dataset, "low_back", "patient")
    summary, box, links = blocks[1:4]
    assert joined(summary["runs"]) == details.summary.text  # type: ignore[arg-type]
    emergencies = [s.symptom for s in details.help_signs if s.urgency == "emergency" and not s.after_needling]
    assert box["tone"] == "help" and texts(box["blocks"])[:-1] == [HELP_NOW_TITLE, *emergencies]  # type: ignore[arg-type]
    assert texts(box["blocks"])[-1] == "Call your local emergency number, or go to the emergency department."  # type: ignore[arg-type]
    assert 1 <= len(emergencies) <= 6, "a few bullets, not a wall"
    assert links["links"] == [{"anchor": anchor, "text": title} for anchor, title in PATIENT_SECTIONS.items()]
    sections = [(text, anchor) for level, text, anchor in headings(blocks) if level == 3]
    assert sections == [(title, anchor) for anchor, title in PATIENT_SECTIONS.items()]


def test_when_to_get_help_comes_in_three_tiers_with_the_symptom_first(dataset: Dataset) -> None:
    blocks = _panel(dataset, "neck", "patient")
    details = region_details(dataset, "neck", "patient")
    tiers = [index for index, block in enumerate(blocks) if block["kind"] == "heading" and block["level"] == 4]
    # The neck has no "see a doctor soon" sign, so that tier is left out.
    assert [blocks[i]["text"] for i in tiers] == ["Call your local emergency number now", "See a doctor today"]
    for index, urgency in zip(tiers, ("emergency", "urgent"), strict=True):
        signs = [sign for sign in details.help_signs if sign.urgency == urgency]
        items = blocks[index + 1]["items"]
        assert items == [
            [{"text": s.symptom, "style": ""}, {"text": f" ({s.diagnosis})", "style": "small"}] for s in signs
        ]
    assert {sign.urgency for sign in details.help_signs} == {"emergency", "urgent"}


def test_a_clinic_s_emergency_number_is_named_in_the_tiers_and_called_from_the_box(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BODYMAP_EMERGENCY_NUMBER", "112")
    blocks = _panel(dataset, "neck", "patient")
    assert ("Call 112 now") in [text for level, text, _ in headings(blocks) if level == 4]
    (call,) = [block for block in walk(blocks) if block["kind"] == "call"]
    assert call == {"kind": "call", "label": "Call 112", "href": "tel:112"}


@pytest.mark.parametrize("audience", ["patient", "educator"])
def test_the_safety_sections_are_folded_and_list_every_entry(dataset: Dataset, audience: Audience) -> None:
    blocks = _panel(dataset, "neck", audience)
    details = region_details(dataset, "neck", audience)
    sections = folds(blocks)
    for key, entries in (("contraindications", details.contraindications), ("adverse_events", details.adverse_events)):
        assert entries and not sections[key]["open"]
        inside = all_text(sections[key]["blocks"])  # type: ignore[arg-type]
        assert all(entry.title in inside and entry.text in inside for entry in entries)


def test_patients_read_the_evidence_in_everyday_words_and_educators_in_the_reviews_terms(dataset: Dataset) -> None:
    patient, educator = all_text(_panel(dataset, "neck", "patient")), all_text(_panel(dataset, "neck", "educator"))
    for condition in (c for c in dataset.conditions.values() if "neck" in c.region_ids):
        plain = plain_evidence_label(condition.evidence_level, condition.evidence_duration)
        clinical = evidence_label(condition.evidence_level, condition.evidence_duration)
        assert f"Dry needling: {plain}" in patient
        assert f"Evidence for dry needling ({clinical}): " in educator
    assert "certainty" not in patient


def test_each_pattern_button_names_its_muscle(dataset: Dataset) -> None:
    """A screen reader lists buttons by name: seven "Show its pattern on the map" could not be told apart."""
    blocks = _panel(dataset, "elbow", "patient")
    buttons = [choice for block in walk(blocks) if block["kind"] == "actions" for choice in block["buttons"]]  # type: ignore[attr-defined]
    shows = [choice for choice in buttons if choice["action"] == "muscle"]
    assert len(shows) >= 4 and len({choice["label"] for choice in shows}) == len(shows)
    assert all(choice["label"] == f"Show on the map: {dataset.muscles[choice['value']].plain_name}" for choice in shows)


def test_a_condition_links_to_its_muscles(dataset: Dataset) -> None:
    condition = dataset.conditions["lateral_epicondylalgia"]
    blocks = _panel(dataset, "elbow", "educator")
    title = next(
        entry.title for entry in region_details(dataset, "elbow", "educator").conditions if entry.condition == condition
    )
    order = list(walk(blocks))
    start = next(i for i, b in enumerate(order) if b["kind"] == "heading" and b["text"] == title)
    choices = next(b for b in order[start:] if b["kind"] == "actions" and str(b["label"]).startswith("Muscles whose"))
    assert [(c["label"], c["value"]) for c in choices["buttons"]] == [
        (dataset.muscles[m].name, m) for m in condition.muscle_ids
    ]


def test_each_patient_section_says_where_it_comes_from_the_opening_included(dataset: Dataset) -> None:
    blocks = _panel(dataset, "neck", "patient")  # its opening cites sources its conditions do not
    details = region_details(dataset, "neck", "patient")
    captions = [text for text in texts(shown(blocks)) if text.startswith("Where this comes from: ")]
    assert len(captions) == 3, "what might be going on, a session, is it safe (when to get help: in its fold)"
    first = {details.source_number(source_id) for source_id in details.summary.source_ids}
    listed = captions[0].removeprefix("Where this comes from: ").removesuffix(" in Sources, at the end.")
    numbers: set[int] = set()
    for part in listed.split(", "):
        low, _, high = part.partition(" to ")
        numbers |= set(range(int(low), int(high or low) + 1))
    assert first and first <= numbers


def test_citations_are_numbers_in_the_region_s_own_list_of_sources(dataset: Dataset) -> None:
    panels = _panel_set("educator")
    blocks = panels["panels"]["elbow"]  # type: ignore[index]
    details = region_details(dataset, "elbow", "educator")
    assert dataset.notices["blinding"].clinical_text in all_text(blocks)  # type: ignore[arg-type]
    marks = [r["text"] for b in walk(blocks) for r in b.get("runs", ()) if r["style"] == "cite"]  # type: ignore[arg-type,attr-defined]
    assert marks and all(re.fullmatch(r" \[\d+(, \d+)*\]", mark) for mark in marks), "numbers, never source ids"
    cited = {int(n) for mark in marks for n in re.findall(r"\d+", mark)}
    assert cited <= set(range(1, len(details.sources) + 1))
    (numbered,) = [b for b in walk(blocks) if b["kind"] == "sources"]  # type: ignore[arg-type]
    assert numbered["ids"] == [source.id for source in details.sources]
    assert folds(blocks)["sources_educator"]["open"], "educators see the sources open"  # type: ignore[arg-type]


def test_the_claims_are_folded_for_patients_with_each_verdict_first_and_lead_to_all_claims(dataset: Dataset) -> None:
    region_id = next(region for claim in dataset.claims for region in claim.region_ids)
    blocks = _panel(dataset, region_id, "patient")
    claims = folds(blocks)["claims"]
    assert str(claims["title"]).startswith("What you may have read (") and not claims["open"]
    inside = texts(claims["blocks"])  # type: ignore[arg-type]
    region_claims = [claim for claim in dataset.claims if region_id in claim.region_ids]
    verdicts = {"supported": "Supported", "partly_supported": "Partly supported", "not_supported": "Not supported"}
    for claim in region_claims:
        verdict = verdicts.get(claim.verdict, "Contradicted by the evidence")
        assert f"{verdict}: {claim.claim}" in inside, "the verdict in front of the claim"
    assert "Check other claims about dry needling" in inside


def test_the_start_panel_says_what_a_region_shows_and_leads_to_the_claims(dataset: Dataset) -> None:
    for audience in AUDIENCES:
        blocks = start_panel(dataset, audience)
        assert headings(blocks) == [(2, "Start here", DETAILS_ANCHOR)]
        overview = dataset.notices["evidence_overview"]
        assert (overview.clinical_text if audience == "educator" else overview.plain_text) in all_text(blocks)
        buttons = [c for b in blocks if b["kind"] == "actions" for c in b["buttons"]]  # type: ignore[attr-defined]
        assert [c["action"] for c in buttons] == ["claims"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_set_holds_every_selectable_region_the_start_panel_and_every_source_its_lists_number(
    dataset: Dataset, audience: Audience
) -> None:
    panels = _panel_set(audience)
    assert list(panels["panels"]) == ["", *(region.id for region in selectable_regions(dataset))]
    numbered = {
        i for blocks in panels["panels"].values() for b in walk(blocks) if b["kind"] == "sources" for i in b["ids"]
    }  # type: ignore[attr-defined,arg-type]
    assert numbered == set(panels["sources"])
    line = panels["sources"]["ref1"] if "ref1" in panels["sources"] else next(iter(panels["sources"].values()))
    assert line[1]["style"] == "muted" and line[1]["text"].endswith(("; read in the source)", "secondary source)"))  # type: ignore[index]
    json.dumps(panels)  # sent to the page as it is


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_block_is_one_the_page_draws_and_every_run_plain_text(dataset: Dataset, audience: Audience) -> None:
    """The page draws each kind, and writes every text with textContent: no markup is ever built or escaped here."""
    panels = _panel_set(audience)
    drawn = set(re.findall(r"^  (\w+)\(block", PANEL_JS.read_text(encoding="utf-8"), flags=re.MULTILINE))
    for blocks in panels["panels"].values():
        for block in walk(blocks):  # type: ignore[arg-type]
            assert block["kind"] in drawn, block["kind"]
            for piece in block.get("runs", ()):  # type: ignore[attr-defined]
                assert set(piece) == {"text", "style"} and piece["style"] in RUN_STYLES
            for choice in block.get("buttons", ()):  # type: ignore[attr-defined]
                assert choice["action"] in ACTIONS
    text = all_text(panels["panels"]["neck"], panels["sources"])  # type: ignore[arg-type]
    assert "\\" not in text and "**" not in text and ":gray[" not in text, "no markdown left in the text"


@pytest.mark.parametrize(
    ("title", "led"),
    [
        ("Shoulder pain", "Shoulder pain. "),
        ("Not a cure.", "Not a cure. "),
        ("Is it safe?", "Is it safe? "),
        ("Stop!", "Stop! "),
        ("If…", "If… "),
    ],
)
def test_a_lead_in_ends_in_one_stop_never_two(title: str, led: str) -> None:
    assert lead(title) == {"text": led, "style": "bold"}
    if title[-1] in ".?!…":  # a space after the title's own stop adds no second one
        assert lead(f"{title} ")["text"].rstrip() == title


def test_a_source_line_gives_its_link_its_kind_and_how_it_was_checked(dataset: Dataset) -> None:
    read, secondary = dataset.sources["ref1"], dataset.sources["ref21"]
    assert (read.checked, secondary.checked) == ("V", "V2")
    assert source_line(read) == [
        {"text": f"{read.citation} {read.doi_or_url}", "style": ""},
        {"text": " (umbrella review; read in the source)", "style": "muted"},
    ]
    assert source_line(secondary)[1] == {
        "text": " (educational resource; checked through a secondary source)",
        "style": "muted",
    }
    unlinked = dataset.sources["ext_ts_ru_suboccipital"]
    assert not unlinked.doi_or_url and source_line(unlinked)[0] == {"text": unlinked.citation, "style": ""}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_start_panel_is_the_set_s_first_and_reads_as_written(dataset: Dataset, audience: Audience) -> None:
    blocks = start_panel(dataset, audience)
    assert _panel_set(audience)["panels"][""] == blocks
    overview = dataset.notices["evidence_overview"]
    assert texts(blocks) == [
        "Start here",
        "Choose a blue region on the body map, or one from the list, to see:",
        "what may be going on, and what the research says about dry needling for it;",
        "which muscles may send pain there;",
        "what a session is like;",
        "when to see a doctor instead.",
        f"{overview.title}. {overview.clinical_text if audience == 'educator' else overview.plain_text}",
        "What you may have read: clinic claims checked",
    ]
    (box,) = [block for block in blocks if block["kind"] == "box"]
    assert box["tone"] == "info" and box["blocks"][0]["runs"][0]["style"] == "bold"  # type: ignore[index]
    assert [block["label"] for block in blocks if block["kind"] == "actions"] == [""]


def test_a_spanish_patient_panel_says_whom_to_call_and_its_source_ranges_in_spanish(dataset: Dataset) -> None:
    with speaking("es"):
        blocks = region_panel(region_details(dataset.in_language("es"), "neck", "patient"))
    tiers = [text for level, text, _ in headings(blocks) if level == 4]
    assert tiers[0] == "Llame ahora a su número local de emergencias"
    where = [text for text in texts(blocks) if text.startswith("De dónde sale esto: ")]
    assert where and any(re.search(r"\d a \d", text) for text in where)
    assert not any(re.search(r"\d to \d", text) for text in where)
