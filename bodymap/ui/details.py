"""The details panel: one region's content, in the order and wording each audience needs.

Patients see safety first and plain words; therapists get talking points to say at the chair; educators get the
clinical text, essential versus spillover zones, figures and sources. All dataset text goes through ``literal``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

from bodymap.clinic import NO_NUMBER_WORDS, emergency_number
from bodymap.data import Dataset
from bodymap.i18n import N_, _, ngettext
from bodymap.lookup import ChairQuestion, ClaimEntry, ConditionEntry, Entry, MuscleMatch, RegionDetails
from bodymap.ui.claims_ui import CLAIMS_TITLE, claims_markdown
from bodymap.ui.text import citation_marks, lead_in, literal, number_ranges
from bodymap.ui.widgets import DETAILS_ANCHOR, OpenMuscle, call_emergency_ui, open_chosen
from bodymap.wording import (
    GENERAL_FLAGS_CAPTION,
    HELP_TIERS,
    SESSION_TOPIC_TITLES,
    STUDY_TYPE_WORDS,
    evidence_label,
    flag_title,
    plain_evidence_label,
)

CONTRAINDICATIONS_KEY = "contraindications_open"
ADVERSE_EVENTS_KEY = "adverse_events_open"


OpenClaims = Callable[[], None]


def details_ui(
    dataset: Dataset, details: RegionDetails, on_open_muscle: OpenMuscle, on_open_claims: OpenClaims
) -> None:
    """Render a region's details for its audience; each muscle can open its referral pattern on the map."""
    st.header(literal(details.region.name), anchor=DETAILS_ANCHOR)
    render = {"patient": _patient, "therapist": _therapist, "educator": _educator}[details.audience]
    render(dataset, details, on_open_muscle)
    if details.audience == "educator":
        _claims(CLAIMS_TITLE, details.claims, _citer(details), on_open_claims)
    else:  # at the chair and at home the claims are looked up, not read through: folded
        patient = details.audience == "patient"
        cite = _no_marks if patient else _citer(details)
        count = len(details.claims)
        checked = ngettext("{count} claim checked", "{count} claims checked", count).format(count=count)
        title = f"{_(CLAIMS_TITLE)} ({checked})"
        with _section(title, "claims_open") as section:
            if section.open:
                _claims(None, details.claims, cite, on_open_claims)
                if patient:
                    _where_from(details)([s for claim in details.claims for s in claim.source_ids])
    _sources(details)


def _patient(dataset: Dataset, details: RegionDetails, on_open_muscle: OpenMuscle) -> None:
    """Written the way good patient information is: a calm opening, the few signs that need help straight away, then
    what might be going on, what a session is like, whether it is safe, and when to get help, in three tiers.

    Citation numbers would clutter the text, so each section ends with where it comes from instead.
    """
    where_from = _where_from(details)
    st.markdown(literal(details.summary.text))
    _help_straight_away(details)
    st.markdown(" · ".join(f"[{_(title)}](#{anchor})" for anchor, title in PATIENT_SECTIONS.items()))
    none = _no_marks  # patients read no citation numbers

    _anchored("going-on")
    _patient_conditions(details.conditions)
    with _section(_("Muscles that may send pain here"), "patient_muscles_open") as section:
        if section.open:
            _muscles(None, details.muscles, none, on_open_muscle, plain=True)
    conditions = [entry.condition for entry in details.conditions]
    # The opening paragraph's sources are this first section's too.
    where_from([*details.summary.source_ids, *(s for c in conditions for s in (*c.source_ids, *c.evidence_source_ids))])

    _anchored("session")
    first_of_each = [step for index, step in enumerate(details.session) if _first_of_topic(details.session, index)]
    shown = [step for step in first_of_each if step.kind in PATIENT_SESSION_TOPICS]
    _session(None, shown, none)
    with _section(_("More about a session"), "patient_session_open") as section:
        if section.open:
            _session(None, [step for step in details.session if step not in shown], none)
    where_from([s for step in details.session for s in step.source_ids])

    _anchored("safe")
    _entries(_("Needling may not suit you if…"), details.contraindications, none, CONTRAINDICATIONS_KEY)
    _entries(_("Side effects"), details.adverse_events, none, ADVERSE_EVENTS_KEY)
    where_from([s for entry in (*details.contraindications, *details.adverse_events) for s in entry.source_ids])

    _anchored("get-help")
    _help_tiers(details, where_from)


