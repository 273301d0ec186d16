"""The page's pieces and its state: what is shown, kept in step with the URL.

State lives in ``st.session_state`` under one key per piece: ``region`` (shown, not owned, by the region list),
``audience`` and ``mode`` (also the keys of the widgets that change them), ``zones`` (the areas chosen in "where does
it hurt?" or for a self-test answer), ``muscle`` (the referral pattern drawn on the map), ``zoom``, ``zoom_view`` and
``zoom_side`` (the close-up), and ``seed`` (the self-test's class code; the quiz keeps its own ``quiz_*`` keys). The
map's tap callbacks write ``region`` and ``zones``. The URL is read once per session and written back at the end of
every run, so any view can be bookmarked or shared.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path
from typing import Literal

import streamlit as st

from bodymap.data import AUDIENCES, ENGLISH, VIEWS, Audience, Dataset
from bodymap.i18n import N_, _, current_language, offered_languages, use_language
from bodymap.links import (
    DEFAULT_MODE,
    MAX_COMPARED,
    MAX_SEED,
    MODES,
    Mode,
    parse_language,
    parse_view_request,
    view_query,
)
from bodymap.lookup import (
    muscle_pattern,
    muscles_referring_to,
    red_flags_for_zones,
    region_zones,
    selectable_regions,
)
from bodymap.panel import DETAILS_ANCHOR
from bodymap.sides import SIDES, ZoneChoice, painful_side, parse_choice, toggle, zone_ids
from bodymap.ui.atlas import matrix_ui, pattern_ui, where_ui
from bodymap.ui.body_map import TAP_REGION, TAP_ZONE, Side, Zoom, body_map_ui, sided_zone_ids, tapped
from bodymap.ui.claims_ui import claims_ui
from bodymap.ui.details import details_ui
from bodymap.ui.quiz_ui import (
    answering_on_map,
    class_code,
    class_length,
    class_regions,
    ensure_started,
    quiz_ui,
    set_class,
    wrong_muscle,
)
from bodymap.ui.share_ui import current_base_url, handout_download_ui, share_ui
from bodymap.ui.text import literal
from bodymap.ui.widgets import call_emergency_ui, open_chosen
from bodymap.wording import VIEW_WORDS

REGION_KEY = "region"
REGION_LIST_KEY = "region_list"  # the "Or choose a region" pills, which show REGION_KEY and change it when tapped
AUDIENCE_KEY = "audience"
MODE_KEY = "mode"
MODE_SHOWN_KEY = "mode_shown"  # the mode of the last run, to restore when its pill is tapped again
ZONES_KEY = "zones"
MUSCLE_KEY = "muscle"
LANGUAGE_KEY = "language"  # a code of data/languages.csv, offered only when complete (bodymap.i18n)
COMPARE_KEY = "compare"  # up to two more muscles drawn beside the one in MUSCLE_KEY
PRESENT_KEY = "present"  # the presenter layout (educators): one large figure, 20 px text, slim controls
MUSCLE_SEARCH_KEY = "muscle_search"
MUSCLE_SEARCH_OPEN_KEY = "muscle_search_open"
ZOOM_KEY = "zoom"
ZOOM_VIEW_KEY = "zoom_view"
ZOOM_SIDE_KEY = "zoom_side"  # the side of the person a zoom shows: "right" or "left"
PATTERN_VIEW_KEY = "pattern_view"  # "close_up" (the default) or "whole": how a muscle's pattern is framed on the map
PATTERN_VIEWS = {"close_up": N_("Close-up"), "whole": N_("Whole body")}
PATTERN_SIDE_KEY = "pattern_side"  # "right" (as the data and Travell & Simons draw it) or "left" (mirrored)
SIDE_CHOICES = {"right": N_("Your right"), "left": N_("Your left")}  # a pattern's side and a zoom's
SHARE_FOR_KEY = "share_for"
SHARE_FOR = {"patient": N_("A patient"), "this_view": N_("This view")}
NOTICES_KEY = "notices"
URL_READ_KEY = "url_read"
PAGE_CSS = Path(__file__).resolve().parent / "static" / "page.css"
SEED_KEY = "seed"
SHARE_KEY = "share_open"
MODE_LABELS = {
    "explore": N_("Explore"),
    "where": N_("Where it hurts"),
    "claims": N_("Claims checked"),
    "matrix": N_("Matrix"),
    "quiz": N_("Self-test"),
}
AUDIENCE_LABELS = {"patient": N_("Patient"), "therapist": N_("Therapist"), "educator": N_("Educator")}
# Patients and therapists at the chair need the map, the lookup and the claims checked; the matrix and self-test are
# for teaching.
MODES_FOR: dict[Audience, tuple[Mode, ...]] = {
    "patient": ("explore", "where", "claims"),
    "therapist": ("explore", "where", "claims", "matrix"),
    "educator": MODES,
}


@cache
def _page_css() -> str:
    """The page's stylesheet, read once per process rather than on every rerun."""
    return PAGE_CSS.read_text(encoding="utf-8")


