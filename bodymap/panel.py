"""A region's details panel as data: what each audience reads about a region, in its order, with no markup at all.

The page draws these blocks in the browser (bodymap/ui/static/panel.js), every region's panel sent once, so a tap on
the map shows its region at once instead of after a round trip and a redraw of the page (docs/benchmarks.md). Text is
held as runs of plain text: the renderer writes each with ``textContent``, so dataset text can never become markup.

Patients see safety first and plain words; therapists a chair script to say and ask, one step at a time; educators
the clinical text, essential versus spillover zones and numbered sources.

A block is a dict with a ``kind``:

- ``heading``: ``level`` (2 to 5), ``text``, ``anchor`` (an id the page's links lead to, or None);
- ``paragraph``: ``runs`` and a ``tone`` ("" or "muted"); a run is ``{"text", "style"}``, the style one of
  ``RUN_STYLES``;
- ``list``: ``items``, each a list of runs, numbered if ``ordered``;
- ``fold``: a section folded under its ``title``, ``open`` or not, holding ``blocks``; its ``key`` names it;
- ``box``: ``tone`` ("help", "info", "warning" or "error") around ``blocks``;
- ``card``: a bordered group of ``blocks`` (one muscle);
- ``actions``: a ``label`` (may be "") over ``buttons``, each ``{"label", "action", "value"}``; the actions are
  ``ACTIONS``, answered by the server;
- ``call``: a link button, ``label`` and ``href`` (a ``tel:`` link);
- ``links``: jump links within the panel, ``links`` of ``{"anchor", "text"}``;
- ``sources``: the numbered list of the sources ``ids``, each drawn from the set's lines (:func:`all_panels`);
- ``chair``: the therapist's steps (see :func:`_chair`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from bodymap.clinic import NO_NUMBER_WORDS, emergency_number
from bodymap.data import Audience, Dataset, Source
from bodymap.i18n import N_, _, ngettext
from bodymap.lookup import (
    ChairQuestion,
    ClaimEntry,
    ConditionEntry,
    Entry,
    MuscleMatch,
    RegionDetails,
    region_details,
    selectable_regions,
)
from bodymap.wording import (
    GENERAL_FLAGS_CAPTION,
    HELP_TIERS,
    SESSION_TOPIC_TITLES,
    STUDY_TYPE_WORDS,
    VERDICT_WORDS,
    evidence_label,
    flag_title,
    number_ranges,
    plain_evidence_label,
)

Block = dict[str, object]
Run = dict[str, str]
RunStyle = Literal["", "bold", "italic", "muted", "small", "cite", "emergency", "urgent"]
RUN_STYLES: tuple[RunStyle, ...] = ("", "bold", "italic", "muted", "small", "cite", "emergency", "urgent")
ACTIONS = ("muscle", "claims")  # show a muscle's pattern on the map; open the claims checked
DETAILS_ANCHOR = "details"  # the id of the panel's heading, whatever the panel shows: the page's skip link leads there

CLAIMS_TITLE = N_("What you may have read")
PATIENT_SECTIONS = {
    "going-on": N_("What might be going on"),
    "session": N_("What a session is like"),
    "safe": N_("Is needling safe for me?"),
    "get-help": N_("When to get help"),
}
# What a patient most wants to know first about a session; the rest is one tap away.
PATIENT_SESSION_TOPICS = ("what_happens", "sensations", "soreness", "region_note")
HELP_NOW_TITLE = N_("Get help straight away if…")
TALKING_POINTS_TITLE = N_("Talking points")
FEELS_LIKE_TITLE = N_("What it feels like")
AFTERWARDS_TITLE = N_("Afterwards")
WARNING_SIGNS_WORDS = N_("Warning signs to tell them:")
EVIDENCE_WORDS = N_("Evidence for dry needling")
CHAIR_STEPS_LABEL = N_("At the chair, step by step")
CHAIR_STEPS = (N_("Explain"), N_("Ask first"), N_("Red flags"), N_("Afterwards"))
CHAIR_QUESTION_TITLES = {
    "Ask first": N_("Before needling: tick each yes"),
    "Red flags": N_("Red flags: a yes means refer"),
}
CONDITION_MUSCLES_WORDS = N_("Muscles whose trigger points may be involved: choose one to see its pattern")
SHOW_MUSCLE_WORDS = N_("Show on the map: {muscle}")
OTHER_CLAIMS_WORDS = N_("Check other claims about dry needling")

Cite = Callable[[Iterable[str]], list[Run]]


def run(text: str, style: RunStyle = "") -> Run:
    return {"text": text, "style": style}


def heading(level: int, text: str, anchor: str | None = None) -> Block:
    return {"kind": "heading", "level": level, "text": text, "anchor": anchor}


def paragraph(*runs: Run, tone: Literal["", "muted"] = "") -> Block:
    return {"kind": "paragraph", "runs": list(runs), "tone": tone}


def bullets(items: Iterable[list[Run]], ordered: bool = False) -> Block:
    return {"kind": "list", "items": list(items), "ordered": ordered}


def fold(key: str, title: str, blocks: Iterable[Block], open_: bool = False) -> Block:
    """A folded section; ``key`` names it across regions, so a section a reader opened stays open on the next one."""
    return {"kind": "fold", "key": key, "title": title, "open": open_, "blocks": list(blocks)}


def box(tone: Literal["help", "info", "warning", "error"], blocks: Iterable[Block]) -> Block:
    return {"kind": "box", "tone": tone, "blocks": list(blocks)}


def button(label: str, action: str, value: str = "") -> dict[str, str]:
    return {"label": label, "action": action, "value": value}


def actions(label: str, buttons: Iterable[dict[str, str]]) -> Block:
    return {"kind": "actions", "label": label, "buttons": list(buttons)}


def lead(title: str) -> Run:
    """A bold title that runs into its text, without doubling a title's own "?" or "."."""
    ending = "" if title.rstrip().endswith((".", "?", "!", "…")) else "."
    return run(f"{title}{ending} ", "bold")