PATIENT_SECTIONS = {
    "going-on": N_("What might be going on"),
    "session": N_("What a session is like"),
    "safe": N_("Is needling safe for me?"),
    "get-help": N_("When to get help"),
}
# What a patient most wants to know first about a session; the rest is one tap away.
PATIENT_SESSION_TOPICS = ("what_happens", "sensations", "soreness", "region_note")
HELP_NOW_TITLE = N_("Get help straight away if…")


def _patient_conditions(conditions: Sequence[ConditionEntry]) -> None:
    """Each condition in a few lines with what studies found in a phrase; the findings in full one tap away."""
    parts = []
    for entry in conditions:
        label = plain_evidence_label(entry.condition.evidence_level, entry.condition.evidence_duration)
        evidence = _("Dry needling: {evidence}").format(evidence=label)
        parts.append(f"**{literal(entry.title)}.** {literal(entry.text)}  \n:gray[{literal(evidence)}]")
    st.markdown("\n\n".join(parts))
    with _section(_("What the studies found"), "patient_evidence_open") as section:
        if section.open:
            st.markdown("\n".join(f"- {lead_in(entry.title)}{literal(entry.evidence)}" for entry in conditions))


def _anchored(anchor: str) -> None:
    """A section heading the page's jump links lead to."""
    st.subheader(_(PATIENT_SECTIONS[anchor]), anchor=anchor)


def _first_of_topic(steps: Sequence[Entry], index: int) -> bool:
    return index == 0 or steps[index - 1].kind != steps[index].kind


def _help_straight_away(details: RegionDetails) -> None:
    """One short box: the emergency signs to check before needling, and the number to call."""
    signs = [sign for sign in details.help_signs if sign.urgency == "emergency" and not sign.after_needling]
    with st.container(border=True, key="help_straight_away"):
        st.markdown(f"**{_(HELP_NOW_TITLE)}**\n" + "\n".join(f"- {literal(sign.symptom)}" for sign in signs))
        call_emergency_ui(_("Call {number}, or go to the emergency department."))


def _help_tiers(details: RegionDetails, where_from: Callable[[Sequence[str]], None]) -> None:
    """When to get help, most urgent first: the symptom in plain words, the diagnosis in small type.

    The signs in full, and where they come from, are one tap away.
    """
    number = emergency_number()
    for urgency, heading in HELP_TIERS.items():
        signs = [sign for sign in details.help_signs if sign.urgency == urgency]
        if not signs:
            continue
        lines = [
            f"- {literal(sign.symptom)}" + (f" :small[:gray[({literal(sign.diagnosis)})]]" if sign.diagnosis else "")
            for sign in signs
        ]
        shown = number.shown if number.dial else _(NO_NUMBER_WORDS)
        st.markdown(f"##### {literal(_(heading).format(number=shown))}\n" + "\n".join(lines))
    with _section(_("Read each sign in full"), "patient_signs_open") as section:
        if section.open:
            st.markdown("\n".join(f"- {lead_in(sign.symptom)}{literal(sign.text)}" for sign in details.help_signs))
            where_from([s for sign in details.help_signs for s in sign.source_ids])


def _where_from(details: RegionDetails) -> Callable[[Sequence[str]], None]:
    """A caption naming a section's sources by their numbers in the list at the end of the page."""

    def caption(source_ids: Sequence[str]) -> None:
        numbers = {details.source_number(source_id) for source_id in source_ids}
        if numbers:
            where = _("Where this comes from: {numbers} in Sources, at the end.")
            st.caption(where.format(numbers=number_ranges(numbers, _("{first} to {last}"))))

    return caption