def page_style_ui() -> None:
    """Sticky disclaimer, 44 px targets, caption contrast: see static/page.css."""
    st.html(f"<style>{_page_css()}</style>")


def restore_view_from_url(dataset: Dataset) -> None:
    """On a session's first run, open the view the URL asks for; bad values become notices.

    The language first (the link's, else the browser's, else English), so the notices are in it.
    """
    if st.session_state.get(URL_READ_KEY):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    offered = offered_languages(dataset)
    language, language_notice = parse_language(params, offered)
    st.session_state[LANGUAGE_KEY] = language or _browser_language(offered)
    use_language(st.session_state[LANGUAGE_KEY])
    request = parse_view_request(params, dataset)
    st.session_state[REGION_KEY] = request.region_id
    st.session_state[AUDIENCE_KEY] = request.audience
    st.session_state[MODE_KEY] = request.mode
    _set_zones(list(request.zone_ids))
    st.session_state[MUSCLE_KEY] = request.muscle_id
    st.session_state[COMPARE_KEY] = list(request.compare_ids)
    st.session_state[PRESENT_KEY] = request.present
    st.session_state[SEED_KEY] = request.seed if request.seed is not None else secrets.randbelow(MAX_SEED)
    set_class(request.quiz_region_ids, request.quiz_length)
    st.session_state[NOTICES_KEY] = [*([language_notice] if language_notice else []), *request.notices]
    st.session_state[URL_READ_KEY] = True


def _browser_language(offered: Sequence[str]) -> str:
    """The browser's language (``es-MX`` -> ``es``) if bodymap is offered in it, else English."""
    locale = (st.context.locale or "").split("-")[0].lower()
    return locale if locale in offered else ENGLISH


def page_in_language(dataset: Dataset) -> Dataset:
    """Speak the session's language for this run: the interface's words and the dataset's texts, both complete."""
    offered = offered_languages(dataset)
    code = st.session_state.get(LANGUAGE_KEY) or ENGLISH
    code = code if code in offered else ENGLISH
    use_language(code)
    return dataset.in_language(code)


def _language() -> str:
    return current_language()


def _audience() -> Audience:
    return st.session_state.get(AUDIENCE_KEY) or AUDIENCES[0]


def _mode() -> Mode:
    return st.session_state.get(MODE_KEY) or DEFAULT_MODE


def _view_query(audience: Audience) -> dict[str, str]:
    """The query that reopens what is shown now, for this audience: the mode, areas, muscle and class code kept."""
    return view_query(
        region_id=st.session_state.get(REGION_KEY),
        audience=audience,
        mode=_mode(),
        zone_ids=st.session_state.get(ZONES_KEY, []) if _mode() == "where" else (),
        # In the self-test the drawn muscle is an answer: keep it out of a link that students might see.
        muscle_id=st.session_state.get(MUSCLE_KEY) if _mode() != "quiz" else None,
        compare_ids=_compared_ids(),
        seed=class_code() if _mode() == "quiz" else None,
        quiz_region_ids=class_regions() if _mode() == "quiz" else (),
        quiz_length=class_length() if _mode() == "quiz" else None,
        present=audience == "educator" and presenting(),
        language=_language(),
    )


def presenting() -> bool:
    """The presenter layout is on: an educator projecting to a class."""
    return _audience() == "educator" and bool(st.session_state.get(PRESENT_KEY))