def region_panel(details: RegionDetails) -> list[Block]:
    """A region's panel for the audience of ``details``, its heading first and its numbered sources last."""
    builders = {"patient": _patient, "therapist": _therapist, "educator": _educator}
    blocks = [heading(2, details.region.name, DETAILS_ANCHOR), *builders[details.audience](details)]
    return [*blocks, *_claims_section(details), _sources(details)]


def _citer(details: RegionDetails) -> Cite:
    """Citation numbers matching the numbered source list, e.g. " [2, 5]"."""

    def cite(source_ids: Iterable[str]) -> list[Run]:
        numbers = sorted({details.source_number(source_id) for source_id in source_ids})
        return [run(f" [{', '.join(str(n) for n in numbers)}]", "cite")] if numbers else []

    return cite


def _no_marks(source_ids: Iterable[str]) -> list[Run]:
    """No citation numbers: the patient page says where each section comes from at its end instead."""
    return []


def _where_from(details: RegionDetails, source_ids: Iterable[str]) -> list[Block]:
    """A muted line naming a section's sources by their numbers in the list at the end of the page."""
    numbers = {details.source_number(source_id) for source_id in source_ids}
    if not numbers:
        return []
    where = _("Where this comes from: {numbers} in Sources, at the end.")
    return [paragraph(run(where.format(numbers=number_ranges(numbers, _("{first} to {last}")))), tone="muted")]