def _therapist(dataset: Dataset, details: RegionDetails, on_open_muscle: OpenMuscle) -> None:
    """The chair script: what to say, what to ask before any needle, the red flags, what to watch for after.

    Four steps, one tap apart, each one screen beside the map (on a 1024x768 tablet), in the order of a visit; a
    step's label counts the answers ticked yes in it, so a yes is not lost from sight. Everything a therapist looks
    up rather than says is folded below.
    """
    cite = _citer(details)
    questions = {"Ask first": details.before_needling, "Red flags": details.red_flag_questions}
    said_yes: set[str] = st.session_state.setdefault(CHAIR_YES_KEY, set())

    def with_yes_count(step: str) -> str:
        count = sum(_said_yes(question, said_yes) for question in questions.get(step, ()))
        return _("{step} ({count} yes)").format(step=_(step), count=count) if count else _(step)

    step = st.segmented_control(
        _(CHAIR_STEPS_LABEL),
        CHAIR_STEPS,
        key=CHAIR_STEP_KEY,
        default=CHAIR_STEPS[0],
        required=True,
        format_func=with_yes_count,
        width="stretch",
        label_visibility="collapsed",  # the steps name themselves; the label is read out, not drawn
    )
    if step == "Explain":
        st.markdown(
            f"#### {_(TALKING_POINTS_TITLE)}\n{_lines(details.talking_points, cite)}\n\n"
            f"#### {_(FEELS_LIKE_TITLE)}\n{_lines(details.feels_like, cite)}"
        )
    elif step in questions:
        st.markdown(f"#### {_(CHAIR_QUESTION_TITLES[step])}")
        _chair_questions(questions[step], cite, said_yes)
    else:
        warning_signs = "; ".join(literal(sign) for sign in details.warning_signs)
        st.markdown(
            f"#### {_(AFTERWARDS_TITLE)}\n{_lines(details.afterwards, cite)}\n"
            f"- **{_(WARNING_SIGNS_WORDS)}** {warning_signs}."
        )
    with _section(_("Conditions and the evidence"), "therapist_conditions_open") as section:
        if section.open:
            _conditions(None, details.conditions, cite, on_open_muscle, plain=True, brief=True)
    with _section(_("Muscles that may refer here"), "therapist_muscles_open") as section:
        if section.open:
            _muscles(None, details.muscles, cite, on_open_muscle, plain=False, brief=True)
    with _section(_("Hazards in this region"), "therapist_hazards_open") as section:
        if section.open:
            _entries(None, details.hazards, cite)
    _entries(_("Contraindications and precautions in full"), details.contraindications, cite, CONTRAINDICATIONS_KEY)
    with _section(_("Red flags and after-session warnings in full"), "therapist_flags_open") as section:
        if section.open:
            _red_flags(_("Red flags: refer instead"), details.red_flags, cite)
            _red_flags(_("Tell the patient to watch for"), details.after_session, cite)
    with _section(_("What the patient can expect, in full"), "therapist_session_open") as section:
        if section.open:
            _session(None, details.session, cite)


TALKING_POINTS_TITLE = N_("Talking points")
FEELS_LIKE_TITLE = N_("What it feels like")
AFTERWARDS_TITLE = N_("Afterwards")
WARNING_SIGNS_WORDS = N_("Warning signs to tell them:")
EVIDENCE_WORDS = N_("Evidence for dry needling")
CHAIR_STEPS_LABEL = N_("At the chair, step by step")
CHAIR_STEPS = (N_("Explain"), N_("Ask first"), N_("Red flags"), N_("Afterwards"))  # keys; shown by _()
CHAIR_STEP_KEY = "chair_step"
CHAIR_YES_KEY = "chair_said_yes"  # ids of the questions ticked yes; kept while their step is not drawn
CHAIR_QUESTION_TITLES = {
    "Ask first": N_("Before needling: tick each yes"),
    "Red flags": N_("Red flags: a yes means refer"),
}


def _chair_key(question: ChairQuestion) -> str:
    return f"chair_{question.id}"


def _said_yes(question: ChairQuestion, said_yes: set[str]) -> bool:
    """A tick drawn in this run is in the session state already; one from a step not drawn is in ``said_yes``."""
    return bool(st.session_state.get(_chair_key(question), question.id in said_yes))


