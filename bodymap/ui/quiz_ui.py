"""The educator's self-test: one question at a time, immediate feedback with the source, a score, and a class code.

State lives in ``st.session_state`` under keys starting ``quiz_``: ``quiz_seed`` (the class code in use; the number
input has its own key, ``quiz_seed_input``, because Streamlit forgets a widget's state while it is not shown),
``quiz_position`` (index into the seeded order), ``quiz_score`` and ``quiz_asked`` (right answers and
answers given), ``quiz_result`` (the checked answer to the current question, or None), ``quiz_order`` (the
seeded question order, kept so it is not rebuilt on every run), ``quiz_missed`` (the questions answered wrongly, for
the review at the end), ``quiz_regions`` and ``quiz_length`` (what the class is asked), and one widget key per question
(``quiz_choice_<id>``, ``quiz_zones_<id>``), so a new question starts with nothing chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from bodymap.data import Dataset
from bodymap.lookup import selectable_regions, sources_for
from bodymap.panel import DETAILS_ANCHOR
from bodymap.quiz import Question, answer_text, quiz_order
from bodymap.ui.text import literal

SEED_KEY = "quiz_seed"
SEED_INPUT_KEY = "quiz_seed_input"
POSITION_KEY = "quiz_position"
SCORE_KEY = "quiz_score"
ASKED_KEY = "quiz_asked"
RESULT_KEY = "quiz_result"
ORDER_KEY = "quiz_order"
MISSED_KEY = "quiz_missed"  # the ids of the questions answered wrongly, in the order asked, for the end review
REGIONS_KEY = "quiz_regions"  # the regions the class is asked about (none: the whole body)
REGIONS_INPUT_KEY = "quiz_regions_input"
LENGTH_KEY = "quiz_length"  # how many questions (None: all)
LENGTH_INPUT_KEY = "quiz_length_input"
CLASS_QR_KEY = "quiz_class_qr"
ALL = "All"
LENGTHS: dict[str, int | None] = {"5": 5, "10": 10, "20": 20, ALL: None}
MAX_SEED = 999_999

ShowPattern = Callable[[str | None], None]


@dataclass(frozen=True)
class Result:
    """A checked answer: which question, what was chosen, and whether it was right."""

    question_id: str
    chosen: tuple[str, ...]
    correct: bool


def _order(dataset: Dataset, seed: int) -> list[Question]:
    """The seeded order, built once per class (code, regions and length) and session: building it takes about 4 ms,
    and each run in the self-test asks for it twice (the map, then the panel)."""
    regions, length = class_regions(), class_length()
    kept = st.session_state.get(ORDER_KEY)
    if not (isinstance(kept, tuple) and kept[0] == (seed, regions, length)):
        kept = ((seed, regions, length), quiz_order(dataset, seed, regions, length))
        st.session_state[ORDER_KEY] = kept
    return kept[1]


def class_regions() -> tuple[str, ...]:
    """The regions the class is asked about, for the page's link; () for the whole body."""
    return tuple(st.session_state.get(REGIONS_KEY) or ())


def class_length() -> int | None:
    """How many questions the class is asked, for the page's link; None for all."""
    length = st.session_state.get(LENGTH_KEY)
    return int(length) if length is not None else None


def set_class(region_ids: Sequence[str], length: int | None) -> None:
    """Ask about these regions only, at most ``length`` questions (from a link); the quiz starts again."""
    st.session_state[REGIONS_KEY] = list(region_ids)
    st.session_state[LENGTH_KEY] = length
    _restart()


def current_question(dataset: Dataset) -> Question | None:
    """The question on screen (None before the quiz starts or after the last one), for the page to set up the map."""
    seed = st.session_state.get(SEED_KEY)
    if seed is None:
        return None
    order = _order(dataset, int(seed))
    position = st.session_state.get(POSITION_KEY, 0)
    return order[position] if position < len(order) else None


def class_code() -> int | None:
    """The class code in use (it may have been changed in the panel), for the page's link."""
    seed = st.session_state.get(SEED_KEY)
    return int(seed) if seed is not None else None


def ensure_started(seed: int) -> None:
    """Start the quiz with this class code unless it has started; the page calls it before drawing the map, so the
    map already takes zone taps for a first question answered on the map."""
    if SEED_KEY not in st.session_state:
        st.session_state[SEED_KEY] = seed
        _restart()


def wrong_muscle(dataset: Dataset) -> str | None:
    """The muscle chosen as a wrong answer to the question on screen, to draw beside the right one; None otherwise."""
    question = current_question(dataset)
    result = _result_for(question) if question else None
    if result is None or result.correct or not result.chosen:
        return None
    return result.chosen[0] if result.chosen[0] in dataset.muscles else None