def _patient(details: RegionDetails) -> list[Block]:
    """Written the way good patient information is: a calm opening, the few signs that need help straight away, then
    what might be going on, what a session is like, whether it is safe, and when to get help, in three tiers.

    Citation numbers would clutter the text, so each section ends with where it comes from instead.
    """
    conditions = [entry.condition for entry in details.conditions]
    first_of_each = [step for index, step in enumerate(details.session) if _first_of_topic(details.session, index)]
    shown = [step for step in first_of_each if step.kind in PATIENT_SESSION_TOPICS]
    safety = (*details.contraindications, *details.adverse_events)
    return [
        paragraph(run(details.summary.text)),
        _help_straight_away(details),
        {"kind": "links", "links": [{"anchor": a, "text": _(title)} for a, title in PATIENT_SECTIONS.items()]},
        _anchored("going-on"),
        *_patient_conditions(details.conditions),
        fold("patient_muscles", _("Muscles that may send pain here"), _muscles(details.muscles, _no_marks, plain=True)),
        # The opening paragraph's sources are this first section's too.
        *_where_from(
            details,
            [*details.summary.source_ids, *(s for c in conditions for s in (*c.source_ids, *c.evidence_source_ids))],
        ),
        _anchored("session"),
        _session(shown, _no_marks),
        fold(
            "patient_session",
            _("More about a session"),
            [_session([step for step in details.session if step not in shown], _no_marks)],
        ),
        *_where_from(details, [s for step in details.session for s in step.source_ids]),
        _anchored("safe"),
        fold("contraindications", _("Needling may not suit you if…"), [_entries(details.contraindications, _no_marks)]),
        fold("adverse_events", _("Side effects"), [_entries(details.adverse_events, _no_marks)]),
        *_where_from(details, [s for entry in safety for s in entry.source_ids]),
        _anchored("get-help"),
        *_help_tiers(details),
    ]


def _anchored(anchor: str) -> Block:
    """A section heading the page's jump links lead to."""
    return heading(3, _(PATIENT_SECTIONS[anchor]), anchor)


def _first_of_topic(steps: Sequence[Entry], index: int) -> bool:
    return index == 0 or steps[index - 1].kind != steps[index].kind


def _patient_conditions(conditions: Sequence[ConditionEntry]) -> list[Block]:
    """Each condition in a few lines with what studies found in a phrase; the findings in full one tap away."""
    blocks = []
    for entry in conditions:
        label = plain_evidence_label(entry.condition.evidence_level, entry.condition.evidence_duration)
        evidence = _("Dry needling: {evidence}").format(evidence=label)
        blocks.append(paragraph(lead(entry.title), run(entry.text)))
        blocks.append(paragraph(run(evidence), tone="muted"))
    findings = bullets([lead(entry.title), run(entry.evidence)] for entry in conditions)
    return [*blocks, fold("patient_evidence", _("What the studies found"), [findings])]


def _help_straight_away(details: RegionDetails) -> Block:
    """One short box: the emergency signs to check before needling, and the number to call."""
    signs = [sign for sign in details.help_signs if sign.urgency == "emergency" and not sign.after_needling]
    return box(
        "help",
        [
            paragraph(run(_(HELP_NOW_TITLE), "bold")),
            bullets([run(sign.symptom)] for sign in signs),
            _call_emergency(_("Call {number}, or go to the emergency department.")),
        ],
    )


def _call_emergency(without_number: str) -> Block:
    """The clinic's Call button (a ``tel:`` link); with no number set, words saying whom to call, since emergency
    numbers differ by country."""
    number = emergency_number()
    if number.dial:
        return {"kind": "call", "label": _("Call {number}").format(number=number.shown), "href": number.dial}
    return paragraph(run(without_number.format(number=_(NO_NUMBER_WORDS))))


def _help_tiers(details: RegionDetails) -> list[Block]:
    """When to get help, most urgent first: the symptom in plain words, the diagnosis in small type.

    The signs in full, and where they come from, are one tap away.
    """
    number = emergency_number()
    shown = number.shown if number.dial else _(NO_NUMBER_WORDS)
    blocks: list[Block] = []
    for urgency, words in HELP_TIERS.items():
        signs = [sign for sign in details.help_signs if sign.urgency == urgency]
        if signs:
            blocks.append(heading(4, _(words).format(number=shown)))
            blocks.append(
                bullets(
                    [run(sign.symptom), *([run(f" ({sign.diagnosis})", "small")] if sign.diagnosis else [])]
                    for sign in signs
                )
            )
    in_full = bullets([lead(sign.symptom), run(sign.text)] for sign in details.help_signs)
    where = _where_from(details, [s for sign in details.help_signs for s in sign.source_ids])
    return [*blocks, fold("patient_signs", _("Read each sign in full"), [in_full, *where])]