def write_view_to_url() -> None:
    """Make the URL reopen what is shown now (this causes no rerun)."""
    wanted = _view_query(_audience())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


HELP_NOW_KEY = "help_now"  # on a phone its button floats at the foot of the screen (page.css)


def disclaimer_ui(dataset: Dataset) -> None:
    """The always-visible bar: an educational reference, not a diagnosis, and one tap to when to get help now."""
    disclaimer, emergency = dataset.notices["disclaimer"], dataset.notices["emergency"]
    # One line (its title), so the map fits on a tablet's screen; the full statement is one tap away.
    with st.container(key="disclaimer", horizontal=True, vertical_alignment="center"):
        st.markdown(f":material/info: **{literal(disclaimer.title)}**", width="stretch")
        _language_switch_ui(dataset)
        with st.popover(_("About"), key="about_bodymap"):
            st.markdown(literal(disclaimer.plain_text))
        with st.popover(literal(emergency.title), icon=":material/emergency:", type="primary", key=HELP_NOW_KEY):
            call_emergency_ui(f"**{_(CALL_WORDS)}**")
            st.markdown(literal(emergency.plain_text))


CALL_WORDS = N_("Call {number}.")


def _language_switch_ui(dataset: Dataset) -> None:
    """One tap to another language, in the bar (each named in itself), when bodymap is offered in more than one."""
    offered = offered_languages(dataset)
    if len(offered) > 1:
        names = {code: dataset.languages[code].name for code in offered}
        st.segmented_control(
            _("Language"),
            offered,
            format_func=names.__getitem__,
            key=LANGUAGE_KEY,
            required=True,
            label_visibility="collapsed",  # read out by screen readers; the names say what it is
        )


SKIP_LINK_WORDS = N_("Skip the map: go to the details")


def skip_link_ui() -> None:
    """The page's first stop for a keyboard: past the controls and the map, to the panel's heading (hidden until
    focused, as skip links are)."""
    with st.container(key="skip_link"):
        st.markdown(f"[{_(SKIP_LINK_WORDS)}](#{DETAILS_ANCHOR})")


def notices_ui() -> None:
    """Friendly notices, e.g. about a link that could not be opened; shown as text, then forgotten."""
    for notice in st.session_state.get(NOTICES_KEY, []):
        st.info(literal(notice), icon=":material/link_off:")
    st.session_state[NOTICES_KEY] = []


def controls_ui() -> Audience:
    """Title, audience switch and mode switch: each one tap, each a large target."""
    title, audience, mode = st.columns([2, 4, 5], vertical_alignment="bottom")
    # Presenting, the bar is slim: the controls keep their names for screen readers but show no label above them.
    labels: Literal["collapsed", "visible"] = "collapsed" if presenting() else "visible"
    with title, st.container(key="brand"):
        st.title("bodymap", anchor=False)
    with audience:
        st.segmented_control(
            _("Who is this for?"),
            AUDIENCES,
            format_func=lambda audience: _(AUDIENCE_LABELS[audience]),
            key=AUDIENCE_KEY,
            required=True,
            width="stretch",
            label_visibility=labels,
        )
    with mode:
        allowed = MODES_FOR[_audience()]
        if _mode() not in allowed:
            st.session_state[MODE_KEY] = DEFAULT_MODE
        # Pills, not a segmented control: an educator's five modes must wrap on a phone rather than scroll sideways.
        st.pills(
            _("Mode"),
            allowed,
            format_func=lambda mode: _(MODE_LABELS[mode]),
            key=MODE_KEY,
            on_change=_on_mode_change,
            wrap=True,
            label_visibility=labels,
        )
    st.session_state[MODE_SHOWN_KEY] = _mode()
    if _audience() == "educator":
        st.toggle("Presenter view: a large figure and large text, for projecting", key=PRESENT_KEY)
    return _audience()


def _on_region_tap(dataset: Dataset) -> None:
    region = dataset.regions.get(tapped(TAP_REGION) or "")
    if region is None:
        return
    st.session_state[MUSCLE_KEY] = None
    if region.is_complete:
        st.session_state[REGION_KEY] = region.id
    else:
        st.session_state[NOTICES_KEY] = [
            _("{region} is not covered yet. Pick a blue region on the body map.").format(region=region.name)
        ]