def _chair_questions(questions: Sequence[ChairQuestion], cite: Cite, said_yes: set[str]) -> None:
    """A tick-list; a ticked question shows what a yes means (for a red flag: refer, and how urgently).

    Streamlit forgets a tick box that a run does not draw, so the ticks live in ``said_yes`` too and are put back
    when their step is drawn again.
    """
    with st.container(gap=None):  # rows 44 px tall and no gaps, so the list stays short
        for question in questions:
            key = _chair_key(question)
            st.session_state[key] = _said_yes(question, said_yes)
            prefix = _("Ask yourself: ") if question.kind == "check" else ""
            label = f"{prefix}{literal(question.question)}"
            if not st.checkbox(label, key=key, width="stretch", wrap=True):
                said_yes.discard(question.id)
                continue
            said_yes.add(question.id)
            text = f"{literal(question.if_yes)}{cite(question.source_ids)}"
            if question.kind == "emergency":
                st.error(text, icon=URGENCY_ICONS["emergency"])
            elif question.kind in URGENCY_ICONS:
                st.warning(text, icon=URGENCY_ICONS[question.kind])
            else:
                st.info(text, icon=":material/info:")


def _lines(entries: Sequence[Entry], cite: Cite) -> str:
    return "\n".join(f"- {literal(entry.text)}{cite(entry.source_ids)}" for entry in entries)


def _educator(dataset: Dataset, details: RegionDetails, on_open_muscle: OpenMuscle) -> None:
    cite = _citer(details)
    st.markdown(literal(details.summary.text) + cite(details.summary.source_ids))
    _conditions("Conditions and the evidence for dry needling", details.conditions, cite, on_open_muscle, plain=False)
    _muscles("Referred pain: muscles that may refer here", details.muscles, cite, on_open_muscle, plain=False)
    _entries("Region-specific hazards", details.hazards, cite)
    _red_flags("Red flags", details.red_flags, cite)
    _red_flags("After-session warnings", details.after_session, cite)
    _session("Session", details.session, cite)
    _entries("Contraindications and precautions", details.contraindications, cite, CONTRAINDICATIONS_KEY)
    _entries("Adverse events", details.adverse_events, cite, ADVERSE_EVENTS_KEY)
    _entries("Caveats for teaching", details.caveats, cite)


Cite = Callable[[Sequence[str]], str]


def _no_marks(source_ids: Sequence[str]) -> str:
    """No citation numbers: the patient page says where each section comes from at its end instead."""
    return ""


def _citer(details: RegionDetails) -> Cite:
    return lambda source_ids: citation_marks(source_ids, details.source_number)


def _red_flags(title: str, flags: Sequence[Entry], cite: Cite) -> None:
    """This region's flags first, most urgent first; then those that hold wherever the pain is.

    Notes under a heading, not alert boxes: a screen reader would announce a dozen alerts at once on every change.
    """
    st.subheader(title, anchor=False)
    own = [flag for flag in flags if not flag.general]
    general = [flag for flag in flags if flag.general]
    for group, caption in ((own, ""), (general, GENERAL_FLAGS_CAPTION)):
        if group and caption:
            st.caption(_(caption))
        if group:
            st.markdown("\n\n".join(_flag_note(flag, cite) for flag in group))


def _flag_note(flag: Entry, cite: Cite) -> str:
    """A flag's urgency as an icon and a tinted lead-in, then its text."""
    colour = "red" if flag.kind == "emergency" else "orange"
    lead = f":{colour}-background[{URGENCY_ICONS[flag.kind]} {lead_in(flag_title(flag.kind, flag.title)).strip()}]"
    return f"{lead} {literal(flag.text)}{cite(flag.source_ids)}"


URGENCY_ICONS = {
    "emergency": ":material/emergency:",
    "urgent": ":material/medical_services:",
    "soon": ":material/medical_services:",
}


def _conditions(
    title: str | None,
    conditions: Sequence[ConditionEntry],
    cite: Cite,
    on_open_muscle: OpenMuscle,
    plain: bool,
    brief: bool = False,
) -> None:
    _heading(title)
    for entry in conditions:
        condition = entry.condition
        label = evidence_label(condition.evidence_level, condition.evidence_duration)
        # One markdown element per condition, not three: the browser redraws every element on every tap.
        parts = [f"#### {literal(entry.title)}"]
        if not brief:
            parts.append(literal(entry.text) + cite(condition.source_ids))
        parts.append(
            f"**{_(EVIDENCE_WORDS)}** ({label}): {literal(entry.evidence)}" + cite(condition.evidence_source_ids)
        )
        st.markdown("\n\n".join(parts))
        if entry.muscles:
            key = f"condition_muscles_{condition.id}"
            labels = {muscle.id: literal(muscle.name) for muscle in entry.muscles}
            st.pills(
                _("Muscles whose trigger points may be involved: choose one to see its pattern"),
                list(labels),
                format_func=labels.__getitem__,
                key=key,
                on_change=open_chosen,
                wrap=True,
                args=(key, on_open_muscle),
            )