def _therapist(details: RegionDetails) -> list[Block]:
    """The chair script, then everything a therapist looks up rather than says, folded."""
    cite = _citer(details)
    return [
        _chair(details, cite),
        fold(
            "therapist_conditions", _("Conditions and the evidence"), _conditions(details.conditions, cite, brief=True)
        ),
        fold(
            "therapist_muscles",
            _("Muscles that may refer here"),
            _muscles(details.muscles, cite, plain=False, brief=True),
        ),
        fold("therapist_hazards", _("Hazards in this region"), [_entries(details.hazards, cite)]),
        fold(
            "contraindications",
            _("Contraindications and precautions in full"),
            [_entries(details.contraindications, cite)],
        ),
        fold(
            "therapist_flags",
            _("Red flags and after-session warnings in full"),
            [
                *_red_flags(_("Red flags: refer instead"), details.red_flags, cite),
                *_red_flags(_("Tell the patient to watch for"), details.after_session, cite),
            ],
        ),
        fold("therapist_session", _("What the patient can expect, in full"), [_session(details.session, cite)]),
    ]


def _chair(details: RegionDetails, cite: Cite) -> Block:
    """What to say, what to ask before any needle, the red flags, what to watch for after: four steps, one tap apart.

    Each step is one screen beside the map on a 1024x768 tablet, in the order of a visit. A step with questions lists
    them to tick; a ticked question shows what a yes means (``meaning``, its tone by urgency), and the step's label
    counts the yeses (``label_with_yes``, "{count}" filled in by the page), so a yes is not lost from sight.
    """
    warning_signs = "; ".join(details.warning_signs)
    explain = [
        heading(4, _(TALKING_POINTS_TITLE)),
        _lines(details.talking_points, cite),
        heading(4, _(FEELS_LIKE_TITLE)),
        _lines(details.feels_like, cite),
    ]
    afterwards = [
        heading(4, _(AFTERWARDS_TITLE)),
        bullets(
            [
                *([run(entry.text), *cite(entry.source_ids)] for entry in details.afterwards),
                [run(_(WARNING_SIGNS_WORDS), "bold"), run(f" {warning_signs}.")],
            ]
        ),
    ]
    questions = {"Ask first": details.before_needling, "Red flags": details.red_flag_questions}
    steps = []
    for step in CHAIR_STEPS:
        asked = questions.get(step, ())
        blocks = [heading(4, _(CHAIR_QUESTION_TITLES[step]))] if step in questions else []
        blocks += explain if step == "Explain" else afterwards if step == "Afterwards" else []
        steps.append(
            {
                "key": step,
                "label": _(step),
                "label_with_yes": _("{step} ({count} yes)").format(step=_(step), count="{count}"),
                "blocks": blocks,
                "questions": [_chair_question(question, cite) for question in asked],
            }
        )
    return {"kind": "chair", "label": _(CHAIR_STEPS_LABEL), "steps": steps}


CHAIR_TONES = {"emergency": "error", "urgent": "warning", "soon": "warning"}  # else "info"


def _chair_question(question: ChairQuestion, cite: Cite) -> dict[str, object]:
    prefix = _("Ask yourself: ") if question.kind == "check" else ""
    return {
        "id": question.id,
        "text": f"{prefix}{question.question}",
        "tone": CHAIR_TONES.get(question.kind, "info"),
        "meaning": [run(question.if_yes), *cite(question.source_ids)],
    }


def _lines(entries: Sequence[Entry], cite: Cite) -> Block:
    return bullets([run(entry.text), *cite(entry.source_ids)] for entry in entries)


