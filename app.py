"""bodymap: tap a region of the body map to see what may be going on, and what dry needling involves.

Read top to bottom: page set-up, the dataset (or a clear stop), the view asked for, the controls, the map, the panel.
"""

from pathlib import Path

import streamlit as st

from bodymap.ui.dataset import dataset_or_stop
from bodymap.ui.page import (
    controls_ui,
    details_ui_for_state,
    disclaimer_ui,
    map_ui,
    notices_ui,
    page_in_language,
    page_style_ui,
    presenting,
    restore_view_from_url,
    skip_link_ui,
    write_view_to_url,
)

ICON = str(Path(__file__).resolve().parent / "assets" / "favicon.png")  # a local file: the page loads nothing remote
st.set_page_config(page_title="bodymap: dry needling body map", page_icon=ICON, layout="wide")

dataset = dataset_or_stop()
restore_view_from_url(dataset)
dataset = page_in_language(dataset)  # the interface's words and the dataset's texts, in the session's language
page_style_ui()
skip_link_ui()
disclaimer_ui(dataset)
audience = controls_ui()
notices_ui()
# A therapist points at the map while explaining, and so does an educator projecting: the map gets the wider column
# (both views 560 px tall on a tablet); in the presenter layout the panel's text is 20 px (static/page.css).
presenter = presenting()
wide_map = audience == "therapist" or presenter
map_column, panel_column = st.columns([7, 5] if wide_map else [5, 7], gap="medium")
with map_column, st.container(key="map_column"):
    map_ui(dataset)
with panel_column, st.container(key="presenter_panel" if presenter else "panel"):
    details_ui_for_state(dataset)
write_view_to_url()