def _open_region(region_id: str) -> None:
    """Open a region from a list (the whole-body matrix's): as a tap on it on the map does."""
    st.session_state[MUSCLE_KEY] = None
    st.session_state[REGION_KEY] = region_id


def _on_zone_tap(dataset: Dataset) -> None:
    choice = parse_choice(tapped(TAP_ZONE) or "")
    if choice is None or choice.zone_id not in dataset.zones:
        return
    _set_zones(toggle(st.session_state.get(ZONES_KEY, []), choice.key))


def _open_muscle(muscle_id: str) -> None:
    if muscle_id != st.session_state.get(MUSCLE_KEY):
        st.session_state[COMPARE_KEY] = []  # a new muscle starts alone; the pattern's panel adds others to compare
    st.session_state[MUSCLE_KEY] = muscle_id


def _compare_with(muscle_ids: list[str]) -> None:
    st.session_state[COMPARE_KEY] = muscle_ids[:MAX_COMPARED]


def _compared_ids() -> list[str]:
    """The muscles drawn beside the pattern: never the pattern's own, none without a pattern or in the self-test."""
    primary = st.session_state.get(MUSCLE_KEY)
    if _mode() == "quiz" or primary is None:
        return []
    return [muscle_id for muscle_id in st.session_state.get(COMPARE_KEY) or [] if muscle_id != primary][:MAX_COMPARED]


def _compared(dataset: Dataset) -> list[str]:
    """What the map draws beside the pattern; in the self-test, a muscle given as a wrong answer, beside the right."""
    if _mode() == "quiz":
        wrong = wrong_muscle(dataset)
        return [wrong] if wrong else []
    return [muscle_id for muscle_id in _compared_ids() if muscle_id in dataset.muscles]


def _open_muscle_on_painful_side(muscle_id: str) -> None:
    """From "where does it hurt?": draw the pattern on the side that hurts, when every area chosen is on one side."""
    st.session_state[PATTERN_SIDE_KEY] = painful_side(st.session_state.get(ZONES_KEY, [])) or "right"
    _open_muscle(muscle_id)


def _show_quiz_answer(muscle_id: str | None) -> None:
    """The self-test draws an answer's pattern on the map; a new question starts with a clean map."""
    st.session_state[MUSCLE_KEY] = muscle_id
    if muscle_id is None:
        _set_zones([])


def _on_zoom_change(dataset: Dataset) -> None:
    """Zooming to a region starts on the view that shows it best (its front or back); a hand's close-up has one."""
    target = st.session_state.get(ZOOM_KEY)
    if target in dataset.regions:
        st.session_state[ZOOM_VIEW_KEY] = dataset.regions[target].view
    elif target in dataset.close_ups:
        st.session_state[ZOOM_VIEW_KEY] = dataset.close_ups[target].view


def _zoom(dataset: Dataset) -> Zoom | None:
    target = st.session_state.get(ZOOM_KEY)
    side = _chosen_side(ZOOM_SIDE_KEY)
    if target in dataset.close_ups:
        close_up = dataset.close_ups[target]
        return Zoom(close_up.zone_ids, close_up.view, close=True, side=side)
    if target not in dataset.regions:
        return None
    zone_ids = tuple(zone.id for zone in region_zones(dataset, target))
    return Zoom(zone_ids, st.session_state.get(ZOOM_VIEW_KEY) or dataset.regions[target].view, side=side)


def _zoom_name(dataset: Dataset, target: str) -> str:
    return literal(dataset.regions[target].name if target in dataset.regions else dataset.close_ups[target].name)


def _on_region_list_change() -> None:
    """Open the region chosen from the list; a tap on the chosen one keeps it (as the mode's pills do).

    The list has its own key, not REGION_KEY: a run the page asked for before the map's tap reached it would carry
    the list's old value, and as REGION_KEY's widget it would put the old region back (seen once in about 20 runs
    of the keyboard walk-through, tests/browser/test_chair.py). Only a choice made in the list changes the region.
    """
    chosen = st.session_state.get(REGION_LIST_KEY)
    if chosen:
        _close_pattern()
        st.session_state[REGION_KEY] = chosen