def _educator(details: RegionDetails) -> list[Block]:
    cite = _citer(details)
    return [
        paragraph(run(details.summary.text), *cite(details.summary.source_ids)),
        heading(3, "Conditions and the evidence for dry needling"),
        *_conditions(details.conditions, cite),
        heading(3, "Referred pain: muscles that may refer here"),
        *_muscles(details.muscles, cite, plain=False),
        heading(3, "Region-specific hazards"),
        _entries(details.hazards, cite),
        *_red_flags("Red flags", details.red_flags, cite),
        *_red_flags("After-session warnings", details.after_session, cite),
        heading(3, "Session"),
        _session(details.session, cite),
        fold("contraindications", "Contraindications and precautions", [_entries(details.contraindications, cite)]),
        fold("adverse_events", "Adverse events", [_entries(details.adverse_events, cite)]),
        heading(3, "Caveats for teaching"),
        _entries(details.caveats, cite),
    ]


def _red_flags(title: str, flags: Sequence[Entry], cite: Cite) -> list[Block]:
    """This region's flags first, most urgent first; then those that hold wherever the pain is.

    Notes under a heading, not alert boxes: a screen reader would announce a dozen alerts at once on every change.
    """
    blocks = [heading(3, title)]
    own = [flag for flag in flags if not flag.general]
    general = [flag for flag in flags if flag.general]
    for group, caption in ((own, ""), (general, GENERAL_FLAGS_CAPTION)):
        if group and caption:
            blocks.append(paragraph(run(_(caption)), tone="muted"))
        blocks += [_flag_note(flag, cite) for flag in group]
    return blocks


def _flag_note(flag: Entry, cite: Cite) -> Block:
    """A flag's urgency as a tinted lead-in (its words say the urgency; the tint only repeats it), then its text."""
    style: RunStyle = "emergency" if flag.kind == "emergency" else "urgent"
    title = lead(flag_title(flag.kind, flag.title))
    return paragraph(run(title["text"].strip(), style), run(f" {flag.text}"), *cite(flag.source_ids))


