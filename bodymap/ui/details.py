"""The details panel beside the map: a region's, or the start panel, drawn in the browser by an ``st.components.v2``
component from the blocks of :mod:`bodymap.panel`.

Why not Streamlit's own elements: a tap then needed a round trip and a redraw of every element of the old panel and
the new, 4x Streamlit's own floor at p95 (docs/benchmarks.md). Every panel of the session's language and audience is
sent once; a tap on the map draws its region at once (body_map.js tells panel.js), and the server's run that follows
only keeps the URL and the state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache

import streamlit as st

from bodymap.clinic import emergency_number
from bodymap.data import Audience, Dataset, default_data_dir
from bodymap.i18n import N_, _, current_language
from bodymap.panel import PanelSet, all_panels
from bodymap.ui.body_map import STATIC_DIR
from bodymap.ui.widgets import OpenMuscle, component_event

PANEL_KEY = "details_panel"
PANELS_SENT_KEY = "panels_sent"  # the version of the panels this session's page holds
JUMP_LABEL = N_("Jump to a section")

OpenClaims = Callable[[], None]


@cache
def _component() -> Callable[..., object]:
    """Register the component once per process; its JS and CSS are trusted files shipped with bodymap."""
    return st.components.v2.component(
        "bodymap.panel",
        html='<div class="panel"></div>',
        css=(STATIC_DIR / "panel.css").read_text(encoding="utf-8"),
        js=(STATIC_DIR / "panel.js").read_text(encoding="utf-8"),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _panels(_dataset: Dataset, data_dir: str, language: str, audience: Audience, number: str) -> tuple[str, PanelSet]:
    """One language and audience's panels, built once per process and shared by every session, with a version.

    The key is what the panels depend on besides the code: the dataset (by its folder), the language, the audience
    and the clinic's emergency number; ``_dataset`` itself is not hashed.
    """
    panels = all_panels(_dataset, audience)
    version = hashlib.sha256(json.dumps(panels, sort_keys=True).encode()).hexdigest()[:16]
    return version, panels


def details_ui(
    dataset: Dataset,
    region_id: str | None,
    audience: Audience,
    *,
    presenting: bool,
    on_open_muscle: OpenMuscle,
    on_open_claims: OpenClaims,
) -> None:
    """The panel of ``region_id`` (a selectable region), or the start panel if None."""
    version, panels = _panels(dataset, str(default_data_dir()), current_language(), audience, emergency_number().shown)
    first_time = st.session_state.get(PANELS_SENT_KEY) != version
    st.session_state[PANELS_SENT_KEY] = version

    def open_muscle() -> None:
        muscle_id = component_event(PANEL_KEY, "muscle_chosen")
        if muscle_id in dataset.muscles:
            on_open_muscle(muscle_id)

    _component()(
        key=PANEL_KEY,
        data={
            "version": version,
            "panels": panels if first_time else None,
            "selected": region_id or "",
            "presenting": presenting,
            "jumpLabel": _(JUMP_LABEL),
        },
        on_muscle_chosen_change=open_muscle,
        on_claims_chosen_change=on_open_claims,
        on_panels_missing_change=_send_panels_again,
    )


def _send_panels_again() -> None:
    """The page lacks the panels (the run that carried them was cut short by a newer one): send them in this run."""
    st.session_state.pop(PANELS_SENT_KEY, None)