def _close_pattern() -> None:
    st.session_state[MUSCLE_KEY] = None
    st.session_state[COMPARE_KEY] = []


def _on_mode_change() -> None:
    """A second tap on the chosen mode would clear the pills; keep that mode instead, as a segmented control would."""
    if st.session_state.get(MODE_KEY) is None:
        st.session_state[MODE_KEY] = st.session_state.get(MODE_SHOWN_KEY) or DEFAULT_MODE
    _close_pattern()


def _open_claims() -> None:
    st.session_state[MODE_KEY] = "claims"
    _close_pattern()


AREA_LIST_KEY = "area_list"
AREA_LIST_GENERATION_KEY = "area_list_generation"  # renews the list's widget when the map changes the choice
AREA_LIST_LABEL = N_("Or choose the areas from a list")


def _area_choices(dataset: Dataset) -> list[str]:
    """Every area the map offers, as the map writes a choice: on the person's left and right, or on the midline."""
    sided = sided_zone_ids()
    return [
        key
        for zone in dataset.zones.values()
        for key in ([ZoneChoice(zone.id, side).key for side in SIDES] if zone.id in sided else [zone.id])
    ]


def _set_zones(choices: list[str]) -> None:
    """Change the areas chosen from anywhere but the list (the map, a link, a clear): the list is drawn anew.

    A new key, not a value written into the old one: a tap sent while the last run's page was still on its way carries
    the list's value from before that run, and the old widget would take it for a change and undo the earlier tap.
    """
    st.session_state[ZONES_KEY] = choices
    st.session_state[AREA_LIST_GENERATION_KEY] = st.session_state.get(AREA_LIST_GENERATION_KEY, 0) + 1


def _area_list_ui(dataset: Dataset) -> None:
    """The map's choice as a searchable list (type to filter): one Tab stop, read out by screen readers, and a
    target of full size for areas the map draws small. It shows and changes the same choice as the map; a choice
    made in it keeps the same widget, so the keyboard's focus stays in the list."""
    chosen = list(st.session_state.get(ZONES_KEY, []))
    options = _area_choices(dataset)
    options += [key for key in chosen if key not in options]  # a link's area without a side: both sides
    key = f"{AREA_LIST_KEY}_{st.session_state.get(AREA_LIST_GENERATION_KEY, 0)}"
    st.multiselect(
        _(AREA_LIST_LABEL),
        options,
        default=chosen,
        key=key,
        format_func=lambda choice: _area_words(dataset, choice),
        on_change=_on_area_list_change,
        args=(key,),
        placeholder=_("Type an area, e.g. calf"),
        filter_mode="contains",  # "calf" finds the calf's parts, not every name with c, a, l and f in order
        select_all=False,  # Enter after typing takes the area highlighted, never all of them
    )


def _area_words(dataset: Dataset, key: str) -> str:
    choice = parse_choice(key)
    return choice.words(dataset) if choice and choice.zone_id in dataset.zones else key


def _on_area_list_change(key: str) -> None:
    st.session_state[ZONES_KEY] = list(st.session_state[key])


def _clear_zones() -> None:
    _set_zones([])