def answering_on_map(dataset: Dataset) -> bool:
    """Whether the map should take zone taps for the quiz now: a "tap the map" question not yet answered."""
    question = current_question(dataset)
    return question is not None and question.on_map and _result_for(question) is None


def quiz_ui(
    dataset: Dataset,
    seed: int,
    on_show_pattern: ShowPattern,
    chosen_zones: Sequence[str] = (),
    class_link: Callable[[], None] | None = None,
) -> None:
    """The self-test panel.

    Args:
        dataset: the validated dataset.
        seed: the class code to start with (e.g. from the URL); the educator can change it in the panel, which
            restarts the quiz. The same code gives the same questions in the same order.
        on_show_pattern: called with a muscle id when an answer is checked, to draw that muscle's pattern on the
            body map as the answer; called with None when the next question opens, to clear the map (the page should
            also clear the zones chosen for the last question then).
        chosen_zones: the zones tapped on the body map, for "tap the map" questions: pass the page's
            ``st.session_state["zones"]`` and draw the map in zones mode while :func:`answering_on_map` is true.
            The panel also offers the zones as a list, for keyboard users.
        class_link: draws the link and QR code that open this class (code, regions, length) for students; called
            only while "Show the class QR code" is open.
    """
    ensure_started(seed)
    st.header("Self-test", anchor=DETAILS_ANCHOR)
    # High on the panel, so the popover opens with room for the code under it on a tablet.
    if class_link is not None:
        with st.popover(
            "Show the class QR code", icon=":material/qr_code_2:", on_change="rerun", key=CLASS_QR_KEY
        ) as qr:
            if qr.open:
                class_link()
    # Folded: set once by the educator; its title says what the class is, and the question stays high on the screen.
    with st.expander(_class_title(dataset), icon=":material/tune:"):
        st.number_input(
            "Class code: the same code gives everyone the same questions in the same order",
            min_value=0,
            max_value=MAX_SEED,
            step=1,
            value=int(st.session_state[SEED_KEY]),
            key=SEED_INPUT_KEY,
            on_change=_change_seed,
            args=(on_show_pattern,),
        )
        _class_set_up(dataset, on_show_pattern)
    order = _order(dataset, int(st.session_state[SEED_KEY]))
    position = st.session_state[POSITION_KEY]
    score, asked = st.session_state[SCORE_KEY], st.session_state[ASKED_KEY]
    if position >= len(order):
        st.success(f"You have answered all {len(order)} questions. Score: {score} of {asked}.")
        _review_missed(dataset, order, on_show_pattern)
        st.button("Start again", key="quiz_restart", on_click=_restart_and_clear, args=(on_show_pattern,))
        return
    question = order[position]
    st.caption(f"Question {position + 1} of {len(order)} · Score: {score} of {asked}")
    st.markdown(f"**{literal(question.prompt)}**")
    result = _result_for(question)
    if result is None:
        _ask(dataset, question, on_show_pattern, chosen_zones)
    else:
        _feedback(dataset, question, result)
        st.button(
            "Next question",
            key="quiz_next",
            type="primary",
            on_click=_next,
            args=(on_show_pattern,),
            icon=":material/arrow_forward:",
        )


def _class_title(dataset: Dataset) -> str:
    """What the class is, in one line: "Class 42 · Elbow · 10 questions"."""
    regions = ", ".join(dataset.regions[region_id].name for region_id in class_regions()) or "Whole body"
    length = class_length()
    count = f"{length} question{'s' if length != 1 else ''}" if length is not None else "all questions"
    return literal(f"Class {st.session_state[SEED_KEY]} · {regions} · {count}")


def _class_set_up(dataset: Dataset, on_show_pattern: ShowPattern) -> None:
    """The regions to ask about and how many questions: a change starts the quiz again, the same for everyone with
    the same code, regions and length."""
    regions = {region.id: region.name for region in selectable_regions(dataset)}
    st.multiselect(
        "Regions to ask about (none chosen: the whole body)",
        list(regions),
        default=[region_id for region_id in class_regions() if region_id in regions],
        format_func=lambda region_id: literal(regions[region_id]),
        key=REGIONS_INPUT_KEY,
        on_change=_change_class,
        args=(on_show_pattern,),
        placeholder="The whole body",
    )
    length = class_length()
    labels = [*LENGTHS, *([] if length in LENGTHS.values() else [str(length)])]  # a link's own length too
    st.segmented_control(
        "Questions",
        sorted(labels, key=lambda label: int(label) if label.isdigit() else MAX_SEED),
        default=ALL if length is None else str(length),
        required=True,
        key=LENGTH_INPUT_KEY,
        on_change=_change_class,
        args=(on_show_pattern,),
    )


def _change_class(on_show_pattern: ShowPattern) -> None:
    label = str(st.session_state.get(LENGTH_INPUT_KEY) or ALL)
    set_class(st.session_state.get(REGIONS_INPUT_KEY) or [], int(label) if label.isdigit() else None)
    on_show_pattern(None)