def _conditions(conditions: Sequence[ConditionEntry], cite: Cite, brief: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for entry in conditions:
        condition = entry.condition
        label = evidence_label(condition.evidence_level, condition.evidence_duration)
        blocks.append(heading(4, entry.title))
        if not brief:
            blocks.append(paragraph(run(entry.text), *cite(condition.source_ids)))
        blocks.append(
            paragraph(
                run(_(EVIDENCE_WORDS), "bold"),
                run(f" ({label}): {entry.evidence}"),
                *cite(condition.evidence_source_ids),
            )
        )
        if entry.muscles:
            shows = [button(muscle.name, "muscle", muscle.id) for muscle in entry.muscles]
            blocks.append(actions(_(CONDITION_MUSCLES_WORDS), shows))
    return blocks


def _muscles(matches: Sequence[MuscleMatch], cite: Cite, plain: bool, brief: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for match in matches:
        muscle = match.muscle
        name = f"{muscle.plain_name} ({muscle.name})" if plain else muscle.name
        lines = [paragraph(run(name, "bold")), paragraph(run(match.zones_in_words(plain)))]
        if not brief:
            text = muscle.plain_description if plain else muscle.clinical_description
            lines.append(paragraph(run(text), *cite(muscle.source_ids)))
        # Named with its muscle: a screen reader's list of buttons must not read seven identical ones.
        label = _(SHOW_MUSCLE_WORDS).format(muscle=muscle.plain_name if plain else muscle.name)
        lines.append(actions("", [button(label, "muscle", muscle.id)]))
        blocks.append({"kind": "card", "blocks": lines})
    return blocks


def _session(steps: Sequence[Entry], cite: Cite) -> Block:
    return bullets(
        [run(f"{_(SESSION_TOPIC_TITLES[step.kind])}: ", "bold"), run(step.text), *cite(step.source_ids)]
        for step in steps
    )


def _entries(entries: Sequence[Entry], cite: Cite) -> Block:
    return bullets([lead(entry.title), run(entry.text), *cite(entry.source_ids)] for entry in entries)


def _claims_section(details: RegionDetails) -> list[Block]:
    """The clinic claims about this region, each with its verdict first, and a way to all of them.

    Educators read them through; at the chair and at home they are looked up, so folded.
    """
    patient = details.audience == "patient"
    cite = _no_marks if patient else _citer(details)
    blocks = [*claim_blocks(details.claims, cite), actions("", [button(_(OTHER_CLAIMS_WORDS), "claims")])]
    if details.audience == "educator":
        return [heading(3, _(CLAIMS_TITLE)), *blocks]
    if patient:
        blocks += _where_from(details, [s for claim in details.claims for s in claim.source_ids])
    count = len(details.claims)
    checked = ngettext("{count} claim checked", "{count} claims checked", count).format(count=count)
    return [fold("claims", f"{_(CLAIMS_TITLE)} ({checked})", blocks)]


def claim_blocks(entries: Sequence[ClaimEntry], cite: Cite) -> list[Block]:
    """Each claim with its verdict in front of it, so a reader who skims still reads the verdict first."""
    blocks = []
    for entry in entries:
        blocks.append(
            paragraph(run(f"{_(VERDICT_WORDS[entry.claim.verdict])}: ", "bold"), run(entry.claim.claim, "italic"))
        )
        blocks.append(paragraph(run(entry.text), *cite(entry.source_ids)))
    return blocks


def _sources(details: RegionDetails) -> Block:
    """The numbered sources, open for educators; by id, since most regions share most sources (:func:`all_panels`)."""
    title = _("Sources ({count})").format(count=len(details.sources))
    numbered: Block = {"kind": "sources", "ids": [source.id for source in details.sources]}
    return fold(f"sources_{details.audience}", title, [numbered], open_=details.audience == "educator")


def source_line(source: Source) -> list[Run]:
    """A source as its list shows it: the citation and link, what kind of source it is, and how it was checked."""
    where = f" {source.doi_or_url}" if source.doi_or_url else ""
    checked = _("read in the source") if source.checked == "V" else _("checked through a secondary source")
    kind = _(STUDY_TYPE_WORDS[source.study_type])
    return [run(f"{source.citation}{where}"), run(f" ({kind}; {checked})", "muted")]


START_POINTS = (
    N_("what may be going on, and what the research says about dry needling for it;"),
    N_("which muscles may send pain there;"),
    N_("what a session is like;"),
    N_("when to see a doctor instead."),
)


def start_panel(dataset: Dataset, audience: Audience) -> list[Block]:
    """The panel before any region is chosen: what a region shows, the state of the evidence, and the claims."""
    overview = dataset.notices["evidence_overview"]
    text = overview.plain_text if audience != "educator" else overview.clinical_text
    return [
        heading(2, _("Start here"), DETAILS_ANCHOR),
        paragraph(run(_("Choose a blue region on the body map, or one from the list, to see:"))),
        bullets([run(_(point))] for point in START_POINTS),
        box("info", [paragraph(lead(overview.title), run(text))]),
        actions("", [button(_("What you may have read: clinic claims checked"), "claims")]),
    ]


PanelSet = dict[str, dict[str, object]]


def all_panels(dataset: Dataset, audience: Audience) -> PanelSet:
    """Every panel an audience can open, sent to the page at once: ``panels`` by region id (the start panel under
    ""), and ``sources``, each source's line by id, which the panels' source lists number (kind ``sources``)."""
    panels: dict[str, object] = {"": start_panel(dataset, audience)}
    cited: set[str] = set()
    for region in selectable_regions(dataset):
        details = region_details(dataset, region.id, audience)
        panels[region.id] = region_panel(details)
        cited.update(source.id for source in details.sources)
    sources: dict[str, object] = {source_id: source_line(dataset.sources[source_id]) for source_id in sorted(cited)}
    return {"panels": panels, "sources": sources}