def map_ui(dataset: Dataset) -> None:
    """The body map, and in explore mode the same choice as a list of buttons for anyone not using the map."""
    muscle_id = st.session_state.get(MUSCLE_KEY)
    pattern = muscle_pattern(dataset, muscle_id) if muscle_id in dataset.muscles else None
    if _mode() == "quiz":
        ensure_started(st.session_state[SEED_KEY])
    taking_zone_taps = (_mode() == "where" and pattern is None) or (_mode() == "quiz" and answering_on_map(dataset))
    body_map_ui(
        dataset,
        # In the self-test a region tap would do nothing: the map is inert unless a question is answered on it.
        mode="zones" if taking_zone_taps else "inert" if _mode() == "quiz" else "regions",
        selected_region=None if pattern else st.session_state.get(REGION_KEY),
        chosen_zones=st.session_state.get(ZONES_KEY, []) if taking_zone_taps else (),
        pattern=pattern,
        compare=[muscle_pattern(dataset, muscle_id) for muscle_id in _compared(dataset)],  # a wrong answer too
        zoom=_zoom(dataset) if taking_zone_taps else None,
        close_up=_chosen(PATTERN_VIEW_KEY, PATTERN_VIEWS) == "close_up",
        side=_chosen_side(PATTERN_SIDE_KEY),
        answering=_mode() == "quiz",
        on_region_tap=partial(_on_region_tap, dataset),
        on_zone_tap=partial(_on_zone_tap, dataset),
    )
    if pattern:
        frame, side = st.columns(2)
        with frame:
            _switch(_("Map"), PATTERN_VIEWS, PATTERN_VIEW_KEY)
        with side:
            _switch(_("Draw it on"), SIDE_CHOICES, PATTERN_SIDE_KEY)
    if taking_zone_taps:
        st.pills(
            _("Zoom in on small areas"),
            [*dataset.regions, *dataset.close_ups],  # a hand's close-up after the regions, for single fingers
            format_func=partial(_zoom_name, dataset),
            key=ZOOM_KEY,
            wrap=True,
            on_change=partial(_on_zoom_change, dataset),
        )
        if st.session_state.get(ZOOM_KEY):
            _zoom_switches(dataset)
    if _mode() != "quiz":  # a self-test does not offer a lookup of its answers
        _muscle_search_ui(dataset)
    if _mode() in ("explore", "matrix"):
        st.session_state[REGION_LIST_KEY] = st.session_state.get(REGION_KEY)
        st.pills(
            _("Or choose a region"),
            [region.id for region in selectable_regions(dataset)],
            format_func=lambda region_id: literal(dataset.regions[region_id].name),
            key=REGION_LIST_KEY,
            on_change=_on_region_list_change,
            wrap=True,
        )


def _zoom_switches(dataset: Dataset) -> None:
    """A zoom shows one side of the person (the right first, as the patterns are drawn): the other is one tap away,
    for pain on the left. A region's zoom can also turn to its other view; a close-up shows one view."""
    view, side = st.columns(2)
    if st.session_state.get(ZOOM_KEY) in dataset.regions:
        with view:
            st.segmented_control(
                _("View"), VIEWS, format_func=lambda view: _(VIEW_WORDS[view]), key=ZOOM_VIEW_KEY, required=True
            )
    with side:
        _switch(_("Side"), SIDE_CHOICES, ZOOM_SIDE_KEY)


def _chosen(key: str, choices: dict[str, str]) -> str:
    """A pattern switch's value: what was tapped, or its first choice (the default) before any tap."""
    return st.session_state.get(key) or next(iter(choices))


def _chosen_side(key: str) -> Side:
    """The side of the person a side switch (``SIDE_CHOICES``) has chosen: the right until the left is tapped."""
    return "left" if _chosen(key, SIDE_CHOICES) == "left" else "right"


def _switch(label: str, choices: dict[str, str], key: str) -> None:
    """A one-tap switch under the map (choice id -> label), its first choice the default.

    The default goes into the session state, not ``default=``: a callback may set the switch before it is first drawn
    (opening a pattern from "where does it hurt?" picks the painful side), and Streamlit warns on the page when both
    set it.
    """
    if st.session_state.get(key) not in choices:
        st.session_state[key] = next(iter(choices))
    st.segmented_control(
        label,
        list(choices),
        format_func=lambda choice: _(choices[choice]),
        key=key,
        required=True,
        width="stretch",
    )


def _muscle_search_ui(dataset: Dataset) -> None:
    """A search box for any muscle, built only while its popover is open.

    An always-present select box of 43 muscles cost about 20 ms of browser work on every tap of the map
    (bench/benchmark.py, docs/benchmarks.md), for a control used now and then.
    """
    with st.popover(
        _("Find a muscle"), icon=":material/search:", on_change="rerun", key=MUSCLE_SEARCH_OPEN_KEY, width="stretch"
    ) as search:
        if not search.open:
            return
        muscles = dataset.muscles
        st.selectbox(
            _("Find a muscle and show its pattern"),
            sorted(muscles, key=lambda muscle_id: muscles[muscle_id].name),
            format_func=lambda muscle_id: f"{muscles[muscle_id].name} ({muscles[muscle_id].plain_name})",
            index=None,
            placeholder=_("Type a muscle name"),
            key=MUSCLE_SEARCH_KEY,
            on_change=open_chosen,
            args=(MUSCLE_SEARCH_KEY, _open_found_muscle),
        )