def _ask(dataset: Dataset, question: Question, on_show_pattern: ShowPattern, chosen_zones: Sequence[str]) -> None:
    if question.on_map:
        st.info("Choose the zones on the body map; choose a zone again to remove it.", icon=":material/touch_app:")
        key = f"quiz_zones_{question.id}"
        st.multiselect(
            "Or choose the zones from this list",
            list(dataset.zones),
            format_func=lambda zone_id: dataset.zones[zone_id].name,
            key=key,
        )
        chosen = tuple(dict.fromkeys([*chosen_zones, *st.session_state.get(key, [])]))
        if chosen:
            st.markdown("**You chose:** " + literal(", ".join(dataset.zones[zone_id].name for zone_id in chosen)))
    else:
        key = f"quiz_choice_{question.id}"
        options = {option.id: option.text for option in question.options}
        st.radio("Your answer", list(options), format_func=lambda option: literal(options[option]), index=None, key=key)
        picked = st.session_state.get(key)
        chosen = (picked,) if picked else ()
    st.button(
        "Check the answer",
        key="quiz_check",
        type="primary",
        disabled=not chosen,
        on_click=_check,
        args=(question, chosen, on_show_pattern),
    )


def _feedback(dataset: Dataset, question: Question, result: Result) -> None:
    """Right or not, the right answer in words (and on the map), and the sources it comes from."""
    if result.correct:
        st.success("Correct.", icon=":material/check_circle:")
    else:
        st.error("Not quite.", icon=":material/cancel:")
    if question.on_map:
        names = ", ".join(dataset.zones[zone_id].name for zone_id in result.chosen)
        st.markdown(f"**You chose:** {literal(names)}")
    st.markdown(f"**The answer:** {literal(answer_text(dataset, question))}")
    if question.muscle_id:
        shown = f"The map shows the pattern of {literal(dataset.muscles[question.muscle_id].name)}"
        wrong = wrong_muscle(dataset)
        beside = f"; beside it, outlined in blue, your answer: {literal(dataset.muscles[wrong].name)}" if wrong else ""
        st.caption(f"{shown}{beside}.")
    sources = sources_for(dataset, question.source_ids)
    st.markdown(
        "**Source:**\n" + "\n".join(f"{n}. {literal(source.citation)}" for n, source in enumerate(sources, start=1))
    )


def _review_missed(dataset: Dataset, order: Sequence[Question], on_show_pattern: ShowPattern) -> None:
    """Each question answered wrongly, with its right answer, and its pattern one tap away on the map."""
    missed = [question for question in order if question.id in st.session_state.get(MISSED_KEY, [])]
    if not missed:
        return
    st.subheader(f"To look at again: {len(missed)} missed", anchor=False)
    for number, question in enumerate(missed, start=1):
        with st.container(border=True, key=f"quiz_missed_{question.id}"):
            st.markdown(f"**{number}. {literal(question.prompt)}**")
            st.markdown(f"**The answer:** {literal(answer_text(dataset, question))}")
            if question.muscle_id:
                name = dataset.muscles[question.muscle_id].name
                st.button(
                    f"Show on the map: {literal(name)}",
                    key=f"quiz_review_{question.id}",
                    on_click=on_show_pattern,
                    args=(question.muscle_id,),
                    icon=":material/visibility:",
                )


def _result_for(question: Question) -> Result | None:
    result = st.session_state.get(RESULT_KEY)
    return result if isinstance(result, Result) and result.question_id == question.id else None


def _check(question: Question, chosen: tuple[str, ...], on_show_pattern: ShowPattern) -> None:
    correct = question.is_correct(chosen)
    st.session_state[RESULT_KEY] = Result(question.id, chosen, correct)
    st.session_state[ASKED_KEY] += 1
    st.session_state[SCORE_KEY] += int(correct)
    if not correct:
        st.session_state[MISSED_KEY] = [*st.session_state.get(MISSED_KEY, []), question.id]
    if question.muscle_id:
        on_show_pattern(question.muscle_id)


def _next(on_show_pattern: ShowPattern) -> None:
    st.session_state[POSITION_KEY] += 1
    st.session_state[RESULT_KEY] = None
    on_show_pattern(None)


def _restart() -> None:
    st.session_state[POSITION_KEY] = 0
    st.session_state[SCORE_KEY] = 0
    st.session_state[ASKED_KEY] = 0
    st.session_state[RESULT_KEY] = None
    st.session_state[MISSED_KEY] = []


def _restart_and_clear(on_show_pattern: ShowPattern) -> None:
    _restart()
    on_show_pattern(None)


def _change_seed(on_show_pattern: ShowPattern) -> None:
    st.session_state[SEED_KEY] = int(st.session_state[SEED_INPUT_KEY])
    _restart_and_clear(on_show_pattern)