def _muscles(
    title: str | None,
    matches: Sequence[MuscleMatch],
    cite: Cite,
    on_open_muscle: OpenMuscle,
    plain: bool,
    brief: bool = False,
) -> None:
    _heading(title)
    for match in matches:
        muscle = match.muscle
        name = f"{muscle.plain_name} ({muscle.name})" if plain else muscle.name
        with st.container(border=True, key=f"muscle_{muscle.id}"):
            line = f"**{literal(name)}**  \n{literal(match.zones_in_words(plain))}"
            if not brief:
                text = muscle.plain_description if plain else muscle.clinical_description
                line += f"  \n{literal(text)}{cite(muscle.source_ids)}"
            st.markdown(line)
            st.button(
                # Named with its muscle: a screen reader's list of buttons must not read seven identical ones.
                _("Show on the map: {muscle}").format(muscle=literal(muscle.plain_name if plain else muscle.name)),
                key=f"pattern_{muscle.id}",
                on_click=on_open_muscle,
                args=(muscle.id,),
                icon=":material/visibility:",
            )


def _session(title: str | None, steps: Sequence[Entry], cite: Cite) -> None:
    _heading(title)
    lines = [
        f"- **{_(SESSION_TOPIC_TITLES[step.kind])}:** {literal(step.text)}{cite(step.source_ids)}" for step in steps
    ]
    st.markdown("\n".join(lines))


def _entries(title: str | None, entries: Sequence[Entry], cite: Cite, closed_key: str | None = None) -> None:
    """A titled list; with ``closed_key``, a closed section whose list is built only when it is opened."""
    lines = "\n".join(f"- {lead_in(entry.title)}{literal(entry.text)}{cite(entry.source_ids)}" for entry in entries)
    if closed_key is None:
        _heading(title)
        st.markdown(lines)
        return
    with _section(title or "", closed_key) as section:
        if section.open:
            st.markdown(lines)


def _heading(title: str | None) -> None:
    """A section's heading; a folded section passes None, since its expander already names it."""
    if title:
        st.subheader(title, anchor=False)


def _section(title: str, key: str, expanded: bool = False) -> ExpanderContainer:
    """An expander that tracks whether it is open, so the panel builds its contents only while it is.

    The browser lays out and re-parses every element of the page twice per tap (when the run starts and when its
    content arrives), hidden or not; the closed sections held about 60% of a patient panel's text
    (bench/benchmark.py, docs/benchmarks.md).
    """
    return st.expander(title, expanded=expanded, key=key, on_change="rerun")


def _claims(title: str | None, claims: Sequence[ClaimEntry], cite: Cite, on_open_claims: OpenClaims) -> None:
    """The clinic claims about this region, each with its verdict, and a way to all of them."""
    _heading(title)
    if claims:
        st.markdown(claims_markdown(claims, cite))
    st.button(
        _("Check other claims about dry needling"), icon=":material/fact_check:", on_click=on_open_claims, key="claims"
    )


def _sources(details: RegionDetails) -> None:
    # Educators see the sources open; each audience keeps its own open or closed state.
    title = _("Sources ({count})").format(count=len(details.sources))
    with _section(title, f"sources_open_{details.audience}", expanded=details.audience == "educator") as section:
        if not section.open:
            return
        lines = []
        for number, source in enumerate(details.sources, start=1):
            where = f" {literal(source.doi_or_url)}" if source.doi_or_url else ""
            checked = _("read in the source") if source.checked == "V" else _("checked through a secondary source")
            kind = _(STUDY_TYPE_WORDS[source.study_type])
            lines.append(f"{number}. {literal(source.citation)}{where} :gray[({kind}; {checked})]")
        st.markdown("\n".join(lines))