def _open_found_muscle(muscle_id: str) -> None:
    """Draw the muscle found and close the search, so the map is in view."""
    _open_muscle(muscle_id)
    st.session_state[MUSCLE_SEARCH_OPEN_KEY] = False


ENGLISH_ONLY_NOTICE = N_(
    "This view for teaching is in English only: its clinical texts, the matrix and the self-test are written in "
    "English. Everything a patient reads is in your language."
)


def details_ui_for_state(dataset: Dataset) -> None:
    """The panel beside the map: the self-test, a muscle's pattern, the lookup, a region's details, or the overview."""
    if _language() != ENGLISH and (_audience() == "educator" or _mode() in ("matrix", "quiz")):
        st.info(_(ENGLISH_ONLY_NOTICE), icon=":material/translate:")  # educator text may stay English, said so
    if _mode() == "quiz":
        chosen = zone_ids(st.session_state.get(ZONES_KEY, []))
        quiz_ui(
            dataset,
            st.session_state[SEED_KEY],
            on_show_pattern=_show_quiz_answer,
            chosen_zones=chosen,
            class_link=lambda: share_ui(current_base_url(), _view_query("educator")),  # students need the self-test
        )
        return
    _share_and_print_ui(dataset)
    muscle_id = st.session_state.get(MUSCLE_KEY)
    if muscle_id in dataset.muscles:
        pattern = muscle_pattern(dataset, muscle_id)
        pattern_ui(
            dataset, pattern, _audience(), on_close=_close_pattern, compare=_compared(dataset), on_compare=_compare_with
        )
        return
    if _mode() == "where":
        choices = [choice for key in st.session_state.get(ZONES_KEY, []) if (choice := parse_choice(key))]
        zones = zone_ids(choice.key for choice in choices)
        matches, flags = muscles_referring_to(dataset, zones), red_flags_for_zones(dataset, zones, _audience())
        area_list = partial(_area_list_ui, dataset)
        where_ui(
            dataset,
            choices,
            matches,
            flags,
            on_open=_open_muscle_on_painful_side,
            on_clear=_clear_zones,
            area_list=area_list,
        )
        return
    if _mode() == "claims":
        claims_ui(dataset, _audience())
        return
    region_id = st.session_state.get(REGION_KEY)
    if _mode() == "matrix":
        matrix_ui(dataset, region_id, on_open=_open_muscle, on_open_region=_open_region)
        return
    shown = region_id if region_id in dataset.regions and dataset.regions[region_id].is_complete else None
    details_ui(
        dataset,
        shown,
        _audience(),
        presenting=presenting(),
        on_open_muscle=_open_muscle,
        on_open_claims=_open_claims,
    )


def _share_and_print_ui(dataset: Dataset) -> None:
    """One tap opens the link, the QR code and the handout download; a second tap scans or downloads.

    The contents are built only while the popover is open: making the QR code and checking the handout on every
    selection cost about 7 ms of script and 10 ms of tap latency (bench/benchmark.py).
    """
    region_id, muscle_id = st.session_state.get(REGION_KEY), st.session_state.get(MUSCLE_KEY)
    with st.popover(_("Share or print"), icon=":material/qr_code_2:", on_change="rerun", key=SHARE_KEY) as popover:
        if not popover.open:
            return
        # A therapist's code is for the patient in the chair; an educator's for the class, in the educator's view.
        audience = _audience()
        if audience != "patient":
            default = "this_view" if audience == "educator" else "patient"
            choices = {default: SHARE_FOR[default]} | SHARE_FOR
            _switch(_("Link for"), choices, SHARE_FOR_KEY)
            audience = "patient" if _chosen(SHARE_FOR_KEY, choices) == "patient" else audience
        base_url = current_base_url()
        share_ui(base_url, _view_query(audience))
        keys = st.session_state.get(ZONES_KEY, []) if _mode() == "where" else []
        areas = [choice for key in keys if (choice := parse_choice(key))]
        handout_download_ui(dataset, region_id, muscle_id, base_url, choices=areas)
