"""Load the dataset once per server process, and fail closed in the page if it is broken."""

from __future__ import annotations

import streamlit as st

from bodymap.data import Dataset, DatasetError, default_data_dir, load_dataset
from bodymap.ui.text import literal


@st.cache_resource(show_spinner=False)
def _cached_dataset(data_dir: str) -> Dataset:
    # cache_resource, not cache_data: the records are frozen, so every session can share one copy instead of
    # unpickling a fresh one on each rerun. A DatasetError is not cached, so a fixed dataset is picked up on reload.
    return load_dataset(data_dir)


def dataset_or_stop() -> Dataset:
    """The validated dataset; if validation fails, show what is wrong and stop, so nothing partial is shown."""
    data_dir = default_data_dir()
    try:
        return _cached_dataset(str(data_dir))
    except DatasetError as error:
        st.error(
            "bodymap cannot show anything: its dataset failed validation, and showing part of it could leave out "
            "safety information. Ask whoever maintains the data to run `python -m bodymap validate`.",
            icon=":material/error:",
        )
        st.markdown("\n".join(f"- {literal(str(problem))}" for problem in error.problems))
        st.stop()
        raise  # st.stop() ends the run; this line only satisfies type checkers
